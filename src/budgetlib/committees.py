"""The register of common committee types (KF, KS, RF, RS, HSN, BUN, SN …) and free names.

A committee is named by the register's code, its name or one of its aliases
(case and spacing ignored); all resolve to the register's code. Any other
name is allowed and kept as written: a *fri benämning*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd

from budgetlib import columns as c
from budgetlib.organisations import REGISTERS_DIR

COMMITTEE_TYPES_FILE = "committee_types.csv"
LIST_SEPARATOR = ";"
FREE_NAME = "fri benämning"


@dataclass(frozen=True)
class CommitteeType:
    """One type of committee in the register."""

    code: str
    name: str
    org_kinds: tuple[str, ...]
    aliases: tuple[str, ...]
    kind_of_body: str  # fullmäktige, styrelse, nämnd or revision


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class CommitteeRegister:
    """Committee types by every term that names them."""

    types: tuple[CommitteeType, ...]
    by_term: Mapping[str, CommitteeType]

    def canonical(self, text: str) -> str:
        """The register's code for ``text``, or ``text`` itself (spacing tidied) if it is a free name."""
        found = self.by_term.get(_fold(text))
        return found.code if found else " ".join(text.split())

    def type_of(self, code: str) -> CommitteeType | None:
        """The register's type for a canonical code; ``None`` for a free name."""
        found = self.by_term.get(_fold(code))
        return found if found is not None and found.code == code else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


@cache
def committee_register() -> CommitteeRegister:
    """The shipped register, read once."""
    path = files("budgetlib").joinpath(REGISTERS_DIR, COMMITTEE_TYPES_FILE)
    with path.open(encoding="utf-8") as stream:
        frame = pd.read_csv(stream, dtype=str, keep_default_na=False)
    types = tuple(
        CommitteeType(
            r[c.COMMITTEE_CODE], r[c.NAME], _split(r[c.ORG_KINDS]), _split(r[c.ALIASES]), r[c.KIND_OF_BODY]
        )
        for r in frame.to_dict("records")
    )
    by_term = {_fold(term): t for t in types for term in (t.code, t.name, *t.aliases)}
    return CommitteeRegister(types, by_term)
