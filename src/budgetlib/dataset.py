"""The loaded data: typed frames and lookups by region, nämnd and year."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.committees import committee_register
from budgetlib.errors import BudgetlibError

KEY = [c.REGION, c.NAMND, c.BUDGET_YEAR]


def _positions(frame: pd.DataFrame, keys: Sequence[Any]) -> dict[Any, list[int]]:
    """Row positions by key, each list in frame order."""
    grouped: dict[Any, list[int]] = {}
    for position, key in enumerate(keys):
        grouped.setdefault(key, []).append(position)
    return grouped


class SelectionError(BudgetlibError, ValueError):
    """A lookup named a region, nämnd or year that the data does not hold."""


@dataclass(frozen=True)
class _Rows:
    """What a selection keeps: its documents, the documents whose own rows it keeps, tables, figures."""

    documents: frozenset[str]
    own: frozenset[str]
    tables: frozenset[str]
    figures: frozenset[str]

    def __or__(self, other: _Rows) -> _Rows:
        return _Rows(
            self.documents | other.documents,
            self.own | other.own,
            self.tables | other.tables,
            self.figures | other.figures,
        )


@dataclass(frozen=True)
class Dataset:
    """Every figure of the documents as typed frames, each row with provenance.

    ``figures`` holds table cells and figures stated in running text together:
    ``value`` in base unit (mkr, %, p.e. or kr/inv) beside the printed
    ``value_text`` and ``unit_text``; ``namnd`` and ``org_code`` say whose
    figure it is, ``source_file`` and ``line`` where it stands, ``csv_file``
    and ``csv_row`` where it was keyed.
    """

    data_dir: Path
    format_version: int  # of the folder as stored; format 1 is read as format 2 in memory
    organisations: pd.DataFrame  # the register: every kommun, region and the state
    committees: pd.DataFrame  # a name for each committee code
    documents: pd.DataFrame
    tables: pd.DataFrame
    figures: pd.DataFrame
    relations: pd.DataFrame
    indicators: pd.DataFrame
    assignments: pd.DataFrame
    motions: pd.DataFrame
    votes: pd.DataFrame
    voters: pd.DataFrame
    positions: pd.DataFrame
    conclusions: pd.DataFrame  # what a document itself concludes, quoted with its lines
    categories: pd.DataFrame
    population: pd.DataFrame
    kolada: pd.DataFrame

    def select(self, region: str | None = None, namnd: str | None = None, year: int | None = None) -> Dataset:
        """The documents (and their rows) of one organisation, nämnd and/or budget year.

        ``region`` is the organisation's name or SCB code (format 1 knew regions only);
        ``namnd`` a committee code, name or alias. A document covering several
        nämnder is kept with only the tables and figures of the selected nämnd;
        its own rows (indicators, assignments, decisions) only if it is that nämnd's.
        """
        return self._keep(self._rows(region, namnd, year))

    def select_many(
        self, regions: Sequence[str] = (), namnder: Sequence[str] = (), years: Sequence[int] = ()
    ) -> Dataset:
        """The documents of any of these regions, nämnder and years; an empty list means all."""
        every: list[None] = [None]
        rows = [
            self._rows(region, namnd, year)
            for region in regions or every
            for namnd in namnder or every
            for year in years or every
        ]
        return self._keep(functools.reduce(operator.or_, rows))

    def one(self, region: str, namnd: str, year: int) -> Dataset:
        """Exactly one (region, nämnd, year) that the data holds; else a :class:`SelectionError`."""
        selected = self.select(region, namnd, year)
        if selected.documents.empty:
            held = "; ".join(
                f"{r}, {n}, {y}"
                for r, n, y in self.combinations()[[c.REGION, c.NAMND, c.BUDGET_YEAR]].itertuples(index=False)
            )
            raise SelectionError(f"datan har inga dokument för {region}, {namnd}, {year}; den har: {held}")
        return selected

    def with_rows(self, kept: dict[str, list[int]]) -> Dataset:
        """This dataset with only the rows at these positions (by frame name, as :meth:`each_rows` gives)."""
        taken = {name: getattr(self, name).take(rows).reset_index(drop=True) for name, rows in kept.items()}
        return replace(self, **taken)

    def each_rows(self) -> dict[tuple[str, str, int], dict[str, list[int]]]:
        """For every (region, nämnd, year): the positions of the rows :meth:`one` keeps, by frame name.

        Frames not tied to documents (the register, committees, categories,
        population, Kolada) are kept whole by every combination and left out.
        """
        docs = self.documents
        by_doc = {
            field.name: _positions(getattr(self, field.name), getattr(self, field.name)[c.DOC_ID].tolist())
            for field in fields(self)
            if isinstance(getattr(self, field.name), pd.DataFrame)
            and field.name not in ("documents", "tables", "figures")
            and c.DOC_ID in getattr(self, field.name).columns
        }
        place = {
            doc: (region, int(year))
            for doc, region, year in docs[[c.DOC_ID, c.REGION, c.BUDGET_YEAR]].itertuples(index=False)
        }
        figure_groups = _positions(
            self.figures,
            [
                place[d] + (n,)
                for d, n in zip(self.figures[c.DOC_ID].tolist(), self.figures[c.NAMND].tolist(), strict=True)
            ],
        )
        table_groups = _positions(self.tables, [place[d] for d in self.tables[c.DOC_ID].tolist()])
        doc_groups = _positions(docs, [place[d] for d in docs[c.DOC_ID].tolist()])
        doc_ids, doc_namnder = docs[c.DOC_ID].tolist(), docs[c.NAMND].tolist()
        table_ids, table_namnder = self.tables[c.TABLE_ID].tolist(), self.tables[c.NAMND].tolist()
        table_docs = self.tables[c.DOC_ID].tolist()
        figure_tables, figure_docs = self.figures[c.TABLE_ID].tolist(), self.figures[c.DOC_ID].tolist()
        doc_position = {doc: position for position, doc in enumerate(doc_ids)}
        register = committee_register()
        result = {}
        for region, namnd, year in self.combinations()[KEY].itertuples(index=False):
            code = register.canonical(namnd)
            where = (region, int(year))
            figures = figure_groups.get((*where, code), [])
            shown_tables = {figure_tables[p] for p in figures}
            tables = [
                p
                for p in table_groups.get(where, [])
                if table_namnder[p] == code or table_ids[p] in shown_tables
            ]
            own = [doc_ids[p] for p in doc_groups.get(where, []) if doc_namnder[p] == code]
            documents = {*own, *(table_docs[p] for p in tables), *(figure_docs[p] for p in figures)}
            kept = {
                "documents": sorted(doc_position[doc] for doc in documents),
                "tables": tables,
                "figures": figures,
            }
            for name, rows in by_doc.items():
                kept[name] = sorted(position for doc in own for position in rows.get(doc, []))
            result[(region, namnd, int(year))] = kept
        return result

    def namnder(self) -> set[str]:
        """Every committee code the data holds: documents', tables' and figures' own."""
        return {*self.documents[c.NAMND], *self.tables[c.NAMND], *self.figures[c.NAMND]}

    def _known(self, column: str, wanted: Any, known: set[Any]) -> Any:
        if wanted not in known:
            choices = ", ".join(str(k) for k in sorted(known))
            raise SelectionError(f"okänt värde för {column}: {wanted!r}; kända värden: {choices}")
        return wanted

    def _rows(self, region: str | None, namnd: str | None, year: int | None) -> _Rows:
        docs = self.documents
        if region is not None:
            by_code = dict(zip(docs[c.ORG_CODE], docs[c.REGION], strict=True))
            name = self._known(c.REGION, by_code.get(region, region), set(docs[c.REGION]))
            docs = docs[docs[c.REGION] == name]
        if namnd is not None:
            code = committee_register().canonical(namnd)
            self._known(c.NAMND, code if code in self.namnder() else namnd, self.namnder())
        if year is not None:
            docs = docs[
                docs[c.BUDGET_YEAR] == self._known(c.BUDGET_YEAR, year, set(self.documents[c.BUDGET_YEAR]))
            ]
        own = docs
        figures = self.figures[self.figures[c.DOC_ID].isin(docs[c.DOC_ID])]
        tables = self.tables[self.tables[c.DOC_ID].isin(docs[c.DOC_ID])]
        if namnd is not None:
            figures = figures[figures[c.NAMND] == code]
            tables = tables[(tables[c.NAMND] == code) | tables[c.TABLE_ID].isin(figures[c.TABLE_ID])]
            own = docs[docs[c.NAMND] == code]
        return _Rows(
            documents=frozenset({*own[c.DOC_ID], *tables[c.DOC_ID], *figures[c.DOC_ID]}),
            own=frozenset(own[c.DOC_ID]),
            tables=frozenset(tables[c.TABLE_ID]),
            figures=frozenset(figures[c.FIGURE_ID]),
        )

    def _keep(self, rows: _Rows) -> Dataset:
        masks = {
            "documents": (c.DOC_ID, rows.documents),
            "tables": (c.TABLE_ID, rows.tables),
            "figures": (c.FIGURE_ID, rows.figures),
        }
        changes: dict[str, Any] = {}
        for field in fields(self):
            frame = getattr(self, field.name)
            if not isinstance(frame, pd.DataFrame):
                continue
            column, keep = masks.get(field.name, (c.DOC_ID, rows.own))
            if column in frame.columns:
                changes[field.name] = frame[frame[column].isin(keep)].reset_index(drop=True)
        return replace(self, **changes)

    def _placed(self) -> pd.DataFrame:
        """(document, region, nämnd, year) for the documents' own nämnder and their tables' and figures'."""
        docs = self.documents[[c.DOC_ID, *KEY]]
        where = docs.drop(columns=c.NAMND)
        parts = [
            docs,
            *(frame[[c.DOC_ID, c.NAMND]].merge(where, on=c.DOC_ID) for frame in (self.tables, self.figures)),
        ]
        return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)

    def combinations(self) -> pd.DataFrame:
        """Each (region, nämnd, budget year) in the data with its documents."""
        return (
            self._placed()
            .groupby(KEY, as_index=False)
            .agg(documents=(c.DOC_ID, lambda ids: ", ".join(sorted(ids))))
            .sort_values(KEY, ignore_index=True)
        )

    def summary(self) -> pd.DataFrame:
        """What the data holds per region, nämnd and year: counts of each kind of row.

        Figures count for their own nämnd, the other rows for their document's.
        """
        keyed = self.documents[[c.DOC_ID, *KEY]]
        counts = {
            "tabellvärden": self.figures[self.figures[c.SOURCE] == "tabell"],
            "textvärden": self.figures[self.figures[c.SOURCE] == "text"],
            "indikatorer": self.indicators,
            "uppdrag": self.assignments,
            "voteringar": self.votes,
        }
        summary = self.combinations()
        for name, frame in counts.items():
            placed = keyed.drop(columns=c.NAMND) if c.NAMND in frame.columns else keyed
            per_doc = frame.merge(placed, on=c.DOC_ID).groupby(KEY).size()
            summary[name] = [
                int(per_doc.get((row[c.REGION], row[c.NAMND], row[c.BUDGET_YEAR]), 0))
                for _, row in summary.iterrows()
            ]
        return summary
