"""The register row: title, case number, organisation, committee, year, kind and date.

Each is taken from the document where it says so, from the options otherwise;
the organisation always from the library's register, the committee from its
register where it is there (else a free name, reported as a doubt). What had
to be inferred (the committee most often named, a default kind) is reported
as a doubt. Without an organisation, committee or year the draft cannot be
written, and the message says which option to give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from budgetlib.extract.draft import DocumentFacts, Doubt, DoubtKind
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.organisations import (
    Committee,
    committee_named,
    committees_in,
    free_committee,
    organisation_named,
    organisations_in,
    resolve_organisation,
)
from budgetlib.extract.reading import SourceLine, SourceText
from budgetlib.extract.rows import PAGE_FOOTER
from budgetlib.extract.vocabulary import years_in
from budgetlib.organisations import Organisation, UnknownOrganisation

T = TypeVar("T")

HEAD_LINES = 15  # the letterhead, title and case number stand within these lines
KIND_LINES = 5  # the kind of document is named in its first lines, if anywhere
KIND_LINE_WORDS = 6  # … on a line of its own, not in a sentence
DIARIENUMMER = re.compile(
    r"(?<![\w/])(?P<code>[A-ZÅÄÖ]{2,6})(?:(?:\s|-)(?=\d{1,6}[-/]\d)|/(?=\d{3}))"
    r"(?P<number>\d{1,6}(?:[-/]\d{2,6})?)(?![\w/-])"
)
NOT_CASE_CODES = ("SFS", "EU", "LOV", "LOU")  # law and regulation references, not case numbers
ISO_DATE = re.compile(r"(?<!\d)(20\d\d-[01]\d-[0-3]\d)(?!\d)")
# The kind of document (a value of the library's vocabulary) from the words of its title or head.
KINDS: tuple[tuple[str, str], ...] = (
    ("protokollsutdrag", r"protokollsutdrag|utdrag ur \w*protokoll"),
    ("protokoll", r"protokoll|^§\s*\d+"),
    ("tjänsteskrivelse", r"tjänsteskrivelse"),
    ("ärendebeskrivning", r"ärendebeskrivning"),
    ("pressmeddelande", r"pressmeddelande"),
    ("tertialrapport", r"tertialrapport|tertialuppföljning"),
    ("delårsrapport", r"delårsrapport|delårsbokslut"),
    ("månadsrapport", r"månadsrapport|månadsuppföljning"),
    ("bokslutskommuniké", r"bokslutskommuniké"),
    ("årsredovisning", r"årsredovisning|årsbokslut|bokslut"),
    ("mål och budget", r"mål och budget|budget och plan"),
    ("regionplan", r"regionplan|flerårsplan"),
    ("nämndplan", r"nämndplan|verksamhetsplan|plan och budget"),
    ("budget", r"internbudget|detaljbudget"),
)
DEFAULT_KIND = "beslut"
ASSEMBLIES = ("RF", "KF")  # named in nearly every document as the body that decided the frame


@dataclass(frozen=True)
class Options:
    """What the user says about the document; blank means "take it from the document"."""

    organisation: str = ""
    committee: str = ""
    year: int | None = None


def _head(source: SourceText) -> list[SourceLine]:
    return [line for line in source.lines if line.text.strip()][:HEAD_LINES]


def diarienummer(source: SourceText) -> str:
    """The document's own case number: the first one in its head (``HSN 1430-2024``)."""
    for line in _head(source):
        for match in DIARIENUMMER.finditer(line.text):
            if match.group("code") not in NOT_CASE_CODES:
                return match.group(0)
    return ""


def _title(source: SourceText) -> SourceLine:
    """The first line of the head that is not the letterhead (organisation, committee, case number, date)."""
    head = _head(source)
    if not head:
        raise ExtractionError(f"{source.name}: dokumentet innehåller ingen text.")
    for line in head:
        text = " ".join(line.text.split())
        plain = text.lower().rstrip(".")
        if organisation_named(text.rstrip(".")) is not None:
            continue
        if committee_named(text) is not None:
            continue
        if DIARIENUMMER.fullmatch(text) or re.fullmatch(r"(dnr|diarienummer)\b.*", plain):
            continue
        if DIARIENUMMER.search(text) and committees_in(text):
            continue  # "Kultur- och fritidsnämnden        Dnr KFN 2025/0031": the letterhead
        if (len(text.split()) <= 2 and ISO_DATE.search(text)) or PAGE_FOOTER.match(text):
            continue
        if len(text) >= 8:
            return line
    return head[0]


def _text_of(lines: Iterable[SourceLine]) -> str:
    return "\n".join(line.text for line in lines)


def _named_in(source: SourceText, find: Callable[[str], list[T]], missing: str) -> Counter[T]:
    """How often the whole text names each; :class:`ExtractionError` ("names no ``missing``") for none."""
    named = Counter(find(_text_of(source.lines)))
    if not named:
        raise ExtractionError(f"{source.name}: dokumentet namnger ingen {missing}")
    return named


def _organisation(source: SourceText, options: Options, doubts: list[Doubt]) -> tuple[Organisation, str]:
    if options.organisation:
        try:
            return resolve_organisation(options.organisation), "angiven med --organisation"
        except UnknownOrganisation as error:
            raise ExtractionError(f"--organisation: {error}") from None
    in_head = organisations_in(_text_of(_head(source)))
    if in_head:
        return in_head[0], "dokumentets huvud"
    named = _named_in(
        source,
        organisations_in,
        "region eller kommun. "
        "Ange den med --organisation, t.ex. --organisation 'Region Värmland', 'Umeå kommun' eller 2480.",
    )
    (organisation, count), *others = named.most_common()
    if others:
        doubts.append(
            Doubt(
                DoubtKind.DOCUMENT,
                None,
                f"Organisationen är gissad: '{organisation.display_name}' nämns {count} gånger, men även "
                f"{', '.join(repr(o.display_name) for o, _ in others)}. Ange --organisation om det är fel.",
            )
        )
    return organisation, "den region eller kommun texten nämner oftast"


def _committee(
    source: SourceText, options: Options, case_number: str, title: str, doubts: list[Doubt]
) -> tuple[Committee, str]:
    """From the option, the case number's prefix, the title or letterhead, else the one named most."""
    if options.committee:
        return committee_named(options.committee) or free_committee(options.committee), "angiven med --namnd"
    if case_number:
        from_case = committee_named(DIARIENUMMER.match(case_number).group("code"))  # type: ignore[union-attr]
        if from_case is not None:
            return from_case, f"diarienumret {case_number}"
    letterhead = [  # short lines that start one (not the wrapped end of a sentence: "sjukvårdsnämnden i …")
        line.text
        for line in _head(source)
        if len(line.text.split()) <= KIND_LINE_WORDS and not line.text.strip()[:1].islower()
    ]
    head = committees_in("\n".join([title, *letterhead]))
    if head:
        return head[0], "dokumentets huvud"
    named = _named_in(source, committees_in, "nämnd eller styrelse. Ange den med --namnd, t.ex. --namnd HSN.")
    committees = [c for c, _ in named.most_common() if c.code not in ASSEMBLIES] or [
        named.most_common(1)[0][0]
    ]
    committee = committees[0]
    doubts.append(
        Doubt(
            DoubtKind.DOCUMENT,
            None,
            f"Nämnden är gissad: {committee.name} nämns {named[committee]} gånger"
            + (f", även {', '.join(c.name for c in named if c != committee)}" if len(named) > 1 else "")
            + ". Ange --namnd om det är fel.",
        )
    )
    return committee, "den nämnd texten nämner oftast"


def _year(source: SourceText, title: str, options: Options, doubts: list[Doubt]) -> tuple[int, str]:
    if options.year is not None:
        return options.year, "angivet med --year"
    in_title = years_in(title)
    if in_title:
        return max(in_title), "titeln"
    years = Counter(y for line in _head(source) for y in years_in(line.text))
    if not years:
        raise ExtractionError(
            f"{source.name}: budgetåret framgår inte av dokumentets början. Ange det med --year."
        )
    year, _ = years.most_common(1)[0]
    doubts.append(
        Doubt(
            DoubtKind.DOCUMENT,
            None,
            f"Budgetåret {year} är gissat (det år dokumentets början nämner oftast).",
        )
    )
    return year, "det år dokumentets början nämner oftast"


def _kind(head: Sequence[SourceLine], title: str, doubts: list[Doubt]) -> tuple[str, str]:
    short_lines = _text_of(line for line in head if len(line.text.split()) <= KIND_LINE_WORDS)
    for words in (title, short_lines):
        for kind, pattern in KINDS:
            if re.search(pattern, words, re.IGNORECASE | re.MULTILINE):
                return kind, "titeln" if words is title else "dokumentets huvud"
    doubts.append(
        Doubt(
            DoubtKind.DOCUMENT,
            None,
            f"Dokumenttypen framgår inte; satt till '{DEFAULT_KIND}'. Rätta i documents.csv.",
        )
    )
    return DEFAULT_KIND, "antagen"


def _date(head: Sequence[SourceLine]) -> str:
    for line in head:
        match = ISO_DATE.search(line.text)
        if match:
            return match.group(1)
    return ""


def document_facts(source: SourceText, options: Options) -> tuple[DocumentFacts, tuple[Doubt, ...]]:
    """The register row for the document, and what had to be inferred."""
    doubts: list[Doubt] = []
    case_number = diarienummer(source)
    organisation, organisation_origin = _organisation(source, options, doubts)
    title_line = _title(source)
    title = " ".join(title_line.text.split())
    committee, committee_origin = _committee(source, options, case_number, title, doubts)
    year, year_origin = _year(source, title, options, doubts)
    kind, kind_origin = _kind(_head(source)[:KIND_LINES], title, doubts)
    if not committee.registered:
        doubts.append(
            Doubt(
                DoubtKind.DOCUMENT,
                None,
                f"Nämnden '{committee.name}' finns inte i nämndregistret; skriven som fri benämning. "
                "Ange registrets kod med --namnd om den finns där under ett annat namn.",
            )
        )
    origins = (
        ("titel", f"rad {title_line.number}, första raden efter brevhuvudet"),
        ("organisation", organisation_origin),
        ("nämnd", committee_origin),
        ("budgetår", year_origin),
        ("dokumenttyp", kind_origin),
        ("diarienummer", "dokumentets huvud" if case_number else "saknas i dokumentets huvud"),
    )
    facts = DocumentFacts(
        title,
        title_line.number,
        case_number,
        organisation,
        committee,
        year,
        kind,
        _date(_head(source)),
        origins,
    )
    return facts, tuple(doubts)
