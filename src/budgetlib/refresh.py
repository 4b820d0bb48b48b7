"""Store the outputs of the notebooks as run with their default parameters on the shipped data.

nbval compares a fresh run against these stored outputs, so updating them is
a deliberate act (``make notebooks``) when a change in figures is intended.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from budgetlib.atomic import write_atomic
from budgetlib.build import skip_iri_grammar
from budgetlib.kernel import new_kernel_manager

TIMEOUT = 300


def refresh_outputs(notebook: Path) -> None:
    """Run ``notebook`` top to bottom in a fresh kernel of this environment and save it in place.

    No execution timestamps are recorded, so an unchanged notebook is
    rewritten byte for byte the same.
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
    write_atomic(notebook, nbformat.writes(document) + "\n")  # type: ignore[no-untyped-call]
