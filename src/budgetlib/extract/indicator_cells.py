"""What one indicator's printed cells say: outcome and target, unit, desired direction, frequency.

A value line of the block layout (``indicators``) prints outcome, target and
frequency separated by single spaces, an empty cell leaving its space:
``" 200"`` is no outcome and a target of 200, ``"Svar saknas  År"`` an
outcome *Svar saknas*, no target, yearly. Where the digit groups of two numbers
run together (``204 801 150 000``) and can be cut more than one way, the cut
that makes outcome and target closest in size is taken and reported.

The unit is the one printed (an *Enhet* cell, beside the figures, or after the
name: ``…, %``), else the one the name gives (*Andel* → %, *Antal* → antal,
*index*); where no figure is printed at all the indicator is read as a yes/no
one, marked as assumed. The desired direction is the direction cell's
(*Öka*, *Minska*, ↑, ↓), else what the name says (*ska öka*, *minska*).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from budgetlib.extract.rows import cell_number, cell_unit
from budgetlib.extract.tokens import PLACEHOLDERS, is_number, normalise_unit, splits, unit_pattern, value_of
from budgetlib.schema import MISSING_ANSWER

FREQUENCY_TAIL = re.compile(
    r"(?:^|\s)(?P<frequency>(?:jämna|udda|varje)\s+år|år|årligen|(?:tertial|kvartal|delår|halvår|månad)\w*\b.*)$",
    re.IGNORECASE,
)
FREQUENCY_START = re.compile(
    r"^\s*(?:(?:jämna|udda|varje)\s+år|år|årligen|tertial|kvartal|delår|halvår|månad)\w*\b", re.IGNORECASE
)
PERCENT_VALUE = re.compile(r"[−\-]?\d[\d\s]*(?:,\d+)?\s*%")
UNIT_AFTER_NAME = re.compile(r",\s*(?P<unit>[^,]{1,20})$")
NAMED_UNITS = frozenset(("antal", "dagar", "st", "index", "timmar", "veckor", "procent", "%"))
UNIT_BY_NAME = (
    ("%", re.compile(r"^andel\b", re.IGNORECASE)),
    ("antal", re.compile(r"\bantal\b", re.IGNORECASE)),
)
INDEX_IN_NAME = re.compile(r"index", re.IGNORECASE)
YES_NO = "ja/nej"
RISE = re.compile(r"^(ök|högre|höj|↑|⬆|uppåt)", re.IGNORECASE)
FALL = re.compile(r"^(minsk|lägre|sänk|↓|⬇|nedåt)", re.IGNORECASE)
RISE_IN_NAME = re.compile(r"\b(ska\s+öka|öka|ökad|höjd|högre)\b", re.IGNORECASE)
FALL_IN_NAME = re.compile(r"\b(minska\w*|inte\s+ökas?|sänk\w*|lägre)\b", re.IGNORECASE)

UNIT_PRINTED, UNIT_BY_NAME_SOURCE, UNIT_ASSUMED = "i texten", "indikatorns namn", "antagen"


@dataclass(frozen=True)
class Values:
    """Outcome and target as printed (blank: not printed), the frequency, and any doubt about them."""

    outcome: str
    target: str
    frequency: str
    doubt: str = ""


def printed_value(cell: str) -> str | None:
    """A cell as an outcome or target: a number (with a unit), *Svar saknas*, blank for a dash; or
    ``None`` when it is none of these."""
    text = " ".join(cell.split())
    if text in PLACEHOLDERS:
        return ""
    if text.lower() == MISSING_ANSWER.lower():
        return MISSING_ANSWER
    return text if cell_number(text) is not None else None


def _numbers(text: str) -> list[list[str]]:
    """Every way to read ``text`` as one or two numbers (percentages are cut at their signs)."""
    if "%" in text:
        parts = [" ".join(p.split()) for p in PERCENT_VALUE.findall(text)]
        rest = PERCENT_VALUE.sub("", text)
        return [parts] if parts and not rest.strip() else []
    groups = tuple(text.split())
    if not groups or not all(is_number(g) for g in groups):
        return []
    return [list(r.numbers) for count in (1, 2) for r in splits(groups, count)]


def _closest(readings: list[list[str]]) -> list[str]:
    def gap(reading: list[str]) -> float:
        a, b = (math.log10(abs(value_of(n.rstrip(" %"))) + 1) for n in reading)
        return abs(a - b)

    return min(readings, key=gap)


def value_line(text: str) -> Values | None:
    """Outcome, target and frequency of a block-layout value line, or ``None`` if it is not one.

    A line of spaces only is a value line with both cells empty.
    """
    if not text.strip():
        return Values("", "", "") if len(text) >= 2 else None
    text = text.rstrip()
    tail = FREQUENCY_TAIL.search(text)
    frequency = " ".join(tail.group("frequency").split()) if tail else ""
    body = text[: tail.start("frequency")] if tail else text
    if not body.strip():
        return Values("", "", frequency)
    outcome = ""
    stripped = body.strip()
    if stripped.lower().startswith(MISSING_ANSWER.lower()):
        outcome, stripped = MISSING_ANSWER, stripped[len(MISSING_ANSWER) :].strip()
        if not stripped:
            return Values(outcome, "", frequency)
    readings = _numbers(stripped)
    ones = [r for r in readings if len(r) == 1]
    twos = [r for r in readings if len(r) == 2]
    if outcome or body.startswith(" "):  # the outcome cell is empty (or Svar saknas): one figure, the target
        return Values(outcome, ones[0][0], frequency) if ones else None
    if len(twos) == 1:
        return Values(twos[0][0], twos[0][1], frequency)
    if twos:
        chosen = _closest(twos)
        shown = " eller ".join(" | ".join(r) for r in twos)
        return Values(
            chosen[0], chosen[1], frequency, f"talen kan delas som {shown}; läst som {' | '.join(chosen)}"
        )
    if ones:
        return Values(ones[0][0], "", frequency, "ett ensamt tal utan tom kolumn före; läst som utfall")
    return None


def is_frequency(text: str) -> bool:
    return FREQUENCY_START.match(text) is not None


@dataclass(frozen=True)
class Unit:
    unit: str
    source: str  # i texten, indikatorns namn, antagen; blank when no unit was found
    name: str  # the indicator's name without a unit printed after it
    doubt: str = ""


def indicator_unit(name: str, values: tuple[str, ...], unit_cell: str = "") -> Unit:
    """The indicator's unit and where it came from (see the module docstring)."""
    tidy = " ".join(name.split())
    after = UNIT_AFTER_NAME.search(tidy)
    named_after = ""
    if after and (
        after.group("unit").lower() in NAMED_UNITS or unit_pattern().fullmatch(after.group("unit"))
    ):
        named_after, tidy = normalise_unit(after.group("unit")), tidy[: after.start()].rstrip()
    if unit_cell.strip():
        return Unit(normalise_unit(unit_cell), UNIT_PRINTED, tidy)
    printed = [cell_unit(v) for v in values if v and v != MISSING_ANSWER]
    if any(printed):
        return Unit(next(u for u in printed if u), UNIT_PRINTED, tidy)
    if named_after:
        return Unit(named_after, UNIT_PRINTED, tidy)
    for unit, pattern in UNIT_BY_NAME:
        if pattern.search(tidy):
            return Unit(unit, UNIT_BY_NAME_SOURCE, tidy)
    if INDEX_IN_NAME.search(tidy):
        return Unit("index", UNIT_BY_NAME_SOURCE, tidy)
    if not any(v and v != MISSING_ANSWER for v in values):
        return Unit(YES_NO, UNIT_ASSUMED, tidy, "inget tal är tryckt: läst som en ja/nej-indikator (antagen)")
    return Unit("", "", tidy, "enheten står inte i tabellen och följer inte av namnet; fyll i unit")


def direction(cell: str, name: str, has_column: bool) -> tuple[str, str]:
    """The desired direction (öka, minska or blank) and, where it is not printed, where it came from."""
    text = cell.strip()
    if has_column and text:
        if RISE.match(text):
            return "öka", ""
        if FALL.match(text):
            return "minska", ""
        return "", f"riktningen '{text}' går inte att läsa som öka eller minska"
    if FALL_IN_NAME.search(name):
        return "minska", "önskad riktning ur indikatorns namn"
    if RISE_IN_NAME.search(name):
        return "öka", "önskad riktning ur indikatorns namn"
    return "", ""
