"""The organisation register: every kommun, region and the state, found by code or exact name."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib import compare
from budgetlib.organisations import UnknownOrganisation, organisation_register
from tests.conftest import edit_csv
from tests.folders import pin_sources


def test_register_holds_every_kommun_region_and_the_state() -> None:
    frame = organisation_register().frame
    assert frame[c.ORG_KIND].value_counts().to_dict() == {"kommun": 290, "region": 21, "stat": 1}
    assert frame[c.ORG_CODE].is_unique


def test_kolada_id_follows_from_the_code() -> None:
    for organisation in organisation_register().by_code.values():
        expected = {"kommun": organisation.code, "region": "00" + organisation.code, "stat": "0000"}
        assert organisation.kolada_id == expected[organisation.kind], organisation


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2480", "2480"),  # SCB code of a kommun
        ("Umeå", "2480"),  # the register's name
        ("Umeå kommun", "2480"),  # an unambiguous display name
        ("17", "17"),
        ("Region Värmland", "17"),
        ("Region Gotland", "09"),  # the name wins over Gotlands kommun's display name
        ("Staten", "0000"),
    ],
)
def test_resolve_by_code_or_exact_name(text: str, code: str) -> None:
    assert organisation_register().resolve(text).code == code


def test_unknown_organisation_suggests_close_names() -> None:
    with pytest.raises(UnknownOrganisation, match="menade du 'Umeå'"):
        organisation_register().resolve("Umeo")


def kommun_document(data_copy: Path, organisation: str) -> None:
    """Add a kommun's budget (a frame of 2 461,0 mkr for 2025) citing line 1 of a new source."""
    (data_copy / "sources" / "010_kommun.txt").write_text("Ram 2025 BUN 2 461,0 mkr\n", encoding="utf-8")
    pin_sources(data_copy)
    with (data_copy / "documents.csv").open("a", encoding="utf-8") as documents:
        documents.write(f"010,,{organisation},BUN,2025,budget,,Ram 2025 BUN,1,010_kommun.txt\n")
    with (data_copy / "statements.csv").open("a", encoding="utf-8") as statements:
        statements.write('s010_ram,010,Ram 2025,ram,2025,beslut,,"2 461,0",1,mkr,1,1\n')


def test_a_kommun_named_by_code_gets_name_and_kolada_id(data_copy: Path) -> None:
    kommun_document(data_copy, "2480")
    document = budgetlib.load(data_copy).documents.set_index(c.DOC_ID).loc["010"]
    assert (document[c.REGION], document[c.ORG_KIND], document[c.KOLADA_ID]) == ("Umeå", "kommun", "2480")
    assert document[c.LAN_CODE] == "24"


def test_per_inhabitant_uses_the_kommuns_own_population(data_copy: Path) -> None:
    kommun_document(data_copy, "Umeå")
    with (data_copy / "reference" / "population.csv").open("a", encoding="utf-8") as population:
        population.write("Umeå kommun,2480,2024-12-31,133000,constructed for this test\n")
    frames = compare.frames(budgetlib.load(data_copy)).set_index([c.REGION, c.NAMND]).to_dict("index")
    umea = frames[("Umeå", "BUN")]
    assert umea[c.POPULATION] == 133000  # not Västerbottens län's 281 138
    assert umea["kr_per_inhabitant"] == pytest.approx(2461.0e6 / 133000)
    assert umea["population_note"] == ""


def test_missing_population_is_said_in_a_sentence(data_copy: Path) -> None:
    kommun_document(data_copy, "Umeå")
    frames = compare.frames(budgetlib.load(data_copy)).set_index([c.REGION, c.NAMND]).to_dict("index")
    umea = frames[("Umeå", "BUN")]
    assert pd.isna(umea[c.POPULATION]) and pd.isna(umea["kr_per_inhabitant"])
    assert umea["population_note"] == (
        "Folkmängd för Umeå kommun (2480) per 31 december 2024 eller tidigare saknas i referensdatan; "
        "kronor per invånare kan inte beräknas."
    )


def test_select_takes_the_organisations_code(data_copy: Path) -> None:
    kommun_document(data_copy, "Umeå")
    dataset = budgetlib.load(data_copy)
    assert list(dataset.select(region="2480").documents[c.DOC_ID]) == ["010"]
    edit_csv(data_copy / "documents.csv", "010,,Umeå,", "010,,Umea,")
    with pytest.raises(budgetlib.DataError, match="menade du 'Umeå'"):
        budgetlib.load(data_copy)
