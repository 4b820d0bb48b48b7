"""Run a build's reports on a dask.distributed cluster, each worker thread keeping a warm kernel.

The machine that runs ``budgetlib report --scheduler ADDRESS`` plans the
build and writes every file; the workers only run notebooks and render
them. Each task carries what it needs (the template's text, its parameters,
the prepared data as one shared payload), so workers need budgetlib and its
``reports`` extra installed, not the data folder or the reports folder.
"""

from __future__ import annotations

import atexit
import hashlib
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetlib.errors import BudgetlibError
from budgetlib.report.execute import NotebookFailed, execute
from budgetlib.report.jobs import Job
from budgetlib.report.prepared import PREPARED

if TYPE_CHECKING:
    from budgetlib.report.kernel import WarmKernel


class ClusterError(BudgetlibError):
    """The cluster cannot be used: dask.distributed is not installed, or the scheduler does not answer."""


@dataclass(frozen=True)
class Task:
    """One report as a worker runs it: where it will be saved only shapes its recorded paths."""

    template: str  # the template notebook's text
    template_path: str  # as the builder's machine has it, for the paths recorded in the notebook
    folder: str  # where the builder saves the executed notebook
    parameters: dict[str, Any]
    title: str
    timeout: int


@dataclass(frozen=True)
class Rendered:
    """A worker's result: the executed notebook and its page, or why it failed."""

    notebook: str = ""
    html: str = ""
    error: str = ""


class _Worker(threading.local):
    """A warm kernel and an exporter per worker thread, started by its first task and kept."""

    kernel: WarmKernel | None = None
    exporter: Any = None


CONNECT_TIMEOUT = "20s"
_worker = _Worker()
_folder: list[Path] = []  # this worker process's scratch folder, made by its first task
_kernels: list[WarmKernel] = []


def stop_kernels() -> None:
    """Stop this process's warm worker kernels: at exit, or when an in-process cluster closes."""
    while _kernels:
        _kernels.pop().stop()


def _scratch() -> Path:
    if not _folder:
        _folder.append(Path(tempfile.mkdtemp(prefix="budgetlib-worker-")))
        atexit.register(stop_kernels)
    return _folder[0]


def _prepared_file(payload: bytes) -> str:
    """The prepared data as a file of this worker's, written once per content."""
    path = _scratch() / f"prepared-{hashlib.sha256(payload).hexdigest()[:16]}.pickle"
    if not path.is_file():
        partial = path.with_suffix(f".{threading.get_ident()}.part")
        partial.write_bytes(payload)
        partial.replace(path)
    return str(path)


def _fresh(kernel: WarmKernel, lost: bool) -> None:
    """Clear the kernel for the next task, or replace it if it was lost or cannot be cleared."""
    if not lost:
        try:
            kernel.reset()
            return
        except RuntimeError:
            pass
    kernel.replace()


def render(task: Task, prepared: bytes | None) -> Rendered:
    """Run ``task`` on this thread's warm kernel and render it; runs on a worker."""
    import nbformat

    from budgetlib.report.build import skip_iri_grammar
    from budgetlib.report.kernel import WarmKernel
    from budgetlib.report.reproducible import make_reproducible

    if _worker.kernel is None or _worker.kernel not in _kernels:  # none yet, or stopped
        _worker.kernel = WarmKernel(_scratch()).start()
        _kernels.append(_worker.kernel)
    if _worker.exporter is None:
        skip_iri_grammar()
        from budgetlib.report.html_export import HtmlExport

        _worker.exporter = HtmlExport()
    kernel = _worker.kernel
    parameters = dict(task.parameters)
    if prepared is not None and PREPARED in parameters:
        parameters[PREPARED] = _prepared_file(prepared)
    template = _scratch() / f"template-{hashlib.sha256(task.template.encode()).hexdigest()[:16]}.ipynb"
    if not template.is_file():
        template.write_text(task.template, encoding="utf-8")
    try:
        notebook = execute(template, parameters, kernel.ready(), task.timeout)
    except NotebookFailed as failure:
        _fresh(kernel, lost=failure.kernel_lost)
        return Rendered(error=str(failure))
    except RuntimeError as error:  # the kernel could not be made ready
        _fresh(kernel, lost=True)
        return Rendered(error=str(error))
    _fresh(kernel, lost=False)
    make_reproducible(notebook, Path(task.template_path), Path(task.folder))
    notebook.metadata["title"] = task.title
    html = _worker.exporter.page(notebook, task.title)
    return Rendered(nbformat.writes(notebook), html)  # type: ignore[no-untyped-call]


def run_on_cluster(
    scheduler: str,
    jobs: Sequence[Job],
    timeout: int,
    prepared: bytes | None,
    finished: Callable[[Job, Rendered], None],
) -> None:
    """Send every job to the cluster at ``scheduler``; call ``finished`` for each as it comes back.

    On an interruption the jobs not yet run are cancelled and the
    interruption goes on to the caller.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError(
            "--scheduler kräver dask.distributed: installera den med pip install 'budgetlib[cluster]'"
        ) from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"schemaläggaren {scheduler} svarar inte: {error}") from None
    with client:
        shared = (
            client.scatter(prepared, broadcast=True)  # type: ignore[no-untyped-call]
            if prepared is not None
            else None
        )
        futures = {
            client.submit(
                render,
                Task(
                    job.notebook.read_text(encoding="utf-8"),
                    str(job.notebook),
                    str(job.ipynb.parent),
                    dict(job.parameters),
                    job.title,
                    timeout,
                ),
                shared,
                key=f"budgetlib-report-{job.key}-{job.fingerprint[:12]}",
                pure=False,
            ): job
            for job in jobs
        }
        try:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                job = futures[future]
                try:
                    rendered: Rendered = future.result()
                except Exception as error:  # the worker died or could not run the task
                    rendered = Rendered(error=f"{type(error).__name__}: {error}")
                finished(job, rendered)
        except BaseException:
            client.cancel(list(futures))  # type: ignore[no-untyped-call]
            raise
