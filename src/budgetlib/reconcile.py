"""Reconciliation: test every relation the documents claim, with honest rounding tolerance.

Relations come from the data: table structure (``sum``, ``partial_sum``,
``bridge``, ``parent`` rows, ``derived`` columns), declared relations in
``relations.csv`` and vote counts. Each test yields one :class:`Finding`;
figures that no relation tests are reported as ``not_checkable``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.expressions import parse_derived, parse_terms
from budgetlib.findings import Check, Finding, Findings, Status
from budgetlib.numbers import DISPLAY_MINUS, MKR, format_compact, format_number, parse_unit
from budgetlib.tolerance import (
    find_unit_slip,
    percent_tolerance,
    rounding_tolerance,
    status_of,
)

QUALIFIER_WORDS = {"drygt": "drygt (lite över)", "knappt": "knappt (lite under)"}
SAME_UNIT_WORDS = {"miljon kronor": "miljoner kronor"}  # singular and plural need no unit shown
UNITS_BY_EXPONENT = {-6: "kr", -3: "tkr", 0: "mkr", 3: "mdkr", 6: "biljoner kronor"}


@dataclass(frozen=True)
class Figure:
    """One printed figure, resolved: value in base unit and the step it was rounded to."""

    figure_id: str
    doc_id: str
    label: str
    value: float
    step: float
    unit: str
    value_text: str
    unit_text: str
    sign: int
    phase: str
    qualifier: str
    source_file: str
    line: int

    @property
    def printed(self) -> str:
        """As printed, with the sign the words give: ``−47`` for "underskott … 47"."""
        return f"{DISPLAY_MINUS}{self.value_text}" if self.sign < 0 else self.value_text


Terms = Sequence[tuple[int, Figure]]


def _figures_by_id(dataset: Dataset) -> dict[str, Figure]:
    names = [field for field in Figure.__dataclass_fields__]
    records: list[dict[str, Any]] = dataset.figures[names].to_dict("records")  # type: ignore[assignment]
    return {r[c.FIGURE_ID]: Figure(**r) for r in records}


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def _fmt(value: float, step: float = 1.0) -> str:
    """A figure to the precision it was printed with."""
    return format_number(value, min(_decimals(step), 3))


def _show_units(figures: Sequence[Figure]) -> bool:
    """Units are worth showing where the figures were printed in different units."""
    return len({SAME_UNIT_WORDS.get(f.unit_text, f.unit_text) for f in figures}) > 1


def _printed(figure: Figure, units: bool) -> str:
    text = figure.value_text.lstrip(DISPLAY_MINUS + "-")
    return f"{text} {figure.unit_text}" if units else text


def _sum_words(terms: Terms, units: bool) -> str:
    """``81 + 19 − 324``: each term as printed, with the sign it carries in the sum."""
    parts = []
    for index, (sign, figure) in enumerate(terms):
        negative = sign * figure.value < 0
        operator = DISPLAY_MINUS if negative else ("" if index == 0 else "+")
        parts.append(f"{operator}{'' if index == 0 else ' '}{_printed(figure, units)}")
    return " ".join(parts)


def _words(stated: Figure, terms: Terms, operator: str = "=") -> str:
    """``81 + 19 + … = 190``, with units where the figures' printed units differ."""
    units = _show_units([stated, *(f for _, f in terms)])
    return f"{_sum_words(terms, units)} {operator} {stated.printed}{' ' + stated.unit_text if units else ''}"


def _provenance(figures: Sequence[Figure]) -> str:
    by_file: dict[str, list[int]] = {}
    for figure in figures:
        by_file.setdefault(figure.source_file, [])
        if figure.line not in by_file[figure.source_file]:
            by_file[figure.source_file].append(figure.line)
    return "; ".join(f"{name}:{', '.join(str(n) for n in sorted(lines))}" for name, lines in by_file.items())


def _phases(figures: Sequence[Figure]) -> str:
    seen: dict[str, list[str]] = {}
    for figure in figures:
        phases = seen.setdefault(figure.doc_id, [])
        if figure.phase not in phases:
            phases.append(figure.phase)
    return ", ".join(f"{doc} ({'/'.join(phases)})" for doc, phases in sorted(seen.items()))


def _finding(
    check: Check,
    subject: str,
    relation: str,
    stated: Figure,
    terms: Terms,
    actual: float,
    tolerance: float,
    status: Status,
    message: str,
) -> Finding:
    involved = [stated, *(f for _, f in terms)]
    doc_ids = tuple(sorted({f.doc_id for f in involved}))
    if len(doc_ids) > 1:
        check, message = Check.CROSS_DOCUMENT, f"Mellan dokument: {_phases(involved)}. {message}"
    return Finding(
        doc_ids=doc_ids,
        subject=subject,
        check=check,
        relation=relation,
        expected=stated.value,
        actual=actual,
        difference=actual - stated.value,
        tolerance=tolerance,
        unit=stated.unit,
        status=status,
        message=message,
        figure_ids=tuple(f.figure_id for f in involved),
        provenance=_provenance(involved),
    )


def _equality_message(status: Status, difference: float, tolerance: float, unit: str) -> str:
    if status is Status.EXACT:
        return "Stämmer exakt."
    amount = f"{format_compact(abs(difference))} {unit}"
    limit = f"±{format_compact(tolerance)} {unit}"
    if status is Status.ROUNDING:
        return f"Skillnaden {amount} ryms i avrundningen ({limit})."
    return f"Skillnaden {amount} är större än vad avrundning förklarar ({limit})."


def compare(check: Check, subject: str, stated: Figure, terms: Terms) -> Finding:
    """A stated figure against the sum of signed terms; unit slips recognised."""
    computed = sum(sign * figure.value for sign, figure in terms)
    term_tolerance = rounding_tolerance(f.step for _, f in terms)
    tolerance = rounding_tolerance([stated.step]) + term_tolerance
    difference = computed - stated.value
    status = status_of(difference, tolerance)
    message = _equality_message(status, difference, tolerance, stated.unit)
    if status is Status.MISMATCH and stated.unit == MKR:
        slip = find_unit_slip(stated.value, stated.step, computed, term_tolerance)
        if slip is not None:
            status = Status.UNIT_SLIP
            exponent = round(math.log10(parse_unit(stated.unit_text).factor * slip.factor))
            unit = UNITS_BY_EXPONENT.get(exponent, f"· 10^{exponent} mkr")  # 10^±9, 10^−12: no name
            reading = f"{stated.value_text} {unit}"
            rest = (
                "därefter ryms skillnaden i avrundningen"
                if slip.within_rounding
                else f"även därefter är skillnaden {format_compact(abs(slip.difference))} {MKR}, "
                f"mer än avrundningen (±{format_compact(slip.tolerance)} {MKR}) förklarar"
            )
            message = (
                f"Enhetsfel: {stated.value_text} {stated.unit_text} stämmer först läst som {reading} "
                f"= {_fmt(slip.corrected, stated.step * slip.factor)} {MKR}; {rest}."
            )
    return _finding(
        check, subject, _words(stated, terms), stated, terms, computed, tolerance, status, message
    )


def residual(check: Check, subject: str, total: Figure, parts: Terms) -> Finding:
    """Named parts of a total: the unitemised remainder, or a mismatch if the parts exceed it."""
    named = sum(sign * figure.value for sign, figure in parts)
    tolerance = rounding_tolerance([total.step, *(f.step for _, f in parts)])
    remainder = total.value - named
    status = status_of(remainder, tolerance)
    step = min(f.step for f in [total, *(f for _, f in parts)])
    relation = _words(total, parts, operator="≤")
    if status is Status.MISMATCH and abs(named) < abs(total.value) and remainder * total.value > 0:
        status = Status.RESIDUAL
        message = (
            f"Ospecificerat: {_fmt(remainder, step)} {total.unit} av {_fmt(total.value, step)} {total.unit}."
        )
    elif status is Status.MISMATCH:
        message = (
            f"De namngivna delarna ({_fmt(named, step)} {total.unit}) är större än totalen "
            f"({_fmt(total.value, step)} {total.unit})."
        )
    else:
        message = _equality_message(status, -remainder, tolerance, total.unit) + " Delarna täcker totalen."
    return _finding(check, subject, relation, total, parts, named, tolerance, status, message)


def percent(subject: str, stated: Figure, numerator: Terms, denominator: Terms) -> Finding:
    """A stated percentage against ``100 · numerator / denominator``; not checkable on a zero base."""
    involved = [*numerator, *denominator]
    units = _show_units([stated, *(f for _, f in involved)])
    qualifier = f"{stated.qualifier} " if stated.qualifier else ""
    fraction = f"{_sum_words(numerator, units)} / ({_sum_words(denominator, units)})"
    relation = f"100 · {fraction} = {qualifier}{stated.value_text} %"
    top = sum(sign * f.value for sign, f in numerator)
    bottom = sum(sign * f.value for sign, f in denominator)
    if bottom == 0:
        message = "Basen är noll, så ingen procentsats kan räknas fram att jämföra med."
        return _finding(
            Check.PERCENT,
            subject,
            relation,
            stated,
            involved,
            math.nan,
            math.nan,
            Status.NOT_CHECKABLE,
            message,
        )
    computed = 100 * top / bottom
    tolerance = rounding_tolerance([stated.step]) + percent_tolerance(
        top,
        rounding_tolerance(f.step for _, f in numerator),
        bottom,
        rounding_tolerance(f.step for _, f in denominator),
    )
    difference = computed - stated.value
    status = status_of(difference, tolerance)
    message = _equality_message(status, difference, tolerance, "procentenheter")
    qualifier_broken = (stated.qualifier == "drygt" and computed < stated.value) or (
        stated.qualifier == "knappt" and computed > stated.value
    )
    if stated.qualifier in QUALIFIER_WORDS:
        words = QUALIFIER_WORDS[stated.qualifier]
        if qualifier_broken:
            status = Status.MISMATCH
            message = f"Texten säger {words} {stated.value_text} %, men beräknat är {_fmt(computed, 0.1)} %."
        else:
            message += f" Stämmer med {words}."
    return _finding(Check.PERCENT, subject, relation, stated, involved, computed, tolerance, status, message)


def _table_findings(dataset: Dataset, figures: dict[str, Figure]) -> Iterator[Finding]:
    for table in dataset.tables.to_dict("records"):
        cells = dataset.figures[dataset.figures[c.TABLE_ID] == table[c.TABLE_ID]]
        if table[c.RELATION] in ("sum", "partial_sum"):
            yield from _sum_findings(str(table[c.TABLE_ID]), str(table[c.RELATION]), cells, figures)
        elif table[c.RELATION] == "bridge":
            yield _bridge_finding(str(table[c.TABLE_ID]), cells, figures)
        if table[c.DERIVED]:
            yield from _derived_findings(str(table[c.TABLE_ID]), str(table[c.DERIVED]), cells, figures)


def _sum_findings(
    table_id: str, relation: str, cells: pd.DataFrame, figures: dict[str, Figure]
) -> Iterator[Finding]:
    for column_id, column in cells.groupby(c.COLUMN_ID, sort=False):
        by_row = {str(r): figures[str(f)] for r, f in zip(column[c.ROW_ID], column[c.FIGURE_ID], strict=True)}
        column_label = str(column[c.COLUMN].iloc[0])
        for parent, children in column[column[c.PARENT] != ""].groupby(c.PARENT, sort=False):
            if str(parent) in by_row:
                terms = [(1, figures[str(f)]) for f in children[c.FIGURE_ID]]
                subject = f"{table_id} · {column_label} · {parent}"
                yield compare(Check.SUM, subject, by_row[str(parent)], terms)
        totals = column[column[c.ROLE] == "total"]
        top_parts = column[(column[c.ROLE] == "part") & (column[c.PARENT] == "")]
        for total_id in totals[c.FIGURE_ID]:
            terms = [(1, figures[str(f)]) for f in top_parts[c.FIGURE_ID]]
            subject = f"{table_id} · {column_label}" if column_id != "value" else table_id
            if relation == "partial_sum":
                yield residual(Check.RESIDUAL, subject, figures[str(total_id)], terms)
            else:
                yield compare(Check.SUM, subject, figures[str(total_id)], terms)


def _bridge_finding(table_id: str, cells: pd.DataFrame, figures: dict[str, Figure]) -> Finding:
    def with_role(role: str) -> list[Figure]:
        return [figures[str(f)] for f in cells.loc[cells[c.ROLE] == role, c.FIGURE_ID]]

    closing = with_role("closing")[0]
    terms = [(1, f) for f in [*with_role("opening"), *with_role("component")]]
    return compare(Check.BRIDGE, table_id, closing, terms)


def _derived_findings(
    table_id: str, derived_text: str, cells: pd.DataFrame, figures: dict[str, Figure]
) -> Iterator[Finding]:
    derived = parse_derived(derived_text)
    for row_id, row in cells.groupby(c.ROW_ID, sort=False):
        by_column = {
            str(col): figures[str(f)] for col, f in zip(row[c.COLUMN], row[c.FIGURE_ID], strict=True)
        }
        needed = [derived.result, *(t.ref for t in derived.terms)]
        if all(name in by_column for name in needed):
            terms = [(t.sign, by_column[t.ref]) for t in derived.terms]
            subject = f"{table_id} · {derived.result} · {row_id}"
            yield compare(Check.ROW_ARITHMETIC, subject, by_column[derived.result], terms)


def _relation_findings(dataset: Dataset, figures: dict[str, Figure]) -> Iterator[Finding]:
    for relation in dataset.relations.to_dict("records"):
        parsed_terms = parse_terms(str(relation[c.TERMS]))
        parsed_base = parse_terms(str(relation[c.BASE])) if relation[c.BASE] else ()
        refs = [str(relation[c.STATED]), *(t.ref for t in (*parsed_terms, *parsed_base))]
        if not all(ref in figures for ref in refs):
            continue  # a figure outside the selected documents
        stated = figures[str(relation[c.STATED])]
        terms = [(t.sign, figures[t.ref]) for t in parsed_terms]
        subject = str(relation[c.RELATION_ID])
        kind = relation[c.KIND]
        if kind == "residual":
            yield residual(Check.RESIDUAL, subject, stated, terms)
        elif kind == "percent":
            yield percent(subject, stated, terms, [(t.sign, figures[t.ref]) for t in parsed_base])
        else:
            yield compare(Check.SUM if kind == "sum" else Check.EQUALS, subject, stated, terms)


def _vote_findings(dataset: Dataset) -> Iterator[Finding]:
    for vote in dataset.votes.to_dict("records"):
        listed = dataset.voters[dataset.voters[c.VOTE_ID] == vote[c.VOTE_ID]]
        counted = int(vote[c.JA]) + int(vote[c.NEJ]) + int(vote[c.AVSTAR])
        status = status_of(float(len(listed) - counted), 0.0)
        lines = sorted({int(vote[c.LINE]), *(int(n) for n in listed[c.LINE])})
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
            provenance=_provenance([figure]),
        )


def reconcile(dataset: Dataset) -> Findings:
    """Check every relation in the dataset; one finding per check, in document order."""
    figures = _figures_by_id(dataset)
    checked = [
        *_table_findings(dataset, figures),
        *_relation_findings(dataset, figures),
        *_vote_findings(dataset),
    ]
    tested = {figure_id for finding in checked for figure_id in finding.figure_ids}
    everything = [*checked, *_unlinked_findings(figures, tested)]
    return Findings(tuple(sorted(everything, key=lambda f: f.doc_ids[0])))
