"""``budgetlib extract``: a checked draft and a summary; bad input exits 2 and writes nothing; --compare."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import budgetlib
from budgetlib.cli import main
from tests.conftest import DATA_DIR, edit_csv
from tests.extraction.builders import write_docx, write_image_only_pdf, write_pdf

SEED_003 = next((DATA_DIR / "sources").glob("003_*.txt"))


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["extract", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_kommun_docx_is_drafted_checked_and_summarised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = write_docx(
        tmp_path / "mbn.docx",
        [
            "Växjö kommun",
            "Miljö- och byggnadsnämnden",
            "Budget 2025",
            "Diarienummer MBN 2024-000517",
            "Nämndens nettobudget för 2025 är 48 215 tkr.",
            "Budget per verksamhet, belopp i tkr",
            [
                ("Verksamhet", "Budget 2024", "Budget 2025", "Förändring"),
                ("Bygglov", "12 480", "12 910", "430"),
                ("Miljö", "15 230", "15 990", "760"),
                ("Summa", "27 710", "28 900", "1 200"),
            ],
        ],
    )
    code, out, err = run(capsys, document, "--out", tmp_path / "utkast")
    assert (code, err) == (1, "")  # written, but one row does not add up: 28 900 − 27 710 = 1 190
    assert "Växjö kommun (0780) · Miljö- och byggnadsnämnden (MBN) · 2025" in out
    assert "nämnd – diarienumret MBN 2024-000517" in out
    failing = out.split("Stämmer inte – granska först", 1)[1].split("\n\n", 1)[0]
    assert "28 900 − 27 710 = 1 200" in failing
    assert (tmp_path / "utkast" / "FORMAT").read_text(encoding="utf-8") == "2\n"
    dataset = budgetlib.load(tmp_path / "utkast")
    assert dataset.documents[["org_code", "org_kind", "namnd"]].values.tolist() == [["0780", "kommun", "MBN"]]
    assert "Format 1" not in out


@pytest.mark.slow
def test_the_console_script_is_wired(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "budgetlib.cli", "extract", str(SEED_003), "--out", str(tmp_path / "u")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1  # the two unit slips of 003
    assert "Enhetsfel: 9,1 mnkr" in result.stdout


def _encrypted(path: Path) -> None:
    write_pdf(path, [["Ramen ar 81 mkr."]], encrypt_with="hemligt")


def _scanned(path: Path) -> None:
    write_image_only_pdf(path)


def _xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")


def _bytes(content: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


BAD_INPUTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "encrypted.pdf": (_encrypted, "krypterad"),
    "scan.pdf": (_scanned, "saknar textlager"),
    "corrupt.pdf": (_bytes(b"%PDF-1.7\n1 0 obj <<>>\n"), "skadad"),
    "empty.txt": (_bytes(b""), "tom"),
    "budget.xlsx": (_xlsx, "stöds inte"),
    "picture.png": (_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "stöds inte"),
    "prose.txt": (
        _bytes("Region Dalarna\nSocialnämnden\nProtokoll 2025\nInga siffror här.\n".encode()),
        "hittade inga belopp",
    ),
    "missing.txt": (lambda path: None, "finns inte"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_exits_2_with_a_swedish_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    make, expected = BAD_INPUTS[name]
    inputs = tmp_path / "in"
    inputs.mkdir()
    make(inputs / name)
    out_parent = tmp_path / "out"
    out_parent.mkdir()
    code, out, err = run(capsys, inputs / name, "--out", out_parent / "utkast")
    assert code == 2
    assert expected in err and err.startswith("budgetlib extract: ")
    assert "Traceback" not in err and out == ""
    assert list(out_parent.iterdir()) == []


def test_an_output_folder_that_exists_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "utkast"
    out.mkdir()
    (out / "notes.txt").write_text("mina rättelser\n", encoding="utf-8")
    code, _, err = run(capsys, SEED_003, "--out", out)
    assert code == 2 and "finns redan" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


@pytest.mark.slow
def test_compare_shows_recall_and_precision_and_each_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    keyed = budgetlib.load(DATA_DIR).figures
    tabled = int(
        ((keyed["doc_id"] == "003") & (keyed["table_id"] != "")).sum()
    )  # 003's hand-keyed table cells
    lines = SEED_003.read_text(encoding="utf-8").splitlines()
    (torsby_line,) = [i for i, line in enumerate(lines, start=1) if line.startswith("Sjukhuset Torsby 324 ")]
    code, out, _ = run(capsys, SEED_003, "--out", tmp_path / "a", "--compare", DATA_DIR)
    assert code == 1
    comparison = out.split("Jämförelse med handinmatade uppgifter", 1)[1]
    assert (
        f"Tabellvärden: täckning 100,0 % ({tabled} av {tabled} handinmatade), "
        f"precision 100,0 % ({tabled} av {tabled}" in comparison
    )
    row = edit_csv(
        data_copy / "amounts.csv",
        "Sjukhuset Torsby,part,,b2024,Budget 2024,2024,beslut,ram,324,",
        "Sjukhuset Torsby,part,,b2024,Budget 2024,2024,beslut,ram,342,",
    )
    assert row > 1
    code, out, _ = run(capsys, SEED_003, "--out", tmp_path / "b", "--compare", data_copy)
    comparison = out.split("Jämförelse med handinmatade uppgifter", 1)[1]
    torsby = [line for line in comparison.splitlines() if "Torsby" in line]
    assert len(torsby) == 1
    assert re.search(
        rf"rad {torsby_line}: olika \(värde\): .*handinmatat 342 miljoner kronor, utkast 324 miljoner kronor",
        torsby[0],
    )
    assert f"({tabled - 1} av {tabled} handinmatade)" in comparison


@pytest.mark.slow
def test_compare_lists_where_the_draft_registers_or_reads_a_figure_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    """Format 2 says what each figure is: the same value read as another measure is listed, grouped."""
    edit_csv(data_copy / "documents.csv", ",HSN,2025,ärendebeskrivning,", ",HSN,2025,tjänsteskrivelse,")
    _, out, _ = run(capsys, SEED_003, "--out", tmp_path / "a", "--compare", data_copy)
    comparison = out.split("Jämförelse med handinmatade uppgifter", 1)[1]
    assert "Dokumentets dokumenttyp: handinmatat tjänsteskrivelse, utkast ärendebeskrivning." in comparison
    assert "handinmatat ram, utkast" not in comparison  # the area table's ram, as its caption says
    for column in ("b2024,Budget 2024,2024,beslut", "f2025,Förslag budget 2025,2025,förslag"):
        torsby = f"Sjukhuset Torsby,part,,{column}"
        edit_csv(data_copy / "amounts.csv", f"{torsby},ram,", f"{torsby},anslag,")
    keyed = budgetlib.load(data_copy).figures
    (line,) = set(keyed.loc[keyed["measure"] == "anslag", "line"])
    _, out, _ = run(capsys, SEED_003, "--out", tmp_path / "b", "--compare", data_copy)
    comparison = out.split("Jämförelse med handinmatade uppgifter", 1)[1]
    assert f"Lika värde, annat mått: handinmatat anslag, utkast ram (2 värden, rad {line})." in comparison


def test_compare_with_data_that_lacks_the_document_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "annat.txt"
    document.write_text("Region Dalarna\nSocialnämnden 2025\nRamen är 412 mkr.\n", encoding="utf-8")
    code, _, err = run(capsys, document, "--out", tmp_path / "u", "--compare", DATA_DIR)
    assert code == 2 and "hittar inget dokument" in err
    assert not (tmp_path / "u").exists()


def test_control_characters_from_the_document_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "farlig.txt"
    document.write_text(
        "Region Dalarna\nSocialnämnden\nBudget 2025\n\n\x1b[2JRensa\u202eskärmen 12 345\n\nRamen är 5 mkr.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, document, "--out", tmp_path / "u")
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2JRensa\\u202eskärmen 12 345" in out  # listed as unplaced, escaped


def test_control_characters_in_file_names_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    document = inputs / "rapport\x1b[2J.txt"
    document.write_bytes(SEED_003.read_bytes())
    code, out, _ = run(capsys, document, "--out", tmp_path / "utkast\x1b]0;titel\x07")
    assert code in (0, 1)
    assert "\x1b" not in out and "\x07" not in out
    assert "rapport\\x1b[2J.txt" in out and "utkast\\x1b]0;titel\\x07" in out
    code, _, err = run(capsys, document, "--out", tmp_path / "utkast\x1b]0;titel\x07")  # exists now
    assert code == 2 and "finns redan" in err
    assert "\x1b" not in err and "utkast\\x1b]0;titel\\x07 finns redan" in err


def test_a_document_id_that_could_break_the_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, SEED_003, "--out", tmp_path / "u", "--doc-id", "två ord")
    assert code == 2 and "--doc-id" in err
    assert not (tmp_path / "u").exists()
