"""Report file names from region and nämnd names: safe, never empty, one name per file.

``Region Västerbotten`` → ``region-vasterbotten``: Latin letters lose their
accents (å, ä → a, ö → o, é → e, æ → ae, ß → ss …); everything else is
dropped, so ``/``, ``..`` and NUL never reach a path. A name with letters or
digits that have no Latin spelling (Greek, Cyrillic, CJK …) keeps what it has
and gets a short stable id from the whole name, and so does a name of only
punctuation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from budgetlib.errors import BudgetlibError
from budgetlib.organisations import organisation_register

LATIN_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "œ": "oe", "ı": "i"}
)
MAX_LENGTH = 60  # characters before the id; keeps every path well inside the file system's limits
ID_LENGTH = 8


class ReportPathError(BudgetlibError, ValueError):
    """Reports cannot be placed safely: two names share a file, or a path leaves the reports folder."""


def _stable_id(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:ID_LENGTH]


def slug(text: str) -> str:
    """``Region Västerbotten`` → ``region-vasterbotten``; ``Ελλάδα`` → ``a1b2c3d4`` (a stable id)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LATIN_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))  # ä → a, é → e
    words = re.findall(r"[a-z0-9]+", bare)
    lost = any(char.isalnum() and not char.isascii() for char in bare)
    kept = "-".join(words)
    if kept and not lost and len(kept) <= MAX_LENGTH:
        return kept
    return "-".join(part for part in (kept[:MAX_LENGTH].rstrip("-"), _stable_id(text)) if part)


@cache
def _shared_register_slugs() -> frozenset[str]:
    """Slugs that two organisations of the register share (Habo 0643 and Håbo 0305 are both ``habo``)."""
    counts = Counter(slug(name) for name in organisation_register().frame["name"])
    return frozenset(name for name, count in counts.items() if count > 1)


def organisation_folder(name: str) -> str:
    """An organisation's report folder: its name's slug, plus its SCB code where the register has a twin."""
    folder = slug(name)
    found = organisation_register().by_name.get(name)
    return f"{folder}-{found.code}" if found and folder in _shared_register_slugs() else folder


def check_unique(kind: str, names: Iterable[str], naming: Callable[[str], str] = slug) -> None:
    """Raise :class:`ReportPathError` naming both if two different names give one file name."""
    seen: dict[str, str] = {}
    for name in sorted(set(names)):
        other = seen.setdefault(naming(name), name)
        if other != name:
            raise ReportPathError(
                f"{kind} '{other}' och '{name}' skulle få samma filnamn '{naming(name)}'; "
                "byt namn på en av dem i datan"
            )
