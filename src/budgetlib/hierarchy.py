"""Parent links between amount rows: no row may be its own parent, at any depth."""

from __future__ import annotations

import pandas as pd

from budgetlib import columns as c
from budgetlib.errors import Problem


def parent_cycle_problems(amounts: pd.DataFrame, amounts_file: str) -> list[Problem]:
    """A problem for every row whose chain of parents comes back to itself.

    ``amounts`` is indexed by line in ``amounts_file``; parents are row ids within one table.
    """
    problems = []
    table_ids = amounts[c.TABLE_ID].tolist()
    rows_of: dict[str, list[tuple[int, str, str]]] = {}  # per table: the rows naming a parent
    for line, table_id, row_id, parent in zip(
        amounts.index.tolist(), table_ids, amounts[c.ROW_ID].tolist(), amounts[c.PARENT].tolist(), strict=True
    ):
        if parent:
            rows_of.setdefault(table_id, []).append((line, row_id, parent))
    for table_id in dict.fromkeys(table_ids):  # in file order
        rows = rows_of.get(table_id, [])
        parent_of = {str(row_id): str(parent) for _, row_id, parent in rows}
        on_cycle = _on_cycles(parent_of)
        for line, row_id, _ in rows:
            if row_id not in on_cycle:
                continue
            chain = _chain(str(row_id), parent_of)
            shown = " → ".join(chain)
            what = (
                "raden är sin egen överordnade rad"
                if len(chain) == 2
                else f"cirkel av överordnade rader: {shown}"
            )
            problems.append(
                Problem(
                    amounts_file,
                    int(line),
                    c.PARENT,
                    f"{what} i tabellen {table_id!r}; väntade en rad ovanför i hierarkin",
                )
            )
    return problems


def _on_cycles(parent_of: dict[str, str]) -> set[str]:
    """The rows whose chain of parents comes back to themselves; each row is walked once."""
    on_cycle: set[str] = set()
    walked: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        row = start
        while row in parent_of and row not in walked:
            walked.add(row)
            path.append(row)
            row = parent_of[row]
        if row in path:  # this walk came back to a row of its own: from there on, a cycle
            on_cycle.update(path[path.index(row) :])
    return on_cycle


def _chain(start: str, parent_of: dict[str, str]) -> list[str]:
    """``start`` and its parents upwards, ending at the top or at the first repeated row."""
    chain = [start]
    while chain[-1] in parent_of:
        chain.append(parent_of[chain[-1]])
        if chain[-1] in chain[:-1]:
            break
    return chain
