"""Build reports: run notebooks with papermill on warm kernels, in parallel, atomically.

Each worker thread keeps one kernel for all its notebooks (clearing the
namespace in between) and HTML is exported in-process, so a build pays for
starting kernels and importing pandas, matplotlib, papermill and nbconvert
once, not once per report.
Reports whose fingerprint is unchanged are skipped; a failing report is
recorded in the index and never replaces the previous good one.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from budgetlib.atomic import write_atomic
from budgetlib.index_page import render_index
from budgetlib.jobs import Job

MANIFEST = Path(".build") / "manifest.json"
SCRATCH = Path(".build") / "work"
INDEX = "index.html"

BuildStatus = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: BuildStatus
    seconds: float = 0.0
    error: str = ""


Progress = Callable[[Outcome, int, int], None]


def _load_manifest(reports: Path) -> dict[str, dict[str, Any]]:
    path = reports / MANIFEST
    if not path.is_file():
        return {}
    entries: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return entries


def _up_to_date(job: Job, entry: dict[str, Any] | None) -> bool:
    return (
        entry is not None
        and entry.get("status") == "ok"
        and entry.get("fingerprint") == job.fingerprint
        and job.html.is_file()
        and job.ipynb.is_file()
    )


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


def skip_iri_grammar() -> None:
    """Stop jsonschema from building its optional IRI grammar on import (1–2 s, a known upstream issue).

    jsonschema imports ``rfc3987_syntax`` only to offer an "iri" format check,
    and skips it when the import fails; nbformat's validation never checks
    IRIs. Only this process is affected, not the kernels.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail


def _run_one(job: Job, kernel: Any, exporter: Any, scratch: Path) -> Outcome:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from budgetlib.kernel import KERNEL_NAME

    started = time.perf_counter()
    try:
        notebook = papermill.execute_notebook(
            str(job.notebook),
            str(scratch / f"{job.key.replace('/', '_')}.ipynb"),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            km=kernel,
            progress_bar=False,
            request_save_on_cell_execute=False,
        )
        _renumber(notebook)
        notebook.metadata["title"] = job.title
        html = exporter.page(notebook, job.title)
        write_atomic(job.ipynb, nbformat.writes(notebook))  # type: ignore[no-untyped-call]
        write_atomic(job.html, html)
    except PapermillExecutionError as error:
        message = f"cell [{error.exec_count}]: {error.ename}: {error.evalue}"
        return Outcome(job, "failed", time.perf_counter() - started, message)
    except Exception as error:  # a report fails alone; the build goes on
        return Outcome(job, "failed", time.perf_counter() - started, f"{type(error).__name__}: {error}")
    return Outcome(job, "built", time.perf_counter() - started)


def _run_jobs(jobs: Sequence[Job], workers: int, reports: Path, progress: Progress) -> list[Outcome]:
    """Run jobs on ``workers`` warm kernels, one thread each; kernels start before the heavy imports."""
    from budgetlib.kernel import WarmKernel

    scratch = reports / SCRATCH
    scratch.mkdir(parents=True, exist_ok=True)
    with (scratch / "kernels.log").open("wb") as log:  # the last build's kernel messages
        kernels = [WarmKernel(log).start() for _ in range(max(1, min(workers, len(jobs))))]
        try:
            skip_iri_grammar()
            from budgetlib.html_export import HtmlExport  # imports nbconvert (and much of papermill) now

            exporter = HtmlExport()  # while the kernels warm up
            idle: queue.Queue[WarmKernel] = queue.Queue()
            for kernel in kernels:
                idle.put(kernel)
            lock = threading.Lock()
            outcomes: list[Outcome] = []

            def run(job: Job) -> None:
                kernel = idle.get()
                try:
                    outcome = _run_one(job, kernel.ready(), exporter, scratch)
                    kernel.reset()
                finally:
                    idle.put(kernel)
                with lock:
                    outcomes.append(outcome)
                    progress(outcome, len(outcomes), len(jobs))

            with ThreadPoolExecutor(max_workers=len(kernels)) as pool:
                list(pool.map(run, jobs))
        finally:
            for kernel in kernels:
                kernel.stop()
    return outcomes


def _entry(outcome: Outcome, reports: Path) -> dict[str, Any]:
    job = outcome.job
    return {
        "title": job.title,
        "group": job.group,
        "html": job.html.relative_to(reports).as_posix(),
        "ipynb": job.ipynb.relative_to(reports).as_posix(),
        "parameters": {k: v for k, v in job.parameters.items() if k != "data_dir"},
        "status": "failed" if outcome.status == "failed" else "ok",
        "error": outcome.error,
        "fingerprint": job.fingerprint if outcome.status != "failed" else None,
    }


def build(
    jobs: Sequence[Job],
    reports: Path,
    workers: int | None = None,
    force: bool = False,
    progress: Progress = lambda outcome, done, total: None,
) -> list[Outcome]:
    """Build what changed (everything with ``force``); return one outcome per job, in job order."""
    manifest = _load_manifest(reports)
    stale = [job for job in jobs if force or not _up_to_date(job, manifest.get(job.key))]
    skipped = [Outcome(job, "unchanged") for job in jobs if job not in stale]
    counter = itertools.count(1)

    def count(outcome: Outcome, *_: int) -> None:  # one count over skipped and rebuilt reports
        progress(outcome, next(counter), len(jobs))

    for outcome in skipped:
        count(outcome)
    ran = _run_jobs(stale, workers or os.cpu_count() or 1, reports, count) if stale else []
    by_key = {o.job.key: o for o in [*skipped, *ran]}
    for outcome in ran:
        manifest[outcome.job.key] = _entry(outcome, reports)
    if ran or not (reports / INDEX).is_file():
        write_atomic(reports / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False))
        write_atomic(reports / INDEX, render_index(manifest, reports))
    return [by_key[job.key] for job in jobs]
