"""Words that tell what a figure is: measure, phase, direction, qualifier, totals.

Each rule reads the words printed around a figure (a sentence clause, or a
table's column header, row label and caption) and names a value of the
library's vocabulary (:mod:`budgetlib.vocabulary`, the one list of measures,
phases and qualifiers); a test checks that every value named here is one of
them. The result is a suggestion that the draft marks as such; the reviewer
confirms it.
"""

from __future__ import annotations

import re

from budgetlib import vocabulary as v

# Measure suggested from the words of running text or a caption, first match wins.
MEASURE_RULES: tuple[tuple[str, str], ...] = (
    ("budgetavvikelse", r"avvikelse|underskott|överskott"),
    ("ramtillskott", r"ramtillskott"),
    ("tillskott", r"tillskott|förstärk"),
    ("besparing", r"besparing|effektivisering"),
    ("reducering", r"reducer"),
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
    ("ram", r"\bram|kostnadsram|budgetram"),
    ("nettokostnad", r"netto"),
    ("kostnader", r"kostnad"),
    ("anslag", r"anslag"),
    ("budget", r"budget"),
)
DEFAULT_MEASURE = "ram"
# Measures that name no quantity of their own: tables print columns headed only so (data/README.md,
# design notes); where the words around also name the quantity (ram, nettokostnad …), that is used.
GENERIC_MEASURES = ("budget", "utfall", "prognos")
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

# Words printed for the library's qualifiers (drygt, knappt, cirka), besides the values themselves.
QUALIFIER_SYNONYMS = {
    "nästan": "knappt",
    "närmare": "knappt",
    "ca": "cirka",
    "ca.": "cirka",
    "c:a": "cirka",
    "ungefär": "cirka",
    "omkring": "cirka",
    "runt": "cirka",
}
QUALIFIERS = {**{value: value for value in v.QUALIFIERS.values}, **QUALIFIER_SYNONYMS}
QUALIFIER_BEFORE = re.compile(
    rf"(?<!\w)({'|'.join(re.escape(word) for word in sorted(QUALIFIERS, key=len, reverse=True))})\s*$",
    re.IGNORECASE,
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


def _specific(words: str) -> str:
    found = first_match(MEASURE_RULES, words, "")
    return "" if found in GENERIC_MEASURES else found


def measure_in_context(clause: str, sentence: str) -> str:
    """A stated figure's measure: its clause's, else its sentence's, where they name a quantity;
    else the clause's generic one (budget), else the default."""
    return _specific(clause) or _specific(sentence) or first_match(MEASURE_RULES, clause, DEFAULT_MEASURE)


def measure_named(heading: str) -> str:
    """The measure a word of a column heading is the name of (``Netto`` → nettokostnad), or ''."""
    for word in re.findall(r"[^\W\d_]+", heading.lower()):
        found = v.MEASURES.canonical(word)
        if found is not None:
            return found
    return ""


def column_measure(heading: str, title: str) -> str:
    """A column's measure: the heading's own word (a generic one such as *Budget* only where the
    caption names no quantity: "ekonomisk ram per område"), else what its words or the caption
    suggest."""
    if CHANGE_COLUMN.match(heading):
        return "förändring"
    if DEVIATION_COLUMN.match(heading):
        return "budgetavvikelse"
    named = measure_named(heading)
    if named in GENERIC_MEASURES:
        return _caption_quantity(title) or named
    return named or first_match(MEASURE_RULES, heading, "") or measure_of(title)


def _caption_quantity(title: str) -> str:
    """The quantity a caption names for all its columns (not a comparison such as an avvikelse)."""
    found = _specific(title)
    return "" if found in ("budgetavvikelse", "förändring") else found


def years_in(words: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", words)]
