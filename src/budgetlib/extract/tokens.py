"""The printed pieces of a figure: Swedish numbers, their digit groups, and units.

A number is printed as digit groups (``1 130``, ``3 356,1``, ``−324``). Where
table columns collapse into one line, the groups of neighbouring numbers run
together (``1 130 1 178 49``); :func:`splits` lists every way to read such a
run as a given count of numbers, so the caller can choose with what the
document itself says (a derived column, a sum) and report a doubt otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from budgetlib.numbers import MINUS_SIGNS, THOUSANDS_SEPARATORS, parse_number
from budgetlib.vocabulary import UNIT_SPELLINGS as UNITS

SIGN_CHARS = MINUS_SIGNS + "+"
NUMBER_TOKEN = re.compile(rf"^[{SIGN_CHARS}]?\d+(?:,\d+)?$")
PLACEHOLDERS = ("-", "–", "—", "\u2212", "")
YEAR = re.compile(r"^(19|20)\d\d$")
# Units the library's vocabulary does not know: recognised so they are never misread as plain mkr.
UNWRITABLE_UNITS = ("kr/inv.", "miljard", "msek", "tsek", "sek")
_NUMBER_CHARS = rf"[{SIGN_CHARS}]?\d[\d{THOUSANDS_SEPARATORS}]*(?:,\d+)?"


@cache
def unit_pattern() -> re.Pattern[str]:
    """Any printed unit, longest spelling first, as a whole word (``kr`` never matches ``krav``)."""
    spellings = sorted({*UNITS, *UNWRITABLE_UNITS}, key=len, reverse=True)
    words = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings if s != "%")
    return re.compile(rf"(?<![\w/])(?:{words})(?![\w/])|%", re.IGNORECASE)


def is_writable_unit(unit_text: str) -> bool:
    return " ".join(unit_text.split()).lower() in UNITS


def normalise_unit(unit_text: str) -> str:
    """The printed unit with whitespace folded (``miljoner \\nkronor`` → ``miljoner kronor``)."""
    return " ".join(unit_text.split())


def is_number(token: str) -> bool:
    return NUMBER_TOKEN.match(token) is not None


def is_year(token: str) -> bool:
    return YEAR.match(token) is not None


def canonical(value_text: str) -> str:
    """A number as printed with every thousands separator shown as a plain space."""
    return re.sub(f"[{THOUSANDS_SEPARATORS}]+", " ", value_text.strip())


def value_of(value_text: str) -> float:
    return parse_number(canonical(value_text))


def _continues(group: str) -> bool:
    """Can this group be the next thousands group of a number (exactly three digits)?"""
    return re.fullmatch(r"\d{3}(?:,\d+)?", group) is not None


def _starts(group: str) -> bool:
    """Can this group begin a number? No leading zero on a multi-digit start (``065``)."""
    digits = group.lstrip(SIGN_CHARS).split(",")[0]
    return is_number(group) and (digits == "0" or not digits.startswith("0"))


def _valid(groups: tuple[str, ...]) -> bool:
    first, rest = groups[0], groups[1:]
    if not _starts(first):
        return False
    if rest and (len(first.lstrip(SIGN_CHARS)) > 3 or "," in first):
        return False
    return all(_continues(g) for g in rest) and all("," not in g for g in rest[:-1])


@dataclass(frozen=True)
class Reading:
    """One way to read a run of digit groups as numbers."""

    numbers: tuple[str, ...]

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(value_of(n) for n in self.numbers)


def splits(groups: tuple[str, ...], count: int) -> list[Reading]:
    """Every reading of ``groups`` as exactly ``count`` numbers, in printed order."""
    if count <= 0 or len(groups) < count:
        return []
    if count == 1:
        return [Reading((" ".join(groups),))] if _valid(groups) else []
    readings = []
    for cut in range(1, len(groups) - count + 2):
        head = groups[:cut]
        if not _valid(head):
            continue
        readings += [Reading((" ".join(head), *r.numbers)) for r in splits(groups[cut:], count - 1)]
    return readings


def number_before(text: str, end: int) -> tuple[int, str] | None:
    """The number printed just before ``end`` (only whitespace between): its start and text.

    Thousands groups are taken greedily to the left (``1 184`` in ``med 1 184 mnkr``) but a
    four-digit group, such as a year, is never part of a longer number.
    """
    head = text[:end].rstrip()
    match = re.search(rf"(?<![\w,.\-−–/]){_NUMBER_CHARS}$", head)
    if match is None:
        return None
    groups = list(re.finditer(rf"[{SIGN_CHARS}]?\d+(?:,\d+)?", match.group(0)))
    for start in range(len(groups)):
        candidate = tuple(g.group(0) for g in groups[start:])
        if _valid(candidate):
            return match.start() + groups[start].start(), " ".join(candidate)
    return None
