"""The checks themselves: a stated figure against what other figures give, with rounding tolerance.

Each function compares one stated figure with signed terms and returns one
:class:`Finding` whose relation and message say, in Swedish, what was compared.
"""

from __future__ import annotations

import datetime as dt
import math

from budgetlib.figure import Figure, Terms
from budgetlib.findings import Check, Finding, Status
from budgetlib.numbers import MKR, format_compact, format_number, parse_unit
from budgetlib.organisations import organisation_register
from budgetlib.tolerance import find_unit_slip, percent_tolerance, rounding_tolerance, status_of
from budgetlib.wording import (
    equality_message,
    fmt,
    phases,
    provenance,
    show_units,
    sum_words,
    unit_word,
    where,
    words,
)

QUALIFIER_WORDS = {"drygt": "drygt (lite över)", "knappt": "knappt (lite under)"}
UNITS_BY_EXPONENT = {-6: "kr", -3: "tkr", 0: "mkr", 3: "mdkr", 6: "biljoner kronor"}
KRONOR_PER_MKR = 1e6
KEEPS_ITS_CHECK = (Check.REVISION, Check.REPEATED)  # named for what they are, even across documents


def finding(
    check: Check,
    subject: str,
    relation: str,
    stated: Figure,
    terms: Terms,
    actual: float,
    tolerance: float,
    status: Status,
    message: str,
    expected: float | None = None,
) -> Finding:
    """One finding; a check between documents says so and names their phases."""
    involved = [stated, *[f for _, f in terms]]
    doc_ids = tuple(sorted({f.doc_id for f in involved}))
    if len(doc_ids) > 1:
        message = f"Mellan dokument: {phases(involved)}. {message}"
        check = check if check in KEEPS_ITS_CHECK else Check.CROSS_DOCUMENT
    expected = stated.value if expected is None else expected
    return Finding(
        doc_ids=doc_ids,
        subject=subject,
        check=check,
        relation=relation,
        expected=expected,
        actual=actual,
        difference=actual - expected,
        tolerance=tolerance,
        unit=stated.unit,
        status=status,
        message=message,
        figure_ids=tuple([f.figure_id for f in involved]),
        provenance=provenance(involved),
    )


def _signed_sum(terms: Terms) -> float:
    return sum([sign * figure.value for sign, figure in terms])


def compare(check: Check, subject: str, stated: Figure, terms: Terms) -> Finding:
    """A stated figure against the sum of signed terms; unit slips recognised."""
    computed = _signed_sum(terms)
    term_tolerance = rounding_tolerance([f.step for _, f in terms])
    tolerance = rounding_tolerance([stated.step]) + term_tolerance
    difference = computed - stated.value
    status = status_of(difference, tolerance)
    message = equality_message(status, difference, tolerance, stated.unit, unit_word(stated))
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
                f"= {fmt(slip.corrected, stated.step * slip.factor)} {MKR}; {rest}."
            )
    return finding(check, subject, words(stated, terms), stated, terms, computed, tolerance, status, message)


def residual(
    check: Check,
    subject: str,
    total: Figure,
    parts: Terms,
    explained_by: Terms = (),
    remainder_words: str = "",
) -> Finding:
    """Named parts of a total: the unitemised remainder, or a mismatch if the parts exceed it.

    Where the document names the remainder itself (``explained_by``), the
    remainder is checked against that figure instead: :data:`Status.EXPLAINED`.
    Where it says what the rest is without a figure (``remainder_words``, verbatim),
    the remainder is named with those words; otherwise it is *ospecificerat*.
    """
    if explained_by:
        return _explained(check, subject, total, parts, explained_by)
    named = sum(sign * figure.value for sign, figure in parts)
    tolerance = rounding_tolerance([total.step, *(f.step for _, f in parts)])
    remainder = total.value - named
    status = status_of(remainder, tolerance)
    step = min(f.step for f in [total, *(f for _, f in parts)])
    relation = words(total, parts, operator="≤")
    if status is Status.MISMATCH and abs(named) < abs(total.value) and remainder * total.value > 0:
        status = Status.RESIDUAL
        of_total = f"{fmt(remainder, step)} {total.unit} av {fmt(total.value, step)} {total.unit}"
        message = (
            f"Resten, {of_total}, anges i dokumentet utan belopp: ”{remainder_words}”."
            if remainder_words
            else f"Ospecificerat: {of_total}."
        )
    elif status is Status.MISMATCH:
        message = (
            f"De namngivna delarna ({fmt(named, step)} {total.unit}) är större än totalen "
            f"({fmt(total.value, step)} {total.unit})."
        )
    else:
        said = equality_message(status, -remainder, tolerance, total.unit, unit_word(total))
        message = said + " Delarna täcker totalen."
    return finding(check, subject, relation, total, parts, named, tolerance, status, message)


def percent(
    subject: str, stated: Figure, numerator: Terms, denominator: Terms, check: Check = Check.PERCENT
) -> Finding:
    """A stated percentage against ``100 · numerator / denominator``; not checkable on a zero base."""
    involved = [*numerator, *denominator]
    units = show_units([stated, *(f for _, f in involved)])
    qualifier = f"{stated.qualifier} " if stated.qualifier else ""
    above = sum_words(numerator, units)
    fraction = f"{f'({above})' if len(numerator) > 1 else above} / ({sum_words(denominator, units)})"
    relation = f"100 · {fraction} = {qualifier}{stated.printed}\u00a0%"
    top = sum(sign * f.value for sign, f in numerator)
    bottom = sum(sign * f.value for sign, f in denominator)
    if bottom == 0:
        message = "Basen är noll, så ingen procentsats kan räknas fram att jämföra med."
        return finding(
            check, subject, relation, stated, involved, math.nan, math.nan, Status.NOT_CHECKABLE, message
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
    message = equality_message(status, difference, tolerance, "procentenheter")
    qualifier_broken = (stated.qualifier == "drygt" and computed < stated.value) or (
        stated.qualifier == "knappt" and computed > stated.value
    )
    if stated.qualifier in QUALIFIER_WORDS:
        said = QUALIFIER_WORDS[stated.qualifier]
        if qualifier_broken:
            status = Status.MISMATCH
            message = f"Texten säger {said} {stated.printed} %, men beräknat är {fmt(computed, 0.1)} %."
        else:
            message += f" Stämmer med {said}."
    return finding(check, subject, relation, stated, involved, computed, tolerance, status, message)


def _explained(check: Check, subject: str, total: Figure, parts: Terms, explanation: Terms) -> Finding:
    """Named parts plus the figure the document gives for the rest, against the total."""
    named, rest = _signed_sum(parts), _signed_sum(explanation)
    everything = [*parts, *explanation]
    tolerance = rounding_tolerance([total.step, *(f.step for _, f in everything)])
    remainder = total.value - named
    status = status_of(named + rest - total.value, tolerance)
    step = min(f.step for f in [total, *(f for _, f in everything)])
    names = ", ".join(f"{f.label} {fmt(sign * f.value, f.step)} {total.unit}" for sign, f in explanation)
    if status is Status.MISMATCH:
        message = (
            f"Resten, {fmt(remainder, step)} {total.unit}, ska enligt dokumentet vara {names}, "
            f"men det skiljer {format_compact(abs(remainder - rest))} {total.unit} "
            f"(mer än avrundningens ±{format_compact(tolerance)} {total.unit})."
        )
    else:
        status = Status.EXPLAINED
        message = f"Resten, {fmt(remainder, step)} {total.unit}, förklaras i dokumentet: {names}."
    relation = words(total, everything)
    return finding(check, subject, relation, total, everything, named + rest, tolerance, status, message)


def per_inhabitant(
    subject: str, stated: Figure, amounts: Terms, population: int | None, date: dt.date
) -> Finding:
    """Stated kronor per inhabitant against the amounts (in mkr) over the organisation's population."""
    money = _signed_sum(amounts)
    counted = f"folkmängden {date.isoformat()}"
    relation = f"{sum_words(amounts, True)} / {counted} = {stated.printed} {stated.unit_text}"
    if not population:
        found = organisation_register().by_code.get(stated.org_code)
        who = f"{found.display_name} ({found.code})" if found else stated.org_code
        message = f"Folkmängd för {who} per {date.isoformat()} saknas i referensdatan."
        return finding(
            Check.PER_INHABITANT, subject, relation, stated, amounts, math.nan, math.nan,
            Status.NOT_CHECKABLE, message,
        )  # fmt: skip
    computed = money * KRONOR_PER_MKR / population
    tolerance = rounding_tolerance([stated.step]) + rounding_tolerance(f.step for _, f in amounts) * (
        KRONOR_PER_MKR / population
    )
    status = status_of(computed - stated.value, tolerance)
    people = format_number(population)
    message = f"{fmt(money, 0.1)} mkr / {people} invånare = {fmt(computed, 0.01)} kr. "
    message += equality_message(status, computed - stated.value, tolerance, "kr")
    relation = relation.replace(counted, f"{people} invånare ({date.isoformat()})")
    return finding(
        Check.PER_INHABITANT, subject, relation, stated, amounts, computed, tolerance, status, message
    )


def repeated(subject: str, later: Figure, earlier: Figure, sign: int = 1) -> Finding:
    """One quantity printed twice in one document: the two must agree within rounding."""
    checked = compare(Check.REPEATED, subject, later, [(sign, earlier)])
    if checked.status is Status.UNIT_SLIP:
        return checked
    both = f"{where(earlier)} och {where(later)}"
    opposite = ", med motsatt tecken" if sign < 0 else ""
    if checked.status is Status.MISMATCH:
        message = f"Samma uppgift anges två gånger{opposite} med olika belopp: {both}. {checked.message}"
    else:
        message = f"Samma uppgift anges två gånger{opposite}: {both}. {checked.message}"
    return finding(
        Check.REPEATED, subject, checked.relation, later, [(sign, earlier)], checked.actual,
        checked.tolerance, checked.status, message,
    )  # fmt: skip


def _with_phase(figure: Figure) -> str:
    return f"{figure.printed} {figure.unit_text} ({figure.phase}, rad {figure.line})"


def revision(subject: str, later: Figure, earlier: Terms) -> Finding:
    """A figure restated in a later phase, as the document declares: the revision and its size."""
    before = _signed_sum(earlier)
    tolerance = rounding_tolerance([later.step, *(f.step for _, f in earlier)])
    size = later.value - before
    status = status_of(size, tolerance)
    step = min(f.step for f in [later, *(f for _, f in earlier)])
    was = ", ".join(_with_phase(f) for _, f in earlier)
    if status is Status.MISMATCH:
        status = Status.REVISED
        message = (
            f"Reviderad: {was} blev {_with_phase(later)}; revideringen är {fmt(size, step)} {later.unit}."
        )
    else:
        message = f"Oförändrad mellan {was} och {_with_phase(later)}. " + equality_message(
            status, size, tolerance, later.unit
        )
    relation = f"{sum_words(earlier, show_units([later, *(f for _, f in earlier)]))} → {later.printed}"
    return finding(
        Check.REVISION, subject, relation, later, earlier, later.value, tolerance, status, message, before
    )
