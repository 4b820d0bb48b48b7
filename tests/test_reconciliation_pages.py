"""The reconciliation split per organisation, and what a build keeps so a changed figure costs little.

No kernel runs here: plans, the overview's table, row digests and the comparison's kept parts.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest

import budgetlib
from budgetlib import compare, kept
from budgetlib import report_sections as sections
from budgetlib.dataset import Dataset
from budgetlib.report.jobs import OVERVIEW_NOTEBOOK, RECONCILIATION_NOTEBOOK, plan
from budgetlib.report_links import Links
from budgetlib.row_digests import RowDigests
from budgetlib.table import Table
from tests.conftest import edit_csv

REPORTS = Path("rapporter")
VARMLAND_PAGE = "avstamning-region-varmland.html"


def test_a_build_of_all_organisations_writes_an_overview_and_a_page_for_each(dataset: Dataset) -> None:
    jobs = {job.key: job for job in plan(dataset, reports=REPORTS)}
    overview = jobs["avstamning"]
    assert overview.notebook.name == OVERVIEW_NOTEBOOK
    assert {k: v for k, v in overview.parameters.items() if k not in ("data_dir", "prepared")} == {
        "namnd": "",
        "year": 0,
    }
    pages = {key: job for key, job in jobs.items() if job.notebook.name == RECONCILIATION_NOTEBOOK}
    assert set(pages) == {
        "avstamning-region-jamtland-harjedalen",
        "avstamning-region-varmland",
        "avstamning-region-vasterbotten",
    }
    varmland = pages["avstamning-region-varmland"]
    assert varmland.group == "Region Värmland" and varmland.scope == ("Region Värmland", None, None)
    assert varmland.parameters["region"] == "Region Värmland"
    assert varmland.parameters["reconciliation_page"] == "avstamning.html"  # back to the overview
    assert varmland.parameters["comparison_page"] == "jamforelse.html"
    assert jobs["region-varmland/hsn-2025"].parameters["reconciliation_page"] == VARMLAND_PAGE


def test_a_build_of_one_organisation_writes_its_page_only(dataset: Dataset) -> None:
    jobs = plan(dataset, "Region Värmland", reports=REPORTS)
    reconciliation = [
        job for job in jobs if job.notebook.name in (RECONCILIATION_NOTEBOOK, OVERVIEW_NOTEBOOK)
    ]
    assert [job.key for job in reconciliation] == ["avstamning-region-varmland"]
    assert reconciliation[0].parameters["reconciliation_page"] == ""  # its own selection's pages
    assert jobs[0].parameters["reconciliation_page"] == VARMLAND_PAGE


def test_a_changed_figure_changes_the_fingerprints_of_the_pages_that_show_it(data_copy: Path) -> None:
    before = {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    assert before == {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    edit_csv(data_copy / "amounts.csv", "ramtillskott,180,1", "ramtillskott,181,1")  # 003's Läkemedel
    after = {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    assert {key for key in before if after[key] != before[key]} == {
        "region-varmland/hsn-2025",
        "avstamning-region-varmland",
        "avstamning",
        "jamforelse",
    }


def test_the_overview_counts_each_organisations_documents_and_checks(dataset: Dataset) -> None:
    findings = budgetlib.reconcile(dataset)
    links = Links(PurePosixPath("avstamning.html"))
    (table,) = sections.reconciliation_organisations(dataset, findings, links, "", 0)
    assert isinstance(table, Table)
    rows = {str(row["Organisation"]): row for row in table.frame.to_dict("records")}
    assert [rows[o]["Dokument"] for o in rows] == [1, 1, 3]  # 002; 003; 000, 001 and 004
    # 003 writes 9 065 mkr as "9,1 mnkr" (line 38) and the change of 637 mkr as "0,7 mnkr" (line 39)
    assert rows["Region Värmland"]["Enhetsfel"] == 2
    assert rows["Region Västerbotten"]["Enhetsfel"] == rows["Region Jämtland Härjedalen"]["Enhetsfel"] == 0
    for organisation, row in rows.items():
        documents = dataset.documents[dataset.documents["region"] == organisation]["doc_id"]
        assert row["Kontroller"] == len(findings.involving(documents))
    assert rows["Region Värmland"]["Organisation"].href == VARMLAND_PAGE


def test_row_digests_change_only_for_the_combinations_that_keep_a_changed_row(data_copy: Path) -> None:
    def digests(dataset: Dataset) -> dict[tuple[str, str, int], str]:
        rows = RowDigests(dataset)
        return {key: rows.digest(kept) for key, kept in dataset.each_rows().items()}

    before = digests(budgetlib.load(data_copy))
    assert digests(budgetlib.load(data_copy)) == before
    edit_csv(data_copy / "amounts.csv", "ramtillskott,180,1", "ramtillskott,181,1")  # 003's Läkemedel
    after = digests(budgetlib.load(data_copy))
    assert {key for key in before if after[key] != before[key]} == {("Region Värmland", "HSN", 2025)}


def _comparison(dataset: Dataset) -> list[pd.DataFrame]:
    compare._split.clear()
    findings = budgetlib.reconcile(dataset)
    return [
        compare.frames(dataset),
        compare.line_items(dataset, findings),
        compare.forecast_deviation(dataset),
        compare.target_ambition(dataset),
        compare.assignment_shares(dataset),
    ]


@pytest.mark.parametrize("folder", ["data", "tests/documents/data"])
def test_the_comparisons_kept_parts_give_what_computing_gives(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = budgetlib.load(Path(__file__).parent.parent / folder)
    computed = _comparison(dataset)
    monkeypatch.setattr(kept, "_folder", [])
    kept.use(tmp_path, "bibliotek-1")
    for mine, theirs in zip(_comparison(dataset), computed, strict=True):  # computed, and kept
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
    assert len(list(tmp_path.iterdir())) == len(dataset.combinations())

    def fails(*_: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr(compare, "_parts_of", fails)
    for mine, theirs in zip(_comparison(dataset), computed, strict=True):  # read back
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
    monkeypatch.undo()
    damages = [
        lambda parts: {"frame": "x"},
        lambda parts: parts | {"items": [[1]]},  # an item too short
        lambda parts: parts | {"ambition": []},
        lambda parts: [],
        lambda parts: None,
    ]
    for damage in damages:
        for path in tmp_path.iterdir():  # damaged: computed again
            parts = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(damage(parts)), encoding="utf-8")
        monkeypatch.setattr(kept, "_folder", [(tmp_path, "bibliotek-1")])
        for mine, theirs in zip(_comparison(dataset), computed, strict=True):
            pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
    compare._split.clear()
