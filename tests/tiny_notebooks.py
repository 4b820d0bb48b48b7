"""Small stand-ins for the report notebooks, for tests of the build itself, and kernel bookkeeping.

They take the real notebooks' parameters, so ``plan`` accepts them, and run
in well under a second, so a test pays only for starting its kernels.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from budgetlib.report.jobs import (
    COMPARISON_NOTEBOOK,
    NAMND_NOTEBOOK,
    OVERVIEW_NOTEBOOK,
    RECONCILIATION_NOTEBOOK,
)

ONE_REPORT = 'region: str = ""\nnamnd: str = ""\nyear: int = 0\ndata_dir: str = ""'
PAGES = '\nreconciliation_page: str = "avstamning.html"\ncomparison_page: str = "jamforelse.html"'
OWN_PAGES = '\nreconciliation_page: str = ""\ncomparison_page: str = ""'
OVERVIEW = 'namnd: str = ""\nyear: int = 0\ndata_dir: str = ""'
SELECTION = 'regions: list = []\nnamnder: list = []\nyears: list = []\ndata_dir: str = ""' + OWN_PAGES
SELECTION += "\norganisation_pages: bool = False"


def notebook(parameters: str, *cells: str) -> dict[str, object]:
    """A notebook: the tagged parameters cell, then one code cell per source."""
    tagged = [(parameters, ["parameters"]), *((source, []) for source in cells)]
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {
                "cell_type": "code",
                "id": f"c{number}",
                "metadata": {"tags": tags},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
            for number, (source, tags) in enumerate(tagged, start=1)
        ],
    }


def write_notebooks(folder: Path, *namnd_cells: str) -> Path:
    """The four report notebooks in ``folder``; the per-nämnd one runs ``namnd_cells``."""
    folder.mkdir(parents=True, exist_ok=True)
    cells = namnd_cells or ("print(region, namnd, year)",)
    for name, parameters, body in (
        (NAMND_NOTEBOOK, ONE_REPORT + PAGES, cells),
        (
            RECONCILIATION_NOTEBOOK,
            ONE_REPORT + OWN_PAGES + "\nchecks_in_namnd_reports: bool = False",
            ("print('avstämning', region)",),
        ),
        (OVERVIEW_NOTEBOOK, OVERVIEW, ("print('översikt', namnd, year)",)),
        (COMPARISON_NOTEBOOK, SELECTION, ("print('jämförelse', regions)",)),
    ):
        (folder / name).write_text(json.dumps(notebook(parameters, *body)), encoding="utf-8")
    return folder


def kernels_of(parent: int) -> list[int]:
    """Process ids of the live kernels that ``parent`` started."""
    found = []
    for process in Path("/proc").iterdir():
        try:
            command = (process / "cmdline").read_bytes()
            environment = (process / "environ").read_bytes().split(b"\0")
            state = (process / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        ours = b"ipykernel_launcher" in command and f"JPY_PARENT_PID={parent}".encode() in environment
        if ours and state != "Z":  # a zombie has exited; only its parent's bookkeeping is left
            found.append(int(process.name))
    return found


def wait_until_no_kernels_of(parent: int, seconds: float = 10.0) -> list[int]:
    """Kernels of ``parent`` still alive after up to ``seconds`` (they poll for their parent each second)."""
    deadline = time.monotonic() + seconds
    while (left := kernels_of(parent)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left
