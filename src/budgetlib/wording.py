"""How findings say what was compared: figures as printed, sums in words, where the figures stand."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from budgetlib.figure import Figure, Terms
from budgetlib.findings import Status
from budgetlib.numbers import (
    DISPLAY_MINUS,
    DISPLAY_THOUSANDS,
    FORMAT_CACHE_SIZE,
    MKR,
    format_compact,
    format_number,
    unbroken,
)
from budgetlib.vocabulary import UNIT_SPELLINGS

SIGNS_OF_PRINTED = DISPLAY_MINUS + "-"  # the signs a figure's digits are worded without
SAME_UNIT_WORDS = {"miljon kronor": "miljoner kronor"}  # singular and plural need no unit shown
SMALLER_THAN_MKR = {"tkr": 1e-3, "kr": 1e-6}  # mkr per printed unit


def decimals(step: float) -> int:
    """Decimals of a figure printed to ``step``."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def fmt(value: float, step: float = 1.0) -> str:
    """A figure to the precision it was printed with."""
    return format_number(value, min(decimals(step), 3))


def show_units(figures: Sequence[Figure]) -> bool:
    """Units are worth showing where the figures were printed in different units."""
    spellings = {f.unit_text for f in figures}
    return len(spellings) > 1 and len({SAME_UNIT_WORDS.get(u, u) for u in spellings}) > 1


def _show_units_in_sum(stated: Figure, terms: Terms) -> bool:
    """:func:`show_units` for a stated figure and its terms, answered at once where all share one unit."""
    if all(figure.unit_text == stated.unit_text for _, figure in terms):
        return False
    return show_units([stated, *[figure for _, figure in terms]])


def printed(figure: Figure, units: bool) -> str:
    """A figure's digits as printed, without sign, kept on one line; with its unit when ``units``."""
    text = unbroken(figure.value_text.lstrip(SIGNS_OF_PRINTED))
    return f"{text}{DISPLAY_THOUSANDS}{figure.unit_text}" if units else text


def sum_words(terms: Terms, units: bool) -> str:
    """``81 + 19 − 324``: each term as printed, with the sign it carries in the sum."""
    parts: list[str] = []
    for sign, figure in terms:
        text = printed(figure, units)
        if sign * figure.value < 0:
            parts.append(f"{DISPLAY_MINUS} {text}" if parts else DISPLAY_MINUS + text)
        else:
            parts.append(f"+ {text}" if parts else text)
    return " ".join(parts)


def words(stated: Figure, terms: Terms, operator: str = "=") -> str:
    """``81 + 19 + … = 190``, with units where the figures' printed units differ."""
    units = _show_units_in_sum(stated, terms)
    unit = DISPLAY_THOUSANDS + stated.unit_text if units else ""
    return f"{sum_words(terms, units)} {operator} {stated.printed}{unit}"


def where(figure: Figure) -> str:
    """``−286 miljoner kronor (rad 10)``: a figure as printed, with its unit and line."""
    return f"{figure.printed}{DISPLAY_THOUSANDS}{figure.unit_text} (rad {figure.line})"


def provenance(figures: Sequence[Figure]) -> str:
    """``file:line, line; file:line``: where the figures stand."""
    files = {figure.source_file for figure in figures}
    if len(files) == 1:  # the common case, in one pass less
        return f"{files.pop()}:{_line_list({figure.line for figure in figures})}"
    by_file: dict[str, set[int]] = {}
    for figure in figures:
        by_file.setdefault(figure.source_file, set()).add(figure.line)
    return "; ".join(f"{name}:{_line_list(lines)}" for name, lines in by_file.items())


def _line_list(lines: set[int]) -> str:
    return ", ".join(map(str, sorted(lines)))


def phases(figures: Sequence[Figure]) -> str:
    """``001 (beslut), 004 (beslut)``: each document with the phases of its figures."""
    seen: dict[str, list[str]] = {}
    for figure in figures:
        found = seen.setdefault(figure.doc_id, [])
        if figure.phase not in found:
            found.append(figure.phase)
    return ", ".join(f"{doc} ({'/'.join(found)})" for doc, found in sorted(seen.items()))


@functools.lru_cache(maxsize=FORMAT_CACHE_SIZE, typed=True)
def _smallest_visible(value: float) -> str:
    """``0,28`` or, for a difference that two decimals would show as 0, ``0,003``."""
    for places in (2, 3, 4):
        text = format_compact(value, places)
        if text != "0":
            return text
    return text


def equality_message(
    status: Status, difference: float, tolerance: float, unit: str, printed_in: str = ""
) -> str:
    """Exact, within rounding, or more than rounding explains: in one Swedish sentence.

    Amounts in mkr are said in ``printed_in`` (``tkr``, ``kr``) where the figure was printed in a
    smaller unit, so a difference of one tkr does not read as 0,001 mkr.
    """
    if status is Status.EXACT:
        return "Stämmer exakt."
    factor = SMALLER_THAN_MKR.get(printed_in) if unit == MKR else None
    if factor is not None:
        difference, tolerance, unit = difference / factor, tolerance / factor, printed_in
    amount = f"{_smallest_visible(abs(difference))} {unit}"
    limit = f"±{_smallest_visible(tolerance)} {unit}"
    if status is Status.ROUNDING:
        return f"Skillnaden {amount} ryms i avrundningen ({limit})."
    return f"Skillnaden {amount} är större än vad avrundning förklarar ({limit})."


def unit_word(figure: Figure) -> str:
    """The figure's unit in its standard spelling (``tkr`` for "tusen kronor")."""
    return _standard_spelling(figure.unit_text)


@functools.lru_cache(maxsize=FORMAT_CACHE_SIZE)
def _standard_spelling(unit_text: str) -> str:
    found = UNIT_SPELLINGS.get(" ".join(unit_text.split()).lower())
    return found.value if found else unit_text
