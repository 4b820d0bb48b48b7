"""Control characters from data, made visible: nothing read from a file may steer a terminal.

ANSI escape sequences, NUL, carriage return and the other C0 and C1 controls,
and the bidirectional marks, embeddings, overrides and isolates (which can
make text read backwards) are spelled out as ``\\u001b``, ``\\u202e`` …; tab and
line feed are kept. The form is also a valid JSON escape of the same character.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as ``\\uXXXX``; tab and line feed kept."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
