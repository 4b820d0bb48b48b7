"""The strict CSV reader: what it accepts, the real line of every record, and what it refuses."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlib.csvfile import MAX_FIELD_CHARS, MAX_FILE_BYTES, read_csv
from budgetlib.errors import DataError, Problem


def read_bytes(tmp_path: Path, data: bytes) -> list[tuple[int, tuple[str, ...]]]:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    return [(r.line, r.cells) for r in read_csv(path).records]


def problems(tmp_path: Path, data: bytes, number_columns: frozenset[str] = frozenset()) -> list[Problem]:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(DataError) as raised:
        read_csv(path, number_columns)
    return raised.value.problems


def test_bom_crlf_blank_lines_and_multi_line_fields_keep_real_lines(tmp_path: Path) -> None:
    data = b'\xef\xbb\xbfa,b\r\n1,2\r\n\r\n3,"x\r\ny"\r\n\r\n\r\n4,"5,5"'
    assert read_bytes(tmp_path, data) == [(2, ("1", "2")), (4, ("3", "x\r\ny")), (8, ("4", "5,5"))]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet='ab ,"\n', max_size=6),
            st.text(alphabet="0123456789,", max_size=4),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_every_record_comes_back_on_the_line_it_starts(rows: list[tuple[str, str, bool]]) -> None:
    """Written by the csv module, with blank lines here and there: nothing lost, lines right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["a", "b"])
    expected = []
    line = 2
    for first, second, blank_before in rows:
        if blank_before:
            out.write("\n")
            line += 1
        writer.writerow([first, second])
        expected.append((line, (first, second)))
        line += 1 + (first + second).count("\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "property.csv"
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
        records = [(r.line, r.cells) for r in read_csv(path).records]
    assert records == expected


def test_unclosed_quote_names_the_line_and_column_it_opens(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, b'a,b,c\n1,2,3\n4,"five,6\n7,8,9\n')
    assert (problem.row, problem.column) == (3, "b")
    assert "stängs aldrig" in problem.message


def test_quote_closed_lines_later_names_where_it_opened(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, b'a,b,c\n1,"two,3\n4,5,6\n7,"8"x,9\n')
    assert (problem.row, problem.column) == (2, "b")
    assert "stängs först på rad 4" in problem.message


def test_decimal_comma_is_named_in_its_number_column(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, b"id,label,value,unit\nx,1 st,21,5,mkr\n", frozenset({"value"}))
    assert (problem.row, problem.column) == (2, "value")
    assert '"21,5"' in problem.message


def test_too_few_fields_names_the_first_missing_column(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, b"a,b,c\n1,2,3\n\n4,5\n")
    assert (problem.row, problem.column) == (4, "c")
    assert "för få fält: väntade 3, fick 2" in problem.message


def test_a_field_at_the_limit_loads_and_one_more_is_refused(tmp_path: Path) -> None:
    at_limit = b"a,b\n1," + b"x" * MAX_FIELD_CHARS + b"\n"
    assert read_bytes(tmp_path, at_limit)[0][1][1] == "x" * MAX_FIELD_CHARS
    [problem] = problems(tmp_path, b"a,b\n1," + b"x" * (MAX_FIELD_CHARS + 1) + b"\n")
    assert (problem.row, problem.column) == (2, "b")


def test_a_long_field_over_several_lines_and_a_control_character_far_down_are_found(tmp_path: Path) -> None:
    """Cells are checked one by one only where the whole text holds a suspect: none may slip through."""
    half = b"x" * (MAX_FIELD_CHARS // 2 + 1)
    rows = b"".join(b"%d,ok\n" % i for i in range(1_000))
    data = b"a,b\n" + rows + b'1,"' + half + b"\n" + half + b'"\n' + rows + b"2,bad\x07\n"
    found = problems(tmp_path, data)
    assert [(p.row, p.column) for p in found] == [(1_002, "b"), (2_004, "b")]
    assert f"högst {MAX_FIELD_CHARS} tillåts" in found[0].message
    assert "styrtecknet '\\x07'" in found[1].message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "amounts.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(DataError) as raised:
        read_csv(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.row) == (str(path), None)
    assert problem.message == f"filen är {MAX_FILE_BYTES + 1} byte; högst {MAX_FILE_BYTES} byte tillåts"


def test_the_size_limit_leaves_room_for_a_national_dataset() -> None:
    """1 000 000 figures make an amounts.csv of about 120 MB (benchmarks/scale.py --million)."""
    assert 4 * 120_000_000 <= MAX_FILE_BYTES <= 1_000_000_000


def test_not_utf8_names_the_line_of_the_byte_even_inside_a_multi_line_field(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, b'a,b\n1,"first\nV\xe4rmland"\n')
    assert (problem.row, problem.column) == (3, "b")
    assert "byte 0xE4" in problem.message and "UTF-8" in problem.message


@pytest.mark.parametrize("separator", [b";", b"\t"])
def test_excel_separators_are_named(tmp_path: Path, separator: bytes) -> None:
    [problem] = problems(tmp_path, separator.join([b"a", b"b", b"c"]) + b"\n1" + separator + b"2\n")
    assert problem.row == 1 and "avgränsare" in problem.message and "CSV UTF-8" in problem.message
