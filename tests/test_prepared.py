"""The build's prepared data, as the kernels read it from a folder of their own."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

import budgetlib
from budgetlib import compare
from budgetlib.atomic import write_atomic
from budgetlib.report.prepared import Prepared, prepared_data, write_prepared
from tests.conftest import DATA_DIR


def test_a_data_folder_given_relative_is_read_from_the_kernels_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`budgetlib --data-dir data report` from the project: the comparison reads the source texts
    (a kept line item quotes its line) from the kernels' working folder, not the project."""
    monkeypatch.chdir(DATA_DIR.parent)
    dataset = budgetlib.load(DATA_DIR.name)
    written = write_prepared(Prepared(dataset, budgetlib.reconcile(dataset)), tmp_path)
    kernels = tmp_path / "work"
    kernels.mkdir()
    monkeypatch.chdir(kernels)

    read = prepared_data(str(written), "")

    assert read.dataset.data_dir == DATA_DIR.resolve()
    expected = compare.line_items(dataclasses.replace(dataset, data_dir=DATA_DIR), read.findings)
    assert compare.line_items(read.dataset, read.findings).equals(expected)


def test_the_scratch_file_is_renamed_into_place_whole_without_waiting_for_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only this build's kernels read it, from the page cache; report files still wait for the disk."""
    flushed: list[int] = []
    monkeypatch.setattr(os, "fsync", flushed.append)
    dataset = budgetlib.load(DATA_DIR)
    findings = budgetlib.reconcile(dataset)

    written = write_prepared(Prepared(dataset, findings), tmp_path)

    assert flushed == []
    assert [path.name for path in tmp_path.iterdir()] == [written.name]  # no temporary left beside it
    assert repr(prepared_data(str(written), "").findings) == repr(findings)  # NaN is not equal to itself
    write_atomic(tmp_path / "rapport.html", "<p>x</p>")
    assert len(flushed) == 1
