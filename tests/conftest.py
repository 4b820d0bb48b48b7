"""Shared fixtures: the shipped dataset, and a writable copy of the data directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import budgetlib
from budgetlib.dataset import Dataset

PROJECT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """nbval runs every notebook on a kernel: its cells count as slow tests."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return budgetlib.load(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def edit_csv(path: Path, old: str, new: str) -> int:
    """Replace one exact occurrence of ``old`` in a data file; return its line number."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1
