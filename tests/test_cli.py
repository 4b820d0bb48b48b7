"""The command line: help, and what the data holds per region, nämnd and year."""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.cli import EXIT_OK, main
from budgetlib.dataset import Dataset
from budgetlib.reconciliation import reconcile
from tests.conftest import DATA_DIR


@pytest.mark.slow
def test_help_runs_as_python_m_budgetlib() -> None:
    done = subprocess.run([sys.executable, "-m", "budgetlib", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "list" in done.stdout and "--data-dir" in done.stdout


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"budgetlib {budgetlib.__version__}\n"


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


def unit_slips_of_003() -> list[str]:
    """003 lines 38–39 state the frame and its increase in "mnkr" where the table has 9 065 and 637 mkr."""
    lines = (DATA_DIR / "sources" / "003_7568518892398882.txt").read_text(encoding="utf-8").splitlines()
    return re.findall(r"(\d+,\d) mnkr", " ".join(lines[37:39]))


def test_check_exits_1_and_counts_the_unit_slips_of_003(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    *table, _, summary = capsys.readouterr().out.splitlines()
    stated = unit_slips_of_003()
    assert stated == ["9,1", "0,7"]
    slips = [row for row in table if " enhetsfel " in row]
    assert [re.search(r"= (\d+,\d)[ \u00a0]mnkr", row).group(1) for row in slips] == stated  # type: ignore[union-attr]
    assert f"0 avvikelse, {len(stated)} enhetsfel," in summary


def test_check_exits_0_where_everything_adds_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--region", "Region Jämtland Härjedalen", "--format", "json"]) == EXIT_OK
    import json

    findings = json.loads(capsys.readouterr().out)
    assert {f["doc_ids"] for f in findings} == {"002"}


def test_check_csv_lists_findings_of_the_selection(
    dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--namnd", "HSN", "--year", "2025", "--format", "csv"]) == 1
    found = pd.read_csv(StringIO(capsys.readouterr().out), dtype={"doc_ids": str})
    assert set(found["doc_ids"]) == {"000", "001, 004", "003", "004"}
    selected = dataset.select(namnd="HSN", year=2025).documents[c.DOC_ID]
    library = reconcile(dataset).involving(selected).to_frame()
    assert list(zip(found["subject"], found["status"], strict=True)) == list(
        zip(library["subject"], library["status"], strict=True)
    )
    assert sorted(found.loc[found["status"] == "unit_slip", "subject"]) == ["r003_ram", "r003_ramhojning"]


def test_a_missing_extra_names_the_pip_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Installed without ``[export]``, ``budgetlib export`` says what to install instead of a traceback."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed: importing it fails
    for module in ("budgetlib.export", "budgetlib.workbook"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    assert main(["export", "--out", str(tmp_path)]) == 2
    message = "budgetlib export: paketet 'openpyxl' saknas; installera med pip install 'budgetlib[export]'\n"
    assert capsys.readouterr().err == message
    assert list(tmp_path.iterdir()) == []
