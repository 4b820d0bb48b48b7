"""Report file names: safe, never empty, unique, and every report stays inside --reports-dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.cli import main
from budgetlib.organisations import organisation_register
from budgetlib.report.build import build
from budgetlib.report.jobs import plan
from budgetlib.report.names import ReportPathError, check_unique, organisation_folder, slug
from tests.conftest import edit_csv
from tests.tiny_notebooks import write_notebooks

FIXTURE_V1 = Path(__file__).resolve().parent / "fixtures" / "data_v1"


def set_namnd(data: Path, file: str, key: str, value: str, namnd: str) -> None:
    """Give the rows of ``file`` whose ``key`` is ``value`` the committee ``namnd`` (a free name)."""
    frame = pd.read_csv(data / file, dtype=str, keep_default_na=False)
    assert (frame[key] == value).any(), f"no {key} {value!r} in {file}"
    if "namnd" not in frame:  # optional in tables.csv and amounts.csv: the document's committee
        frame["namnd"] = ""
    frame.loc[frame[key] == value, "namnd"] = namnd
    frame.to_csv(data / file, index=False)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Region Jämtland Härjedalen", "region-jamtland-harjedalen"),
        ("Region Västerbotten", "region-vasterbotten"),
        ("Åre, Örnsköldsvik & Ängelholm", "are-ornskoldsvik-angelholm"),
        ("Île-de-France Ærø Straße Łódź", "ile-de-france-aero-strasse-lodz"),
        ("HSN", "hsn"),
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("a\x00b\\c", "a-b-c"),
    ],
)
def test_latin_letters_are_transliterated_and_everything_else_dropped(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_names_without_latin_letters_get_a_stable_id() -> None:
    greek, cyrillic, japanese = slug("Περιφέρεια"), slug("Москва"), slug("東京都")
    assert len({greek, cyrillic, japanese}) == 3
    for made in (greek, cyrillic, japanese, slug("!!!"), slug("..")):
        assert made and all(char in "0123456789abcdef" for char in made)
    assert slug("Περιφέρεια") == greek  # the same name, the same id, build after build
    mixed = slug("Region Ελλάδα")
    assert mixed.startswith("region-") and mixed != slug("Region Κρήτη")  # not both plain "region"


def test_long_names_are_cut_and_stay_unique() -> None:
    first, second = slug("Nämnd " + "x" * 300 + " ett"), slug("Nämnd " + "x" * 300 + " två")
    assert first != second and len(first) < 80 and len(second) < 80


def test_two_names_with_one_file_name_are_an_error_naming_both() -> None:
    check_unique("Regionerna", ["Region Värmland", "Region Västerbotten", "Region Värmland"])
    with pytest.raises(ReportPathError, match="Regionerna 'A' och 'Ä' skulle få samma filnamn 'a'"):
        check_unique("Regionerna", ["Ä", "A"])


def test_clashing_namnd_names_stop_the_build_before_anything_is_written(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_namnd(data_copy, "documents.csv", "doc_id", "000", "Nämnd Ä")
    set_namnd(data_copy, "documents.csv", "doc_id", "002", "Nämnd A")
    reports = tmp_path / "reports"
    arguments = ["--data-dir", str(data_copy), "report", "--no-pdf", "--reports-dir", str(reports)]
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert "Nämnderna 'Nämnd A' och 'Nämnd Ä' skulle få samma filnamn 'namnd-a'" in err
    assert not reports.exists()
    set_namnd(data_copy, "documents.csv", "doc_id", "002", "HSN")
    set_namnd(data_copy, "documents.csv", "doc_id", "000", "HSN")
    assert main([*arguments[:2], "list"]) == 0  # the data is whole again
    capsys.readouterr()
    set_namnd(data_copy, "tables.csv", "table_id", "t003_bridge", "HSN!")  # free, not the register's HSN
    assert main(arguments) == 2
    assert "Nämnderna 'HSN' och 'HSN!' skulle få samma filnamn 'hsn'" in capsys.readouterr().err
    assert not reports.exists()


def test_no_two_organisations_of_the_register_share_a_report_folder() -> None:
    names = [o.name for o in organisation_register().by_code.values()]
    check_unique("Organisationerna", names, organisation_folder)
    with pytest.raises(ReportPathError, match="Habo"):  # Habo (0643) and Håbo (0305) by name alone
        check_unique("Organisationerna", names)
    assert {organisation_folder("Habo"), organisation_folder("Håbo")} == {"habo-0643", "habo-0305"}
    assert organisation_folder("Region Västerbotten") == "region-vasterbotten"


@pytest.mark.parametrize(
    ("file", "key", "value", "organisation", "hint"),
    [
        ("documents.csv", "doc_id", "003", "Region Varmland", "menade du 'Region Värmland'"),
        ("documents.csv", "doc_id", "002", "../../x", "ange SCB-kod eller exakt namn ur registret"),
        ("amounts.csv", "row_id", "personal", "/etc/passwd", "ange SCB-kod eller exakt namn ur registret"),
    ],
)
def test_an_organisation_not_in_the_register_is_refused_before_anything_is_written(
    data_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    key: str,
    value: str,
    organisation: str,
    hint: str,
) -> None:
    """Only the register names organisations: no name from data can clash with one or steer a path."""
    frame = pd.read_csv(data_copy / file, dtype=str, keep_default_na=False)
    if "organisation" not in frame:  # optional in amounts.csv: the row's organisation
        frame["organisation"] = ""
    frame.loc[frame[key] == value, "organisation"] = organisation
    frame.to_csv(data_copy / file, index=False)
    row = int(frame.index[frame[key] == value][0]) + 2  # the header is line 1
    reports = tmp_path / "reports"
    assert main(["--data-dir", str(data_copy), "report", "--reports-dir", str(reports)]) == 2
    err = capsys.readouterr().err
    assert f"{file}, rad {row}, kolumn 'organisation': okänd organisation {organisation!r}" in err
    assert hint in err and not reports.exists()


def test_a_format_1_region_name_is_only_a_key_into_the_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """regions.csv of format 1 still loads, but its names never reach a report: the län code decides."""
    data = tmp_path / "data_v1"
    shutil.copytree(FIXTURE_V1, data)
    for file in ("regions.csv", "documents.csv"):
        path = data / file
        path.write_text(path.read_text(encoding="utf-8").replace("Region Värmland", "../../x"), "utf-8")
    assert set(budgetlib.load(data).documents[c.REGION]) == {
        "Region Jämtland Härjedalen",
        "Region Värmland",
        "Region Västerbotten",
    }
    edit_csv(data / "regions.csv", "../../x,Värmlands län,17", "../../x,Värmlands län,99")
    reports = tmp_path / "reports"
    assert main(["--data-dir", str(data), "report", "--reports-dir", str(reports)]) == 2
    assert "kolumn 'region': okänd organisation '../../x'" in capsys.readouterr().err
    assert not reports.exists()


@pytest.mark.slow
def test_hostile_namnd_names_cannot_write_outside_the_reports_folder(data_copy: Path, tmp_path: Path) -> None:
    for doc_id, namnd in (("000", "../HSN"), ("004", "../HSN"), ("001", "Ä")):
        set_namnd(data_copy, "documents.csv", "doc_id", doc_id, namnd)
    set_namnd(data_copy, "documents.csv", "doc_id", "002", "../../../x")
    set_namnd(data_copy, "documents.csv", "doc_id", "003", "/etc/passwd")
    set_namnd(data_copy, "tables.csv", "table_id", "t003_bridge", "a/b")  # a table of 003 for another nämnd
    reports = tmp_path / "work" / "reports"  # "../../../x" would be tmp_path / "x-2024.html"
    reports.parent.mkdir()
    jobs = plan(budgetlib.load(data_copy), reports=reports, notebooks=write_notebooks(tmp_path / "notebooks"))
    assert sorted(job.key for job in jobs) == [
        "avstamning",
        "avstamning-region-jamtland-harjedalen",
        "avstamning-region-varmland",
        "avstamning-region-vasterbotten",
        "jamforelse",
        "jamforelse-region-jamtland-harjedalen",
        "jamforelse-region-varmland",
        "jamforelse-region-vasterbotten",
        "region-jamtland-harjedalen/x-2024",
        "region-varmland/a-b-2025",
        "region-varmland/etc-passwd-2025",
        "region-vasterbotten/a-2025",
        "region-vasterbotten/hsn-2025",
    ]
    assert {job.scope[1] for job in jobs} == {None, "../HSN", "Ä", "../../../x", "/etc/passwd", "a/b"}
    before = {p for p in tmp_path.rglob("*") if reports not in p.parents}
    outcomes = build(jobs, reports, workers=1)
    assert {o.status for o in outcomes} == {"built"}
    assert {p for p in tmp_path.rglob("*") if reports not in p.parents} == before | {reports}
    for outcome in outcomes:
        assert outcome.job.html.resolve().is_relative_to(reports.resolve()) and outcome.job.html.is_file()


def test_a_symlink_out_of_the_reports_folder_is_refused(tmp_path: Path) -> None:
    outside, reports = tmp_path / "outside", tmp_path / "reports"
    outside.mkdir()
    reports.mkdir()
    os.symlink(outside, reports / "region-varmland")
    jobs = plan(budgetlib.load(), region="Region Värmland", reports=reports)
    with pytest.raises(ReportPathError, match="leder ut ur"):
        build(jobs, reports)
    assert not list(outside.iterdir()) and sorted(p.name for p in reports.iterdir()) == ["region-varmland"]


def test_a_reports_folder_that_is_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.write_text("ingen mapp", encoding="utf-8")
    assert main(["report", "--region", "Region Värmland", "--reports-dir", str(reports)]) == 2
    assert "är en fil, inte en mapp" in capsys.readouterr().err
    assert reports.read_text(encoding="utf-8") == "ingen mapp"


def test_a_reports_folder_that_cannot_be_made_is_bad_input_like_one_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fil").write_text("ingen mapp", encoding="utf-8")
    reports = tmp_path / "fil" / "reports"  # under a file: no folder can be made there
    assert main(["report", "--region", "Region Värmland", "--no-pdf", "--reports-dir", str(reports)]) == 2
    assert f"kunde inte skriva {reports}" in capsys.readouterr().err
