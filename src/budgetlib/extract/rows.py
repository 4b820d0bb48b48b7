"""One printed line as a possible table row: a label, then figures.

Three printed forms are recognised:

* tab-separated cells (Word tables, PDF columns, text copied from a web page);
* a label followed by digit groups, where the columns collapsed into spaces
  (``Allmänmedicin och rehab 1 130 1 178 49``); how many numbers the groups
  make is settled later, per table;
* a bullet or list line with its own unit (``• Personalkostnader   81 mkr``).

A leading ``=`` marks the closing row of a bridge (``= Ram 2025 9 065``).
Lines that read as prose (``Kvar att fördela är 190 mkr.``) are not rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlib.extract.reading import CELL_SEPARATOR
from budgetlib.extract.tokens import PLACEHOLDERS, canonical, is_number, is_year, unit_pattern
from budgetlib.extract.vocabulary import FUNCTION_WORDS, TOTAL_LABEL

BULLET = re.compile(r"^[•·▪●○◦■\-–*]\s+")
COLUMN_GAP = 2  # spaces: in text laid out as on the page, a wider gap separates two columns
PAGE_FOOTER = re.compile(r"^(page|sida)\s+\d+\s*(of|av|/|\()", re.IGNORECASE)
MAX_LABEL_WORDS = 12


@dataclass(frozen=True)
class RowCandidate:
    """A line that may be a table row; ``groups`` (space layout) or ``cells`` (tab layout)."""

    line: int
    label: str
    groups: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    unit_text: str = ""
    closing_marker: bool = False
    year_in_label: bool = False  # the first group is a year that may belong to the label
    breaks: tuple[int, ...] = ()  # groups that must start a number: two or more spaces stand before them

    @property
    def tabbed(self) -> bool:
        return bool(self.cells)


@dataclass(frozen=True)
class HeaderCandidate:
    """A tab-separated line of column headings (text, or years)."""

    line: int
    cells: tuple[str, ...]


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _prose_label(label: str) -> bool:
    """Does the text before the figures read as a clause ("Kvar att fördela är") rather than a label?"""
    words = label.split()
    if TOTAL_LABEL.fullmatch(label):
        return False
    if not words or len(words) > MAX_LABEL_WORDS:
        return True
    if words[-1].lower().strip(",") in FUNCTION_WORDS:
        return True
    if re.search(r"[.!?]\s", label) or label.endswith((",", ";")):
        return True
    return any(is_number(w) for w in words) and unit_pattern().search(label) is not None


def _split_unit(text: str) -> tuple[str, str]:
    """``81 mkr`` → (``81``, ``mkr``) when the line ends with a unit; else (text, '')."""
    last = next(reversed([*unit_pattern().finditer(text)]), None)
    if last is None or text[last.end() :].strip(" :"):
        return text, ""
    return text[: last.start()].rstrip(), " ".join(last.group(0).split())


def _tabbed(line: int, text: str) -> RowCandidate | HeaderCandidate | None:
    """Cells of a tab-separated line: a row (a label, then figures) or a heading row.

    A row whose only figures are years ("Verksamhet | 2024 | 2025") is a heading row; a heading
    row keeps its empty cells, so that two heading rows line up column by column.
    """
    cells = tuple(" ".join(cell.split()) for cell in text.split(CELL_SEPARATOR))
    filled = cells
    while filled and not filled[-1]:
        filled = filled[:-1]
    if len(filled) < 2:
        return None
    values = filled[1:]
    numeric = [cell_number(v) is not None for v in values]
    only_years = all(is_year(v) for v in values if v)
    if (
        _has_letter(filled[0])
        and any(numeric)
        and not only_years
        and all(n or v in PLACEHOLDERS for n, v in zip(numeric, values, strict=True))
    ):
        return RowCandidate(line, filled[0].rstrip(":"), cells=values)
    if all(_has_letter(c) or is_year(c) or not c for c in cells) and any(c for c in cells):
        return HeaderCandidate(line, cells)  # words, or a row of years under them
    return None


def cell_number(cell: str) -> str | None:
    """The number in a table cell, with a unit after it allowed (``81 mkr``, ``41 %``)."""
    number, _ = _split_unit(cell)
    text = canonical(number)
    groups = text.split()
    if groups and all(is_number(g) for g in groups):
        return text
    return None


def cell_unit(cell: str) -> str:
    return _split_unit(cell)[1]


def parse_line(line: int, text: str) -> RowCandidate | HeaderCandidate | None:
    """The row (or tab-separated header) this line may be, or ``None``."""
    if CELL_SEPARATOR in text.strip():
        return _tabbed(line, text.strip(" "))  # a leading tab is an empty first cell
    stripped = BULLET.sub("", text.strip())
    if PAGE_FOOTER.match(stripped):
        return None
    closing = stripped.startswith("=")
    stripped = stripped.lstrip("= ").strip()
    if stripped.endswith(".") or not stripped:
        return None
    body, unit_text = _split_unit(stripped)
    spans = list(re.finditer(r"\S+", body))
    tokens = [span.group(0) for span in spans]
    cut = len(tokens)
    while cut > 0 and is_number(tokens[cut - 1]):
        cut -= 1
    label, groups = " ".join(tokens[:cut]).rstrip(":").strip(), tuple(tokens[cut:])
    breaks = tuple(
        i - cut for i in range(cut + 1, len(spans)) if spans[i].start() - spans[i - 1].end() >= COLUMN_GAP
    )
    if not groups or not _has_letter(label) or _prose_label(label):
        return None
    if len(groups) == 1 and is_year(groups[0]) and not unit_text:
        return None  # a heading that ends with a year ("Fördelade budgetramar 2025")
    return RowCandidate(
        line,
        label,
        groups=groups,
        unit_text=unit_text,
        closing_marker=closing,
        year_in_label=is_year(groups[0]) and len(groups) > 1,
        breaks=breaks,
    )
