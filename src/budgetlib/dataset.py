"""The loaded data: typed frames and lookups by region, nämnd and year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.errors import BudgetlibError


class SelectionError(BudgetlibError, ValueError):
    """A lookup named a region, nämnd or year that the data does not hold."""


@dataclass(frozen=True)
class Dataset:
    """Every figure of the documents as typed frames, each row with provenance.

    ``figures`` holds table cells and figures stated in running text together:
    ``value`` in base unit (mkr, or % for percentages) beside the printed
    ``value_text`` and ``unit_text``; ``source_file`` and ``line`` say where.
    """

    data_dir: Path
    regions: pd.DataFrame
    committees: pd.DataFrame
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
    categories: pd.DataFrame
    population: pd.DataFrame
    kolada: pd.DataFrame

    def select(self, region: str | None = None, namnd: str | None = None, year: int | None = None) -> Dataset:
        """The documents (and their rows) of one region, nämnd and/or budget year."""
        docs = self.documents
        for column, wanted, known in (
            (c.REGION, region, self.regions[c.REGION]),
            (c.NAMND, namnd, self.committees[c.NAMND]),
            (c.BUDGET_YEAR, year, docs[c.BUDGET_YEAR]),
        ):
            if wanted is None:
                continue
            if wanted not in set(known):
                choices = ", ".join(str(k) for k in sorted(set(known)))
                raise SelectionError(f"okänt värde för {column}: {wanted!r}; kända värden: {choices}")
            docs = docs[docs[column] == wanted]
        return self._only(set(docs[c.DOC_ID]))

    def select_many(
        self, regions: Sequence[str] = (), namnder: Sequence[str] = (), years: Sequence[int] = ()
    ) -> Dataset:
        """The documents of any of these regions, nämnder and years; an empty list means all."""
        keep: set[str] = set()
        every: list[None] = [None]
        for region in regions or every:
            for namnd in namnder or every:
                for year in years or every:
                    keep |= set(self.select(region, namnd, year).documents[c.DOC_ID])
        return self._only(keep)

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

    def _only(self, doc_ids: set[str]) -> Dataset:
        changes: dict[str, Any] = {}
        for field in fields(self):
            frame = getattr(self, field.name)
            if not isinstance(frame, pd.DataFrame):
                continue
            if c.DOC_ID in frame.columns:
                changes[field.name] = frame[frame[c.DOC_ID].isin(doc_ids)].reset_index(drop=True)
        return replace(self, **changes)

    def combinations(self) -> pd.DataFrame:
        """Each (region, nämnd, budget year) in the data with its documents."""
        return (
            self.documents.groupby([c.REGION, c.NAMND, c.BUDGET_YEAR], as_index=False)
            .agg(documents=(c.DOC_ID, lambda ids: ", ".join(sorted(ids))))
            .sort_values([c.REGION, c.NAMND, c.BUDGET_YEAR], ignore_index=True)
        )

    def summary(self) -> pd.DataFrame:
        """What the data holds per region, nämnd and year: counts of each kind of row."""
        keyed = self.documents[[c.DOC_ID, c.REGION, c.NAMND, c.BUDGET_YEAR]]
        counts = {
            "tabellvärden": self.figures[self.figures[c.SOURCE] == "tabell"],
            "textvärden": self.figures[self.figures[c.SOURCE] == "text"],
            "indikatorer": self.indicators,
            "uppdrag": self.assignments,
            "voteringar": self.votes,
        }
        summary = self.combinations()
        for name, frame in counts.items():
            per_doc = frame.merge(keyed, on=c.DOC_ID).groupby([c.REGION, c.NAMND, c.BUDGET_YEAR]).size()
            summary[name] = [
                int(per_doc.get((row[c.REGION], row[c.NAMND], row[c.BUDGET_YEAR]), 0))
                for _, row in summary.iterrows()
            ]
        return summary
