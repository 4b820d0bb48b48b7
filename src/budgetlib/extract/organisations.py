"""Who a document is from: the library's organisations and committees, recognised in text.

The registers (:mod:`budgetlib.organisations`, :mod:`budgetlib.committees`)
are the only lists; this module only finds their names in a document's words:
an organisation by its name (``Region Värmland``, ``Umeå kommun``,
``Malmö stad``), a committee by its name or a name-like alias in any
inflection (``hälso- och sjukvårdsnämndens``) or by its code (a case number's
``HSN``). A committee the register does not know is kept as a free name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from budgetlib.committees import CommitteeType, committee_register
from budgetlib.formats import STATE_CODE
from budgetlib.organisations import Organisation, organisation_register


@dataclass(frozen=True)
class Committee:
    """A committee as the data names it: the register's code, or a free name kept as written."""

    code: str  # the value of ``namnd``: the register's code, or the free name itself
    name: str  # the name to show (the register's, in definite form)
    registered: bool = True


def _of_type(found: CommitteeType) -> Committee:
    return Committee(found.code, found.name)


def free_committee(name: str) -> Committee:
    """A committee the register does not know, named as written (a *fri benämning*)."""
    tidy = " ".join(name.split())
    return Committee(tidy, tidy, registered=False)


DEFINITE_FORMS = (
    ("nämndens", "nämnd"),
    ("nämnden", "nämnd"),
    ("nämnds", "nämnd"),
    ("styrelsens", "styrelse"),
    ("styrelsen", "styrelse"),
    ("fullmäktiges", "fullmäktige"),
)


def _stem(name: str) -> str:
    """``Hälso- och sjukvårdsnämnden`` → ``hälso- och sjukvårdsnämnd``."""
    folded = " ".join(name.split()).lower()
    for definite, stem in DEFINITE_FORMS:
        if folded.endswith(definite):
            return folded[: -len(definite)] + stem
    return folded


def _name_like(term: str) -> bool:
    """A name or a name-like alias (``Utbildningsnämnden``), not an abbreviation (``UN``)."""
    return not term.isupper()


@cache
def _by_stem() -> dict[str, CommitteeType]:
    register = committee_register()
    return {_stem(term): t for t in register.types for term in (t.name, *t.aliases) if _name_like(term)}


def committee_named(text: str) -> Committee | None:
    """The register's committee that ``text`` names: code, alias or name in any inflection."""
    register = committee_register()
    found = register.by_term.get(" ".join(text.split()).casefold()) or _by_stem().get(_stem(text))
    return _of_type(found) if found is not None else None


@cache
def _committee_patterns() -> tuple[tuple[re.Pattern[str], CommitteeType], ...]:
    patterns = []
    for stem, found in _by_stem().items():
        body = r"\s*".join(re.escape(part) for part in re.split(r"\s+|(?<=-)", stem) if part)
        patterns.append((re.compile(rf"(?<!\w){body}(?:ens|en|ns|n|s)?(?!\w)", re.IGNORECASE), found))
    return tuple(patterns)


def committees_in(text: str) -> list[Committee]:
    """Every registered committee the text names, in printed order.

    Where names overlap (``Byggnadsnämnden`` inside ``Miljö- och byggnadsnämnden``) the longer
    name counts, once.
    """
    spans = sorted(
        (
            (m.start(), m.end(), found)
            for pattern, found in _committee_patterns()
            for m in pattern.finditer(text)
        ),
        key=lambda span: (span[0], span[0] - span[1]),
    )
    found: list[Committee] = []
    end = -1
    for start, stop, committee_type in spans:
        if start >= end:
            found.append(_of_type(committee_type))
            end = stop
    return found


FREE_COMMITTEE_LABEL = re.compile(r"[A-ZÅÄÖ][\w\- ]{0,60}?(?:nämnden|styrelsen)")


def committee_of_row(label: str) -> Committee | None:
    """The committee a table row's label names (a driftredovisning's row per nämnd), or ``None``.

    A label ending in *nämnden* or *styrelsen* that the register does not know is a free name.
    """
    text = " ".join(label.split())
    known = committee_named(text)
    if known is not None:
        return known
    return free_committee(text) if FREE_COMMITTEE_LABEL.fullmatch(text) else None


STATE_LABELS = ("Riket", "Hela riket", "Staten")  # a national distribution's total row


def organisation_of_row(label: str) -> Organisation | None:
    """The organisation a table row's label names in full (a national distribution's row per
    region: ``Region Uppsala``, ``Umeå kommun``, ``Riket``), or ``None``.

    A kommun's bare name (``Mark``, ``Vara``) is a common word too, and is not read as one.
    """
    text = " ".join(label.split())
    if text in STATE_LABELS:
        return organisation_register().by_code[STATE_CODE]
    pattern, by_spelling = _organisation_pattern()
    match = pattern.fullmatch(text)
    return by_spelling.get(" ".join(match.group(1).split()).casefold()) if match else None


def _alternatives(names: set[str]) -> str:
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(names, key=len, reverse=True))


@cache
def _organisation_pattern() -> tuple[re.Pattern[str], dict[str, Organisation]]:
    """Region names, kommun display names (``Lunds kommun``) and city forms (``Malmö stad``)."""
    register = organisation_register()
    spelled: dict[str, Organisation] = {}
    for organisation in register.by_code.values():
        if organisation.kind == "region":
            spelled[organisation.name] = organisation
        elif organisation.kind == "kommun":
            spelled.setdefault(organisation.display_name, organisation)
            for genitive in (organisation.name, f"{organisation.name}s"):
                for city in (f"{genitive} stad", f"{genitive} Stad"):
                    spelled.setdefault(city, organisation)
    pattern = re.compile(rf"(?<!\w)({_alternatives(set(spelled))})s?(?!\w)")
    return pattern, {" ".join(name.split()).casefold(): o for name, o in spelled.items()}


def organisations_in(text: str) -> list[Organisation]:
    """Every region or kommun of the register that the text names, in printed order."""
    pattern, by_spelling = _organisation_pattern()
    found = []
    for match in pattern.finditer(text):
        organisation = by_spelling.get(" ".join(match.group(1).split()).casefold())
        if organisation is not None:
            found.append(organisation)
    return found


def organisation_named(text: str) -> Organisation | None:
    """The organisation ``text`` is exactly the name of (code, name or a spelling above; any case)."""
    register = organisation_register()
    wanted = " ".join(text.split())
    by_folded = {name.casefold(): o for name, o in register.by_name.items()}
    _, by_spelling = _organisation_pattern()
    return (
        register.by_code.get(wanted) or by_folded.get(wanted.casefold()) or by_spelling.get(wanted.casefold())
    )


def resolve_organisation(text: str) -> Organisation:
    """The register's organisation for a code or name as a user writes it (case is ignored).

    :class:`budgetlib.organisations.UnknownOrganisation` (with the closest names) otherwise.
    """
    return organisation_named(text) or organisation_register().resolve(text)
