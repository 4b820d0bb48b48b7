"""Which committee (nämnd) each table, row and figure belongs to.

The committee belongs to the document by default. A table may name its own
(``tables.csv`` ``namnd``), and a row of a table may name one for itself and
its child rows (``amounts.csv`` ``namnd``): a driftredovisning lists a row
block per nämnd. A figure in running text may name one (``statements.csv``).
Every name resolves through the committee register; free names stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from budgetlib import columns as c
from budgetlib.committees import committee_register
from budgetlib.errors import Problem

RowKey = tuple[str, str]  # (table_id, row_id)


@dataclass(frozen=True)
class Owners:
    """The committee of every table, amount-table cell and stated figure, row for row."""

    documents: list[str]
    tables: list[str]
    amounts: list[str]
    statements: list[str]

    def every(self) -> list[str]:
        """Every committee code in use, once, in order of first use."""
        return list(dict.fromkeys([*self.documents, *self.tables, *self.amounts, *self.statements]))


def canonical(names: pd.Series) -> pd.Series:
    """Committee names as the register's codes; blanks stay blank, free names as written."""
    register = committee_register()
    codes = {name: register.canonical(name) if name else "" for name in names.unique().tolist()}
    return names.map(codes)


def row_committee_problems(amounts: pd.DataFrame, path: str) -> list[Problem]:
    """Cells of one table row that name different committees."""
    first: dict[RowKey, str] = {}
    problems = []
    rows = zip(
        amounts.index.tolist(),
        amounts[c.TABLE_ID].tolist(),
        amounts[c.ROW_ID].tolist(),
        canonical(amounts[c.NAMND]).tolist(),
        strict=True,
    )
    for i, table_id, row_id, namnd in rows:
        if not namnd:
            continue
        named = first.setdefault((table_id, row_id), namnd)
        if named != namnd:
            message = f"raden {row_id!r} har nämnden {named!r} i en annan kolumn; en rad hör till en nämnd"
            problems.append(Problem(path, int(i), c.NAMND, message))
    return problems


def owners(
    documents: pd.DataFrame, tables: pd.DataFrame, amounts: pd.DataFrame, statements: pd.DataFrame
) -> Owners:
    """Each row's committee: its own, else its parent row's, else its table's, else its document's."""
    of_document = dict(zip(documents[c.DOC_ID].tolist(), canonical(documents[c.NAMND]).tolist(), strict=True))
    of_table: dict[str, str] = {
        table_id: namnd or of_document[doc_id]
        for table_id, doc_id, namnd in zip(
            tables[c.TABLE_ID].tolist(),
            tables[c.DOC_ID].tolist(),
            canonical(tables[c.NAMND]).tolist(),
            strict=True,
        )
    }
    table_ids, row_ids = amounts[c.TABLE_ID].tolist(), amounts[c.ROW_ID].tolist()
    named = {
        (table_id, row_id): namnd
        for table_id, row_id, namnd in zip(
            table_ids, row_ids, canonical(amounts[c.NAMND]).tolist(), strict=True
        )
        if namnd
    }
    naming = {table_id for table_id, _ in named}  # the tables where a row names its committee
    parent_of = {
        (table_id, row_id): parent
        for table_id, row_id, parent in zip(table_ids, row_ids, amounts[c.PARENT].tolist(), strict=True)
        if parent and table_id in naming
    }
    owner_of: dict[RowKey, str] = {}  # the cells of a row share its owner

    def of_row(key: RowKey) -> str:
        if key[0] not in naming:
            return of_table[key[0]]
        if key in owner_of:
            return owner_of[key]
        start, seen = key, set()
        while key not in named and key in parent_of and key not in seen:  # a cycle is reported elsewhere
            seen.add(key)
            key = (key[0], parent_of[key])
        owner_of[start] = named.get(key) or of_table[key[0]]
        return owner_of[start]

    return Owners(
        documents=list(of_document.values()),
        tables=[of_table[t] for t in tables[c.TABLE_ID].tolist()],
        amounts=[of_row(key) for key in zip(table_ids, row_ids, strict=True)],
        statements=[
            namnd or of_document[doc_id]
            for doc_id, namnd in zip(
                statements[c.DOC_ID].tolist(), canonical(statements[c.NAMND]).tolist(), strict=True
            )
        ],
    )
