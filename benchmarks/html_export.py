"""Benchmark: the HTML export of executed notebooks, nbconvert's own path and ours. Asserts nothing.

    .venv/bin/python benchmarks/html_export.py NOTEBOOK.ipynb [...] [--repeat N]

Per notebook: its size, processor seconds (``time.process_time``, the best of
N after one warm-up export each) of ``HtmlExport(stock=True)`` (nbconvert's
``HTMLExporter``) and of ``HtmlExport()`` (``LabExporter``), and whether both
pages are the same bytes.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Any

import nbformat

from budgetlib.numbers import format_number
from budgetlib.report.html_export import HtmlExport


def best_time(export: HtmlExport, notebook: Any, repeat: int) -> tuple[float, str]:
    page = export.page(notebook, "benchmark")
    times = []
    for _ in range(repeat):
        start = time.process_time()
        export.page(notebook, "benchmark")
        times.append(time.process_time() - start)
    return min(times), page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    logging.disable(logging.WARNING)  # nbconvert warns of every chart without alt text
    stock, ours = HtmlExport(stock=True), HtmlExport()
    print(f"{'anteckningsbok':<50} {'HTML MB':>8} {'nbconvert s':>12} {'vår s':>8} {'samma byte':>11}")
    for path in arguments.notebooks:
        notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        stock_time, stock_page = best_time(stock, notebook, arguments.repeat)
        our_time, our_page = best_time(ours, notebook, arguments.repeat)
        size = len(our_page.encode()) / 1e6
        same = "ja" if our_page == stock_page else "NEJ"
        print(
            f"{str(path)[-50:]:<50} {format_number(size, 2):>8} {format_number(stock_time, 3):>12}"
            f" {format_number(our_time, 3):>8} {same:>11}"
        )


if __name__ == "__main__":
    main()
