"""The command line: help, and what the data holds per region, nämnd and year."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO

import pandas as pd
import pytest

from budgetlib.cli import EXIT_OK, main
from budgetlib.dataset import Dataset


def test_help_runs_as_a_console_script() -> None:
    done = subprocess.run([sys.executable, "-m", "budgetlib.cli", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "list" in done.stdout and "--data-dir" in done.stdout


def test_list_shows_each_region_namnd_and_year(dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "csv"]) == EXIT_OK
    listed = pd.read_csv(StringIO(capsys.readouterr().out), dtype={"Dokument": str})
    assert list(listed[["Region", "Nämnd", "År"]].itertuples(index=False, name=None)) == list(
        dataset.combinations()[["region", "namnd", "budget_year"]].itertuples(index=False, name=None)
    )
    row = listed[(listed["Region"] == "Region Västerbotten") & (listed["Nämnd"] == "RS")].iloc[0]
    assert row["Indikatorer"] == len(dataset.indicators)


def test_list_filters_and_rejects_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--region", "Region Värmland", "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().out.count("Region Värmland") == 1
    assert main(["list", "--namnd", "XYZ"]) == 2
    assert "okänt värde för namnd: 'XYZ'" in capsys.readouterr().err
