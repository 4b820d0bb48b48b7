"""Words that tell what a figure is: measure, phase, direction, qualifier, totals.

Each rule reads the words printed around a figure (a sentence clause, or a
table's column header, row label and caption). The result is a suggestion that
the draft marks as such; the reviewer confirms it.
"""

from __future__ import annotations

import re

# Measure suggested from the words, first match wins. The draft's vocabulary is a superset of
# format 1's; the format 1 writer maps the rest and says so.
MEASURE_RULES: tuple[tuple[str, str], ...] = (
    ("budgetavvikelse", r"avvikelse|underskott|överskott"),
    ("ramtillskott", r"ramtillskott"),
    ("tillskott", r"tillskott|förstärk"),
    ("reducering", r"reducer|besparing|effektivisering"),
    ("omfördelning", r"omfördel"),
    ("investering", r"investering"),
    ("prioritering", r"prioriter|satsning"),
    ("ersättning", r"ersättning|elevpeng"),
    ("åtgärdsbehov", r"åtgärd"),
    (
        "förändring",
        r"förändr|ökning|ökat|ökar|ökade|öka|höjning|höjs|minskning|minskat|minskar|minska|utveckling",
    ),
    ("intäkter", r"intäkt"),
    ("kostnader", r"kostnad"),
    ("nettokostnad", r"netto"),
    ("ram", r"ram|budget|anslag"),
)
DEFAULT_MEASURE = "ram"
PERSONNEL_CUT = re.compile(r"personalkostnad", re.IGNORECASE)
DECREASE = re.compile(r"\b(minsk|reducer|sänk|lägre|negativ|underskott)\w*", re.IGNORECASE)
INCREASE = re.compile(r"\b(ök|höj|tillskott|förstärk|överskott|positiv)\w*", re.IGNORECASE)

PHASE_RULES: tuple[tuple[str, str], ...] = (
    ("prognos", r"prognos"),
    ("preliminär", r"preliminär"),
    ("förslag", r"förslag|föreslå|föreslag"),
    ("utfall", r"utfall|bokslut|redovisa|uppgick|utfallet|resultat"),
    ("bedömning", r"beräknas|bedöm|behov"),
)
DEFAULT_PHASE = "beslut"

QUALIFIERS = {
    "drygt": "drygt",
    "knappt": "knappt",
    "nästan": "knappt",
    "närmare": "knappt",
    "cirka": "cirka",
    "ca": "cirka",
    "ca.": "cirka",
    "c:a": "cirka",
    "ungefär": "cirka",
    "omkring": "cirka",
    "runt": "cirka",
}
QUALIFIER_BEFORE = re.compile(
    r"(?<!\w)(drygt|knappt|nästan|närmare|cirka|ca\.?|c:a|ungefär|omkring|runt)\s*$", re.IGNORECASE
)

TOTAL_LABEL = re.compile(
    r"^(summa|totalt|total|s:a|sammanlagt|sammantaget|delsumma|hela nämnden|nämnden totalt)\b", re.IGNORECASE
)
PART_OF_LABEL = re.compile(r"^(varav|därav|- varav|varav:)\b", re.IGNORECASE)
# Words that end a clause rather than a row label: "Kvar att fördela är 190 mkr".
_FUNCTION_WORDS_TEXT = (
    "är var blir med till på av för om och i att som motsvarande uppgår uppgick cirka ca drygt knappt "
    "ungefär omkring runt en ett den det de från än"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
CHANGE_COLUMN = re.compile(r"^(förändring|förändr\.?|differens|diff\.?|skillnad)\b", re.IGNORECASE)
DEVIATION_COLUMN = re.compile(r"^(budgetavvikelse|avvikelse|avv\.?)\b", re.IGNORECASE)
NET_COLUMN = re.compile(r"^(netto|nettokostnad|nettokostnader)\b", re.IGNORECASE)
INCOME_COLUMN = re.compile(r"^intäkter\b", re.IGNORECASE)
COST_COLUMN = re.compile(r"^kostnader\b", re.IGNORECASE)
BUDGET_COLUMN = re.compile(r"\b(budget|ram)\b", re.IGNORECASE)
OUTCOME_COLUMN = re.compile(r"\b(prognos|utfall|bokslut|netto|resultat|redovisat)\b", re.IGNORECASE)
SUM_COLUMN = re.compile(r"^(summa|totalt|total)\b", re.IGNORECASE)
PERCENT_COLUMN = re.compile(r"%|procent|andel", re.IGNORECASE)
# How often an indicator is reported (the "Periodicitet" column): "År", "Tertial: apr, aug, dec".
FREQUENCY = re.compile(r"^(år|tertial|kvartal|månad|månadsvis|halvår|delår)\b", re.IGNORECASE)


def first_match(rules: tuple[tuple[str, str], ...], words: str, default: str) -> str:
    for name, pattern in rules:
        if re.search(pattern, words, re.IGNORECASE):
            return name
    return default


def measure_of(words: str) -> str:
    return first_match(MEASURE_RULES, words, DEFAULT_MEASURE)


def phase_of(words: str) -> str:
    return first_match(PHASE_RULES, words, DEFAULT_PHASE)


def years_in(words: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", words)]
