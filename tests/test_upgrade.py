"""Format versions: format-1 folders load unchanged, and ``budgetlib upgrade`` converts them in place."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.cli import EXIT_BAD_INPUT, EXIT_OK, main
from budgetlib.dataset import Dataset
from budgetlib.formats import FORMAT_FILE, READY, STAGING_DIR
from budgetlib.upgrade import BACKUP_DIR, upgrade
from tests.conftest import edit_csv

FIXTURE_V1 = Path(__file__).resolve().parent / "fixtures" / "data_v1"
FINDING_FIELDS = ["subject", "check", "status", "expected", "actual", "difference", "tolerance", "figure_ids"]


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A writable copy of the format-1 fixture (today's data before format 2)."""
    target = tmp_path / "data_v1"
    shutil.copytree(FIXTURE_V1, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_format_1_folder_loads_with_the_same_findings_as_the_shipped_data(dataset: Dataset) -> None:
    legacy = budgetlib.load(FIXTURE_V1)
    assert (legacy.format_version, dataset.format_version) == (1, 2)
    before = budgetlib.reconcile(legacy).to_frame()
    after = budgetlib.reconcile(dataset).to_frame()
    assert len(before) == len(after)
    pdt.assert_frame_equal(before[FINDING_FIELDS], after[FINDING_FIELDS])
    # format 2 adds the words a document uses for a remainder; without them the messages are format 1's
    worded = set(dataset.relations.loc[dataset.relations[c.REMAINDER] != "", c.RELATION_ID])
    assert len(worded) == 3 and (legacy.relations[c.REMAINDER] == "").all()
    unworded = replace(dataset, relations=dataset.relations.assign(**{c.REMAINDER: ""}))
    pdt.assert_frame_equal(before, budgetlib.reconcile(unworded).to_frame())  # messages, provenance too
    assert (before["subject"].isin(worded) == (before["message"] != after["message"])).all()


def test_format_1_regions_become_register_organisations() -> None:
    legacy = budgetlib.load(FIXTURE_V1).documents.set_index(c.DOC_ID)
    regions = pd.read_csv(FIXTURE_V1 / "regions.csv", dtype=str).set_index("region")
    for doc_id, document in legacy.iterrows():
        assert document[c.ORG_CODE] == regions.loc[document[c.REGION], "lan_code"], doc_id
        assert document[c.KOLADA_ID] == "00" + document[c.ORG_CODE]
        assert document[c.ORG_KIND] == "region"


def test_upgrade_converts_in_place_keeping_a_backup(v1_copy: Path) -> None:
    originals = snapshot(v1_copy)
    result = upgrade(v1_copy)
    assert not result.already_current
    assert sorted(result.rewritten) == ["documents.csv", "reference/population.csv"]
    assert result.removed == ("regions.csv",)
    assert (v1_copy / FORMAT_FILE).read_text() == "2\n"
    assert not (v1_copy / "regions.csv").exists() and not (v1_copy / STAGING_DIR).exists()
    backup = v1_copy / BACKUP_DIR
    for name in (*result.rewritten, *result.removed):
        assert (backup / name).read_bytes() == originals[name]
    unchanged = set(originals) - {*result.rewritten, *result.removed}
    assert all((v1_copy / name).read_bytes() == originals[name] for name in unchanged)
    header = (v1_copy / "documents.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "organisation" in header.split(",") and "region" not in header.split(",")
    population = pd.read_csv(v1_copy / "reference" / "population.csv", dtype=str)
    assert population.loc[population["area"] == "Riket", "org_code"].unique().tolist() == ["0000"]


@pytest.mark.slow
def test_upgraded_folder_loads_like_the_format_1_folder(v1_copy: Path) -> None:
    legacy = budgetlib.load(FIXTURE_V1)
    upgrade(v1_copy)
    upgraded = budgetlib.load(v1_copy)
    assert upgraded.format_version == 2
    pdt.assert_frame_equal(legacy.documents, upgraded.documents)
    pdt.assert_frame_equal(legacy.population, upgraded.population)
    pdt.assert_frame_equal(budgetlib.reconcile(legacy).to_frame(), budgetlib.reconcile(upgraded).to_frame())


def test_a_second_upgrade_changes_nothing(v1_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["upgrade", str(v1_copy)]) == EXIT_OK
    assert "är nu i format 2" in capsys.readouterr().out
    after_first = snapshot(v1_copy)
    assert main(["upgrade", str(v1_copy)]) == EXIT_OK
    assert "är redan i format 2; inget ändrat" in capsys.readouterr().out
    assert snapshot(v1_copy) == after_first


def test_a_folder_with_errors_is_not_touched(v1_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_csv(v1_copy / "amounts.csv", "tillskott,81,1,mkr", "tillskott,8l,1,mkr")
    originals = snapshot(v1_copy)
    assert main(["upgrade", str(v1_copy)]) == EXIT_BAD_INPUT
    assert "amounts.csv, rad" in capsys.readouterr().err
    assert snapshot(v1_copy) == originals


def test_an_interrupted_upgrade_is_reported_and_finished_by_the_next_run(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace
    moved: list[Path] = []

    def replace_once(self: Path, target: Path) -> Path:
        if moved:
            raise OSError("disken är full")
        moved.append(self)
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_once)
    with pytest.raises(OSError, match="disken är full"):
        upgrade(v1_copy)
    monkeypatch.undo()
    assert len(moved) == 1 and (v1_copy / STAGING_DIR / READY).is_file()
    with pytest.raises(budgetlib.DataError, match="en uppgradering till format 2 avbröts"):
        budgetlib.load(v1_copy)
    upgrade(v1_copy)
    assert budgetlib.load(v1_copy).format_version == 2
    assert not (v1_copy / STAGING_DIR).exists() and not (v1_copy / "regions.csv").exists()


def test_resuming_removes_only_what_format_1_had(v1_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A READY list edited to name other files (data, or a path out of the folder) deletes none of them."""
    real_replace = Path.replace

    def fail_on_move(self: Path, target: Path) -> Path:
        if STAGING_DIR in self.parts:
            raise OSError("disken är full")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", fail_on_move)
    with pytest.raises(OSError, match="disken är full"):
        upgrade(v1_copy)
    monkeypatch.undo()
    outside = v1_copy.parent / "utanfor.txt"
    outside.write_text("behåll", encoding="utf-8")
    ready = v1_copy / STAGING_DIR / READY
    ready.write_text(ready.read_text(encoding="utf-8") + "amounts.csv\n../utanfor.txt\n", encoding="utf-8")
    upgrade(v1_copy)
    assert (v1_copy / "amounts.csv").is_file() and outside.is_file()
    assert not (v1_copy / "regions.csv").exists()


def test_format_1_problems_name_the_columns_as_the_folder_spells_them(v1_copy: Path) -> None:
    row = edit_csv(v1_copy / "documents.csv", ",Region Värmland,", ",Region Vermland,")
    with pytest.raises(budgetlib.DataError) as raised:
        budgetlib.load(v1_copy)
    assert f"documents.csv, rad {row}, kolumn 'region': okänd organisation 'Region Vermland'" in str(
        raised.value
    )


def test_unknown_format_version_is_bad_input(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / FORMAT_FILE).write_text("3\n")
    assert main(["--data-dir", str(data_copy), "list"]) == EXIT_BAD_INPUT
    assert "FORMAT, rad 1: väntade formatversion 1 eller 2, fick '3'" in capsys.readouterr().err


def test_without_a_format_file_documents_naming_organisations_are_format_2(data_copy: Path) -> None:
    (data_copy / FORMAT_FILE).unlink()
    assert budgetlib.load(data_copy).format_version == 2
    assert budgetlib.load(FIXTURE_V1).format_version == 1
