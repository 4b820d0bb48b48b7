"""Reconciliation: test every relation the documents claim, with honest rounding tolerance.

Relations come from the data: table structure (``sum``, ``partial_sum``,
``bridge``, ``parent`` rows, ``derived`` columns), declared relations in
``relations.csv`` and vote counts. Each test yields one :class:`Finding`;
figures that no relation tests are reported as ``not_checkable``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.checks import compare, per_inhabitant, percent, repeated, residual, revision
from budgetlib.collector import cycle_collector_paused
from budgetlib.dataset import Dataset
from budgetlib.expressions import parse_population, parse_terms
from budgetlib.figure import Figure
from budgetlib.findings import Check, Finding, Findings, Status
from budgetlib.table_checks import Population, table_findings
from budgetlib.tolerance import status_of
from budgetlib.wording import provenance

RELATION_CHECKS = {"equals": Check.EQUALS, "sum": Check.SUM, "bridge": Check.BRIDGE}


def figures_by_id(dataset: Dataset) -> dict[str, Figure]:
    """Every figure of the dataset as a :class:`Figure`, by its id."""
    columns = [dataset.figures[name].tolist() for name in Figure._fields]
    return {str(figure.figure_id): figure for figure in map(Figure._make, zip(*columns, strict=True))}


def records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The frame's rows as dicts by column name, as ``to_dict("records")`` gives them but faster."""
    names = [str(name) for name in frame.columns]
    for row in zip(*(frame[name].tolist() for name in names), strict=True):
        yield dict(zip(names, row, strict=True))


def population_lookup(dataset: Dataset) -> Population:
    """Inhabitants of an organisation at a date, from the reference data (``None`` where missing)."""
    frame = dataset.population
    known = {
        (str(code), date.date()): int(people)
        for code, date, people in zip(frame[c.ORG_CODE], frame[c.DATE], frame[c.POPULATION], strict=True)
    }

    def population(org_code: str, date: dt.date) -> int | None:
        return known.get((org_code, date))

    return population


def _relation_findings(
    dataset: Dataset, figures: dict[str, Figure], population: Population
) -> Iterator[Finding]:
    for relation in records(dataset.relations):
        kind = str(relation[c.KIND])
        parsed_terms = parse_terms(str(relation[c.TERMS]))
        parsed_base = parse_terms(str(relation[c.BASE])) if relation[c.BASE] and kind == "percent" else ()
        explanation = parse_terms(str(relation[c.EXPLAINED_BY])) if relation[c.EXPLAINED_BY] else ()
        refs = [str(relation[c.STATED]), *(t.ref for t in (*parsed_terms, *parsed_base, *explanation))]
        if not all(ref in figures for ref in refs):
            continue  # a figure outside the selected documents
        stated = figures[str(relation[c.STATED])]
        terms = [(t.sign, figures[t.ref]) for t in parsed_terms]
        subject = str(relation[c.RELATION_ID])
        if kind == "residual":
            explained, words = [(t.sign, figures[t.ref]) for t in explanation], str(relation[c.REMAINDER])
            yield residual(Check.RESIDUAL, subject, stated, terms, explained, words)
        elif kind == "percent":
            yield percent(subject, stated, terms, [(t.sign, figures[t.ref]) for t in parsed_base])
        elif kind == "per_inhabitant":
            date = parse_population(str(relation[c.BASE]))
            yield per_inhabitant(subject, stated, terms, population(stated.org_code, date), date)
        elif kind == "repeated":
            sign, earlier = terms[0]
            yield repeated(subject, stated, earlier, sign)
        elif kind == "revision":
            yield revision(subject, stated, terms)
        else:
            yield compare(RELATION_CHECKS[kind], subject, stated, terms)


def _vote_findings(dataset: Dataset) -> Iterator[Finding]:
    voter_lines: dict[str, list[int]] = {}
    for vote_id, line in zip(
        dataset.voters[c.VOTE_ID].tolist(), dataset.voters[c.LINE].tolist(), strict=True
    ):
        voter_lines.setdefault(str(vote_id), []).append(int(line))
    for vote in records(dataset.votes):
        listed = voter_lines.get(str(vote[c.VOTE_ID]), [])
        counted = int(vote[c.JA]) + int(vote[c.NEJ]) + int(vote[c.AVSTAR])
        status = status_of(float(len(listed) - counted), 0.0)
        lines = sorted({int(vote[c.LINE]), *listed})
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
            if status is Status.EXACT
            else "Rösterna stämmer inte med antalet i voteringslistan.",
            figure_ids=(str(vote[c.VOTE_ID]),),
            provenance=f"{vote[c.SOURCE_FILE]}:{', '.join(str(n) for n in lines)}",
        )


def _unlinked_findings(figures: dict[str, Figure], tested: set[str]) -> Iterator[Finding]:
    for figure in figures.values():
        if figure.figure_id in tested:
            continue
        yield Finding(
            doc_ids=(figure.doc_id,),
            subject=figure.figure_id,
            check=Check.UNLINKED,
            relation=f"{figure.label}: {figure.printed} {figure.unit_text}",
            expected=figure.value,
            actual=math.nan,
            difference=math.nan,
            tolerance=math.nan,
            unit=figure.unit,
            status=Status.NOT_CHECKABLE,
            message="Ingen annan uppgift i dokumenten att stämma av mot.",
            figure_ids=(figure.figure_id,),
            provenance=provenance([figure]),
        )


def reconcile(dataset: Dataset) -> Findings:
    """Check every relation in the dataset; one finding per check, in document order."""
    with cycle_collector_paused():
        return _reconcile(dataset)


def _reconcile(dataset: Dataset) -> Findings:
    figures = figures_by_id(dataset)
    population = population_lookup(dataset)
    table_cells = dataset.figures[dataset.figures[c.TABLE_ID] != ""]
    checked = [
        *table_findings(dataset.tables, table_cells, figures, population),
        *_relation_findings(dataset, figures, population),
        *_vote_findings(dataset),
    ]
    tested = {figure_id for finding in checked for figure_id in finding.figure_ids}
    everything = [*checked, *_unlinked_findings(figures, tested)]
    return Findings(tuple(sorted(everything, key=lambda f: f.doc_ids[0])))
