"""Bad input gets a clear error naming file, row and column, never a traceback or a silent zero."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import budgetlib
from budgetlib.cli import EXIT_BAD_INPUT, main
from tests.conftest import edit_csv


def assert_rejected(data_dir: Path, file: str, row: int | None, column: str, expected: str) -> None:
    """The loader and the CLI both reject the data, naming where and what."""
    with pytest.raises(budgetlib.DataError) as raised:
        budgetlib.load(data_dir)
    where = f"{data_dir / file}, rad {row}, kolumn '{column}'" if row else f"{data_dir / file}"
    assert any(str(p).startswith(where) and expected in str(p) for p in raised.value.problems), str(
        raised.value
    )
    problems = raised.value.to_frame()
    assert {"file", "row", "column", "message"} <= set(problems.columns)


def test_non_numeric_value(data_copy: Path) -> None:
    row = edit_csv(data_copy / "amounts.csv", "tillskott,81,1,mkr", "tillskott,åttioen,1,mkr")
    assert_rejected(data_copy, "amounts.csv", row, "value_text", "väntade ett tal i svenskt format")


def test_decimal_point_is_not_silently_read(data_copy: Path) -> None:
    row = edit_csv(data_copy / "statements.csv", '"3356,1"', "3356.1")
    assert_rejected(data_copy, "statements.csv", row, "value_text", "fick '3356.1'")


def test_unknown_unit(data_copy: Path) -> None:
    row = edit_csv(data_copy / "statements.csv", '9,1",1,mnkr', '9,1",1,mnkrr')
    assert_rejected(data_copy, "statements.csv", row, "unit_text", "okänd enhet 'mnkrr'")


def test_a_quantity_without_a_number_is_named_whole(data_copy: Path) -> None:
    row = edit_csv(data_copy / "indicators.csv", ",2025,200,", ",2025,ungefär hälften,")
    assert_rejected(data_copy, "indicators.csv", row, "target_text", "fick 'ungefär hälften'")


def test_missing_column(data_copy: Path) -> None:
    path = data_copy / "statements.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="sign").to_csv(path, index=False)
    assert_rejected(data_copy, "statements.csv", 1, "sign", "kolumnen saknas")


def test_duplicate_key(data_copy: Path) -> None:
    path = data_copy / "motions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    assert_rejected(data_copy, "motions.csv", len(lines) + 1, "motion_id", "dubblettnyckel ('m002_1',)")


def test_unknown_document_id(data_copy: Path) -> None:
    row = edit_csv(data_copy / "tables.csv", "t003_bridge,003,", "t003_bridge,009,")
    assert_rejected(data_copy, "tables.csv", row, "doc_id", "okänd dokument-id '009'")


def test_unknown_organisation_suggests_the_closest_names(data_copy: Path) -> None:
    row = edit_csv(data_copy / "documents.csv", ",Region Värmland,", ",Region Vermland,")
    expected = "okänd organisation 'Region Vermland': ange SCB-kod eller exakt namn ur registret; menade du"
    assert_rejected(data_copy, "documents.csv", row, "organisation", expected)
    assert_rejected(data_copy, "documents.csv", row, "organisation", "'Region Värmland'")


def test_an_invented_organisation_is_rejected(data_copy: Path) -> None:
    row = edit_csv(data_copy / "documents.csv", ",Region Värmland,", ",Region Exempel,")
    assert_rejected(data_copy, "documents.csv", row, "organisation", "okänd organisation 'Region Exempel'")


def test_stated_total_with_no_parts(data_copy: Path) -> None:
    row = edit_csv(
        data_copy / "tables.csv",
        "t000_tillskott,000,",
        "t000_ensam,000,Ensam summa,sum,,29,29\nt000_tillskott,000,",
    )
    with (data_copy / "amounts.csv").open("a", encoding="utf-8") as amounts:
        amounts.write("t000_ensam,summa,Summa,total,,value,Belopp,2025,förslag,tillskott,190,1,mkr,29,29\n")
    assert_rejected(data_copy, "tables.csv", row, "relation", "har en summa men inga delar")


def test_provenance_line_outside_source_file(data_copy: Path) -> None:
    source = data_copy / "sources" / "000_a9a73f1fbb1b2d92.txt"
    last = len(source.read_text(encoding="utf-8").splitlines())
    row = edit_csv(data_copy / "amounts.csv", "190,1,mkr,29,29", f"190,1,mkr,29,{last + 1}")
    expected = f"rad {last + 1} ligger utanför källfilen för dokument 000 (som har {last} rader)"
    assert_rejected(data_copy, "amounts.csv", row, "line", expected)


def test_relation_to_unknown_figure(data_copy: Path) -> None:
    row = edit_csv(data_copy / "relations.csv", "+t003_bridge:ram2025,,Ramen", "+t003_bridge:ram2026,,Ramen")
    assert_rejected(data_copy, "relations.csv", row, "terms", "okänt värde-id 't003_bridge:ram2026'")


def test_missing_documents_file(data_copy: Path) -> None:
    (data_copy / "documents.csv").unlink()
    assert_rejected(data_copy, "documents.csv", None, "", "filen saknas")


def test_cli_exits_2_naming_file_row_and_column(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = edit_csv(data_copy / "amounts.csv", "tillskott,81,1,mkr", "tillskott,8l,1,mkr")
    assert main(["--data-dir", str(data_copy), "list"]) == EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert f"amounts.csv, rad {row}, kolumn 'value_text'" in error
    assert "Traceback" not in error


def test_unreadable_file_is_a_clear_error(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = data_copy / "votes.csv"
    target.chmod(0)
    if os.access(target, os.R_OK):  # running as root, which reads anyway: fail the read as it would
        real_open = Path.open

        def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == target:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refusing_open)
    assert main(["--data-dir", str(data_copy), "check"]) == EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert f"{target}: kan inte läsas: Permission denied" in error
    assert "Traceback" not in error


@pytest.mark.parametrize("year", ["２０２５", "2_025", "٢٠٢٥", "0", "99999", "20 25"])
def test_year_argument_takes_digits_0_to_9_within_bounds(
    year: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["list", "--year", year])
    assert raised.value.code == EXIT_BAD_INPUT
    assert "väntade ett år från 1900 till 2200" in capsys.readouterr().err
