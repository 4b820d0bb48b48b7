"""The build's PDF step: reports printed as they are handed in, failures named once, nothing left over."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

import budgetlib
from budgetlib.dataset import Dataset
from budgetlib.report.build import Outcome
from budgetlib.report.jobs import Job
from budgetlib.report.pdf import PdfStep, pdf_path
from tests.conftest import DATA_DIR

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium saknas: apt-get install chromium")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return budgetlib.load(DATA_DIR)


def page(folder: Path, name: str, rows: int = 3) -> Job:
    """A built report whose page is a table of ``rows`` rows."""
    html = folder / f"{name}.html"
    cells = "".join(f"<tr><td>Rad {n}</td><td>{n} mkr</td></tr>" for n in range(rows))
    html.write_text(f"<!doctype html><html><body><h1>{name}</h1><table>{cells}</table></body></html>")
    scope = ("Region Värmland", "HSN", 2025)
    ipynb = html.with_suffix(".ipynb")
    return Job(name, f"Rapport {name}", "Region Värmland", html, {}, html, ipynb, "", scope)


def chromium_processes() -> set[int]:
    """Our Chromiums: processes started with a profile folder of ours."""
    listed = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True, check=True).stdout
    return {int(line.split()[0]) for line in listed.splitlines() if "budgetlib-chromium-" in line}


@needs_chromium
def test_every_report_handed_in_is_printed_on_two_chromiums(dataset: Dataset, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    step = PdfStep(dataset, CHROMIUM, printers=2)
    jobs = [page(tmp_path, f"r{n}") for n in range(5)]
    with step.printing() as hand_in:
        for job in jobs:
            hand_in(Outcome(job, "built"))
        hand_in(Outcome(page(tmp_path, "misslyckad"), "failed"))  # a failed report keeps no PDF
    assert step.problems == []
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [f"r{n}.pdf" for n in range(5)]
    assert all(pdf_path(job.html).read_bytes().startswith(b"%PDF-") for job in jobs)


@needs_chromium
def test_an_unchanged_report_is_printed_only_if_it_has_no_pdf(dataset: Dataset, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    has_one, has_none = page(tmp_path, "har"), page(tmp_path, "saknar")
    pdf_path(has_one.html).write_bytes(b"%PDF- tidigare")
    step = PdfStep(dataset, CHROMIUM)
    with step.printing() as hand_in:
        hand_in(Outcome(has_one, "unchanged"))
        hand_in(Outcome(has_none, "unchanged"))
    assert pdf_path(has_one.html).read_bytes() == b"%PDF- tidigare"
    assert pdf_path(has_none.html).read_bytes().startswith(b"%PDF-")


def test_a_chromium_that_dies_names_each_report_once_and_writes_nothing(
    dataset: Dataset, tmp_path: Path
) -> None:
    dies = tmp_path / "chromium-som-dor"
    dies.write_text("#!/bin/sh\nexit 3\n")
    dies.chmod(dies.stat().st_mode | stat.S_IXUSR)
    step = PdfStep(dataset, str(dies), timeout=20, printers=2)
    jobs = [page(tmp_path, f"r{n}") for n in range(3)]
    with step.printing() as hand_in:
        for job in jobs:
            hand_in(Outcome(job, "built"))
    assert sorted(problem.split(" (")[0] for problem in step.problems) == [
        f"Rapport r{n}: Chromium avslutades oväntat" for n in range(3)
    ]
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*"))


@needs_chromium
def test_an_interrupted_build_leaves_no_chromium_and_no_half_written_pdf(
    dataset: Dataset, tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    before = chromium_processes()
    step = PdfStep(dataset, CHROMIUM, printers=2)
    jobs = [page(tmp_path, f"lang{n}", rows=5000) for n in range(2)]
    with pytest.raises(KeyboardInterrupt), step.printing() as hand_in:
        for job in jobs:
            hand_in(Outcome(job, "built"))
        raise KeyboardInterrupt
    assert chromium_processes() <= before
    for pdf in tmp_path.glob("*.pdf"):  # a page printed before the interruption is whole
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]
