"""The reconciliation and comparison split per organisation, and what a build keeps so a changed
figure costs little.

No kernel runs here: plans, the overviews' tables, row digests and the comparison's kept parts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest
from benchmarks.synthetic_data import Grid, generate

import budgetlib
from budgetlib import compare, kept, report_text
from budgetlib import report_sections as sections
from budgetlib.dataset import Dataset
from budgetlib.report.jobs import COMPARISON_NOTEBOOK, OVERVIEW_NOTEBOOK, RECONCILIATION_NOTEBOOK, plan
from budgetlib.report_links import (
    COMPARISON_PAGE,
    RECONCILIATION_PAGE,
    Links,
    comparison_links,
    namnd_links,
    namnd_page,
    selection_links,
    selection_page,
)
from budgetlib.row_digests import RowDigests
from budgetlib.table import Table
from tests.conftest import edit_csv

REPORTS = Path("rapporter")
VARMLAND_PAGE = "avstamning-region-varmland.html"
VARMLAND_COMPARISON = "jamforelse-region-varmland.html"


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
    assert varmland.parameters["checks_in_namnd_reports"] is True  # its page counts; the reports list
    assert varmland.parameters["reconciliation_page"] == "avstamning.html"  # back to the overview
    assert varmland.parameters["comparison_page"] == VARMLAND_COMPARISON  # its own comparison
    page = selection_links(
        RECONCILIATION_PAGE, "Region Värmland", None, None, "avstamning.html", VARMLAND_COMPARISON
    )
    assert report_text.report_links_text(page) == (
        "[Alla rapporter](index.html) · "
        "[Avstämning av alla dokument](avstamning.html) · "  # back to the overview
        "[Jämförelse för Region Värmland](jamforelse-region-varmland.html)"
    )
    assert jobs["region-varmland/hsn-2025"].parameters["reconciliation_page"] == VARMLAND_PAGE
    assert jobs["region-varmland/hsn-2025"].parameters["comparison_page"] == VARMLAND_COMPARISON


def test_a_build_of_all_organisations_writes_a_comparison_of_them_and_one_of_each(dataset: Dataset) -> None:
    jobs = {
        job.key: job for job in plan(dataset, reports=REPORTS) if job.notebook.name == COMPARISON_NOTEBOOK
    }
    assert set(jobs) == {
        "jamforelse",
        "jamforelse-region-jamtland-harjedalen",
        "jamforelse-region-varmland",
        "jamforelse-region-vasterbotten",
    }
    shown = {
        key: {k: v for k, v in job.parameters.items() if k not in ("data_dir", "prepared")}
        for key, job in jobs.items()
    }
    assert jobs["jamforelse"].title == "Jämförelse" and jobs["jamforelse"].group == "Alla regioner"
    assert shown["jamforelse"] == {
        "regions": [],
        "namnder": [],
        "years": [],
        "reconciliation_page": "",
        "comparison_page": "",
        "organisation_pages": True,  # the charts per nämnd-year are on the organisations' pages
    }
    varmland = jobs["jamforelse-region-varmland"]
    assert varmland.title == "Jämförelse – Region Värmland" and varmland.group == "Region Värmland"
    assert varmland.scope == ("Region Värmland", None, None)
    assert shown["jamforelse-region-varmland"] == {
        "regions": ["Region Värmland"],
        "namnder": [],
        "years": [],
        "reconciliation_page": VARMLAND_PAGE,  # the checks it belongs with
        "comparison_page": "jamforelse.html",  # back to the overview
        "organisation_pages": False,
    }
    links = comparison_links(["Region Värmland"], [], [], VARMLAND_PAGE, "jamforelse.html")
    assert links.page.as_posix() == VARMLAND_COMPARISON  # where the plan writes it
    assert links.reconciliation_of == "Region Värmland"
    by_namnd = {job.key: job for job in plan(dataset, namnd="HSN", reports=REPORTS)}
    hsn = by_namnd["jamforelse-region-varmland-hsn"].parameters
    assert (hsn["regions"], hsn["namnder"], hsn["comparison_page"]) == (
        ["Region Värmland"],
        ["HSN"],
        "jamforelse-hsn.html",
    )
    assert (
        by_namnd["region-varmland/hsn-2025"].parameters["comparison_page"]
        == "jamforelse-region-varmland-hsn.html"
    )


def test_a_namnd_report_names_its_organisations_own_pages_in_its_links() -> None:
    own = namnd_links(
        "Region Värmland", "HSN", 2025, PurePosixPath(VARMLAND_PAGE), PurePosixPath(VARMLAND_COMPARISON)
    )
    assert report_text.report_links_text(own) == (
        "[Alla rapporter](../index.html) · "
        "[Avstämning för Region Värmland](../avstamning-region-varmland.html) · "
        "[Jämförelse för Region Värmland](../jamforelse-region-varmland.html)"
    )
    everything = namnd_links("Region Värmland", "HSN", 2025)
    assert report_text.report_links_text(everything).endswith(
        "[Avstämning av alla dokument](../avstamning.html) · [Jämförelse mellan nämnder](../jamforelse.html)"
    )
    page = comparison_links(["Region Värmland"], [], [], VARMLAND_PAGE, "jamforelse.html")
    assert report_text.report_links_text(page) == (
        "[Alla rapporter](index.html) · "
        "[Avstämning för Region Värmland](avstamning-region-varmland.html) · "
        "[Jämförelse mellan nämnder](jamforelse.html)"  # back to the overview; never to itself
    )


def test_a_build_of_one_organisation_writes_its_page_only(dataset: Dataset) -> None:
    jobs = plan(dataset, "Region Värmland", reports=REPORTS)
    reconciliation = [
        job for job in jobs if job.notebook.name in (RECONCILIATION_NOTEBOOK, OVERVIEW_NOTEBOOK)
    ]
    assert [job.key for job in reconciliation] == ["avstamning-region-varmland"]
    assert reconciliation[0].parameters["reconciliation_page"] == ""  # its own selection's pages
    assert reconciliation[0].parameters["checks_in_namnd_reports"] is False  # every check, source lines
    assert jobs[0].parameters["reconciliation_page"] == VARMLAND_PAGE
    (comparison,) = [job for job in jobs if job.notebook.name == COMPARISON_NOTEBOOK]
    assert comparison.key == VARMLAND_COMPARISON.removesuffix(".html")  # the page a build of all writes
    assert comparison.parameters["organisation_pages"] is False  # every chart on it
    assert jobs[0].parameters["comparison_page"] == VARMLAND_COMPARISON


def test_a_changed_figure_changes_the_fingerprints_of_the_pages_that_show_it(data_copy: Path) -> None:
    before = {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    assert before == {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    edit_csv(data_copy / "amounts.csv", "ramtillskott,180,1", "ramtillskott,181,1")  # 003's Läkemedel
    after = {job.key: job.fingerprint for job in plan(budgetlib.load(data_copy), reports=REPORTS)}
    assert {key for key in before if after[key] != before[key]} == {
        "region-varmland/hsn-2025",
        "avstamning-region-varmland",
        "jamforelse-region-varmland",
        "avstamning",
        "jamforelse",
    }


def _one_amount_changed(folder: Path, documents: set[str]) -> None:
    """The first amount of one of ``documents`` with its last digit changed."""
    tables = {row["table_id"] for row in _rows(folder / "tables.csv") if row["doc_id"] in documents}
    rows = _rows(folder / "amounts.csv")
    row = next(row for row in rows if row["table_id"] in tables and row["value_text"][-1:].isdigit())
    row["value_text"] = row["value_text"][:-1] + str((int(row["value_text"][-1]) + 1) % 10)
    with (folder / "amounts.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_a_changed_figure_of_one_of_many_organisations_changes_its_pages_and_the_overviews(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    generate(folder, 1_000, seed=4, grid=Grid(3, 2, (2024, 2025)))  # 3 organisations × 2 nämnder × 2 years
    dataset = budgetlib.load(folder)
    before = {job.key: job.fingerprint for job in plan(dataset, reports=REPORTS)}
    assert len(before) == 12 + 2 + 2 * 3
    region, namnd, year = dataset.combinations()[["region", "namnd", "budget_year"]].iloc[-1]
    documents = dataset.select(region, namnd, int(year)).documents["doc_id"]
    _one_amount_changed(folder, set(documents))
    after = {job.key: job.fingerprint for job in plan(budgetlib.load(folder), reports=REPORTS)}
    assert {key for key in before if after[key] != before[key]} == {
        namnd_page(region, namnd, int(year)).with_suffix("").as_posix(),
        selection_page(RECONCILIATION_PAGE, region, None, None).stem,
        selection_page(COMPARISON_PAGE, region, None, None).stem,
        "avstamning",
        "jamforelse",
    }


def test_the_overview_counts_each_organisations_documents_and_checks(dataset: Dataset) -> None:
    findings = budgetlib.reconcile(dataset)
    links = Links(PurePosixPath("avstamning.html"))
    (table,) = sections.reconciliation_organisations(dataset, findings, links, "", 0)
    assert isinstance(table, Table)
    rows = {str(row["Organisation"]): row for row in table.frame.to_dict("records")}
    assert [rows[o]["Dokument"] for o in rows] == ["1", "1", "3"]  # 002; 003; 000, 001 and 004
    # 003 writes 9 065 mkr as "9,1 mnkr" (line 38) and the change of 637 mkr as "0,7 mnkr" (line 39)
    assert rows["Region Värmland"]["Enhetsfel"] == "2"
    assert rows["Region Västerbotten"]["Enhetsfel"] == rows["Region Jämtland Härjedalen"]["Enhetsfel"] == "0"
    for organisation, row in rows.items():
        documents = dataset.documents[dataset.documents["region"] == organisation]["doc_id"]
        assert row["Kontroller"] == str(len(findings.involving(documents)))
    assert rows["Region Värmland"]["Organisation"].href == VARMLAND_PAGE


def test_an_organisations_page_in_a_build_of_many_counts_each_documents_checks_and_links_its_list(
    dataset: Dataset,
) -> None:
    findings = budgetlib.reconcile(dataset)
    links = Links(PurePosixPath(VARMLAND_PAGE))
    vasterbotten = dataset.select("Region Västerbotten", None, None)
    text, table = sections.reconciliation_documents(
        vasterbotten, findings, links, checks_in_namnd_reports=True
    )
    assert text == report_text.CHECKS_IN_NAMND_REPORTS
    assert isinstance(table, Table)
    rows = {str(row["Dokument"]): row for row in table.frame.to_dict("records")}
    assert list(rows) == ["000 · HSN 2025", "001 · RS 2025", "004 · HSN 2025"]
    statuses = [column for column in table.frame.columns if column not in ("Dokument", "Kontroller")]
    for document, row in rows.items():
        assert int(row["Kontroller"]) == len(findings.involving([document[:3]])) > 0
        assert sum(int(row[status]) for status in statuses) == int(row["Kontroller"])
    # 001 and 004 share two checks (213 ≤ 250 and −15 = −15): counted under both, as the text says
    own = findings.involving(vasterbotten.documents["doc_id"])
    assert sum(int(row["Kontroller"]) for row in rows.values()) == sum(len(set(f.doc_ids)) for f in own)
    assert sum(int(row["Kontroller"]) for row in rows.values()) == len(own) + 2
    assert "räknas under båda" in text
    assert rows["000 · HSN 2025"]["Dokument"].href == "region-vasterbotten/hsn-2025.html#Avst%C3%A4mning"
    assert rows["001 · RS 2025"]["Dokument"].href == "region-vasterbotten/rs-2025.html#Avst%C3%A4mning"
    varmland = dataset.select("Region Värmland", None, None)
    (_, counts) = sections.reconciliation_documents(varmland, findings, links, checks_in_namnd_reports=True)
    assert isinstance(counts, Table)
    # 003 writes 9 065 mkr as "9,1 mnkr" (line 38) and the change of 637 mkr as "0,7 mnkr" (line 39)
    assert counts.frame["Enhetsfel"].tolist() == ["2"]
    listed = sections.reconciliation_documents(varmland, findings, links)
    assert listed[0] == report_text.CHECKS_WITH_SOURCE_LINES and len(listed) == 4  # heading, link, checks
    assert "region-varmland/hsn-2025.html)" in str(listed[2])  # the nämnd report, no anchor


def test_an_organisations_page_in_a_build_of_many_leaves_differences_within_the_rounding_to_the_reports(
    dataset: Dataset,
) -> None:
    findings = budgetlib.reconcile(dataset)
    links = Links(PurePosixPath(VARMLAND_PAGE))
    rounding = sum(finding.status.value == "rounding" for finding in findings)
    everything = sections.reconciliation_overview(findings, links)
    short = sections.reconciliation_overview(findings, links, with_rounding=False)
    full_table, short_table = everything[-1], short[-1]
    assert isinstance(full_table, Table) and isinstance(short_table, Table)
    assert rounding > 0 and "avrundning" in set(full_table.frame["Status"])
    assert "avrundning" not in set(short_table.frame["Status"])
    assert len(full_table.frame) - len(short_table.frame) == rounding
    assert short_table.frame["Status"].iloc[0] == "enhetsfel"  # the slipped 9,1 mnkr first
    (text,) = [item for item in short if isinstance(item, str) and "inte exakta" in item]
    assert f"**{len(full_table.frame)} kontroller är inte exakta.**" in text
    assert f"Här står de {len(short_table.frame)} som inte ryms i avrundningen" in text
    assert f"({rounding} st.) står med källtextens rader i dokumentens nämndrapporter" in text


def test_the_comparison_overview_links_the_organisations_pages_that_draw_each_composition(
    dataset: Dataset,
) -> None:
    totals = compare.category_totals(compare.line_items(dataset, budgetlib.reconcile(dataset)))
    organisations = sorted(set(dataset.documents["region"]))
    items = sections.comparison_category_pages(totals, organisations, comparison_links([], [], []), [], [])
    assert not any(isinstance(item, sections.Chart) for item in items)
    text, pages, shares = items
    assert isinstance(text, str) and "varje organisations egen jämförelsesida" in text
    assert isinstance(pages, Table) and isinstance(shares, Table)
    rows = {str(row["Organisation"]): row for row in pages.frame.to_dict("records")}
    assert list(rows) == organisations
    assert rows["Region Värmland"]["Organisation"].href == VARMLAND_COMPARISON
    assert rows["Region Västerbotten"]["Diagram per nämnd och år"] == "HSN och RS 2025"  # 000/004 and 001
    assert (
        rows["Region Jämtland Härjedalen"]["Diagram per nämnd och år"] == "–"
    )  # 002 allocates no supplement
    charts = [item for item in sections.comparison_categories(totals) if isinstance(item, sections.Chart)]
    assert len(charts) == 3  # what the organisations' pages draw between them
    by_namnd = comparison_links([], ["HSN"], [])
    (_, hsn, _) = sections.comparison_category_pages(totals, organisations, by_namnd, ["HSN"], [])
    assert isinstance(hsn, Table)
    assert hsn.frame["Organisation"].iloc[0].href == "jamforelse-region-jamtland-harjedalen-hsn.html"


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


def test_an_organisations_comparison_reuses_the_parts_the_overview_kept(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation = dataset.select_many(["Region Västerbotten"])
    computed = _comparison(organisation)
    monkeypatch.setattr(kept, "_folder", [])
    kept.use(tmp_path, "bibliotek-1")
    _comparison(dataset)  # the overview's build keeps every combination's parts

    def fails(*_: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr(compare, "_parts_of", fails)
    for mine, theirs in zip(_comparison(organisation), computed, strict=True):  # the organisation's page
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
    assert len(computed[0]) == 2  # HSN and RS 2025
    compare._split.clear()


def test_counts_on_the_reconciliation_pages_read_as_swedish_figures_and_agree_with_their_noun() -> None:
    nbsp = "\u00a0"
    assert report_text.selection_summary("Region Skåne", "", 0, 32, 1628) == (
        f"Urval: **Region Skåne** (32 dokument, 1{nbsp}628 kontroller)."
    )
    assert report_text.selection_summary("Region Skåne", "HSN", 2024, 1, 1).endswith(
        "(1 dokument, 1 kontroll)."
    )
    assert report_text.not_exact_text(1).startswith("**1 kontroll är inte exakt.** Först")
    assert report_text.not_exact_text(2).startswith("**2 kontroller är inte exakta.** Först")
    text = report_text.not_exact_text(1510, 1480)
    assert text.startswith(f"**1{nbsp}510 kontroller är inte exakta.** Här står de 30 som inte ryms")
    assert f"avrundningen (1{nbsp}480 st.) står med källtextens rader" in text
    assert "Här står den som inte ryms" in report_text.not_exact_text(3, 2)
    assert "Alla skillnader ryms i avrundningen." in report_text.not_exact_text(3, 3)
