"""Swedish number formats and monetary units.

Parses figures as printed in Swedish documents (``3 356,1``, ``−324``,
``41 %``, ``–`` for nothing) and formats numbers back the same way. Money is
carried in one base unit, mkr (miljoner kronor), as float; the units and their
spellings are in :mod:`budgetlib.vocabulary`.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from budgetlib.errors import BudgetlibError
from budgetlib.vocabulary import KR_PER_INHABITANT as KR_PER_INHABITANT
from budgetlib.vocabulary import MKR as MKR
from budgetlib.vocabulary import PERCENT as PERCENT
from budgetlib.vocabulary import PERCENTAGE_POINTS as PERCENTAGE_POINTS
from budgetlib.vocabulary import UNIT_SPELLINGS

MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign (U+2212), en dash
THOUSANDS_SEPARATORS = " \u00a0\u202f"  # space, no-break space, narrow no-break space
DISPLAY_MINUS = "\u2212"
DISPLAY_THOUSANDS = "\u00a0"

FORMAT_CACHE_SIZE = 1 << 14  # texts kept by the cached formatting functions: a findings run's working set
MAX_SIGNIFICANT_DIGITS = 15  # what a float holds exactly; more would be silently rounded
_SEP = f"[{THOUSANDS_SEPARATORS}]"
_WITHOUT_SEPARATORS = str.maketrans("", "", THOUSANDS_SEPARATORS)
_NUMBER = re.compile(  # ASCII digits only: str.isdigit and float() also take ٣ or ３
    rf"(?P<sign>[{MINUS_SIGNS}+]?)[{THOUSANDS_SEPARATORS}]?"
    rf"(?P<int>[0-9]{{1,3}}(?:{_SEP}[0-9]{{3}})+|[0-9]+)(?:,(?P<frac>[0-9]+))?"
)


@dataclass(frozen=True)
class Unit:
    """A unit as printed, and how it maps to its base unit (mkr, %, p.e. or kr/inv)."""

    base: str
    factor: float


NIL_DASHES = ("–", "—", "-")  # a dash alone in a table cell: nothing, i.e. exactly zero


class NumberFormatError(BudgetlibError, ValueError):
    """Raised when a text is not a number in Swedish format, or a unit is unknown."""


def parse_number(text: str) -> float:
    """Parse a Swedish-formatted number: decimal comma, space-grouped thousands, at most 15 digits.

    A lone dash is zero, as tables print it.
    """
    cleaned = text.strip()
    if cleaned in NIL_DASHES:
        return 0.0
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        raise NumberFormatError(
            "väntade ett tal i svenskt format med siffrorna 0–9 (t.ex. '3 356,1' eller '−324'), "
            f"fick {text!r}"
        )
    sign, whole, fraction = match.groups("")
    digits = whole.translate(_WITHOUT_SEPARATORS)
    if len(digits.lstrip("0")) + len(fraction) > MAX_SIGNIFICANT_DIGITS:
        raise NumberFormatError(
            f"talet har fler än {MAX_SIGNIFICANT_DIGITS} siffror, mer än ett flyttal håller exakt; "
            f"fick {text!r}"
        )
    value = float(f"{digits}.{fraction or '0'}")
    return -value if sign and sign in MINUS_SIGNS else value


_NUMBER_LINES = re.compile(rf"(?:(?:{'|'.join(map(re.escape, NIL_DASHES))}|{_NUMBER.pattern})\n)+")


def all_numbers(texts: list[str]) -> bool:
    """Whether :func:`parse_number` takes every one of ``texts``, in one pass of a regular expression.

    ``False`` also where a text is too long to rule out too many digits or holds a line break: then
    ask :func:`parse_number` text by text.
    """
    if not texts:
        return True
    joined = "\n".join(texts) + "\n"
    return (
        max(map(len, texts)) <= MAX_SIGNIFICANT_DIGITS  # no more digits than characters
        and joined.count("\n") == len(texts)
        and _NUMBER_LINES.fullmatch(joined) is not None
    )


def decimals_of(text: str) -> int:
    """Number of decimals printed after the decimal comma."""
    _, _, fraction = text.strip().partition(",")
    return len(fraction)


def parse_unit(text: str) -> Unit:
    """Look up a printed unit (case-insensitive, whitespace folded)."""
    key = " ".join(text.split()).lower()
    found = UNIT_SPELLINGS.get(key)
    if found is None:
        known = ", ".join(sorted(UNIT_SPELLINGS))
        raise NumberFormatError(f"okänd enhet {text!r}; kända enheter: {known}")
    return Unit(found.base, found.factor)


def printed_step(text: str) -> float:
    """The rounding step of a printed number in its own unit: 1 in its last decimal (``3 356,1``: 0.1).

    A dash printed for nothing is exactly zero: its step is 0.
    """
    return 0.0 if text.strip() in NIL_DASHES else 10.0 ** -decimals_of(text)


def to_base(text: str, unit_text: str) -> tuple[float, str, float]:
    """Value in base unit, the base unit, and the printed rounding step in base unit."""
    unit = parse_unit(unit_text)
    return parse_number(text) * unit.factor, unit.base, printed_step(text) * unit.factor


def split_quantity(text: str) -> tuple[str, str]:
    """Split ``'41 %'`` into number text and unit text (``''`` when none)."""
    stripped = text.strip()
    start = next((i for i, char in enumerate(stripped) if char.isalpha() or char == "%"), len(stripped))
    return stripped[:start].strip(), stripped[start:].strip()


_GROUP_SPACE = re.compile(rf"(?<=[0-9]){_SEP}(?=[0-9]{{3}}(?![0-9]))")


@functools.lru_cache(maxsize=FORMAT_CACHE_SIZE)
def unbroken(printed: str) -> str:
    """A number as printed with its digit groups joined by a no-break space (``9 065``), so no
    line break falls inside it; its characters otherwise as printed."""
    return _GROUP_SPACE.sub(DISPLAY_THOUSANDS, printed)


def format_number(value: float, decimals: int = 0) -> str:
    """Format Swedish style: ``9 065``, ``3 356,1``, ``−324`` (no-break space, minus sign)."""
    if math.isnan(value):
        return "–"
    rounded = round(value, decimals)
    sign = DISPLAY_MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):,.{decimals}f}".partition(".")
    body = whole.replace(",", DISPLAY_THOUSANDS)
    return f"{sign}{body},{fraction}" if fraction else f"{sign}{body}"


def format_compact(value: float, max_decimals: int = 2) -> str:
    """Like :func:`format_number` but without trailing zero decimals: ``3``, ``1,5``, ``0,56``."""
    text = format_number(value, max_decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_mkr(value: float, decimals: int = 0) -> str:
    """``9 065 mkr``."""
    return f"{format_number(value, decimals)}{DISPLAY_THOUSANDS}mkr"


def format_percent(value: float, decimals: int = 1) -> str:
    """``11,3 %``."""
    return f"{format_number(value, decimals)}{DISPLAY_THOUSANDS}%"
