"""What makes a report rebuild: what it shows, never where the checkout lies or what a notebook stores.

No kernel runs here: plans, fingerprints and the record of the last build.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

import budgetlib
from budgetlib.dataset import Dataset
from budgetlib.findings import Finding, Findings
from budgetlib.report.build import current_reports
from budgetlib.report.fingerprint import inputs_digest
from budgetlib.report.jobs import NOTEBOOKS_DIR, Job, plan
from budgetlib.report.manifest import Ledger
from tests.conftest import DATA_DIR, PROJECT, edit_csv

DOCUMENTS = PROJECT / "tests" / "documents" / "data"
VARMLAND = {  # what shows 003, Region Värmland's only document
    "region-varmland/hsn-2025",
    "avstamning-region-varmland",
    "jamforelse-region-varmland",
    "avstamning",
    "jamforelse",
}
JAMTLAND = {"region-jamtland-harjedalen/hsn-2024", "avstamning-region-jamtland-harjedalen"} | {
    "jamforelse-region-jamtland-harjedalen",
    "avstamning",
    "jamforelse",
}


def fingerprints(data: Path, reports: Path, notebooks: Path = NOTEBOOKS_DIR) -> dict[str, str]:
    return {
        job.key: job.fingerprint for job in plan(budgetlib.load(data), reports=reports, notebooks=notebooks)
    }


def assert_same(one: Dataset, other: Dataset) -> None:
    for name in one.__dataclass_fields__:
        mine, theirs = getattr(one, name), getattr(other, name)
        if hasattr(mine, "equals"):
            assert list(mine.columns) == list(theirs.columns), name
            assert mine.equals(theirs) and mine.index.equals(theirs.index), name
            assert list(mine.dtypes) == list(theirs.dtypes), name
        else:
            assert mine == theirs, name


@pytest.mark.slow
def test_each_combinations_rows_are_what_one_keeps() -> None:
    for folder in (DATA_DIR, DOCUMENTS):
        dataset = budgetlib.load(folder)
        split = dataset.each_rows()
        assert len(split) == len(dataset.combinations()) > 3
        for (region, namnd, year), rows in split.items():
            assert_same(dataset.with_rows(rows), dataset.one(region, namnd, year))


@pytest.mark.slow
def test_a_moved_checkout_or_stored_outputs_change_no_fingerprint(tmp_path: Path) -> None:
    before = fingerprints(DATA_DIR, tmp_path / "reports")
    moved = tmp_path / "elsewhere" / "data"
    shutil.copytree(DATA_DIR, moved)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    for path in notebooks.glob("*.ipynb"):  # outputs cleared, as a user's JupyterLab might save them
        document = json.loads(path.read_text(encoding="utf-8"))
        for cell in document["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert fingerprints(moved, tmp_path / "reports", notebooks) == before
    source = notebooks / "namnd.ipynb"
    document = json.loads(source.read_text(encoding="utf-8"))
    document["cells"][-1]["source"] = ["sections.show(sections.reconciliation(report))  # ändrad\n"]
    source.write_text(json.dumps(document), encoding="utf-8")
    changed = fingerprints(moved, tmp_path / "reports", notebooks)
    assert {key for key in before if changed[key] != before[key]} == {
        key
        for key in before
        if key.startswith("region-")  # the nämnd reports, not the others
    }


def record_as_built(reports: Path, jobs: list[Job]) -> None:
    """Record ``jobs`` in ``reports`` as a build does, their files in place (no kernel runs)."""
    ledger = Ledger(reports)
    for job in jobs:
        for path in (job.html, job.ipynb):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("rapport", encoding="utf-8")
        entry = {
            "title": job.title,
            "group": job.group,
            "status": "ok",
            "error": "",
            "fingerprint": job.fingerprint,
        }
        ledger.record(
            job.key,
            entry
            | {
                "html": job.html.relative_to(reports).as_posix(),
                "ipynb": job.ipynb.relative_to(reports).as_posix(),
            },
        )


def test_a_build_of_the_same_inputs_stops_only_while_every_report_is_current(
    data_copy: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    jobs = plan(budgetlib.load(data_copy), reports=reports)
    inputs = inputs_digest(data_copy, NOTEBOOKS_DIR, (None, None, None))
    record_as_built(reports, jobs)
    assert current_reports(reports, inputs) is None  # no build recorded its inputs yet
    Ledger(reports).record_plan(inputs, [(job.key, job.fingerprint) for job in jobs])
    assert (
        current_reports(reports, inputs) == len(jobs) == 12
    )  # 4 nämnder, 1 + 3 avstämningar, 1 + 3 jämförelser
    assert inputs_digest(data_copy, NOTEBOOKS_DIR, (None, "HSN", None)) != inputs
    edit_csv(data_copy / "amounts.csv", "ramtillskott,180,1", "ramtillskott,181,1")
    assert inputs_digest(data_copy, NOTEBOOKS_DIR, (None, None, None)) != inputs
    jobs[0].html.unlink()
    assert current_reports(reports, inputs) is None


def test_a_build_with_nothing_to_do_imports_neither_pandas_nor_the_kernel_machinery(
    data_copy: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    jobs = plan(budgetlib.load(data_copy), None, "HSN", 2025, reports=reports)
    record_as_built(reports, jobs)
    inputs = inputs_digest(data_copy, NOTEBOOKS_DIR, (None, "HSN", 2025), pdf=False)
    Ledger(reports).record_plan(inputs, [(job.key, job.fingerprint) for job in jobs])
    command = [sys.executable, "-X", "importtime", "-m", "budgetlib", "--data-dir", str(data_copy)]
    command += ["report", "--namnd", "HSN", "--year", "2025", "--no-pdf", "--reports-dir", str(reports)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{len(jobs)} oförändrad" in done.stderr
    trace = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    imported = {line.rpartition("|")[2].strip() for line in trace}
    assert {"budgetlib.cli", "budgetlib.report.fingerprint", "json"} <= imported  # the trace is read right
    heavy = {"pandas", "numpy", "matplotlib", "jupyter_client", "nbformat", "papermill", "budgetlib.loading"}
    assert not heavy & imported


def _other(value: Any) -> Any:
    """Another value of the same kind as a finding's field."""
    if isinstance(value, Enum):
        return next(member for member in type(value) if member is not value)
    if isinstance(value, tuple):
        return (*value, "x")
    if isinstance(value, float):
        return value + 0.1
    assert isinstance(value, str)
    return value + " "


@pytest.mark.slow
def test_a_finding_changes_the_fingerprints_of_the_reports_that_show_its_documents_and_no_other(
    dataset: Dataset,
) -> None:
    findings = budgetlib.reconcile(dataset)
    before = {job.key: job.fingerprint for job in plan(dataset, reports=Path("r"), findings=findings)}

    def changed(items: list[Finding]) -> set[str]:
        after = plan(dataset, reports=Path("r"), findings=Findings(tuple(items)))
        return {job.key for job in after if job.fingerprint != before[job.key]}

    first, second = [p for p, finding in enumerate(findings) if finding.doc_ids == ("003",)][:2]
    for field in fields(Finding):
        if field.name != "doc_ids":  # which documents it involves: below
            items = list(findings)
            items[first] = replace(items[first], **{field.name: _other(getattr(items[first], field.name))})
            assert changed(items) == VARMLAND, field.name
    items = list(findings)
    items[first], items[second] = items[second], items[first]  # the reports show them in check order
    assert changed(items) == VARMLAND
    assert changed([finding for p, finding in enumerate(findings) if p != first]) == VARMLAND
    items = list(findings)
    items[first] = replace(items[first], doc_ids=("002",))  # now 002's, Region Jämtland Härjedalen's
    assert changed(items) == VARMLAND | JAMTLAND
