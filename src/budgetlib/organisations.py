"""The register of organisations: the state, the 21 regioner and the 290 kommuner.

The register ships with the package (``registers/organisations.csv``) and is
the truth: a data folder names an organisation by its SCB code or its exact
name and may not add one of its own.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd

from budgetlib import columns as c
from budgetlib.errors import BudgetlibError

REGISTERS_DIR = "registers"
ORGANISATIONS_FILE = "organisations.csv"
REGISTER_COLUMNS = [
    c.ORG_CODE,
    c.ORG_KIND,
    c.NAME,
    c.DISPLAY_NAME,
    c.LAN_CODE,
    c.LAN_NAME,
    c.KOLADA_ID,
    c.REFERENCE_SOURCE,
]


class UnknownOrganisation(BudgetlibError, ValueError):
    """A name or code that is not in the register; the message suggests the closest names."""


@dataclass(frozen=True)
class Organisation:
    """A kommun, a region or the state, as the register has it."""

    code: str  # SCB: kommun 4 digits, region its 2-digit län code, the state 0000
    kind: str  # kommun, region or stat
    name: str
    display_name: str
    lan_code: str
    lan_name: str
    kolada_id: str
    source: str


@dataclass(frozen=True)
class OrganisationRegister:
    """Every organisation, found by code, by exact name or by an unambiguous display name."""

    frame: pd.DataFrame
    by_code: Mapping[str, Organisation]
    by_name: Mapping[str, Organisation]

    def resolve(self, text: str) -> Organisation:
        """The organisation ``text`` names; :class:`UnknownOrganisation` with suggestions otherwise."""
        wanted = " ".join(text.split())
        found = self.by_code.get(wanted) or self.by_name.get(wanted)
        if found is None:
            close = difflib.get_close_matches(wanted, list(self.by_name), n=3, cutoff=0.6)
            hint = f"; menade du {' eller '.join(repr(n) for n in close)}?" if close else ""
            raise UnknownOrganisation(
                f"okänd organisation {text!r}: ange SCB-kod eller exakt namn ur registret{hint}"
            )
        return found


def _build(frame: pd.DataFrame) -> OrganisationRegister:
    records = [
        Organisation(*(str(row[name]) for name in REGISTER_COLUMNS)) for row in frame.to_dict("records")
    ]
    display_counts = pd.Series([o.display_name for o in records]).value_counts()
    by_name = {o.display_name: o for o in records if display_counts[o.display_name] == 1}
    by_name |= {o.name: o for o in records}  # exact names win over display names
    return OrganisationRegister(frame, {o.code: o for o in records}, by_name)


@cache
def organisation_register() -> OrganisationRegister:
    """The shipped register, read once."""
    with files("budgetlib").joinpath(REGISTERS_DIR, ORGANISATIONS_FILE).open(encoding="utf-8") as stream:
        frame = pd.read_csv(stream, dtype=str, keep_default_na=False)
    return _build(frame[REGISTER_COLUMNS])
