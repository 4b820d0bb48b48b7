"""Build reports: run notebooks with papermill on warm kernels, in parallel, atomically.

Each worker thread keeps one kernel for all its notebooks (clearing the
namespace in between), so a build pays for starting kernels and importing
pandas, matplotlib and budgetlib once per worker, not once per report. The
command line opens a :func:`session` before it loads and plans, so the
kernels start and import while it does; HTML is exported in-process by one
more thread while the kernels go on with their next notebooks. A kernel
that hangs past the time limit or dies is killed and replaced; its report
fails alone. Reports whose fingerprint is unchanged are skipped; a failing
report is recorded in the index and never replaces the previous good one.
One build at a time writes to a reports folder; each report is recorded as
soon as its files are in place, so an interrupted build leaves an index of
what it built.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

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


def _largest_first(stale: list[Job]) -> list[Job]:
    """The reports to build, those whose last page was largest first (plan order among equals).

    A large page takes longest to run, export and print; started first, it
    does not leave one kernel or printer working alone at the end.
    """

    def last_size(job: Job) -> int:
        try:
            return job.html.stat().st_size
        except OSError:
            return 0

    return sorted(stale, key=lambda job: -last_size(job))


def skip_iri_grammar() -> None:
    """Stop jsonschema from building its optional IRI grammar on import (1–2 s, a known upstream issue).

    jsonschema imports ``rfc3987_syntax`` only to offer an "iri" format check,
    and skips it when the import fails; nbformat's validation never checks
    IRIs. Only this process is affected, not the kernels.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail


def _check_folder(reports: Path) -> None:
    """Refuse a reports folder that is a file, or build files of ours that a symlink leads outside it."""
    from budgetlib.report.names import ReportPathError

    if reports.exists() and not reports.is_dir():
        raise ReportPathError(f"{reports} är en fil, inte en mapp; välj en annan --reports-dir")
    for path in (reports / p for p in (MANIFEST, Path(INDEX), LOCK, SCRATCH, KERNEL_LOG, CHARTS)):
        if not inside(reports, path):
            raise ReportPathError(f"{path} leder ut ur {reports} (en symbolisk länk?); inget byggdes")


def _check_places(jobs: Sequence[Job], reports: Path) -> None:
    """Refuse any output that a symlink would lead outside the reports folder."""
    from budgetlib.report.names import ReportPathError

    for path in [*(job.html for job in jobs), *(job.ipynb for job in jobs)]:
        if not inside(reports, path):
            raise ReportPathError(f"{path} leder ut ur {reports} (en symbolisk länk?); inget byggdes")


def _clear_scratch(reports: Path) -> None:
    """Empty the kernels' working folder (a killed build may have left files there); keep the folder."""
    scratch = reports / SCRATCH
    scratch.mkdir(parents=True, exist_ok=True)
    for path in scratch.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _clear_leftovers(reports: Path, jobs: Sequence[Job], ledger: Ledger) -> None:
    """Remove the temporary files that a killed build left beside the files builds write."""
    recorded = [reports / entry[kind] for entry in ledger.entries.values() for kind in ("html", "ipynb")]
    outputs = [*recorded, *(job.html for job in jobs), reports / MANIFEST, reports / INDEX]
    for folder in {path.parent for path in outputs}:
        if inside(reports, folder):
            remove_temporaries(folder)


def _execute_one(job: Job, kernel: WarmKernel, timeout: int, prepared: Path | None) -> tuple[Any, str, bool]:
    """Run one report's notebook: the executed notebook or an error, and whether its kernel was lost."""
    parameters = job.parameters
    if prepared is not None and PREPARED in parameters:
        parameters = parameters | {PREPARED: str(prepared)}
    try:
        return execute(job.notebook, parameters, kernel.ready(), timeout), "", False
    except NotebookFailed as failure:
        return None, str(failure), failure.kernel_lost
    except RuntimeError as error:  # the kernel could not be made ready
        return None, str(error), True


def _write_one(job: Job, notebook: Any, exporter: Any, started: float) -> Outcome:
    """Write one executed report as an executed notebook and an HTML page; a failure fails it alone."""
    import nbformat

    def failed(message: str) -> Outcome:
        return Outcome(job, "failed", time.perf_counter() - started, message)

    try:
        make_reproducible(notebook, job.notebook, job.ipynb.parent)
        notebook.metadata["title"] = job.title
        html = exporter.page(notebook, job.title)
        write_all_atomic({job.ipynb: nbformat.writes(notebook), job.html: html})  # type: ignore[no-untyped-call]
    except OSError as error:
        return failed(f"kunde inte skriva rapporten: {error.strerror or error}")
    except Exception as error:  # a report fails alone; the build goes on
        return failed(f"{type(error).__name__}: {error}")
    return Outcome(job, "built", time.perf_counter() - started)


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


Executed = tuple["Job", float, Any, str]  # a job, when it started, its executed notebook (or None), an error


def _run_jobs(
    jobs: Sequence[Job],
    kernels: list[WarmKernel],
    timeout: int,
    ledger: Ledger,
    progress: Progress,
    prepared_file: Path | None,
) -> list[Outcome]:
    """Run jobs on warm kernels, one thread each, while one more thread writes what they finish.

    Each kernel goes on with its next notebook while the previous one is
    exported to HTML and written, so exporting costs the kernels no time.
    A lost kernel is replaced, and a kernel is cleared between notebooks,
    only if there is a next one.

    On an interruption (Ctrl-C, or SIGTERM turned into one) the kernels are
    killed, the workers stop, the reports they finished are recorded, and the
    interruption goes on to the caller.
    """
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        pending.put(job)
    finished: queue.SimpleQueue[Executed | None] = queue.SimpleQueue()
    stop = threading.Event()
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []

    def work(kernel: WarmKernel) -> None:
        try:
            while not stop.is_set():
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                notebook, error, kernel_lost = _execute_one(job, kernel, timeout, prepared_file)
                if stop.is_set() and notebook is None:
                    return  # stopped by the interruption, not by the report
                finished.put((job, started, notebook, error))
                if pending.empty():
                    return  # no next notebook: nothing to clear or replace
                if kernel_lost:
                    kernel.replace()
                else:
                    try:
                        kernel.reset()
                    except RuntimeError:
                        kernel.replace()
        except BaseException as error:  # stop everything
            errors.append(error)
            stop.set()

    def write() -> None:
        try:
            from budgetlib.report.html_export import HtmlExport  # imports nbconvert while the kernels work

            exporter = HtmlExport()
            while (item := finished.get()) is not None:
                job, started, notebook, error = item
                if notebook is None:
                    outcome = Outcome(job, "failed", time.perf_counter() - started, error)
                else:
                    outcome = _write_one(job, notebook, exporter, started)
                ledger.record(job.key, _entry(outcome, ledger.reports))
                outcomes.append(outcome)
                progress(outcome, len(outcomes), len(jobs))
        except BaseException as error:  # e.g. the manifest cannot be written: stop everything
            errors.append(error)
            stop.set()

    skip_iri_grammar()
    writer = threading.Thread(target=write, daemon=True)
    workers = [threading.Thread(target=work, args=(kernel,), daemon=True) for kernel in kernels]
    try:
        writer.start()
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    except BaseException:
        stop.set()
        for kernel in kernels:
            kernel.kill()
        for thread in workers:
            thread.join()
        raise
    finally:
        finished.put(None)
        writer.join()
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


class BuildSession:
    """One build of a reports folder, which it holds; its kernels may be warming up already."""

    def __init__(self, reports: Path, kernels: list[WarmKernel], log: IO[bytes] | None) -> None:
        self.reports = reports
        self.kernels = kernels
        self.log = log
        self.started = time.time()
        self.used = False  # whether a build ran
        self.prepared_file: Path | None = None  # the build's prepared data, once written

    def start_kernels(self, count: int) -> None:
        """Start kernels until ``count`` are warming up; they keep chart images between builds."""
        from budgetlib.report.kernel import WarmKernel

        if self.log is None:
            self.log = (self.reports / KERNEL_LOG).open("wb")
        charts = (self.reports / CHARTS, library_digest())
        folder = self.reports / SCRATCH
        while len(self.kernels) < count:
            kernel = WarmKernel(folder, self.log, prepared=self.prepared_file, charts=charts)
            self.kernels.append(kernel.start())

    def stop_kernels(self, keep: int = 0) -> None:
        """Stop all kernels but the first ``keep``."""
        for kernel in self.kernels[keep:]:
            kernel.stop()
        del self.kernels[keep:]

    def prepare(self, prepared: Prepared) -> None:
        """Write the build's prepared data now; the kernels read it while the caller plans.

        Notebooks that declare the ``prepared`` parameter read it instead of
        loading and reconciling the data each; the file is removed when the build ends.
        """
        from budgetlib.report.prepared import write_prepared

        self.prepared_file = write_prepared(prepared, self.reports / SCRATCH)
        for kernel in self.kernels:
            kernel.prepare(self.prepared_file)

    def _remove_prepared(self) -> None:
        if self.prepared_file is not None:
            self.prepared_file.unlink(missing_ok=True)  # the scratch folder is left empty
            self.prepared_file = None

    def _run_here(
        self,
        jobs: Sequence[Job],
        workers: int,
        timeout: int,
        ledger: Ledger,
        progress: Progress,
        prepared: Prepared | None,
    ) -> list[Outcome]:
        """Run ``jobs`` on ``workers`` local kernels (no more than there are jobs), then stop them.

        With ``prepared`` (unless :meth:`prepare` wrote it already), the data
        is written once for all notebooks that declare the ``prepared``
        parameter, and each kernel reads it as soon as it has warmed up.
        """
        count = max(1, min(workers, len(jobs)))
        self.stop_kernels(keep=count)
        self.start_kernels(count)
        try:
            wanted = any(PREPARED in job.parameters for job in jobs)
            if prepared is not None and wanted and self.prepared_file is None:
                self.prepare(prepared)
            prepared_file = self.prepared_file if wanted else None
            return _run_jobs(jobs, self.kernels, timeout, ledger, progress, prepared_file)
        finally:
            self.stop_kernels()
            self._remove_prepared()


@contextmanager
def session(reports: Path, warm: int = 0) -> Iterator[BuildSession]:
    """Hold ``reports`` for one build; with ``warm``, start that many kernels warming up at once.

    A caller that has yet to load and plan starts the kernels first, so that
    their start and imports overlap its own work. A session that never
    builds (the plan failed) removes the reports folder, or its ``.build``
    folder, if it made it.
    Raises :class:`~budgetlib.report.lock.LockedError` if another build holds
    the folder, :class:`ReportPathError` if a file of the build would land outside it.
    """
    _check_folder(reports)
    made = next((folder for folder in (reports, reports / ".build") if not folder.exists()), None)
    building = BuildSession(reports, [], None)
    try:
        with exclusive(reports / LOCK):
            _clear_scratch(reports)
            try:
                if warm:
                    building.start_kernels(warm)
                yield building
            finally:
                building.stop_kernels()
                building._remove_prepared()
                if building.log is not None:
                    building.log.close()
    finally:
        if made is not None and not building.used:
            shutil.rmtree(made, ignore_errors=True)


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
    within: BuildSession | None = None,
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
    report also as an A4 PDF beside its HTML, printed as soon as the HTML is
    written while the kernels go on (see :class:`~budgetlib.report.pdf.PdfStep`).
    Reports whose last page was largest are started first.
    Kernels start only once there is something to build; a caller that
    opened a :func:`session` of ``reports`` (``within``), whose kernels
    started earlier, builds on them.
    """
    _check_places(jobs, reports)  # before anything is written
    with ExitStack() as opened:
        building = within or opened.enter_context(session(reports))
        building.used = True
        ledger = Ledger(reports)
        _clear_leftovers(reports, jobs, ledger)
        if in_data is not None:
            ledger.prune(in_data, {job.key for job in jobs})
        ledger.save_index_if_stale()
        if data_dir is not None:
            from budgetlib.report.source_view import write_source_views

            write_source_views(data_dir, reports)
        stale = _largest_first(
            [job for job in jobs if force or not _up_to_date(job, ledger.entries.get(job.key))]
        )
        skipped = [Outcome(job, "unchanged") for job in jobs if job not in stale]
        counter = itertools.count(1)
        with pdf.printing() if pdf is not None else nullcontext(None) as print_pdf:

            def count(outcome: Outcome, *_: int) -> None:  # one count over skipped and rebuilt reports
                progress(outcome, next(counter), len(jobs))
                if print_pdf is not None:
                    print_pdf(outcome)

            for outcome in skipped:
                count(outcome)
            ran: list[Outcome] = []
            if stale and scheduler is not None:
                building.stop_kernels()
                ran = _run_on_cluster(stale, scheduler, timeout, ledger, count, prepared)
            elif stale:
                workers = workers or os.cpu_count() or 1
                ran = building._run_here(stale, workers, timeout, ledger, count, prepared)
                from budgetlib.report.chart_cache import prune

                prune(reports / CHARTS, before=building.started)
            else:
                building.stop_kernels()
        if pdf is not None:
            ledger.save()  # the index links the PDFs
        if (
            inputs is not None
            and (pdf is None or not pdf.problems)
            and all(outcome.status != "failed" for outcome in ran)
        ):
            ledger.record_plan(inputs, [(job.key, job.fingerprint) for job in jobs])
        by_key = {o.job.key: o for o in [*skipped, *ran]}
        return [by_key[job.key] for job in jobs]
