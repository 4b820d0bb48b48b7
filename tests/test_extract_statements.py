"""Figures in running text (unit, line, qualifier, the sign the words give); who the document is from."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlib.extract.draft import Confidence, DoubtKind
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.identity import Options, document_facts
from budgetlib.extract.organisations import committees_in, organisation_of_row
from budgetlib.extract.reading import SourceText, read_document
from budgetlib.extract.statements import FoundStatements, find_statements


def source_of(tmp_path: Path, text: str) -> SourceText:
    path = tmp_path / "snippet.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def statements_in(tmp_path: Path, text: str) -> FoundStatements:
    return find_statements(source_of(tmp_path, text), frozenset(), "x", 2025)


def printed(found: FoundStatements) -> list[tuple[str, int, str, int, int, str]]:
    """(value as printed, sign, unit, unit line, line, qualifier) of every statement."""
    return [
        (
            s.printed.value_text,
            s.printed.sign,
            s.printed.unit_text,
            s.printed.unit_line,
            s.printed.line,
            s.qualifier,
        )
        for s in found.statements
    ]


def test_qualifiers_before_a_figure_are_kept(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Ökningen motsvarar drygt 3 procent. Nämnden behöver effektivisera med knappt 25 mkr.\n"
        "Kostnaden ökar med cirka 4 mnkr och taxorna med ca 2,5 %.\n",
    )
    assert printed(found) == [
        ("3", 1, "procent", 1, 1, "drygt"),
        ("25", 1, "mkr", 1, 1, "knappt"),
        ("4", 1, "mnkr", 2, 2, "cirka"),
        ("2,5", 1, "%", 2, 2, "cirka"),
    ]


def test_a_unit_running_onto_the_next_line_keeps_both_lines(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Tandvården erhåller en budget på 148,7 miljoner kronor. Budgeten har reducerats med 21,3\n"
        "miljoner kronor då kostnadsfri tandvård ändrats.\n",
    )
    assert printed(found) == [
        ("148,7", 1, "miljoner kronor", 1, 1, ""),
        ("21,3", -1, "miljoner kronor", 2, 1, ""),
    ]


def test_the_sign_comes_from_the_words_and_is_reported_as_a_doubt(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Regionen redovisar ett underskott på 47 miljoner kronor. Tandvården har ett överskott på 9 mkr.\n"
        "Intäkterna har minskat med 11,4 procent och kostnaderna har ökat med 7,1 procent.\n"
        "Kommunens nämnder redovisar en budgetavvikelse på −42,8 mkr.\n",
    )
    assert [(s.printed.value_text, s.printed.sign) for s in found.statements] == [
        ("47", -1),
        ("9", 1),
        ("11,4", -1),
        ("7,1", 1),
        ("−42,8", 1),  # printed negative: the minus is in the number, not in the sign
    ]
    sign_doubts = [(d.line, d.record) for d in found.doubts if d.kind is DoubtKind.SIGN]
    assert sign_doubts == [(1, "sx_01"), (2, "sx_03")]
    assert [s.confidence for s in found.statements][:2] == [Confidence.CHECK, Confidence.CERTAIN]


def test_a_cut_that_is_its_own_measure_stays_positive(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Ta fram förslag på åtgärder för att minska personalkostnaden motsvarande 250 miljoner kronor.\n",
    )
    (statement,) = found.statements
    assert (statement.printed.sign, statement.measure) == (1, "personalkostnadsminskning")


def test_what_is_not_a_single_figure_in_a_unit_of_the_format_is_listed_not_drafted(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Ökningen väntas bli 10–15 mkr.\n"
        "Regionen har 2 miljoner besök per år.\n"
        "Bidraget är 4 msek.\n"
        "\n"
        "204 801 150 000\n",
    )
    assert found.statements == ()
    assert [u.line for u in found.unplaced] == [1, 2, 3, 5]
    reasons = " ".join(u.reason for u in found.unplaced)
    assert "intervall" in reasons and "msek" in reasons


def test_kronor_per_inhabitant_and_percentage_points_are_drafted_in_their_own_units(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Kostnaden per invånare är 31 032 kr/invånare.\nAndelen ökade med 2,5 procentenheter.\n",
    )
    assert printed(found) == [
        ("31 032", 1, "kr/invånare", 1, 1, ""),
        ("2,5", 1, "procentenheter", 2, 2, ""),
    ]
    assert found.unplaced == ()


def test_measure_phase_and_year_are_suggested_from_the_sentence(tmp_path: Path) -> None:
    found = statements_in(
        tmp_path,
        "Totalt prognostiseras efter augusti en negativ budgetavvikelse för 2024 på 104 miljoner kronor.\n"
        "Investeringsbudgeten för 2026 uppgår till 893 mkr.\n"
        "Tandvården erhåller en budget på 148,7 miljoner kronor.\n"
        "Området erhåller också budget motsvarande 9,5 miljoner kronor i omfördelning från nämnden.\n",
    )
    assert [(s.measure, s.phase, s.year) for s in found.statements] == [
        ("budgetavvikelse", "prognos", 2024),
        ("investering", "beslut", 2026),
        ("budget", "beslut", 2025),  # the document's word
        ("omfördelning", "beslut", 2025),  # 'budget' names no quantity; the sentence does
    ]


HEAD = "{first}\nBarn- och utbildningsnämnden\nDnr {case}\n\nInternbudget 2025\n\nRamen är 2 984,6 mkr.\n"


def test_the_committee_comes_from_the_case_number_then_the_letterhead(tmp_path: Path) -> None:
    facts, doubts = document_facts(
        source_of(tmp_path, HEAD.format(first="Umeå kommun", case="HSN 1430-2024")), Options()
    )
    assert (facts.organisation.code, facts.committee.code, facts.diarienummer) == (
        "2480",  # Umeå kommun, by the organisation register
        "HSN",
        "HSN 1430-2024",
    )
    facts, _ = document_facts(
        source_of(tmp_path, HEAD.format(first="Umeå kommun", case="2024/412")), Options()
    )
    assert (facts.committee.code, facts.committee.name) == ("BUN", "Barn- och utbildningsnämnden")
    assert (facts.title, facts.title_line, facts.year, facts.kind) == (
        "Internbudget 2025",
        5,
        2025,
        "budget",  # the vocabulary's kind for an internbudget
    )
    assert not [d for d in doubts if d.kind is DoubtKind.DOCUMENT]


def test_options_fill_in_what_the_document_does_not_say(tmp_path: Path) -> None:
    source = source_of(tmp_path, "Fördelning av tillskott 2025\n\nKvar att fördela är 190 mkr.\n")
    with pytest.raises(ExtractionError, match="--organisation"):
        document_facts(source, Options())
    with pytest.raises(ExtractionError, match="--namnd"):
        document_facts(source, Options(organisation="Region Västerbotten"))
    facts, _ = document_facts(source, Options("Region Västerbotten", "HSN", 2025))
    assert (facts.organisation.name, facts.committee.name, facts.year) == (
        "Region Västerbotten",
        "Hälso- och sjukvårdsnämnden",
        2025,
    )
    assert dict(facts.origins)["nämnd"] == "angiven med --namnd"


def test_a_committee_only_named_in_the_text_is_a_reported_guess(tmp_path: Path) -> None:
    source = source_of(
        tmp_path,
        "Ärendebeskrivning\n\nRegionfullmäktige har beslutat om ramen. Hälso- och sjukvårdsnämnden "
        "ska fördela den, och hälso- och sjukvårdsnämndens förvaltning har berett ärendet. "
        "Region Värmland.\nRamen är 9 065 mkr.\n",
    )
    facts, doubts = document_facts(source, Options(year=2025))
    assert facts.committee.code == "HSN"  # the nämnd named most, not the assembly that decided
    assert facts.organisation.code == "17"  # Region Värmland
    assert any("Nämnden är gissad" in d.message for d in doubts)


@pytest.mark.parametrize(
    ("letterhead", "code"),
    [
        ("Malmö stad", "1280"),  # a kommun calling itself stad
        ("Göteborgs Stad", "1480"),
        ("Region Jämtland Härjedalen", "23"),
        ("Falu kommun", "2080"),  # the register's display name, not "Faluns"
    ],
)
def test_the_organisation_is_the_registers_by_the_name_the_document_prints(
    tmp_path: Path, letterhead: str, code: str
) -> None:
    facts, _ = document_facts(source_of(tmp_path, f"{letterhead}\nSocialnämnden\nBudget 2025\n"), Options())
    assert facts.organisation.code == code
    assert facts.title == "Budget 2025"  # the letterhead is not the title


def test_the_organisation_option_takes_a_code_or_a_name_and_refuses_one_not_in_the_register(
    tmp_path: Path,
) -> None:
    source = source_of(tmp_path, "Socialnämnden\nBudget 2025\n\nRamen är 412 mkr.\n")
    by_code, _ = document_facts(source, Options("2480"))
    by_name, _ = document_facts(source, Options("umeå kommun"))
    assert by_code.organisation == by_name.organisation
    assert by_code.organisation.display_name == "Umeå kommun"
    with pytest.raises(
        ExtractionError, match=r"--organisation: okänd organisation 'Region Värmlan'.*Värmland'"
    ):
        document_facts(source, Options("Region Värmlan"))


def test_committees_are_the_registers_codes_and_other_names_are_free_names(tmp_path: Path) -> None:
    source = source_of(tmp_path, "Umeå kommun\nMiljö- och byggnadsnämnden\nBudget 2025\n")
    facts, doubts = document_facts(source, Options())
    assert facts.committee.code == "MBN"
    assert not [d for d in doubts if "nämnd" in d.message.lower()]
    named = committees_in("Beslut i miljö- och byggnadsnämndens arbetsutskott och i socialnämnden.")
    assert [c.code for c in named] == ["MBN", "SN"]  # not Byggnadsnämnden too, named inside the first
    for given in ("UN", "Utbildningsnämnden", "utbildningsnämndens"):
        facts, _ = document_facts(source, Options(committee=given))
        assert (facts.committee.code, facts.committee.name) == ("BUN", "Barn- och utbildningsnämnden")
    facts, doubts = document_facts(source, Options(committee="Folkhälsonämnden"))
    assert (facts.committee.code, facts.committee.registered) == ("Folkhälsonämnden", False)
    assert [d.kind for d in doubts if "fri benämning" in d.message] == [DoubtKind.DOCUMENT]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Mål och budget 2026 med plan för 2027–2028", "mål och budget"),  # a kommun's, not a regionplan
        ("Regionplan och budget 2025", "regionplan"),
        ("Bokslutskommuniké 2024", "bokslutskommuniké"),
        ("Detaljbudget 2025 för socialnämnden", "budget"),
        ("Utdrag ur sammanträdesprotokoll 2025", "protokollsutdrag"),
    ],
)
def test_the_kind_of_document_is_the_vocabularys_for_the_words_of_its_title(
    tmp_path: Path, title: str, kind: str
) -> None:
    facts, _ = document_facts(source_of(tmp_path, f"Umeå kommun\nSocialnämnden\n{title}\n"), Options())
    assert (facts.title, facts.kind) == (title, kind)


def test_a_table_row_names_an_organisation_only_in_full() -> None:
    codes = {
        label: organisation_of_row(label) for label in ("Region Uppsala", "Umeå kommun", "Riket", "Mark")
    }
    assert {label: o.code if o else None for label, o in codes.items()} == {
        "Region Uppsala": "03",
        "Umeå kommun": "2480",
        "Riket": "0000",  # the state's code: a national distribution's total
        "Mark": None,  # a kommun's bare name is also a word (mark = land)
    }
