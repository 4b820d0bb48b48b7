"""A build of part of the data links only to pages that exist: its own reconciliation and comparison."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import pytest

import budgetlib
from budgetlib.cli import main
from budgetlib.report.jobs import plan
from budgetlib.report_links import COMPARISON_PAGE, RECONCILIATION_PAGE, comparison_links, selection_page
from tests.conftest import DATA_DIR


@pytest.mark.slow
def test_selection_pages_are_where_the_build_writes_them(tmp_path: Path) -> None:
    dataset = budgetlib.load(DATA_DIR)
    for region, namnd, year in [(None, None, None), ("Region Värmland", None, None), (None, "HSN", 2025)]:
        keys = {job.key for job in plan(dataset, region, namnd, year, reports=tmp_path)}
        for page in (RECONCILIATION_PAGE, COMPARISON_PAGE):
            assert selection_page(page, region, namnd, year).with_suffix("").as_posix() in keys
    assert selection_page(RECONCILIATION_PAGE, "Region Värmland", "HSN", None).name == (
        "avstamning-region-varmland-hsn.html"
    )
    assert (
        comparison_links(["Region Värmland"], [], []).reconciliation.name == "avstamning-region-varmland.html"
    )
    assert comparison_links(["Region Värmland", "Region Västerbotten"], [], []).reconciliation.name == (
        "avstamning.html"  # no build compares two named regions; the notebook run by hand links the whole
    )


@pytest.mark.slow
def test_every_link_of_a_partial_build_leads_to_a_page_it_wrote(tmp_path: Path) -> None:
    arguments = ["--data-dir", str(DATA_DIR), "report", "--region", "Region Värmland", "--no-pdf"]
    assert main([*arguments, "--reports-dir", str(tmp_path), "--jobs", "1"]) == 0
    namnd_page = (tmp_path / "region-varmland" / "hsn-2025.html").read_text(encoding="utf-8")
    assert 'href="../avstamning-region-varmland.html"' in namnd_page
    assert not (tmp_path / "avstamning.html").exists() and 'href="../avstamning.html"' not in namnd_page
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) > 5  # three reports, the index and the source views
    for page in pages:
        for href in re.findall(r'<a [^>]*href="([^"#]*)[^"]*"', page.read_text(encoding="utf-8")):
            if href:
                target = page.parent / unquote(href)
                assert target.resolve().is_file(), f"{PurePosixPath(page.relative_to(tmp_path))} → {href}"
