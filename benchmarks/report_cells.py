"""Benchmark: where a report build spends its time, from the executed notebooks. Asserts nothing.

    .venv/bin/python benchmarks/report_cells.py [REPORTS_DIR] [--export N]

Reads the executed notebooks a ``budgetlib report`` wrote (papermill stores
each cell's duration in its metadata) and prints, per template notebook, the
mean and total seconds of each cell. With ``--export N`` it also times the
HTML export (the build's exporter settings) of N executed notebooks per
template, after one warm-up export, since the notebooks do not record it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat

from budgetlib.jobs import REPORTS_DIR

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
    from budgetlib.build import skip_iri_grammar

    skip_iri_grammar()
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(  # the build's settings (budgetlib.build._run_jobs)
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("reports", type=Path, nargs="?", default=REPORTS_DIR)
    parser.add_argument(
        "--export", type=int, default=0, help="time the HTML export of N notebooks per template"
    )
    args = parser.parse_args()
    for template, notebooks in sorted(executed(args.reports).items()):
        cell_table(template, notebooks)
        if args.export:
            seconds = export_times(notebooks, args.export)
            print(
                f"  HTML-export: medel {statistics.mean(seconds):.3f} s, max {max(seconds):.3f} s"
                f" ({len(seconds)} st)"
            )


if __name__ == "__main__":
    main()
