"""Text from data never steers the terminal: control characters are shown escaped."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest

from budgetlib.cli import EXIT_BAD_INPUT, main
from budgetlib.controlchars import escape_controls
from budgetlib.errors import Problem
from tests.conftest import edit_csv

RIGHT_TO_LEFT_OVERRIDE = "\u202e"
FIRST_STRONG_ISOLATE = "\u2068"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mröd\x1b[0m", "\\u001b[31mröd\\u001b[0m"),  # ANSI colour
        ("a\x00b", "a\\u0000b"),  # NUL
        ("rad\rskriven över", "rad\\u000dskriven över"),  # carriage return
        ("\x9b2J", "\\u009b2J"),  # C1 control sequence introducer
        ("\x7f", "\\u007f"),  # DEL
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("Region Värmland\tHSN\n3 356,1 mkr", "Region Värmland\tHSN\n3 356,1 mkr"),  # kept as they are
    ],
)
def test_escape_controls(raw: str, shown: str) -> None:
    assert escape_controls(raw) == shown


def test_problem_escapes_file_column_and_message() -> None:
    problem = Problem("data/x\x1b[2J.csv", 1, "kolumn\u202e", "fick 'a\x07'")
    assert str(problem) == "data/x\\u001b[2J.csv, rad 1, kolumn 'kolumn\\u202e': fick 'a\\u0007'"


def _with_bidi_label(data: Path) -> str:
    """Put bidi controls (which load: they are text) into a label that ``check`` prints."""
    path = data / "amounts.csv"
    label = f"Beställare {RIGHT_TO_LEFT_OVERRIDE}primärvård{FIRST_STRONG_ISOLATE}"
    text = path.read_text(encoding="utf-8")
    assert text.count("Beställare primärvård") > 1
    path.write_text(text.replace("Beställare primärvård", label), encoding="utf-8")
    return label


@pytest.mark.parametrize("output_format", ["table", "csv", "json"])
def test_check_output_shows_bidi_controls_escaped(
    data_copy: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    label = _with_bidi_label(data_copy)
    main(
        ["--data-dir", str(data_copy), "check", "--region", "Region Västerbotten", "--format", output_format]
    )
    out, err = capsys.readouterr()
    assert RIGHT_TO_LEFT_OVERRIDE not in out + err and FIRST_STRONG_ISOLATE not in out + err
    assert escape_controls(label) in out
    if output_format == "json":  # the escape is JSON's own: the data's text comes back unchanged
        relations = [finding["relation"] for finding in json.loads(out)]
        assert any(label in relation for relation in relations)
    if output_format == "csv":
        assert pd.read_csv(StringIO(out))["relation"].str.contains(escape_controls(label), regex=False).any()


@pytest.mark.parametrize("output_format", ["table", "csv", "json"])
def test_list_output_shows_a_bidi_namnd_name_escaped(
    data_copy: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    """Organisations come from the register; a nämnd may be any name, so it carries the override."""
    namnd = f"Nämnd {RIGHT_TO_LEFT_OVERRIDE}Värmland"
    edit_csv(data_copy / "documents.csv", "Region Värmland,HSN,", f"Region Värmland,{namnd},")
    arguments = ["--data-dir", str(data_copy), "list", "--namnd", namnd, "--format", output_format]
    assert main(arguments) == 0
    out, err = capsys.readouterr()
    assert RIGHT_TO_LEFT_OVERRIDE not in out + err and "Nämnd \\u202eVärmland" in out
    if output_format == "json":  # JSON's own escape: the name comes back as the data has it
        assert [row["Nämnd"] for row in json.loads(out)] == [namnd]
    if output_format == "csv":
        assert list(pd.read_csv(StringIO(out))["Nämnd"]) == [escape_controls(namnd)]


def test_ansi_escape_in_data_is_refused_and_not_echoed(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "committees.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Regionstyrelsen", "\x1b]0;owned\x07Rs"))
    assert main(["--data-dir", str(data_copy), "list"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "kolumn 'name': fältet innehåller styrtecknet '\\x1b'" in err


def test_unknown_selection_is_echoed_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--namnd", "\x1b[31mHSN"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "\x1b" not in err and "okänt värde för namnd: '\\x1b[31mHSN'" in err
