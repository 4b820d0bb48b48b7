"""Store the outputs of the notebooks as run with their default parameters on the shipped data.

nbval compares a fresh run against these stored outputs, so updating them is
a deliberate act (``make notebooks``) when a change in figures is intended.
Charts are not stored: nbval never compares images, and a stored PNG would
only make every figure change a binary diff. Each chart keeps its text
alternative, which nbval does compare.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from budgetlib.atomic import write_atomic
from budgetlib.report.build import skip_iri_grammar
from budgetlib.report.kernel import new_kernel_manager

TIMEOUT = 300


def refresh_outputs(notebook: Path) -> None:
    """Run ``notebook`` top to bottom in a fresh kernel of this environment and save it in place.

    No execution timestamps and no images are recorded, so an unchanged
    notebook is rewritten byte for byte the same.
    """
    skip_iri_grammar()
    import nbformat
    from nbclient import NotebookClient

    document = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    manager = new_kernel_manager()
    client = NotebookClient(
        document,
        km=manager,
        timeout=TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    manager.start_kernel(cwd=str(notebook.parent), stderr=subprocess.DEVNULL)  # start-up notices only
    try:
        client.execute()
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    document.metadata.pop("widgets", None)
    strip_images(document)
    write_atomic(notebook, nbformat.writes(document) + "\n")  # type: ignore[no-untyped-call]


def strip_images(document: Any) -> None:
    """Drop the image data of every output; its ``text/plain`` stays for nbval to compare."""
    for cell in document.cells:
        for output in cell.get("outputs", []):
            for mime in [m for m in output.get("data", {}) if m.startswith("image/")]:
                del output["data"][mime]
