"""A corpus of bad inputs: each is one defect in a copy of the shipped data.

Every case must end in exit code 2 with a message naming the file, the real
line in it and the column (where the defect has them), with no traceback and
nothing written anywhere. ``CASES`` is the table; ``benchmarks/bad_input_corpus.py``
runs it case by case in subprocesses and counts the outcomes.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import budgetlib
from budgetlib.cli import EXIT_BAD_INPUT, main
from tests.conftest import DATA_DIR, edit_csv

SUBPROCESS_TIMEOUT = 60  # seconds; a case that takes longer counts as a hang
SOURCE_000 = "sources/000_a9a73f1fbb1b2d92.txt"
SHA256SUMS = "sources/SHA256SUMS"


@dataclass(frozen=True)
class Where:
    """Where the message must point: file (relative to the data folder), line and column."""

    file: str
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class BadInput:
    """One defect: how to put it into a data copy (returning where it is) and what the message says."""

    id: str
    put: Callable[[Path], Where]
    expected: str


def _append(path: Path, text: str) -> int:
    """Append lines to a file; the line number of the first appended line."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def _edit(file: str, old: str, new: str, column: str | None) -> Callable[[Path], Where]:
    def put(data: Path) -> Where:
        return Where(file, edit_csv(data / file, old, new), column)

    return put


def _rewrite(file: str, change: Callable[[bytes], bytes], where: Where) -> Callable[[Path], Where]:
    def put(data: Path) -> Where:
        path = data / file
        path.write_bytes(change(path.read_bytes()))
        return where

    return put


def _blank_lines_then_bad_value(data: Path) -> Where:
    path = data / "amounts.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    bad = lines.index(
        "t000_tillskott,personal,Personalkostnader,part,,value,Belopp,2025,förslag,tillskott,81,1,mkr,19,19"
    )
    lines[bad] = lines[bad].replace(",81,", ",8l,")
    path.write_text("\n".join([lines[0], "", "", "", *lines[1:]]), encoding="utf-8")
    return Where("amounts.csv", bad + 1 + 3, "value_text")


def _multiline_label_then_bad_value(data: Path) -> Where:
    edit_csv(
        data / "amounts.csv",
        "Produktionskostnader – förstärkt budgetindex,",
        '"Produktionskostnader –\nförstärkt budgetindex",',
    )
    row = edit_csv(data / "amounts.csv", "tillskott,20,1,mkr,21,21", "tillskott,2O,1,mkr,21,21")
    return Where("amounts.csv", row, "value_text")


def _crlf_bom_then_bad_value(data: Path) -> Where:
    path = data / "amounts.csv"
    row = edit_csv(path, "tillskott,20,1,mkr,21,21", "tillskott,20,1,mkrr,21,21")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    return Where("amounts.csv", row, "unit_text")


def _stray_byte(data: Path) -> Where:
    path = data / "amounts.csv"
    row = edit_csv(path, "Läkemedel,", "L\x00kemedel,")
    path.write_bytes(path.read_bytes().replace(b"L\x00kemedel", "Läkemedel".encode("cp1252")))
    return Where("amounts.csv", row, "label")


def _separated_by(separator: str, file: str) -> Callable[[Path], Where]:
    def put(data: Path) -> Where:
        path = data / file
        path.write_text(path.read_text(encoding="utf-8").replace(",", separator), encoding="utf-8")
        return Where(file, 1)

    return put


def _drop_column(file: str, column: str) -> Callable[[Path], Where]:
    def put(data: Path) -> Where:
        path = data / file
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        index = rows[0].index(column)
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(r[:index] + r[index + 1 :] for r in rows)
        return Where(file, 1, column)

    return put


def _extra_column(data: Path) -> Where:
    path = data / "committees.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(f"{line},{'extra' if i == 0 else 'x'}\n" for i, line in enumerate(lines)))
    return Where("committees.csv", 1, "extra")


def _duplicate_header(data: Path) -> Where:
    path = data / "committees.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(f"{line},{'name' if i == 0 else 'x'}\n" for i, line in enumerate(lines)))
    return Where("committees.csv", 1, "name")


def _long_field(file: str, context: str, value: str, column: str, size: int) -> Callable[[Path], Where]:
    """Replace ``value`` (after ``context``, to make it unique) by ``size`` letters in quotes."""
    return _edit(file, context + value, f'{context}"{"å" * size}"', column)


def _source_file(name: str) -> Callable[[Path], Where]:
    return _edit("documents.csv", ",000_a9a73f1fbb1b2d92.txt", f",{name}", "source_file")


def _outside_copy(data: Path, file: str) -> Path:
    """A copy of a data file outside the data folder (but inside the test's folder)."""
    outside = data.parent / "outside"
    outside.mkdir(exist_ok=True)
    target = outside / Path(file).name
    shutil.copyfile(data / file, target)
    return target


def _symlink_out(file: str) -> Callable[[Path], Where]:
    def put(data: Path) -> Where:
        target = _outside_copy(data, file)
        (data / file).unlink()
        (data / file).symlink_to(target)
        return Where(file)

    return put


def _source_changed(data: Path) -> Where:
    _append(data / SOURCE_000, "En rad till.\n")
    return Where(SHA256SUMS, 1)


def _source_missing(data: Path) -> Where:
    (data / "sources" / "002_5242cddf40ba70f2.txt").unlink()
    return Where(SHA256SUMS, 3)


def _source_unlisted(data: Path) -> Where:
    shutil.copyfile(data / SOURCE_000, data / "sources" / "kopia.txt")
    return Where("sources/kopia.txt")


def _document_source_unpinned(data: Path) -> Where:
    shutil.copyfile(data / SOURCE_000, data / "sources" / "kopia.txt")
    return _source_file("kopia.txt")(data)


def _sums_empty(data: Path) -> Where:
    (data / SHA256SUMS).write_text("")
    return Where(SHA256SUMS, 1)


def _sums_missing(data: Path) -> Where:
    (data / SHA256SUMS).unlink()
    return Where(SHA256SUMS)


def _source_not_utf8(data: Path) -> Where:
    source = data / SOURCE_000
    text = source.read_text(encoding="utf-8")
    first = next(i for i, line in enumerate(text.splitlines(), start=1) if any(ord(ch) > 127 for ch in line))
    source.write_bytes(text.encode("cp1252", errors="replace"))
    pins = (data / SHA256SUMS).read_text().splitlines()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    pins[0] = f"{digest}  {source.name}"
    (data / SHA256SUMS).write_text("\n".join(pins) + "\n")
    return Where(SOURCE_000, first)


def _data_folder_missing(data: Path) -> Where:
    shutil.rmtree(data)
    return Where("")


def _data_folder_is_a_file(data: Path) -> Where:
    shutil.rmtree(data)
    data.write_text("documents.csv\n")
    return Where("")


def _file_is_a_folder(data: Path) -> Where:
    (data / "amounts.csv").unlink()
    (data / "amounts.csv").mkdir()
    return Where("amounts.csv")


def _file_is_a_pipe(data: Path) -> Where:
    (data / "votes.csv").unlink()
    os.mkfifo(data / "votes.csv")
    return Where("votes.csv")


def _parents(*links: tuple[str, str]) -> Callable[[Path], Where]:
    """Set the parent of rows of t000_tillskott: (row, parent) pairs; the first row is named."""

    def put(data: Path) -> Where:
        path = data / "amounts.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        numbers = []
        for row, parent in links:
            index = next(i for i, line in enumerate(lines) if line.startswith(f"t000_tillskott,{row},"))
            fields = lines[index].split(",")  # no quoted fields in this table
            fields[4] = parent
            lines[index] = ",".join(fields)
            numbers.append(index + 1)
        path.write_text("\n".join(lines), encoding="utf-8")
        return Where("amounts.csv", numbers[0], "parent")

    return put


CASES = [
    # CSV structure: quotes, field counts, separators, encodings, sizes
    BadInput(
        "quote-never-closed",
        _edit("votes.csv", ",Avgöra ärendet idag,", ',"Avgöra ärendet idag,', "ja_means"),
        "stängs aldrig",
    ),
    BadInput(
        "quote-closed-lines-later-merges-rows",
        _edit("amounts.csv", "personal,Personalkostnader,part", 'personal,"Personalkostnader,part', "label"),
        "stängs först på rad",
    ),
    BadInput(
        "text-after-closing-quote",
        _edit("amounts.csv", '"1 466,5",1', '"1 466,5"x,1', "value_text"),
        "efter det avslutande citattecknet",
    ),
    BadInput(
        "decimal-comma-unquoted",
        _edit("amounts.csv", '"1 466,5",1', "1 466,5,1", "value_text"),
        'måste stå inom citattecken: "1 466,5"',
    ),
    BadInput(
        "comma-in-unquoted-text",
        _edit("documents.csv", "budgettillskott till HSN", "budgettillskott, till HSN", "source_file"),
        "för många fält: väntade 10, fick 11",
    ),
    BadInput(
        "field-missing",
        _edit("relations.csv", ",,Kvar att fördela ska vara summan av fördelningen.", ",", "remainder"),
        "för få fält: väntade 7, fick 6",
    ),
    BadInput(
        "semicolon-separated-excel", _separated_by(";", "committees.csv"), "semikolon (;) som avgränsare"
    ),
    BadInput("tab-separated", _separated_by("\t", "committees.csv"), "tabb som avgränsare"),
    BadInput(
        "saved-as-windows-1252",
        _rewrite(
            "committees.csv", lambda b: b.decode("utf-8").encode("cp1252"), Where("committees.csv", 2, "name")
        ),
        "inte UTF-8 (byte 0xE4",
    ),
    BadInput("one-stray-latin-1-byte", _stray_byte, "inte UTF-8"),
    BadInput(
        "saved-as-utf-16",
        _rewrite("statements.csv", lambda b: b.decode("utf-8").encode("utf-16"), Where("statements.csv", 1)),
        "sparad som UTF-16",
    ),
    BadInput("empty-file", _rewrite("motions.csv", lambda b: b"", Where("motions.csv", 1)), "filen är tom"),
    BadInput(
        "only-blank-lines",
        _rewrite("tables.csv", lambda b: b"\n\n\n", Where("tables.csv", 1)),
        "filen är tom",
    ),
    BadInput("column-missing", _drop_column("statements.csv", "sign"), "kolumnen saknas"),
    BadInput("column-unknown", _extra_column, "okänd kolumn"),
    BadInput("column-twice", _duplicate_header, "förekommer två gånger"),
    BadInput("blank-lines-keep-real-line", _blank_lines_then_bad_value, "fick '8l'"),
    BadInput("multi-line-field-keeps-real-line", _multiline_label_then_bad_value, "fick '2O'"),
    BadInput("crlf-and-bom-keep-real-line", _crlf_bom_then_bad_value, "okänd enhet 'mkrr'"),
    BadInput(
        "label-of-100-kB",
        _long_field("amounts.csv", "personal,", "Personalkostnader", "label", 100_000),
        "högst 2000 tillåts",
    ),
    BadInput(
        "note-beyond-csv-field-limit",
        _long_field(
            "relations.csv", ",", "Kvar att fördela ska vara summan av fördelningen.", "note", 200_000
        ),
        "längre än 2000 tecken",
    ),
    BadInput(
        "ansi-escape-in-label",
        _edit("amounts.csv", "personal,Personalkostnader,", "personal,\x1b[2J\x1b[31mPersonal,", "label"),
        "styrtecknet '\\x1b'",
    ),
    BadInput(
        "nul-in-field", _edit("committees.csv", "Regionstyrelsen", "Region\x00styrelsen", "name"), "'\\x00'"
    ),
    # Numbers, integers, years and dates
    BadInput(
        "arabic-indic-digits",
        _edit("amounts.csv", "tillskott,81,1,mkr", "tillskott,٨١,1,mkr", "value_text"),
        "siffrorna 0–9",
    ),
    BadInput(
        "fullwidth-digits-in-year",
        _edit("documents.csv", ",RS,2025,", ",RS,２０２５,", "budget_year"),
        "siffrorna 0–9",
    ),
    BadInput(
        "underscore-in-number",
        _edit("amounts.csv", "tillskott,81,1,mkr", "tillskott,8_1,1,mkr", "value_text"),
        "fick '8_1'",
    ),
    BadInput("underscore-in-integer", _edit("votes.csv", ",7,5,1,106", ",7_0,5,1,106", "ja"), "fick '7_0'"),
    BadInput(
        "superscript-digit-in-line",
        _edit("amounts.csv", "tillskott,81,1,mkr,19,19", "tillskott,81,1,mkr,19,1²", "line"),
        "radnummer",
    ),
    BadInput(
        "integer-too-large",
        _edit("reference/population.csv", ",276295,", f",{'9' * 30},", "population"),
        "högst 15 siffror",
    ),
    BadInput(
        "line-number-too-large",
        _edit("amounts.csv", "tillskott,81,1,mkr,19,19", f"tillskott,81,1,mkr,19,{'9' * 20}", "line"),
        "radnummer",
    ),
    BadInput(
        "line-number-negative", _edit("amounts.csv", "81,1,mkr,19,19", "81,1,mkr,19,-19", "line"), "radnummer"
    ),
    BadInput(
        "year-zero", _edit("documents.csv", ",RS,2025,", ",RS,0,", "budget_year"), "från 1900 till 2200"
    ),
    BadInput(
        "year-99999", _edit("documents.csv", ",RS,2025,", ",RS,99999,", "budget_year"), "från 1900 till 2200"
    ),
    BadInput(
        "year-in-amounts-out-of-range",
        _edit("amounts.csv", "Belopp,2025,förslag,tillskott,81", "Belopp,1025,förslag,tillskott,81", "year"),
        "från 1900 till 2200",
    ),
    BadInput(
        "impossible-date", _edit("documents.csv", "2023-11-22", "2023-02-30", "date"), "datumet finns inte"
    ),
    BadInput("date-year-0001", _edit("documents.csv", "2023-11-22", "0001-11-22", "date"), "från år 1900"),
    BadInput("date-without-dashes", _edit("documents.csv", "2023-11-22", "20231122", "date"), "ÅÅÅÅ-MM-DD"),
    BadInput(
        "month-13", _edit("assignments.csv", "2024-12-31,,,506", "2024-13-31,,,506", "end_date"), "finns inte"
    ),
    BadInput(
        "more-digits-than-a-float-holds",
        _edit("amounts.csv", "tillskott,81,1,mkr", 'tillskott,"81,0000000000000001",1,mkr', "value_text"),
        "fler än 15 siffror",
    ),
    BadInput(
        "overflows-to-infinity",
        _edit("amounts.csv", "tillskott,81,1,mkr", f"tillskott,1{'0' * 400},1,mkr", "value_text"),
        "fler än 15 siffror",
    ),
    BadInput(
        "arabic-digits-in-quantity",
        _edit("indicators.csv", ",41 %,", ",٤١ %,", "outcome_text"),
        "siffrorna 0–9",
    ),
    # Source texts and everything outside the data folder
    BadInput(
        "source-file-parent-dir", _source_file("../documents.csv"), "väntade ett filnamn direkt i sources/"
    ),
    BadInput("source-file-absolute", _source_file("/etc/passwd"), "väntade ett filnamn direkt i sources/"),
    BadInput("source-file-backslash", _source_file("..\\\\x.txt"), "väntade ett filnamn direkt i sources/"),
    BadInput("source-file-dot-dot", _source_file(".."), "väntade ett filnamn direkt i sources/"),
    BadInput("source-symlink-out-of-folder", _symlink_out(SOURCE_000), "leder ut ur datakatalogen"),
    BadInput("csv-symlink-out-of-folder", _symlink_out("committees.csv"), "leder ut ur datakatalogen"),
    BadInput("source-changed", _source_changed, "har ändrats"),
    BadInput("source-missing", _source_missing, "finns inte i sources/"),
    BadInput("source-unlisted", _source_unlisted, "saknas i SHA256SUMS"),
    BadInput("document-source-not-pinned", _document_source_unpinned, "saknas i SHA256SUMS"),
    BadInput("sha256sums-empty", _sums_empty, "listan är tom"),
    BadInput("sha256sums-missing", _sums_missing, "filen saknas"),
    BadInput(
        "sha256sums-malformed",
        _rewrite(SHA256SUMS, lambda b: b.replace(b"  001_", b" / 001_"), Where(SHA256SUMS, 2)),
        "väntade '<sha256>  <filnamn>'",
    ),
    BadInput("source-not-utf-8", _source_not_utf8, "inte UTF-8"),
    BadInput("data-folder-missing", _data_folder_missing, "datakatalogen finns inte"),
    BadInput("data-folder-is-a-file", _data_folder_is_a_file, "är ingen katalog"),
    BadInput("data-file-is-a-folder", _file_is_a_folder, "ingen vanlig fil"),
    BadInput("data-file-is-a-named-pipe", _file_is_a_pipe, "ingen vanlig fil"),
    # Relations and hierarchies that refer to themselves
    BadInput(
        "stated-among-its-terms",
        _edit(
            "relations.csv",
            "s000_kvar_att_fordela,+t000_tillskott:summa",
            "s000_kvar_att_fordela,+s000_kvar_att_fordela",
            "terms",
        ),
        "står bland sina egna termer",
    ),
    BadInput(
        "stated-in-its-percent-base",
        _edit("relations.csv", "+s003_vardval_ram -s003_vardval_okning", "+s003_vardval_procent", "base"),
        "står bland sina egna termer",
    ),
    BadInput("row-its-own-parent", _parents(("personal", "personal")), "egen överordnade rad"),
    BadInput(
        "parent-cycle-of-two", _parents(("personal", "produktion"), ("produktion", "personal")), "cirkel"
    ),
    BadInput(
        "parent-cycle-of-three",
        _parents(
            ("personal", "produktion"),
            ("produktion", "medicinskt_material"),
            ("medicinskt_material", "personal"),
        ),
        "personal → produktion → medicinskt_material → personal",
    ),
    BadInput(
        "derived-column-from-itself",
        _edit(
            "tables.csv",
            "Förändring = Förslag budget 2025 - Budget 2024",
            "Förändring = Förändring - Budget 2024",
            "derived",
        ),
        "räknas ur sig själv",
    ),
]
IN_SUBPROCESS = {  # run as a user would, with a timeout: a hang or a traceback shows here
    "data-file-is-a-named-pipe",
    "quote-never-closed",
    "saved-as-windows-1252",
    "label-of-100-kB",
    "overflows-to-infinity",
    "source-changed",
    "data-folder-missing",
}


def copy_data(folder: Path) -> Path:
    """A writable copy of the shipped data in ``folder``."""
    target = folder / "data"
    shutil.copytree(DATA_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry below ``folder``: mode, size and content hash (links and pipes are not followed)."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else ""
        state[str(path.relative_to(folder))] = (info.st_mode, info.st_size, digest)
    return state


def names_the_place(stderr: str, data: Path, where: Where, expected: str) -> bool:
    """A line of the message names the file, line and column, and says what was expected."""
    place = str(data / where.file) if where.file else str(data)
    if where.row is not None:
        place += f", rad {where.row}"
    if where.column is not None:
        place += f", kolumn {where.column!r}"
    return any(line.strip().startswith(place) and expected in line for line in stderr.splitlines())


def run_cli(data: Path, timeout: float = SUBPROCESS_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``budgetlib --data-dir DATA check`` in a fresh process, as a user runs it."""
    source = Path(budgetlib.__file__).resolve().parents[1]
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [sys.executable, "-m", "budgetlib.cli", "--data-dir", str(data), "check"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=data.parent,
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_a_clear_error_and_writes_nothing(
    case: BadInput, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_data(tmp_path)
    where = case.put(data)
    before = snapshot(tmp_path)
    if case.id in IN_SUBPROCESS:
        done = run_cli(data)
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        code = main(["--data-dir", str(data), "check"])
        out, err = capsys.readouterr()
    assert code == EXIT_BAD_INPUT, err
    assert "Traceback" not in out + err
    assert out == ""
    assert names_the_place(err, data, where, case.expected), err
    assert snapshot(tmp_path) == before


def test_the_corpus_is_large_and_every_case_distinct() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)
    assert {case.id for case in CASES} >= IN_SUBPROCESS


def test_the_shipped_data_passes_every_check_the_corpus_breaks(tmp_path: Path) -> None:
    """The corpus cases fail because of their defect: an untouched copy loads."""
    budgetlib.load(copy_data(tmp_path))
