"""One vocabulary per concept: every value extraction suggests is one of the library's."""

from __future__ import annotations

import pytest

from budgetlib import vocabulary as v
from budgetlib.extract import identity
from budgetlib.extract import vocabulary as words
from budgetlib.extract.draft import Link


def test_every_measure_phase_qualifier_and_kind_extraction_names_is_the_librarys() -> None:
    assert {m for m, _ in words.MEASURE_RULES} | {words.DEFAULT_MEASURE} <= set(v.MEASURES.values)
    assert {p for p, _ in words.PHASE_RULES} | {words.DEFAULT_PHASE} <= set(v.PHASES.values)
    assert set(words.QUALIFIERS.values()) == set(v.QUALIFIERS.values)
    assert {k for k, _ in identity.KINDS} | {identity.DEFAULT_KIND} <= set(v.DOCUMENT_KINDS.values)
    kinds = {Link("r", "s", ((1, "t:a"),), "").kind, Link("r", "s", ((1, "t:a"), (-1, "t:b")), "").kind}
    assert kinds == {"repeated", "equals"} <= set(v.RELATION_KINDS.values)


@pytest.mark.parametrize(
    ("heading", "title", "measure"),
    [
        ("Intäkter", "Driftredovisning", "intäkter"),
        ("Kostnader", "Driftredovisning", "kostnader"),
        ("Netto", "Driftredovisning", "nettokostnad"),  # the library's alias
        ("Budget 2025", "Ekonomiskt utfall per verksamhetsområde", "budget"),
        (
            "Budget 2024",
            "Förslag på ekonomisk ram per område",
            "ram",
        ),  # a generic heading: the caption's quantity
        ("Budget", "Budgetavvikelse per område", "budget"),  # … not a comparison the caption names
        ("Netto", "Fördelning av ramen", "nettokostnad"),  # a heading naming a quantity keeps it
        ("Avvikelse", "", "budgetavvikelse"),
        ("Prognos 2025", "", "prognos"),
        ("Ram 2026", "", "ram"),
        ("Belopp", "I tabellen specificeras ramtillskotten", "ramtillskott"),  # no word: the caption's
        ("Investeringar", "", "investering"),  # no exact word: the rules
    ],
)
def test_a_columns_measure_is_the_one_its_heading_names(heading: str, title: str, measure: str) -> None:
    assert words.column_measure(heading, title) == measure
