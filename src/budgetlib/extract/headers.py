"""What stands above a table: its caption with the stated unit, and its column headings.

A unit is *stated* when the text says it for the table ("belopp i miljoner
kronor", "Driftredovisning (tkr)", "…, mnkr"); a unit found only in a column
heading ("Mkr", "Budget 2025, mnkr") is used but reported as a doubt.

Collapsed headings (``Budget`` / ``2024`` / ``Förslag`` / ``budget`` /
``2025 Förändring``, one fragment per line) are put back together: a year ends
a column heading, and the first line is the label column's own heading when
the rest already gives one heading per column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from budgetlib.extract.reading import SourceLine
from budgetlib.extract.tokens import is_year, normalise_unit, unit_pattern

CAPTION_LINES = 8  # how far above a table its caption may stand
HEADER_LINES = 8
HEADER_MAX_WORDS = 5
_LABEL_HEADINGS_TEXT = (
    "område verksamhet verksamhetsområde verksamheter nämnd nämnder anslag post poster enhet "
    "förvaltning division styrelse/nämnd kostnadsslag investering investeringar benämning"
)
LABEL_HEADINGS = frozenset(_LABEL_HEADINGS_TEXT.split())


@dataclass(frozen=True)
class StatedUnit:
    unit_text: str
    line: int


def _unit_alternatives() -> str:
    return unit_pattern().pattern


@cache
def _statement_patterns() -> tuple[re.Pattern[str], ...]:
    units = _unit_alternatives()
    flags = re.IGNORECASE | re.MULTILINE
    return (
        re.compile(rf"belopp(?:en)?\s+(?:anges\s+|redovisas\s+)?i\s+(?P<unit>{units})", flags),
        re.compile(rf"\(\s*(?:belopp\s+i\s+)?(?P<unit>{units})\s*\)", flags),
        re.compile(rf"[,:]\s*(?P<unit>{units})\s*[.:]?\s*$", flags),
        re.compile(rf"(?<![\d\s])\s+i\s+(?P<unit>{units})\s*[.:]?\s*$", flags),
        re.compile(rf"^\s*(?P<unit>{units})\s*$", flags),
    )


def stated_unit(lines: Sequence[SourceLine]) -> StatedUnit | None:
    """The unit a caption states for the table below it: the nearest one, searching upwards.

    A unit may start at the end of one line and run onto the next ("belopp i miljoner / kronor");
    it is found on the line where it starts.
    """
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        joined = f"{line.text}\n{following}"
        for pattern in _statement_patterns():
            for match in pattern.finditer(joined):
                if match.start("unit") < len(line.text):
                    return StatedUnit(normalise_unit(match.group("unit")), line.number)
    return None


def heading_unit(heading: str) -> str:
    """A unit printed inside a column heading (``Budget 2025, mnkr`` → ``mnkr``; ``Andel, %`` → ``%``)."""
    matches = list(unit_pattern().finditer(heading))
    return normalise_unit(matches[-1].group(0)) if matches else ""


def strip_heading_unit(heading: str) -> str:
    """The heading without a trailing unit: ``Budget 2025, mnkr`` → ``Budget 2025``."""
    units = _unit_alternatives()
    stripped = re.sub(rf"[,\s]*\(?\s*(?:{units})\s*\)?\s*$", "", heading, flags=re.IGNORECASE).strip()
    return stripped or heading


def header_lines(lines: Sequence[SourceLine], first_row: int) -> list[SourceLine]:
    """The short heading fragments directly above a table's first row (blank lines skipped)."""
    found: list[SourceLine] = []
    for line in reversed(lines[: first_row - 1]):
        text = line.text.strip()
        if not text:
            if len(found) >= HEADER_LINES:
                break
            continue
        words = text.split()
        short = len(words) <= HEADER_MAX_WORDS or _laid_out(text)
        if not short or text.endswith((".", ":", ";")) or len(found) >= HEADER_LINES:
            break
        if re.search(r"\d", text) and not all(is_year(w) or not re.search(r"\d", w) for w in words):
            break
        if stated_unit([line]) is not None and len(words) > 1:
            break
        found.append(line)
        if _laid_out(text) and not all(is_year(w) for w in words):
            break  # a heading laid out as on the page stands on one line (or two: words over years)
    return list(reversed(found))


def laid_out_cells(text: str) -> list[str]:
    """Cells of a line laid out as on the page: two or more spaces stand between them."""
    return re.split(r"\s{2,}", text.strip())


def _laid_out(text: str) -> bool:
    cells = laid_out_cells(text)
    return len(cells) >= 3 and all(len(cell.split()) <= HEADER_MAX_WORDS - 1 for cell in cells)


def _by_years(words: Sequence[str]) -> list[str]:
    groups: list[list[str]] = [[]]
    for word in words:
        groups[-1].append(word)
        if is_year(word):
            groups.append([])
    return [" ".join(g) for g in groups if g]


def headings_from_words(words: Sequence[str], count: int, label_words: int = 0) -> list[str] | None:
    """``count`` headings from heading words, a year ending each heading that has one.

    The first ``label_words`` words (the label column's own heading, on a line of its own), or a
    first word such as *Område* or *Verksamhet*, are dropped when the rest then fits.
    """
    if not words:
        return None
    for skip in ([label_words] if label_words else []) + [1, 0]:
        if skip == 1 and words[0].lower() not in LABEL_HEADINGS:
            continue
        headings = _by_years(words[skip:])
        if len(headings) == count:
            return headings
    return None


def _over_years(words_line: str, years_line: str, count: int) -> list[str] | None:
    """A heading row of words over a row of years, one each per column ("Utfall  Budget  Prognos" over
    "2024  2025  2025"): each word goes with the year under it."""
    years = years_line.split()
    if len(years) != count or not all(is_year(y) for y in years):
        return None
    cells = laid_out_cells(words_line) if _laid_out(words_line) else words_line.split()
    if len(cells) == count + 1 and cells[0].lower() in LABEL_HEADINGS:
        cells = cells[1:]
    if len(cells) != count or any(is_year(c) for c in cells):
        return None
    return [f"{cell} {year}" for cell, year in zip(cells, years, strict=True)]


def column_headings(fragments: Sequence[SourceLine], count: int) -> list[str] | None:
    """``count`` column headings from collapsed heading fragments, or ``None`` if they do not fit."""
    if not fragments:
        return None
    if len(fragments) == 1 and len(cells := laid_out_cells(fragments[0].text)) in (count, count + 1):
        return cells[-count:]
    if len(fragments) == count + 1 and all(len(f.text.split()) <= 3 for f in fragments):
        one_per_line = [" ".join(f.text.split()) for f in fragments[1:]]
        if not any(is_year(h) for h in one_per_line):
            return one_per_line
    if len(fragments) == 2 and (paired := _over_years(fragments[0].text, fragments[1].text, count)):
        return paired
    first = fragments[0].text.split()
    label_words = len(first) if len(fragments) > 1 and not any(is_year(w) for w in first) else 0
    return headings_from_words([w for line in fragments for w in line.text.split()], count, label_words)
