"""One amount in words for people: ``9 065 mkr``, ``+637 mkr``, ``+7,6 %``, ``1 017 133 tkr``."""

from __future__ import annotations

import math

from budgetlib.numbers import NumberFormatError, format_compact, format_number, format_percent, parse_unit


def money(value: float, decimals: int = 1) -> str:
    """``9 065 mkr`` / ``3 356,1 mkr``: decimals only where the figure has them; blank for missing."""
    if math.isnan(value):
        return ""
    shown = format_compact(value, decimals)
    return f"{shown}\u00a0mkr"


SHORT_MONEY_UNITS = {1e-6: "kr", 1e-3: "tkr", 1.0: "mkr", 1e3: "mdkr"}
SHORT_UNITS = {"%": "%", "p.e.": "p.e.", "kr/inv": "kr/inv"}


def figure_text(value: float, unit: str, unit_text: str, decimals: int, signed: bool = False) -> str:
    """A figure as the document printed it, in Swedish format: ``1 017 133 tkr``, ``+2,3 %``, ``−324 mkr``.

    ``value`` is in the base unit (``unit``); it is shown in the printed unit
    (``unit_text``) with the printed number of decimals. Blank for missing.
    """
    if math.isnan(value):
        return ""
    try:
        printed = parse_unit(unit_text)
        factor, short = printed.factor, SHORT_MONEY_UNITS.get(printed.factor, unit) if unit == "mkr" else None
    except NumberFormatError:
        factor, short = 1.0, None
    shown = format_number(value / factor, decimals)
    sign = "+" if signed and value > 0 else ""
    return f"{sign}{shown}\u00a0{short or SHORT_UNITS.get(unit, unit)}"


def signed_money(value: float) -> str:
    """``+637 mkr`` / ``−324 mkr``."""
    return "" if math.isnan(value) else ("+" if value > 0 else "") + money(value)


def signed_percent(value: float) -> str:
    return "" if math.isnan(value) else ("+" if value > 0 else "") + format_percent(value, 1)
