"""The one error extraction raises for input it cannot turn into a draft."""

from __future__ import annotations


class ExtractionError(ValueError):
    """The document cannot be read or drafted; the message says why, in Swedish."""
