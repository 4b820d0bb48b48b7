"""Readable, unique ids for rows, columns and documents, made from printed labels."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 40


def slug(text: str) -> str:
    """``Allmänmedicin och rehab`` → ``allmanmedicin_och_rehab`` (ASCII, lower case, underscores)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:MAX_LENGTH].rstrip("_")


def unique_slug(text: str, used: set[str], fallback: str = "rad") -> str:
    """A slug not in ``used`` (``_2``, ``_3`` … appended), added to ``used``."""
    base = slug(text) or fallback
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate
