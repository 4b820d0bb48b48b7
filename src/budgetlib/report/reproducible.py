"""Executed notebooks that depend only on what ran, not on when, where or in which kernel.

papermill records clock times, durations and absolute paths, gives the cell
it injects a random id, and a warm kernel counts executions across the
notebooks it ran before. Without them the same data gives the same bytes,
build after build, whatever the number of parallel kernels.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from budgetlib.report.prepared import PREPARED

TIMING = ("start_time", "end_time", "duration")
INJECTED_TAG = "injected-parameters"
DATA_DIR = "data_dir"


def _renumber(notebook: Any) -> None:
    """Execution counts 1, 2, 3 … as in a fresh kernel, though the kernel ran other notebooks first."""
    count = 0
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if output.output_type == "execute_result":
                    output.execution_count = count


def _relative_paths(notebook: Any, template: Path, folder: Path) -> None:
    """Record the template and the data folder relative to ``folder``, where the notebook is saved.

    The notebook reruns from there (JupyterLab starts it in its own folder)
    and carries no absolute path of the machine that built it, nor the
    build's prepared data, which a rerun loads from the data folder.
    """
    from papermill.translators import translate_parameters

    from budgetlib.report.kernel import KERNEL_NAME

    record = notebook.metadata.papermill
    record["input_path"] = os.path.relpath(template, folder)
    record["output_path"] = None
    prepared = record["parameters"].pop(PREPARED, None)
    if record["parameters"].get(DATA_DIR):
        record["parameters"][DATA_DIR] = os.path.relpath(record["parameters"][DATA_DIR], folder)
    if prepared is not None or record["parameters"].get(DATA_DIR):
        for cell in notebook.cells:
            if INJECTED_TAG in cell.metadata.get("tags", []):
                cell.source = translate_parameters(KERNEL_NAME, "python", record["parameters"])


def make_reproducible(notebook: Any, template: Path, folder: Path) -> None:
    """Drop times and random ids, renumber executions, record paths relative to ``folder``."""
    _renumber(notebook)
    for key in TIMING:
        notebook.metadata.papermill.pop(key, None)
    for position, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{position}"
        for key in TIMING:
            cell.metadata.get("papermill", {}).pop(key, None)
    _relative_paths(notebook, template, folder)
