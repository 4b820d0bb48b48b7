"""Build reports: run notebooks with papermill on warm kernels, in parallel, atomically.

Each worker thread keeps one kernel for all its notebooks (clearing the
namespace in between) and HTML is exported in-process, so a build pays for
starting kernels and importing pandas, matplotlib, papermill and nbconvert
once, not once per report. A kernel that hangs past the time limit or dies
is killed and replaced; its report fails alone.
Reports whose fingerprint is unchanged are skipped; a failing report is
recorded in the index and never replaces the previous good one. One build at
a time writes to a reports folder; each report is recorded as soon as its
files are in place, so an interrupted build leaves an index of what it built.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from budgetlib.atomic import remove_temporaries, write_all_atomic
from budgetlib.report.execute import DEFAULT_TIMEOUT, NotebookFailed, execute
from budgetlib.report.fingerprint import library_digest
from budgetlib.report.lock import exclusive
from budgetlib.report.manifest import INDEX, MANIFEST, Entry, Ledger, inside
from budgetlib.report.prepared import PREPARED
from budgetlib.report.reproducible import make_reproducible

if TYPE_CHECKING:  # the rest is imported where used: a build with nothing to do never imports pandas
    from budgetlib.report.jobs import Job, Scope
    from budgetlib.report.kernel import WarmKernel
    from budgetlib.report.pdf import PdfStep
    from budgetlib.report.prepared import Prepared

SCRATCH = Path(".build") / "work"  # the kernels' working folder; emptied by every build
KERNEL_LOG = Path(".build") / "kernels.log"  # the kernels' messages in the last build that ran any
LOCK = Path(".build") / "lock"
CHARTS = Path(".build") / "charts"  # chart images by their inputs, kept between builds
__all__ = ["INDEX", "MANIFEST", "Outcome", "build"]

BuildStatus = Literal["built", "unchanged", "failed"]
BUILD_STATUS_LABELS: dict[BuildStatus, str] = {
    "built": "klar",
    "unchanged": "oförändrad",
    "failed": "misslyckades",
}


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: BuildStatus
    seconds: float = 0.0
    error: str = ""


Progress = Callable[[Outcome, int, int], None]


def _up_to_date(job: Job, entry: Entry | None) -> bool:
    return (
        entry is not None
        and entry.get("status") == "ok"
        and entry.get("fingerprint") == job.fingerprint
        and job.html.is_file()
        and job.ipynb.is_file()
    )


def skip_iri_grammar() -> None:
    """Stop jsonschema from building its optional IRI grammar on import (1–2 s, a known upstream issue).

    jsonschema imports ``rfc3987_syntax`` only to offer an "iri" format check,
    and skips it when the import fails; nbformat's validation never checks
    IRIs. Only this process is affected, not the kernels.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail


def _check_places(jobs: Sequence[Job], reports: Path) -> None:
    """Refuse a reports folder that is a file, and any output that a symlink would lead outside it."""
    from budgetlib.report.names import ReportPathError

    if reports.exists() and not reports.is_dir():
        raise ReportPathError(f"{reports} är en fil, inte en mapp; välj en annan --reports-dir")
    ours = [reports / p for p in (MANIFEST, Path(INDEX), LOCK, SCRATCH, KERNEL_LOG, CHARTS)]
    for path in [*ours, *(job.html for job in jobs), *(job.ipynb for job in jobs)]:
        if not inside(reports, path):
            raise ReportPathError(f"{path} leder ut ur {reports} (en symbolisk länk?); inget byggdes")


def _clear_leftovers(reports: Path, jobs: Sequence[Job], ledger: Ledger) -> None:
    """Remove what a killed build left: temporary files beside the files builds write, the scratch folder."""
    recorded = [reports / entry[kind] for entry in ledger.entries.values() for kind in ("html", "ipynb")]
    outputs = [*recorded, *(job.html for job in jobs), reports / MANIFEST, reports / INDEX]
    for folder in {path.parent for path in outputs}:
        if inside(reports, folder):
            remove_temporaries(folder)
    shutil.rmtree(reports / SCRATCH, ignore_errors=True)
    (reports / SCRATCH).mkdir(parents=True, exist_ok=True)


def _build_one(
    job: Job, kernel: WarmKernel, exporter: Any, timeout: int, prepared: Path | None
) -> tuple[Outcome, bool]:
    """Run and write one report; the outcome, and whether its kernel was lost and must be replaced."""
    import nbformat

    started = time.perf_counter()

    def failed(message: str) -> Outcome:
        return Outcome(job, "failed", time.perf_counter() - started, message)

    parameters = job.parameters
    if prepared is not None and PREPARED in parameters:
        parameters = parameters | {PREPARED: str(prepared)}
    try:
        notebook = execute(job.notebook, parameters, kernel.ready(), timeout)
    except NotebookFailed as failure:
        return failed(str(failure)), failure.kernel_lost
    except RuntimeError as error:  # the kernel could not be made ready
        return failed(str(error)), True
    try:
        make_reproducible(notebook, job.notebook, job.ipynb.parent)
        notebook.metadata["title"] = job.title
        html = exporter.page(notebook, job.title)
        write_all_atomic({job.ipynb: nbformat.writes(notebook), job.html: html})  # type: ignore[no-untyped-call]
    except OSError as error:
        return failed(f"kunde inte skriva rapporten: {error.strerror or error}"), False
    except Exception as error:  # a report fails alone; the build goes on
        return failed(f"{type(error).__name__}: {error}"), False
    return Outcome(job, "built", time.perf_counter() - started), False


def _entry(outcome: Outcome, reports: Path) -> Entry:
    from budgetlib.report.jobs import MACHINE_PARAMETERS

    job = outcome.job
    return {
        "title": job.title,
        "group": job.group,
        "html": job.html.relative_to(reports).as_posix(),
        "ipynb": job.ipynb.relative_to(reports).as_posix(),
        "parameters": {k: v for k, v in job.parameters.items() if k not in MACHINE_PARAMETERS},
        "scope": list(job.scope),
        "status": "failed" if outcome.status == "failed" else "ok",
        "error": outcome.error,
        "fingerprint": job.fingerprint if outcome.status != "failed" else None,
    }


def _run_jobs(
    jobs: Sequence[Job],
    workers: int,
    timeout: int,
    ledger: Ledger,
    progress: Progress,
    prepared: Prepared | None,
) -> list[Outcome]:
    """Run jobs on ``workers`` warm kernels, one thread each; kernels start before the heavy imports.

    With ``prepared``, the data is written once for all notebooks that declare
    the ``prepared`` parameter, and each kernel reads it while it warms up.

    On an interruption (Ctrl-C, or SIGTERM turned into one) the kernels are
    killed, the workers stop after recording what they finished, and the
    interruption goes on to the caller.
    """
    from budgetlib.report.kernel import WarmKernel

    scratch = ledger.reports / SCRATCH
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        pending.put(job)
    stop = threading.Event()
    lock = threading.Lock()
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []
    kernels: list[WarmKernel] = []
    threads: list[threading.Thread] = []

    def work(kernel: WarmKernel, exporter: Any, prepared_file: Path | None) -> None:
        try:
            while not stop.is_set():
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                outcome, kernel_lost = _build_one(job, kernel, exporter, timeout, prepared_file)
                if stop.is_set() and outcome.status == "failed":
                    return  # stopped by the interruption, not by the report
                with lock:
                    ledger.record(job.key, _entry(outcome, ledger.reports))
                    outcomes.append(outcome)
                    progress(outcome, len(outcomes), len(jobs))
                if kernel_lost:
                    kernel.replace()
                else:
                    try:
                        kernel.reset()
                    except RuntimeError:
                        kernel.replace()
        except BaseException as error:  # e.g. the manifest cannot be written: stop everything
            errors.append(error)
            stop.set()

    with (ledger.reports / KERNEL_LOG).open("wb") as log:
        prepared_file = None
        try:
            if prepared is not None and any(PREPARED in job.parameters for job in jobs):
                from budgetlib.report.prepared import write_prepared

                prepared_file = write_prepared(prepared, scratch)
            for _ in range(max(1, min(workers, len(jobs)))):
                charts = (ledger.reports / CHARTS, library_digest())
                kernels.append(WarmKernel(scratch, log, prepared_file, charts).start())
            skip_iri_grammar()
            from budgetlib.report.html_export import (
                HtmlExport,  # imports nbconvert (and much of papermill) now
            )

            exporter = HtmlExport()  # while the kernels warm up
            threads = [
                threading.Thread(target=work, args=(k, exporter, prepared_file), daemon=True) for k in kernels
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        except BaseException:
            stop.set()
            for kernel in kernels:
                kernel.kill()
            for thread in threads:
                thread.join()
            raise
        finally:
            for kernel in kernels:
                kernel.stop()
            if prepared_file is not None:
                prepared_file.unlink(missing_ok=True)  # the scratch folder is left empty
    if errors:
        raise errors[0]
    return outcomes


def _run_on_cluster(
    jobs: Sequence[Job],
    scheduler: str,
    timeout: int,
    ledger: Ledger,
    progress: Progress,
    prepared: Prepared | None,
) -> list[Outcome]:
    """Run jobs on the dask.distributed cluster at ``scheduler``; write and record each as it returns."""
    from budgetlib.report.cluster import Rendered, run_on_cluster
    from budgetlib.report.prepared import prepared_bytes

    outcomes: list[Outcome] = []
    payload = None
    if prepared is not None and any(PREPARED in job.parameters for job in jobs):
        payload = prepared_bytes(prepared)

    def finished(job: Job, rendered: Rendered) -> None:
        outcome = Outcome(job, "failed", error=rendered.error) if rendered.error else Outcome(job, "built")
        if not rendered.error:
            try:
                write_all_atomic({job.ipynb: rendered.notebook, job.html: rendered.html})
            except OSError as error:
                reason = error.strerror or error
                outcome = Outcome(job, "failed", error=f"kunde inte skriva rapporten: {reason}")
        ledger.record(job.key, _entry(outcome, ledger.reports))
        outcomes.append(outcome)
        progress(outcome, len(outcomes), len(jobs))

    run_on_cluster(scheduler, jobs, timeout, payload, finished)
    return outcomes


def current_reports(reports: Path, inputs: str) -> int | None:
    """How many reports are current, if the last build read exactly ``inputs`` and left them all so."""
    return Ledger(reports).current(inputs)


def build(
    jobs: Sequence[Job],
    reports: Path,
    workers: int | None = None,
    force: bool = False,
    progress: Progress = lambda outcome, done, total: None,
    timeout: int = DEFAULT_TIMEOUT,
    in_data: Callable[[Scope], bool] | None = None,
    data_dir: Path | None = None,
    pdf: PdfStep | None = None,
    prepared: Prepared | None = None,
    inputs: str | None = None,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Build what changed (everything with ``force``); return one outcome per job, in job order.

    ``timeout`` limits each cell, in seconds. With ``in_data``, reports whose
    (region, nämnd, year) the data no longer holds are removed with their
    files. Raises :class:`~budgetlib.report.lock.LockedError` if another build holds
    the folder, :class:`ReportPathError` if an output would land outside it.
    With ``data_dir``, its source texts are written as the line-numbered pages
    (``kallor/``) that every figure in the reports links to. With ``prepared``
    (the jobs' dataset, loaded and reconciled), the notebooks read it instead
    of loading and reconciling the data again, each. With ``inputs`` (see
    :func:`~budgetlib.report.fingerprint.inputs_digest`), a build that leaves every
    report current records it, so the next build of the same inputs can stop
    before loading anything (:func:`current_reports`). With ``scheduler``
    (a dask.distributed address), the reports run on that cluster's workers
    instead of ``workers`` local kernels. With ``pdf``, every
    report also as an A4 PDF beside its HTML (see :class:`~budgetlib.report.pdf.PdfStep`).
    """
    _check_places(jobs, reports)
    with exclusive(reports / LOCK):
        ledger = Ledger(reports)
        _clear_leftovers(reports, jobs, ledger)
        if in_data is not None:
            ledger.prune(in_data, {job.key for job in jobs})
        ledger.save_index_if_stale()
        if data_dir is not None:
            from budgetlib.report.source_view import write_source_views

            write_source_views(data_dir, reports)
        stale = [job for job in jobs if force or not _up_to_date(job, ledger.entries.get(job.key))]
        skipped = [Outcome(job, "unchanged") for job in jobs if job not in stale]
        counter = itertools.count(1)

        def count(outcome: Outcome, *_: int) -> None:  # one count over skipped and rebuilt reports
            progress(outcome, next(counter), len(jobs))

        for outcome in skipped:
            count(outcome)
        workers = workers or os.cpu_count() or 1
        ran: list[Outcome] = []
        if stale and scheduler is not None:
            ran = _run_on_cluster(stale, scheduler, timeout, ledger, count, prepared)
        elif stale:
            started = time.time()
            ran = _run_jobs(stale, workers, timeout, ledger, count, prepared)
            from budgetlib.report.chart_cache import prune

            prune(reports / CHARTS, before=started)
        if pdf is not None:
            pdf.print_reports([*skipped, *ran])
            ledger.save()  # the index links the PDFs
        if (
            inputs is not None
            and (pdf is None or not pdf.problems)
            and all(outcome.status != "failed" for outcome in ran)
        ):
            ledger.record_plan(inputs, [(job.key, job.fingerprint) for job in jobs])
    by_key = {o.job.key: o for o in [*skipped, *ran]}
    return [by_key[job.key] for job in jobs]
