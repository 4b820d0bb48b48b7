"""The strict CSV reader: what it accepts, the real line of every record, and what it refuses."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlib.csvfile import (
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    CsvTable,
    Record,
    _decoded,
    _read_strictly,
    read_csv,
)
from budgetlib.errors import DataError, Problem
from budgetlib.plain_csv import plain_cells
from tests.conftest import DATA_DIR


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


_FIELD_TEXT = st.text(alphabet='ab ,"\r\n\xa0é', max_size=5) | st.text(alphabet="a \t\x07\ufeff", max_size=2)


def _written(draw: st.DrawFn, fields: st.SearchStrategy[str], min_width: int) -> str:
    """A header a, b[, c] and up to six rows of ``fields``, as Python's CSV writer writes them:
    any line ending, every field quoted or only where needed."""
    width = draw(st.integers(min_width, 3))
    rows = draw(st.lists(st.lists(fields, min_size=width, max_size=width), max_size=6))
    out = io.StringIO()
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote_all = draw(st.booleans())
    writer = csv.writer(out, lineterminator=ending, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows([["a", "b", "c"][:width], *rows])
    return out.getvalue()


@st.composite
def _csv_texts(draw: st.DrawFn) -> str:
    """CSV as a writer or a person might leave it: quoted or not, any line ending, and now and then
    one character put anywhere, so that some texts break the rules."""
    text = _written(draw, _FIELD_TEXT, min_width=1)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(list(',"\n\r x\x00\ufeff'))) + text[at:]
    return text


def _outcome(read: Callable[[], CsvTable]) -> list[Problem] | tuple[Record, pd.DataFrame]:
    try:
        table = read()
    except DataError as error:
        return error.problems
    return table.header, table.cells


@settings(max_examples=400, deadline=None)
@given(_csv_texts())
def test_the_plain_path_changes_no_cell_and_no_error(text: str) -> None:
    """Whether pandas or the strict reader reads a text, the cells or the problems are the same."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.csv"
        path.write_text(text, encoding="utf-8", newline="")
        either = _outcome(lambda: read_csv(path))
        strict = _outcome(lambda: _read_strictly(_decoded(path, str(path)), str(path), frozenset()))
    if isinstance(either, list) or isinstance(strict, list):
        assert either == strict
    else:
        assert either[0] == strict[0]
        pd.testing.assert_frame_equal(either[1], strict[1], check_exact=True)


_PLAIN_FIELD = st.text(alphabet='ab ,"\xa0é', max_size=5) | st.text(
    alphabet="ab", min_size=1990, max_size=2010
)


@st.composite
def _plain_texts(draw: st.DrawFn) -> str:
    """CSV as a writer leaves it, no line break in a field: what the plain path is for."""
    return _written(draw, _PLAIN_FIELD, min_width=2)


@settings(max_examples=200, deadline=None)
@given(_plain_texts())
def test_pandas_reads_what_the_strict_reader_reads_or_leaves_the_text_to_it(text: str) -> None:
    """The comparison above mostly meets texts that are not plain; here every field is one a writer
    makes, some over the longest field allowed, so pandas reads most of them."""
    plain = plain_cells(text, MAX_FIELD_CHARS)
    assert plain is not None or len(text) > MAX_FIELD_CHARS  # left to the strict reader only if long
    if plain is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.csv"
            path.write_text(text, encoding="utf-8", newline="")
            strict = _read_strictly(_decoded(path, str(path)), str(path), frozenset())
        assert plain[0] == strict.header.cells
        pd.testing.assert_frame_equal(plain[1], strict.cells, check_exact=True)


def test_the_plain_path_takes_the_shipped_files_and_gives_what_the_strict_reader_gives() -> None:
    for path in sorted(DATA_DIR.glob("*.csv")):
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        plain = plain_cells(text, MAX_FIELD_CHARS)
        assert plain is not None, path
        pd.testing.assert_frame_equal(plain[1], _read_strictly(text, str(path), frozenset()).cells)
