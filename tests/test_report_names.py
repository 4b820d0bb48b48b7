"""Report file names: safe, never empty, unique, and every report stays inside --reports-dir."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib.build import build
from budgetlib.cli import main
from budgetlib.jobs import plan
from budgetlib.names import ReportPathError, check_unique, slug
from tests.tiny_notebooks import write_notebooks


def rename(data: Path, column: str, names: dict[str, str]) -> None:
    """Rename regions or nämnder everywhere the data names them."""
    for file in ("regions.csv", "committees.csv", "documents.csv"):
        frame = pd.read_csv(data / file, dtype=str, keep_default_na=False)
        if column in frame:
            frame[column] = frame[column].replace(names)
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


def test_clashing_names_stop_the_build_before_anything_is_written(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rename(data_copy, "region", {"Region Jämtland Härjedalen": "Region Varmland"})
    reports = tmp_path / "reports"
    arguments = ["--data-dir", str(data_copy), "report", "--reports-dir", str(reports)]
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert "'Region Varmland' och 'Region Värmland'" in err and "'region-varmland'" in err
    assert not reports.exists()
    rename(data_copy, "region", {"Region Varmland": "Region Jämtland Härjedalen"})
    rename(data_copy, "namnd", {"RS": "hsn"})
    assert main(arguments) == 2
    assert "Nämnderna 'HSN' och 'hsn'" in capsys.readouterr().err and not reports.exists()


def test_hostile_names_cannot_write_outside_the_reports_folder(data_copy: Path, tmp_path: Path) -> None:
    rename(data_copy, "region", {"Region Jämtland Härjedalen": "../../x", "Region Värmland": "/etc/passwd"})
    rename(data_copy, "region", {"Region Västerbotten": "a/b"})
    rename(data_copy, "namnd", {"HSN": "../HSN", "RS": "Ä"})
    reports = tmp_path / "work" / "reports"  # "../../x" would be tmp_path / "x"
    reports.parent.mkdir()
    jobs = plan(budgetlib.load(data_copy), reports=reports, notebooks=write_notebooks(tmp_path / "notebooks"))
    assert sorted(job.key for job in jobs) == [
        "a-b/a-2025",
        "a-b/hsn-2025",
        "avstamning",
        "etc-passwd/hsn-2025",
        "jamforelse",
        "x/hsn-2024",
    ]
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
