"""The organisations and committees a data folder names, resolved against the registers."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from budgetlib import columns as c
from budgetlib.committees import committee_register
from budgetlib.errors import Problem
from budgetlib.organisations import UnknownOrganisation, organisation_register

ORGANISATION_COLUMNS = {
    c.ORG_CODE: "code",
    c.ORG_KIND: "kind",
    c.REGION: "name",
    c.DISPLAY_NAME: "display_name",
    c.LAN_CODE: "lan_code",
    c.KOLADA_ID: "kolada_id",
}


def organisation_problems(frame: pd.DataFrame, path: str) -> list[Problem]:
    """Each row whose organisation is not in the register (a blank one is the document's)."""
    register = organisation_register()
    problems = []
    for i, text in zip(frame.index.tolist(), frame[c.ORGANISATION].tolist(), strict=True):
        if not text:
            continue
        try:
            register.resolve(text)
        except UnknownOrganisation as error:
            problems.append(Problem(path, int(i), c.ORGANISATION, str(error)))
    return problems


def with_organisations(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents with their organisation's code, kind, name (as ``region``), Kolada id and län."""
    register = organisation_register()
    found = [register.resolve(text) for text in documents[c.ORGANISATION]]
    derived = {column: [getattr(o, field) for o in found] for column, field in ORGANISATION_COLUMNS.items()}
    result = documents.assign(**derived)
    columns = list(documents.columns)
    first = columns[: columns.index(c.ORGANISATION) + 1]
    return result[[*first, *derived, *(n for n in columns if n not in first)]]


def organisation_codes(named: pd.Series, of_document: pd.Series) -> list[str]:
    """The code of each row's own organisation, else its document's."""
    register = organisation_register()
    codes = {text: register.resolve(text).code for text in named.unique().tolist() if text}
    return [
        codes[text] if text else code for text, code in zip(named.tolist(), of_document.tolist(), strict=True)
    ]


def committee_names(committees: pd.DataFrame, used: Iterable[str]) -> pd.DataFrame:
    """One name per committee code: the folder's ``committees.csv``, else the register, else as written.

    ``used`` are the codes the data uses; a free name is its own name.
    """
    register = committee_register()
    names = {t.code: t.name for t in register.types}
    names |= {
        register.canonical(code): name
        for code, name in zip(committees[c.NAMND], committees[c.NAME], strict=True)
    }
    names |= {code: code for code in used if code not in names}
    return pd.DataFrame({c.NAMND: list(names), c.NAME: list(names.values())})
