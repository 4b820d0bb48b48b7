"""What a relation or derived column may combine: its kind's shape, documents and units.

Reconciliation compares only like base units: mkr with mkr, kronor per
inhabitant with kronor per inhabitant. Percent and percentage points are kept
apart: a percentage is stated against amounts (``percent``), and a statement
in percentage points (``p.e.``) is a difference of percentages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from budgetlib import columns as c
from budgetlib.errors import Problem
from budgetlib.expressions import (
    DerivedColumn,
    DerivedPercent,
    DerivedPerInhabitant,
    ExpressionError,
    parse_derived_columns,
    parse_population,
    parse_terms,
)
from budgetlib.vocabulary import KR_PER_INHABITANT, MKR, PERCENT, PERCENTAGE_POINTS

POINTS_MESSAGE = (
    "procentenheter är skillnaden mellan två procenttal: ange den som equals med +nytt -gammalt procenttal"
)


def combined_unit(terms: Iterable[tuple[int, str]]) -> str | None:
    """The base unit of a signed sum of figures in these units, or ``None`` if they do not mix.

    Percentages combine with percentage points: percentages whose signs cancel
    give percentage points, one percentage plus points gives a percentage.
    """
    listed = list(terms)
    units = {unit for _, unit in listed}
    if len(units) == 1 and units != {PERCENT}:
        return units.pop()
    if units <= {PERCENT, PERCENTAGE_POINTS}:
        weight = sum(sign for sign, unit in listed if unit == PERCENT)
        return {0: PERCENTAGE_POINTS, 1: PERCENT, -1: PERCENT}.get(weight)
    return None


def _unit_words(units: Iterable[str]) -> str:
    return ", ".join(sorted(set(units)))


def relation_problems(
    lines: Sequence[int],
    relations: Sequence[Mapping[str, Any]],
    unit_of: Mapping[str, str],
    doc_of: Mapping[str, str],
    path: str,
) -> list[Problem]:
    """Shape, document and unit problems of the rows of ``relations.csv`` (ids are known and terms parse).

    ``lines`` holds the line of each relation in ``path``.
    """
    problems = []
    for row, relation in zip(lines, relations, strict=True):
        kind, stated = str(relation[c.KIND]), str(relation[c.STATED])
        terms = parse_terms(str(relation[c.TERMS]))

        def problem(column: str, message: str, row: int = row) -> None:
            problems.append(Problem(path, row, column, message))

        if relation[c.EXPLAINED_BY] and kind != "residual":
            problem(c.EXPLAINED_BY, "bara en restpost (residual) kan förklaras av en namngiven uppgift")
        if kind == "repeated":
            if len(terms) != 1:
                problem(c.TERMS, "en upprepad uppgift (repeated) har precis en term: samma uppgift tidigare")
            elif doc_of[terms[0].ref] != doc_of[stated]:
                problem(
                    c.TERMS, "en upprepad uppgift står två gånger i samma dokument; mellan dokument: equals"
                )
        if kind == "per_inhabitant":
            try:
                parse_population(str(relation[c.BASE]))
            except ExpressionError as error:
                problem(c.BASE, str(error))
        message = _unit_problem(kind, unit_of[stated], {str(k): v for k, v in relation.items()}, unit_of)
        if message:
            problem(c.TERMS, message)
    return problems


def _unit_problem(
    kind: str,
    stated_unit: str,
    relation: Mapping[str, object],
    unit_of: Mapping[str, str],
) -> str | None:
    def units(column: str) -> list[tuple[int, str]]:
        text = str(relation[column])
        return [(t.sign, unit_of[t.ref]) for t in parse_terms(text)] if text else []

    signed = units(c.TERMS)
    if kind == "percent":
        both = [*signed, *units(c.BASE)]
        if stated_unit == PERCENTAGE_POINTS:
            return POINTS_MESSAGE
        if stated_unit != PERCENT:
            return f"en procentrelation anger ett procenttal, inte {stated_unit}"
        if len({unit for _, unit in both}) > 1:
            return f"täljare och bas har olika enheter ({_unit_words(u for _, u in both)})"
        return None
    if kind == "per_inhabitant":
        if stated_unit != KR_PER_INHABITANT or {u for _, u in signed} != {MKR}:
            got = f"{stated_unit} ur {_unit_words(u for _, u in signed)}"
            return f"per invånare räknas kr/invånare ur belopp i kronor, inte {got}"
        return None
    if combined_unit([*signed, *units(c.EXPLAINED_BY)]) != stated_unit:
        involved = {stated_unit, *(u for _, u in signed)}
        hint = f"; {POINTS_MESSAGE}" if {PERCENT, PERCENTAGE_POINTS} & involved else ""
        return f"uppgifterna har olika enheter ({_unit_words(involved)}) och kan inte jämföras{hint}"
    return None


def table_unit_problems(
    relation: str, derived_text: str, columns: Sequence[str], units: Sequence[str]
) -> list[str]:
    """Why a table's columns cannot be summed, bridged or derived as it claims, in Swedish.

    ``columns`` holds the column label and ``units`` the base unit of each of the table's cells.
    """
    found = []
    derived = parse_derived_columns(derived_text) if derived_text else ()
    ratios = {d.result for d in derived if not isinstance(d, DerivedColumn)}
    by_column: dict[str, set[str]] = {}
    for label, unit in dict.fromkeys(zip(columns, units, strict=True)):  # each pair once, in order
        by_column.setdefault(label, set()).add(unit)
    if relation != "none":
        for name, column_units in by_column.items():
            if name not in ratios and len(column_units) > 1:
                found.append(f"kolumnen {name!r} blandar enheterna {_unit_words(column_units)}")
    single = {name: next(iter(u)) for name, u in by_column.items() if len(u) == 1}
    for column in derived:
        if not all(label in single for label in column.labels):
            continue
        if isinstance(column, DerivedPercent):
            wrong = single[column.result] != PERCENT or single[column.numerator] != single[column.denominator]
        elif isinstance(column, DerivedPerInhabitant):
            wrong = (single[column.result], single[column.amount]) != (KR_PER_INHABITANT, MKR)
        else:
            wrong = combined_unit((t.sign, single[t.ref]) for t in column.terms) != single[column.result]
        if wrong:
            found.append(
                f"den härledda kolumnen {column.result!r} har enheter som inte går ihop "
                f"({_unit_words(single[label] for label in column.labels)})"
            )
    return found
