"""Prototype (scratch, not library code): load's checks grouped once, swapped into budgetlib.load for a run.

Written against main at 173c258 (the strict loader, format 1 only); like
``prototype_reconcile.py`` it refuses to run on a newer library.

    .venv/bin/python benchmarks/prototype_load.py [FIGURES ...] [--only-prototype] [--seed N]

Same dataset and same problems, in the same order, as ``budgetlib.load``
(checked here on each folder unless ``--only-prototype``):

* cell checks run once per distinct value of a column, not once per cell;
* line numbers compared with each document's line count as whole columns;
* table checks on amounts grouped once per table (no mask over all amounts per
  table, no set of row ids rebuilt per child row);
* parent cycles found over the same grouped rows, not a pandas groupby per table;
* relations read with ``zip``, not ``iterrows``; printed figures converted once
  per distinct (number, unit).

With ``--only-prototype`` it also reconciles with ``prototype_reconcile`` and
prints both times and the peak memory of this process: the estimate for
1 000 000 figures, where today's code would take hours.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from prototype_reconcile import reconcile_grouped  # this script's folder is on sys.path
from scale import DEFAULT_CACHE, folder_for

import budgetlib
from budgetlib import columns as c
from budgetlib import csvfile
from budgetlib import schema as s
from budgetlib.csvfile import read_csv
from budgetlib.datafolder import outside_problem
from budgetlib.errors import DataError, Problem
from budgetlib.expressions import ExpressionError, parse_derived, parse_terms
from budgetlib.numbers import to_base
from budgetlib.validate import _NUMBER_KINDS, _check_cell

Frames = dict[str, pd.DataFrame]
loader = importlib.import_module("budgetlib.load")  # the module; budgetlib.load is the function
hierarchy = importlib.import_module("budgetlib.hierarchy")


def read_checked(root: Path, schema: s.FileSchema) -> tuple[pd.DataFrame, list[Problem]]:
    """``validate.read_checked`` with each distinct value of a column checked once."""
    path = root / schema.file
    name = str(path)
    empty = pd.DataFrame(columns=schema.names)
    if not path.exists() and not path.is_symlink():
        return empty, [Problem(name, None, None, "filen saknas")]
    outside = outside_problem(root, path)
    if outside is not None:
        return empty, [outside]
    try:
        table = read_csv(path, frozenset(col.name for col in schema.columns if col.kind in _NUMBER_KINDS))
    except DataError as error:
        return empty, error.problems
    header = table.header
    expected = ", ".join(schema.names)
    problems = [
        Problem(name, header.line, column, f"kolumnen saknas; väntade kolumnerna {expected}")
        for column in schema.names
        if column not in header.cells
    ]
    problems += [
        Problem(name, header.line, column, f"okänd kolumn; väntade kolumnerna {expected}")
        for column in header.cells
        if column not in schema.names
    ]
    if problems:
        return empty, problems
    lines = pd.Index([record.line for record in table.records], dtype="int64")
    frame = pd.DataFrame([record.cells for record in table.records], index=lines, columns=list(header.cells))
    frame = frame[schema.names].astype(str).apply(lambda col: col.str.strip())
    for column in schema.columns:
        values = frame[column.name]
        messages = {
            text: message
            for text in values.unique().tolist()
            if (message := _check_cell(column, str(text))) is not None
        }
        if messages:
            failing = values[values.isin(list(messages))]
            problems += [
                Problem(name, int(line), column.name, messages[text]) for line, text in failing.items()
            ]
    duplicated = frame.duplicated(list(schema.key), keep="first")
    key = "+".join(schema.key)
    problems += [
        Problem(
            name,
            int(line),
            key,
            f"dubblettnyckel {tuple(frame.loc[line, list(schema.key)])}; väntade unika värden",
        )
        for line in frame.index[duplicated]
    ]
    return frame, problems


def line_problems(root: Path, frames: Frames, line_counts: dict[str, int]) -> list[Problem]:
    problems = []
    for schema in s.ALL_FILES:
        line_columns = [col.name for col in schema.columns if col.kind is s.Kind.LINE]
        if not line_columns:
            continue
        docs = loader._doc_of_rows(frames, schema)
        limits = docs.map(line_counts)
        frame = frames[schema.file]
        for column in line_columns:
            beyond = (frame[column] > limits).to_numpy()
            for i, line, doc, last in zip(
                frame.index[beyond], frame[column][beyond], docs[beyond], limits[beyond], strict=True
            ):
                problems.append(
                    Problem(
                        loader._path(root, schema),
                        int(i),
                        column,
                        f"rad {line} ligger utanför källfilen för dokument {doc} (som har {int(last)} rader)",
                    )
                )
    return problems


Rows = dict[str, list[tuple[int, str, str, str, str, str]]]


def rows_by_table(amounts: pd.DataFrame) -> Rows:
    """Every table's amount rows (line, row, parent, column id, role, column label), in file order."""
    names = [c.TABLE_ID, c.ROW_ID, c.PARENT, c.COLUMN_ID, c.ROLE, c.COLUMN]
    rows_of: Rows = {}
    for line, table_id, *rest in zip(amounts.index, *(amounts[n].tolist() for n in names), strict=True):
        rows_of.setdefault(table_id, []).append((int(line), *rest))  # type: ignore[arg-type]
    return rows_of


def table_problems(root: Path, frames: Frames) -> list[Problem]:
    tables = frames[s.TABLES.file]
    rows_of = rows_by_table(frames[s.AMOUNTS.file])
    problems = []
    tables_path, amounts_path = loader._path(root, s.TABLES), loader._path(root, s.AMOUNTS)
    for i, table_id, relation, derived_text in zip(
        tables.index, tables[c.TABLE_ID], tables[c.RELATION], tables[c.DERIVED], strict=True
    ):
        rows = rows_of.get(table_id, [])
        where = (tables_path, int(i))
        row_ids = {row_id for _, row_id, *_ in rows}
        for j, _, parent, *_ in rows:
            if parent and parent not in row_ids:
                problems.append(
                    Problem(amounts_path, j, c.PARENT, f"okänd överordnad rad {parent!r} i tabellen")
                )
        if relation in ("sum", "partial_sum"):
            roles_in: dict[str, set[str]] = {}
            for _, _, _, column_id, role, _ in rows:
                roles_in.setdefault(column_id, set()).add(role)
            for column_id in sorted(roles_in):  # groupby sorts its keys
                if "total" in roles_in[column_id] and "part" not in roles_in[column_id]:
                    problems.append(
                        Problem(
                            *where, c.RELATION, f"summarad kolumn {column_id!r} har en summa men inga delar"
                        )
                    )
        if relation == "bridge" and not {"opening", "component", "closing"} <= {r[4] for r in rows}:
            problems.append(
                Problem(*where, c.RELATION, "en brygga behöver raderna opening, component och closing")
            )
        if derived_text:
            try:
                derived = parse_derived(derived_text)
            except ExpressionError as error:
                problems.append(Problem(*where, c.DERIVED, str(error)))
                continue
            if derived.result in (term.ref for term in derived.terms):
                problems.append(
                    Problem(*where, c.DERIVED, f"kolumnen {derived.result!r} räknas ur sig själv")
                )
            known = {r[5] for r in rows}
            for label in [derived.result, *(term.ref for term in derived.terms)]:
                if label not in known:
                    problems.append(Problem(*where, c.DERIVED, f"okänd kolumn {label!r} i tabellen"))
    return problems


def parent_cycle_problems(amounts: pd.DataFrame, amounts_file: str) -> list[Problem]:
    """``hierarchy.parent_cycle_problems`` over the grouped rows instead of a pandas groupby."""
    problems = []
    for table_id, rows in rows_by_table(amounts).items():
        parent_of = {row_id: parent for _, row_id, parent, *_ in rows if parent}
        for line, row_id, parent, *_ in rows:
            if not parent:
                continue
            chain = hierarchy._chain(row_id, parent_of)
            if chain[-1] == row_id:
                shown = " → ".join(chain)
                what = (
                    "raden är sin egen överordnade rad"
                    if len(chain) == 2
                    else f"cirkel av överordnade rader: {shown}"
                )
                problems.append(
                    Problem(
                        amounts_file,
                        line,
                        c.PARENT,
                        f"{what} i tabellen {table_id!r}; väntade en rad ovanför i hierarkin",
                    )
                )
    return problems


def relation_problems(root: Path, frames: Frames) -> list[Problem]:
    known = set(frames[s.AMOUNTS.file][c.FIGURE_ID]) | set(frames[s.STATEMENTS.file][c.STATEMENT_ID])
    relations = frames[s.RELATIONS.file]
    problems = []
    path = loader._path(root, s.RELATIONS)
    for i, kind, stated, terms, base in zip(
        relations.index,
        relations[c.KIND],
        relations[c.STATED],
        relations[c.TERMS],
        relations[c.BASE],
        strict=True,
    ):
        row = int(i)
        if stated not in known:
            problems.append(Problem(path, row, c.STATED, f"okänt värde-id {stated!r}"))
        for column, text in ((c.TERMS, terms), (c.BASE, base)):
            if not text:
                if column == c.BASE and kind == "percent":
                    problems.append(Problem(path, row, column, "en procentrelation behöver en bas"))
                continue
            try:
                refs = [term.ref for term in parse_terms(text)]
            except ExpressionError as error:
                problems.append(Problem(path, row, column, str(error)))
                continue
            problems += [
                Problem(path, row, column, f"okänt värde-id {ref!r}") for ref in refs if ref not in known
            ]
            if stated in refs:
                problems.append(
                    Problem(
                        path, row, column, f"den angivna uppgiften {stated!r} står bland sina egna termer"
                    )
                )
    return problems


_CONVERTED: dict[tuple[str, str], tuple[float, str, float]] = {}


def cached_to_base(text: str, unit: str) -> tuple[float, str, float]:
    """``to_base`` once per distinct printed number and unit."""
    key = (text, unit)
    if key not in _CONVERTED:
        _CONVERTED[key] = to_base(text, unit)
    return _CONVERTED[key]


@contextlib.contextmanager
def patched() -> Iterator[None]:
    """budgetlib.load with the grouped checks swapped in, for the duration."""
    swaps = {
        "read_checked": read_checked,
        "_line_problems": line_problems,
        "_table_problems": table_problems,
        "_relation_problems": relation_problems,
        "parent_cycle_problems": parent_cycle_problems,
        "to_base": cached_to_base,
    }
    saved = {name: getattr(loader, name) for name in swaps}
    for name, function in swaps.items():
        setattr(loader, name, function)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(loader, name, function)


def dataset_csv(dataset: budgetlib.Dataset) -> list[str]:
    frames = [getattr(dataset, n) for n in dataset.__dataclass_fields__ if n != "data_dir"]
    return [frame.to_csv(index=False) for frame in frames]


def problems_of(folder: Path) -> list[str]:
    try:
        budgetlib.load(folder)
    except budgetlib.DataError as error:
        return [str(p) for p in error.problems]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 30_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--only-prototype", action="store_true", help="time load + reconcile prototypes only")
    parser.add_argument("--broken", type=Path, help="a folder with planted faults: compare the problems too")
    parser.add_argument(
        "--lift-size-limit",
        action="store_true",
        help="raise the strict reader's 20 MB limit per file for this run (amounts.csv passes it"
        " near 170 000 figures)",
    )
    args = parser.parse_args()
    if args.lift_size_limit:
        csvfile.MAX_FILE_BYTES = 2**31
    if args.broken:
        today = problems_of(args.broken)
        with patched():
            ours = problems_of(args.broken)
        print(
            f"{args.broken}: {len(today)} problem, samma i samma ordning: {'ja' if ours == today else 'NEJ'}"
        )
    for size in args.sizes:
        folder = folder_for(size, args.seed, args.cache)
        started = time.perf_counter()
        with patched():
            dataset = budgetlib.load(folder)
        seconds = time.perf_counter() - started
        line = f"{len(dataset.figures):>9} värden: inläsning prototyp {seconds:6.2f} s"
        if args.only_prototype:
            started = time.perf_counter()
            findings = reconcile_grouped(dataset)
            reconciled = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            line += f", avstämning prototyp {reconciled:6.2f} s ({len(findings)} utfall), topp {peak:.0f} MiB"
        else:
            started = time.perf_counter()
            today = budgetlib.load(folder)
            today_seconds = time.perf_counter() - started
            same = dataset_csv(dataset) == dataset_csv(today)
            line += f", i dag {today_seconds:6.2f} s, samma dataset: {'ja' if same else 'NEJ'}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
