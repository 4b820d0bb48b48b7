"""Who a document is from: committee names and codes, the 21 regions, kommun names.

Only what extraction needs to recognise an organisation or committee in the
text. The data model's own registers (format version 2) take over from these
when the draft writer moves to that format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Committee:
    code: str
    name: str  # definite form, as documents print it as a subject


COMMITTEES = (
    Committee("HSN", "Hälso- och sjukvårdsnämnden"),
    Committee("RS", "Regionstyrelsen"),
    Committee("RF", "Regionfullmäktige"),
    Committee("RUN", "Regionala utvecklingsnämnden"),
    Committee("KS", "Kommunstyrelsen"),
    Committee("KF", "Kommunfullmäktige"),
    Committee("BUN", "Barn- och utbildningsnämnden"),
    Committee("UN", "Utbildningsnämnden"),
    Committee("GN", "Gymnasienämnden"),
    Committee("SN", "Socialnämnden"),
    Committee("VON", "Vård- och omsorgsnämnden"),
    Committee("ÄN", "Äldrenämnden"),
    Committee("MBN", "Miljö- och byggnadsnämnden"),
    Committee("BN", "Byggnadsnämnden"),
    Committee("MN", "Miljönämnden"),
    Committee("TN", "Tekniska nämnden"),
    Committee("KFN", "Kultur- och fritidsnämnden"),
    Committee("KN", "Kulturnämnden"),
    Committee("FN", "Fritidsnämnden"),
    Committee("PN", "Patientnämnden"),
    Committee("TFN", "Trafiknämnden"),
)
CODE_ALIASES = {"SOCN": "SN", "UBN": "BUN", "HSS": "HSN", "MHN": "MBN"}

# Region name → (county, SCB county code). Kolada's id for a region is "00" + code.
REGIONS = {
    "Region Stockholm": ("Stockholms län", "01"),
    "Region Uppsala": ("Uppsala län", "03"),
    "Region Sörmland": ("Södermanlands län", "04"),
    "Region Östergötland": ("Östergötlands län", "05"),
    "Region Jönköpings län": ("Jönköpings län", "06"),
    "Region Kronoberg": ("Kronobergs län", "07"),
    "Region Kalmar län": ("Kalmar län", "08"),
    "Region Gotland": ("Gotlands län", "09"),
    "Region Blekinge": ("Blekinge län", "10"),
    "Region Skåne": ("Skåne län", "12"),
    "Region Halland": ("Hallands län", "13"),
    "Västra Götalandsregionen": ("Västra Götalands län", "14"),
    "Region Värmland": ("Värmlands län", "17"),
    "Region Örebro län": ("Örebro län", "18"),
    "Region Västmanland": ("Västmanlands län", "19"),
    "Region Dalarna": ("Dalarnas län", "20"),
    "Region Gävleborg": ("Gävleborgs län", "21"),
    "Region Västernorrland": ("Västernorrlands län", "22"),
    "Region Jämtland Härjedalen": ("Jämtlands län", "23"),
    "Region Västerbotten": ("Västerbottens län", "24"),
    "Region Norrbotten": ("Norrbottens län", "25"),
}
# Capitalised words that precede "kommun" without naming one ("Varje kommun har …").
_NOT_KOMMUN_NAMES_TEXT = (
    "varje denna den en ena samma hela egen egna annan vilken någon ingen vår er din min alla berörd "
    "berörda aktuell respektive kommun"
)
NOT_KOMMUN_NAMES = frozenset(_NOT_KOMMUN_NAMES_TEXT.split())


def committee_by_code(code: str) -> Committee | None:
    wanted = CODE_ALIASES.get(code.upper(), code.upper())
    return next((c for c in COMMITTEES if c.code == wanted), None)


def committee_by_name(name: str) -> Committee | None:
    folded = " ".join(name.split()).lower()
    return next((c for c in COMMITTEES if _stem(c.name) == _stem(folded)), None)


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


@cache
def committee_pattern(committee: Committee) -> re.Pattern[str]:
    """The committee's name in any form a text prints it (``hälso-och sjukvårdsnämndens``)."""
    stem = _stem(committee.name)
    body = r"\s*".join(re.escape(part) for part in re.split(r"\s+|(?<=-)", stem) if part)
    return re.compile(rf"(?<!\w){body}(?:ens|en|ns|n|s)?(?!\w)", re.IGNORECASE)


REGION_PATTERN = re.compile(
    "(?<!\\w)(" + "|".join(re.escape(name) for name in sorted(REGIONS, key=len, reverse=True)) + ")s?(?!\\w)"
)
KOMMUN_PATTERN = re.compile(r"(?<!\w)([A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+)?) kommuns?(?!\w)")


def organisations_in(text: str) -> list[str]:
    """Every region or kommun the text names, in printed order."""
    found: list[tuple[int, str]] = [(m.start(), m.group(1)) for m in REGION_PATTERN.finditer(text)]
    for match in KOMMUN_PATTERN.finditer(text):
        name = match.group(1)
        if name.lower() not in NOT_KOMMUN_NAMES:
            found.append((match.start(), f"{name} kommun"))
    return [name for _, name in sorted(found)]


def committees_in(text: str) -> list[Committee]:
    """Every committee the text names, in printed order."""
    found = [(m.start(), c) for c in COMMITTEES for m in committee_pattern(c).finditer(text)]
    return [c for _, c in sorted(found, key=lambda item: item[0])]
