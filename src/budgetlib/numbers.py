"""Swedish number formats and monetary units.

Parses figures as printed in Swedish documents (``3 356,1``, ``−324``,
``41 %``) and formats numbers back the same way. Money is carried in one base
unit, mkr (miljoner kronor), as float.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from budgetlib.errors import BudgetlibError

MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign (U+2212), en dash
THOUSANDS_SEPARATORS = " \u00a0\u202f"  # space, no-break space, narrow no-break space
DISPLAY_MINUS = "\u2212"
DISPLAY_THOUSANDS = "\u00a0"

MAX_SIGNIFICANT_DIGITS = 15  # what a float holds exactly; more would be silently rounded
_SEP = f"[{THOUSANDS_SEPARATORS}]"
_NUMBER = re.compile(  # ASCII digits only: str.isdigit and float() also take ٣ or ３
    rf"(?P<sign>[{MINUS_SIGNS}+]?)[{THOUSANDS_SEPARATORS}]?"
    rf"(?P<int>[0-9]{{1,3}}(?:{_SEP}[0-9]{{3}})+|[0-9]+)(?:,(?P<frac>[0-9]+))?"
)

MKR = "mkr"
PERCENT = "%"


@dataclass(frozen=True)
class Unit:
    """A unit as printed, and how it maps to the base unit (mkr or %)."""

    base: str
    factor: float


UNITS: dict[str, Unit] = {
    "kr": Unit(MKR, 1e-6),
    "kronor": Unit(MKR, 1e-6),
    "tkr": Unit(MKR, 1e-3),
    "mkr": Unit(MKR, 1.0),
    "mnkr": Unit(MKR, 1.0),
    "miljon kronor": Unit(MKR, 1.0),
    "miljoner kronor": Unit(MKR, 1.0),
    "miljoner": Unit(MKR, 1.0),
    "mdkr": Unit(MKR, 1e3),
    "mdr": Unit(MKR, 1e3),
    "miljarder kronor": Unit(MKR, 1e3),
    "miljarder": Unit(MKR, 1e3),
    "%": Unit(PERCENT, 1.0),
    "procent": Unit(PERCENT, 1.0),
}


class NumberFormatError(BudgetlibError, ValueError):
    """Raised when a text is not a number in Swedish format, or a unit is unknown."""


def parse_number(text: str) -> float:
    """Parse a Swedish-formatted number: decimal comma, space-grouped thousands, at most 15 digits."""
    cleaned = text.strip()
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        raise NumberFormatError(
            "väntade ett tal i svenskt format med siffrorna 0–9 (t.ex. '3 356,1' eller '−324'), "
            f"fick {text!r}"
        )
    digits = re.sub(_SEP, "", match["int"])
    if len(digits.lstrip("0")) + len(match["frac"] or "") > MAX_SIGNIFICANT_DIGITS:
        raise NumberFormatError(
            f"talet har fler än {MAX_SIGNIFICANT_DIGITS} siffror, mer än ett flyttal håller exakt; "
            f"fick {text!r}"
        )
    value = float(f"{digits}.{match['frac'] or '0'}")
    return -value if match["sign"] and match["sign"] in MINUS_SIGNS else value


def decimals_of(text: str) -> int:
    """Number of decimals printed after the decimal comma."""
    _, _, fraction = text.strip().partition(",")
    return len(fraction)


def parse_unit(text: str) -> Unit:
    """Look up a printed unit (case-insensitive, whitespace folded)."""
    key = " ".join(text.split()).lower()
    try:
        return UNITS[key]
    except KeyError:
        known = ", ".join(sorted(UNITS))
        raise NumberFormatError(f"okänd enhet {text!r}; kända enheter: {known}") from None


def to_base(text: str, unit_text: str) -> tuple[float, str, float]:
    """Value in base unit, the base unit, and the printed rounding step in base unit."""
    unit = parse_unit(unit_text)
    step = 10.0 ** -decimals_of(text) * unit.factor
    return parse_number(text) * unit.factor, unit.base, step


def split_quantity(text: str) -> tuple[str, str]:
    """Split ``'41 %'`` into number text and unit text (``''`` when none)."""
    stripped = text.strip()
    start = next((i for i, char in enumerate(stripped) if char.isalpha() or char == "%"), len(stripped))
    return stripped[:start].strip(), stripped[start:].strip()


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
