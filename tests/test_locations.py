"""Default folders: the project's own in a source checkout, the current directory's when installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlib import locations
from budgetlib.locations import (
    DATA_DIR_ENV,
    checkout_dir,
    default_data_dir,
    default_reports_dir,
    notebooks_dir,
)
from tests.conftest import PROJECT


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """budgetlib as if installed into site-packages, run from an empty working folder."""
    package = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "budgetlib"
    package.mkdir(parents=True)
    monkeypatch.setattr(locations, "PACKAGE_DIR", package)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    work = tmp_path / "arbete"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_a_checkout_uses_the_projects_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert checkout_dir() == PROJECT
    assert default_data_dir() == PROJECT / "data"
    assert default_reports_dir() == PROJECT / "reports"
    assert notebooks_dir() == PROJECT / "src" / "budgetlib" / "notebooks"
    assert (PROJECT / "notebooks" / "namnd.ipynb").samefile(notebooks_dir() / "namnd.ipynb")


def test_an_installed_package_uses_the_current_directory(installed: Path) -> None:
    assert checkout_dir() is None
    assert default_data_dir() == installed / "data"
    assert default_reports_dir() == installed / "reports"


def test_the_environment_variable_wins_over_the_current_directory(
    installed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (installed / "data").mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "mina-data"))
    assert default_data_dir() == tmp_path / "mina-data"
