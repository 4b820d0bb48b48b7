"""Outcome, forecast, decision and proposal: a column's phase from its heading, the heading row above
its year, its caption or the document's title; an outcome is never drafted as a decision."""

from __future__ import annotations

from pathlib import Path

from budgetlib.extract.draft import Draft
from budgetlib.extract.identity import Options
from budgetlib.extract.phases import context_phase
from budgetlib.extract.pipeline import draft_document
from tests.extraction.builders import write_docx, write_pdf

KOMMUN = Options("Hudiksvalls kommun", "SN", 2025)


def phases(draft: Draft) -> dict[str, str]:
    return {column.label: column.phase for table in draft.tables for column in table.columns}


def drafted(tmp_path: Path, text: str, options: Options = KOMMUN) -> Draft:
    path = tmp_path / "dok.txt"
    path.write_text(text, encoding="utf-8")
    return draft_document(path, options)


def test_each_heading_word_names_its_phase(tmp_path: Path) -> None:
    text = (
        "Socialnämndens budget, mkr\n"
        "Verksamhet\tBokslut 2023\tRedovisat 2024\tUtfall 2024\tBeslutad budget\tPrognos 2025\t"
        "Ram 2026 (förslag)\n"
        "Äldreomsorg\t590,2\t601,4\t602,1\t600,4\t605,0\t612,0\n"
        "Individ- och familjeomsorg\t170,1\t176,3\t180,4\t172,9\t178,0\t181,5\n"
    )
    assert phases(drafted(tmp_path, text)) == {
        "Bokslut 2023": "utfall",
        "Redovisat 2024": "utfall",
        "Utfall 2024": "utfall",
        "Beslutad budget": "beslut",
        "Prognos 2025": "prognos",
        "Ram 2026 (förslag)": "förslag",
    }


def test_the_phase_word_in_the_heading_row_above_the_year(tmp_path: Path) -> None:
    """Laid out as on the page in text, and as two heading rows of a Word table."""
    text = (
        "Socialnämndens driftbudget, mkr\n"
        "Verksamhet              Utfall     Budget    Prognos\n"
        "                          2024       2025       2025\n"
        "Äldreomsorg             602,1      600,4      605,0\n"
        "Individ och familj      180,4      172,9      178,0\n"
    )
    assert phases(drafted(tmp_path, text)) == {
        "Utfall 2024": "utfall",
        "Budget 2025": "beslut",
        "Prognos 2025": "prognos",
    }
    path = write_docx(
        tmp_path / "d.docx",
        [
            "Socialnämnden, belopp i tkr",
            [
                ("Verksamhet", "Utfall", "Budget", "Prognos"),
                ("", "2024", "2025", "2025"),
                ("Hemtjänst", "88 100", "85 000", "87 500"),
                ("Särskilt boende", "142 700", "140 200", "141 900"),
            ],
        ],
    )
    assert phases(draft_document(path, KOMMUN)) == {
        "Utfall 2024": "utfall",
        "Budget 2025": "beslut",
        "Prognos 2025": "prognos",
    }


def test_columns_without_a_phase_word_take_the_documents_title_and_say_where(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "ar.pdf",
        [
            [
                "Årsredovisning 2024",
                "",
                "Nämndernas nettokostnader, mkr",
                ("Nämnd", "Netto", "Budget", "Avvikelse"),
                ("Socialnämnden", "-782,5", "-773,3", "-9,2"),
                ("Kommunstyrelsen", "-60,8", "-62,0", "1,2"),
                ("Summa", "-843,3", "-835,3", "-8,0"),
            ]
        ],
    )
    draft = draft_document(path, Options("Hudiksvalls kommun", "KF", 2024))
    assert phases(draft) == {"Netto": "utfall", "Budget": "beslut", "Avvikelse": "utfall"}
    # the reviewer's sheet says where the phase came from (the PDF's title runs into the caption)
    (table,) = draft.tables
    reasons = {table.columns[c.column].label: c.reason for row in table.rows for c in row.cells}
    assert "fas 'utfall' ur" in reasons["Netto"] and "Årsredovisning 2024" in reasons["Netto"]
    assert "fas" not in reasons["Budget"]


def test_a_driftredovisning_caption_and_a_stated_outcome_are_outcomes_never_decisions(tmp_path: Path) -> None:
    text = (
        "Hudiksvalls kommun\nÅrsredovisning 2024\n\n"
        "Socialnämnden redovisar ett underskott på 9,2 mkr.\n"
        "Nämndens nettokostnad blev 782,5 mkr.\n\n"
        "Driftredovisning 2024, mkr\nNämnd\tNetto\tAvvikelse\n"
        "Socialnämnden\t-782,5\t-9,2\nKommunstyrelsen\t-60,8\t1,2\n"
    )
    draft = drafted(tmp_path, text, Options("Hudiksvalls kommun", "KF", 2024))
    assert set(phases(draft).values()) == {"utfall"}
    assert {s.phase for s in draft.statements} == {"utfall"}


def test_a_follow_up_report_with_a_forecast_and_one_that_says_neither(tmp_path: Path) -> None:
    forecast = (
        "Delårsrapport per augusti 2025 med helårsprognos\n\nNettokostnad per nämnd, mkr\n"
        "Nämnd\tNetto\tAvvikelse\nSocialnämnden\t-790,0\t-12,0\nKommunstyrelsen\t-61,5\t0,5\n"
    )
    assert set(phases(drafted(tmp_path, forecast)).values()) == {"prognos"}
    unclear = forecast.replace(" med helårsprognos", "")
    draft = drafted(tmp_path, unclear)
    assert set(phases(draft).values()) == {"utfall"}
    assert any("varken utfall eller prognos" in d.message for d in draft.doubts)


def test_plan_documents_keep_the_decision_default() -> None:
    assert context_phase("Nämndplan 2025").phase == ""
    assert context_phase("Förslag till mål och budget 2026").phase == "förslag"
    assert context_phase("Tertialrapport 1 2025, prognos").phase == "prognos"


def test_in_an_unclear_follow_up_a_forecast_column_makes_the_deviation_a_forecast(tmp_path: Path) -> None:
    text = (
        "Uppföljning per verksamhet, januari–april 2025\n\n"
        "Verksamhet\tBudget 2025\tPrognos 2025\tAvvikelse\n"
        "Bibliotek\t24 310\t24 150\t160\nKulturskola\t18 640\t19 020\t-380\n\nBelopp i tkr.\n"
    )
    draft = drafted(tmp_path, text)
    assert phases(draft) == {"Budget 2025": "beslut", "Prognos 2025": "prognos", "Avvikelse": "prognos"}
    assert not [d for d in draft.doubts if "framgår inte" in d.message and "Fasen" in d.message]
