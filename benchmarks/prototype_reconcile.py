"""Prototype (scratch, not library code): reconcile with one pass over the figures instead of one per table.

Written against main at 173c258 (format 1 only, ``reconcile._table_findings``);
the library has moved on since (format 2, ``table_checks.py``), so it refuses to
run on a newer library: check out 173c258 to repeat the measurements in README.md.

    .venv/bin/python benchmarks/prototype_reconcile.py [FIGURES ...] [--seed N]

Same findings, byte for byte, as ``budgetlib.reconcile`` (checked here on each
folder), found differently:

* Figure objects built from column lists (``tolist``), not ``to_dict("records")``;
* table cells grouped once into plain lists per table and column (no boolean
  mask over the whole figures frame per table, no pandas groupby per table);
* voters grouped once per vote.

The per-finding arithmetic and wording are budgetlib's own (``compare``,
``residual``, ``percent``, the relation and unlinked findings), in the same
order, so the floats are summed in the same order. Prints both timings.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scale import DEFAULT_CACHE, folder_for  # this script's folder is on sys.path

import budgetlib
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.expressions import parse_derived
from budgetlib.findings import Check, Finding, Findings
from budgetlib.reconcile import (
    Figure,
    _relation_findings,
    _unlinked_findings,
    compare,
    residual,
)
from budgetlib.tolerance import status_of

REFERENCE = "173c258"
if importlib.util.find_spec("budgetlib.table_checks") is not None:
    sys.exit(f"{Path(__file__).name} mirrors budgetlib at main {REFERENCE}; this budgetlib is newer")


@dataclass(frozen=True)
class Cell:
    """One table cell's place in its table."""

    row_id: str
    column_id: str
    column: str
    role: str
    parent: str
    figure_id: str


def figures_by_id(dataset: Dataset) -> dict[str, Figure]:
    names = list(Figure.__dataclass_fields__)
    columns = [dataset.figures[name].tolist() for name in names]
    return {values[0]: Figure(*values) for values in zip(*columns, strict=True)}


def cells_by_table(dataset: Dataset) -> dict[str, list[Cell]]:
    """Every table's cells in the figures' order, grouped in one pass."""
    names = [c.TABLE_ID, c.ROW_ID, c.COLUMN_ID, c.COLUMN, c.ROLE, c.PARENT, c.FIGURE_ID]
    grouped: dict[str, list[Cell]] = {}
    for table_id, *rest in zip(*(dataset.figures[n].tolist() for n in names), strict=True):
        if table_id:
            grouped.setdefault(table_id, []).append(Cell(*rest))
    return grouped


def _in_order(cells: list[Cell], key: str) -> dict[str, list[Cell]]:
    """Like ``groupby(key, sort=False)``: groups in order of first appearance, rows in order."""
    groups: dict[str, list[Cell]] = {}
    for cell in cells:
        groups.setdefault(getattr(cell, key), []).append(cell)
    return groups


def sum_findings(
    table_id: str, relation: str, cells: list[Cell], figures: dict[str, Figure]
) -> Iterator[Finding]:
    for column_id, column in _in_order(cells, "column_id").items():
        by_row = {cell.row_id: figures[cell.figure_id] for cell in column}
        column_label = column[0].column
        children = _in_order([cell for cell in column if cell.parent != ""], "parent")
        for parent, members in children.items():
            if parent in by_row:
                terms = [(1, figures[cell.figure_id]) for cell in members]
                yield compare(Check.SUM, f"{table_id} · {column_label} · {parent}", by_row[parent], terms)
        top_parts = [cell for cell in column if cell.role == "part" and cell.parent == ""]
        for total in (cell for cell in column if cell.role == "total"):
            terms = [(1, figures[cell.figure_id]) for cell in top_parts]
            subject = f"{table_id} · {column_label}" if column_id != "value" else table_id
            if relation == "partial_sum":
                yield residual(Check.RESIDUAL, subject, figures[total.figure_id], terms)
            else:
                yield compare(Check.SUM, subject, figures[total.figure_id], terms)


def bridge_finding(table_id: str, cells: list[Cell], figures: dict[str, Figure]) -> Finding:
    def with_role(role: str) -> list[Figure]:
        return [figures[cell.figure_id] for cell in cells if cell.role == role]

    closing = with_role("closing")[0]
    terms = [(1, f) for f in [*with_role("opening"), *with_role("component")]]
    return compare(Check.BRIDGE, table_id, closing, terms)


def derived_findings(
    table_id: str, derived_text: str, cells: list[Cell], figures: dict[str, Figure]
) -> Iterator[Finding]:
    derived = parse_derived(derived_text)
    needed = [derived.result, *(t.ref for t in derived.terms)]
    for row_id, row in _in_order(cells, "row_id").items():
        by_column = {cell.column: figures[cell.figure_id] for cell in row}
        if all(name in by_column for name in needed):
            terms = [(t.sign, by_column[t.ref]) for t in derived.terms]
            subject = f"{table_id} · {derived.result} · {row_id}"
            yield compare(Check.ROW_ARITHMETIC, subject, by_column[derived.result], terms)


def table_findings(dataset: Dataset, figures: dict[str, Figure]) -> Iterator[Finding]:
    cells = cells_by_table(dataset)
    tables = dataset.tables
    for table_id, relation, derived in zip(
        tables[c.TABLE_ID].tolist(), tables[c.RELATION].tolist(), tables[c.DERIVED].tolist(), strict=True
    ):
        own = cells.get(table_id, [])
        if relation in ("sum", "partial_sum"):
            yield from sum_findings(table_id, relation, own, figures)
        elif relation == "bridge":
            yield bridge_finding(table_id, own, figures)
        if derived:
            yield from derived_findings(table_id, derived, own, figures)


def vote_findings(dataset: Dataset) -> Iterator[Finding]:
    lines_of: dict[str, list[int]] = {}
    for vote_id, line in zip(
        dataset.voters[c.VOTE_ID].tolist(), dataset.voters[c.LINE].tolist(), strict=True
    ):
        lines_of.setdefault(vote_id, []).append(line)
    for vote in dataset.votes.to_dict("records"):
        listed = lines_of.get(vote[c.VOTE_ID], [])
        counted = int(vote[c.JA]) + int(vote[c.NEJ]) + int(vote[c.AVSTAR])
        status = status_of(float(len(listed) - counted), 0.0)
        lines = sorted({int(vote[c.LINE]), *(int(n) for n in listed)})
        yield Finding(
            doc_ids=(str(vote[c.DOC_ID]),),
            subject=str(vote[c.VOTE_ID]),
            check=Check.SUM,
            relation=(
                f"{vote[c.JA]} ja + {vote[c.NEJ]} nej + {vote[c.AVSTAR]} avstår"
                f" = {len(listed)} i voteringslistan"
            ),
            expected=float(len(listed)),
            actual=float(counted),
            difference=float(counted - len(listed)),
            tolerance=0.0,
            unit="röster",
            status=status,
            message="Rösterna stämmer med voteringslistan."
            if status.value == "exact"
            else "Rösterna stämmer inte med antalet i voteringslistan.",
            figure_ids=(str(vote[c.VOTE_ID]),),
            provenance=f"{vote[c.SOURCE_FILE]}:{', '.join(str(n) for n in lines)}",
        )


def reconcile_grouped(dataset: Dataset) -> Findings:
    figures = figures_by_id(dataset)
    checked = [
        *table_findings(dataset, figures),
        *_relation_findings(dataset, figures),
        *vote_findings(dataset),
    ]
    tested = {figure_id for finding in checked for figure_id in finding.figure_ids}
    everything = [*checked, *_unlinked_findings(figures, tested)]
    return Findings(tuple(sorted(everything, key=lambda f: f.doc_ids[0])))


def _timed_split(dataset: Dataset) -> dict[str, float]:
    """Seconds per phase of the grouped reconcile, to see what is left."""
    times: dict[str, float] = {}
    started = time.perf_counter()
    figures = figures_by_id(dataset)
    times["Figure-objekt"] = time.perf_counter() - started
    started = time.perf_counter()
    tables = list(table_findings(dataset, figures))
    times["tabeller"] = time.perf_counter() - started
    started = time.perf_counter()
    relations = [*_relation_findings(dataset, figures), *vote_findings(dataset)]
    times["relationer och voteringar"] = time.perf_counter() - started
    started = time.perf_counter()
    checked = [*tables, *relations]
    tested = {figure_id for finding in checked for figure_id in finding.figure_ids}
    everything = [*checked, *_unlinked_findings(figures, tested)]
    Findings(tuple(sorted(everything, key=lambda f: f.doc_ids[0])))
    times["fristående och sortering"] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 30_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--skip-today", action="store_true", help="time only the prototype (large sizes)")
    args = parser.parse_args()
    for size in args.sizes:
        dataset = budgetlib.load(folder_for(size, args.seed, args.cache))
        started = time.perf_counter()
        grouped = reconcile_grouped(dataset)
        grouped_seconds = time.perf_counter() - started
        line = f"{len(dataset.figures):>9} värden: prototyp {grouped_seconds:6.2f} s"
        if not args.skip_today:
            started = time.perf_counter()
            today = budgetlib.reconcile(dataset)
            today_seconds = time.perf_counter() - started
            same = grouped.to_frame().to_csv(index=False) == today.to_frame().to_csv(index=False)
            line += f", i dag {today_seconds:6.2f} s, samma utfall: {'ja' if same else 'NEJ'}"
        print(line, flush=True)
        split = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in _timed_split(dataset).items())
        print(f"          varav {split}", flush=True)


if __name__ == "__main__":
    main()
