"""Benchmark: where a report build spends its time, cell by cell. Asserts nothing.

    .venv/bin/python benchmarks/report_cells.py [REPORTS_DIR] [--export N]
    .venv/bin/python benchmarks/report_cells.py --run N [--data-dir DIR] [--export N]

Prints, per template notebook, the mean and total seconds of each cell as
papermill measured them. Builds before main 0dd394a kept those durations in the
executed reports, which the first form reads. Builds since drop them (reports
are byte-identical from build to build), so ``--run N`` executes up to N
reports per template itself, as the build does (papermill on a warm kernel that
has imported pandas, matplotlib and budgetlib, reset between notebooks, the
data loaded and reconciled once), with timing on, and reads the durations from
the result. With ``--export N`` it also
times the HTML export of N executed notebooks per template (the build's
exporter settings, after one warm-up export).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat

from budgetlib.report.jobs import REPORTS_DIR

SKIP = ".build"


def executed(reports: Path) -> dict[str, list[Any]]:
    """Executed notebooks under ``reports`` by the template they ran, e.g. ``namnd.ipynb``."""
    by_template: dict[str, list[Any]] = defaultdict(list)
    for path in sorted(reports.rglob("*.ipynb")):
        if SKIP in path.parts:
            continue
        notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        template = Path(notebook.metadata.get("papermill", {}).get("input_path", "?")).name
        by_template[template].append(notebook)
    return by_template


def _first_line(cell: Any) -> str:
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
    tags = cell.metadata.get("tags", [])
    label = lines[0] if lines else "(tom)"
    return f"[{','.join(tags)}] {label}" if tags else label


def cell_table(template: str, notebooks: list[Any]) -> None:
    totals = [float(nb.metadata["papermill"]["duration"]) for nb in notebooks]
    print(
        f"\n{template}: {len(notebooks)} rapporter, körning (papermill) medel"
        f" {statistics.mean(totals):.2f} s, summa {sum(totals):.1f} s"
    )
    code_cells = [[cell for cell in nb.cells if cell.cell_type == "code"] for nb in notebooks]
    for position, cell in enumerate(code_cells[0]):
        durations = [
            float(cells[position].metadata.get("papermill", {}).get("duration") or 0.0)
            for cells in code_cells
            if position < len(cells)
        ]
        mean = statistics.mean(durations)
        share = 100 * sum(durations) / max(sum(totals), 1e-9)
        print(f"  {mean:6.3f} s  {share:5.1f} %  max {max(durations):6.3f} s  {_first_line(cell)[:70]}")


def export_times(notebooks: list[Any], count: int) -> list[float]:
    from budgetlib.report.build import skip_iri_grammar

    skip_iri_grammar()
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(  # the build's settings (budgetlib.report.build._run_jobs)
        template_name="lab",
        language_code="sv",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.from_notebook_node(notebooks[0])  # warm-up: templates, pygments, mistune
    seconds = []
    for notebook in notebooks[:count]:
        started = time.perf_counter()
        exporter.from_notebook_node(notebook, resources={"metadata": {"name": "x"}})
        seconds.append(time.perf_counter() - started)
    return seconds


def run_reports(data_dir: Path | None, per_template: int) -> dict[str, list[Any]]:
    """Execute up to ``per_template`` reports of each template on one warm kernel, timing on."""
    import tempfile

    import papermill

    import budgetlib
    from budgetlib.report.jobs import plan
    from budgetlib.report.kernel import KERNEL_NAME, WarmKernel
    from budgetlib.report.prepared import PREPARED, Prepared, write_prepared

    by_template: dict[str, list[Any]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as scratch:
        dataset = budgetlib.load(data_dir)
        findings = budgetlib.reconcile(dataset)
        jobs = plan(dataset, reports=Path(scratch) / "reports", findings=findings)
        prepared = str(write_prepared(Prepared(dataset, findings), Path(scratch)))  # as the build does
        kernel = WarmKernel(Path(scratch)).start()
        try:
            for job in jobs:
                if len(by_template[job.notebook.name]) >= per_template:
                    continue
                notebook = papermill.execute_notebook(
                    str(job.notebook),
                    None,
                    parameters=job.parameters | ({PREPARED: prepared} if PREPARED in job.parameters else {}),
                    kernel_name=KERNEL_NAME,
                    km=kernel.ready(),
                    progress_bar=False,
                )
                kernel.reset()
                by_template[job.notebook.name].append(notebook)
        finally:
            kernel.stop()
    return by_template


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("reports", type=Path, nargs="?", default=REPORTS_DIR)
    parser.add_argument(
        "--export", type=int, default=0, help="time the HTML export of N notebooks per template"
    )
    parser.add_argument("--run", type=int, default=0, help="execute up to N reports per template, timing on")
    parser.add_argument("--data-dir", type=Path, default=None, help="with --run: the data folder")
    args = parser.parse_args()
    found = run_reports(args.data_dir, args.run) if args.run else executed(args.reports)
    for template, notebooks in sorted(found.items()):
        if "duration" not in notebooks[0].metadata.get("papermill", {}):
            print(f"{template}: inga tider sparade i de körda rapporterna; kör med --run N")
            continue
        cell_table(template, notebooks)
        if args.export:
            seconds = export_times(notebooks, args.export)
            print(
                f"  HTML-export: medel {statistics.mean(seconds):.3f} s, max {max(seconds):.3f} s"
                f" ({len(seconds)} st)"
            )


if __name__ == "__main__":
    main()
