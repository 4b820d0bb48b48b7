"""Run one report notebook with papermill on a warm kernel, each cell within a time limit.

A failure is a :class:`NotebookFailed` whose message names the cell by its
position in the template notebook ("cell 7 av 23"), so the author finds it
whatever papermill inserted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budgetlib.errors import BudgetlibError
from budgetlib.numbers import format_number
from budgetlib.report.reproducible import INJECTED_TAG

DEFAULT_TIMEOUT = 600  # seconds per cell


class NotebookFailed(BudgetlibError):
    """The notebook did not run through; ``kernel_lost`` if its kernel hung or died with it."""

    def __init__(self, message: str, kernel_lost: bool) -> None:
        super().__init__(message)
        self.kernel_lost = kernel_lost


@dataclass
class _Progress:
    """Which cell runs now, and where papermill put its parameters cell."""

    cells: int  # in the template
    current: int = -1
    injected: int | None = None

    def on_cell_start(self, cell: Any, cell_index: int) -> None:
        self.current = cell_index
        if INJECTED_TAG in cell.metadata.get("tags", []):
            self.injected = cell_index

    def where(self, index: int) -> str:
        """``cell 7 av 23``, counted in the template, as its author sees it."""
        if index < 0:
            return "före första cellen"
        if index == self.injected:
            return f"parametrarna som lades in efter cell {index} av {self.cells}"
        shift = 1 if self.injected is not None and index > self.injected else 0
        return f"cell {index + 1 - shift} av {self.cells}"


def execute(notebook: Path, parameters: dict[str, Any], kernel: Any, timeout: int) -> Any:
    """The notebook run with ``parameters`` on ``kernel``; :class:`NotebookFailed` if it stopped."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from budgetlib.report.kernel import KERNEL_NAME

    progress = _Progress(cells=len(json.loads(notebook.read_text(encoding="utf-8"))["cells"]))
    try:
        return papermill.execute_notebook(
            str(notebook),
            None,  # nothing written; the caller writes the finished report atomically
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            km=kernel,
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            record_timing=False,  # no clock times in the report
            on_cell_start=progress.on_cell_start,
        )
    except PapermillExecutionError as error:
        raise NotebookFailed(
            f"{progress.where(error.cell_index)}: {error.ename}: {error.evalue}", kernel_lost=False
        ) from None
    except CellTimeoutError:
        limit = format_number(timeout)
        message = f"{progress.where(progress.current)} blev inte klar på {limit} s (--timeout) och avbröts"
        raise NotebookFailed(message, kernel_lost=True) from None
    except DeadKernelError:
        message = f"Python-kärnan dog under {progress.where(progress.current)} (slut på minne? avslutad?)"
        raise NotebookFailed(message, kernel_lost=True) from None
    except Exception as error:  # the kernel's state is unknown: the caller replaces it
        message = f"{progress.where(progress.current)}: {type(error).__name__}: {error}"
        raise NotebookFailed(message, kernel_lost=True) from None
