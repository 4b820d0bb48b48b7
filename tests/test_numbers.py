"""Swedish number formats: parsing odd printed forms, and format → parse round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlib.numbers import (
    NumberFormatError,
    all_numbers,
    decimals_of,
    format_mkr,
    format_number,
    format_percent,
    parse_number,
    parse_unit,
    split_quantity,
    to_base,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 356,1", 3356.1),
        ("3356,1", 3356.1),
        ("1\u00a0466,5", 1466.5),
        ("1\u202f466,5", 1466.5),
        ("8 428", 8428.0),
        ("204 801", 204801.0),
        ("1 234 567,25", 1234567.25),
        ("-324", -324.0),
        ("\u2212324", -324.0),
        ("\u2013324", -324.0),
        ("- 324", -324.0),
        ("\u2212 1 065,2", -1065.2),
        ("0", 0.0),
        ("0,7", 0.7),
        ("95,8", 95.8),
        (" 190 ", 190.0),
        ("+5", 5.0),
    ],
)
def test_parses_printed_forms(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "tre", "3.356,1", "3,356.1", "12 34", "1  000", "3 356,", ",5", "1,2,3", "5 mkr"]
)
def test_rejects_what_is_not_a_swedish_number(text: str) -> None:
    with pytest.raises(NumberFormatError, match="svenskt format"):
        parse_number(text)


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("kr", 1e-6, "mkr"),
        ("kronor", 1e-6, "mkr"),
        ("tkr", 1e-3, "mkr"),
        ("mkr", 1.0, "mkr"),
        ("mnkr", 1.0, "mkr"),
        ("miljoner kronor", 1.0, "mkr"),
        ("Miljoner  kronor", 1.0, "mkr"),
        ("mdkr", 1e3, "mkr"),
        ("mdr", 1e3, "mkr"),
        ("miljarder kronor", 1e3, "mkr"),
        ("%", 1.0, "%"),
        ("procent", 1.0, "%"),
    ],
)
def test_units_map_to_one_base_unit(unit: str, factor: float, base: str) -> None:
    assert (parse_unit(unit).factor, parse_unit(unit).base) == (factor, base)


def test_unknown_unit_names_what_is_known() -> None:
    with pytest.raises(NumberFormatError, match=r"okänd enhet .kkr.*mdkr"):
        parse_unit("kkr")


def test_to_base_keeps_the_printed_rounding_step() -> None:
    assert to_base("9,1", "mnkr") == pytest.approx((9.1, "mkr", 0.1))
    assert to_base("9,1", "mdkr") == pytest.approx((9100.0, "mkr", 100.0))
    assert to_base("885 000", "kronor") == pytest.approx((0.885, "mkr", 1e-6))


def test_decimals_and_quantities() -> None:
    assert [decimals_of(t) for t in ("3 356,1", "190", "1,25")] == [1, 0, 2]
    assert split_quantity("41 %") == ("41", "%")
    assert split_quantity("95,8") == ("95,8", "")
    assert split_quantity("1 466,5 miljoner kronor") == ("1 466,5", "miljoner kronor")


def test_formats_the_swedish_way() -> None:
    assert format_number(9065) == "9\u00a0065"
    assert format_number(3356.1, 1) == "3\u00a0356,1"
    assert format_number(-324) == "\u2212324"
    assert format_mkr(9065) == "9\u00a0065\u00a0mkr"
    assert format_percent(11.278) == "11,3\u00a0%"
    assert format_number(math.nan) == "–"


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=3))
def test_format_then_parse_returns_the_number(units: int, decimals: int) -> None:
    value = units / 10**decimals
    assert parse_number(format_number(value, decimals)) == pytest.approx(value, abs=10**-decimals / 2)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=2))
def test_parse_of_format_is_the_rounded_value(value: float, decimals: int) -> None:
    assert parse_number(format_number(value, decimals)) == pytest.approx(round(value, decimals), abs=1e-9)


def _parses(text: str) -> bool:
    try:
        parse_number(text)
    except NumberFormatError:
        return False
    return True


_PRINTED = st.builds(format_number, st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 2))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        _PRINTED | st.sampled_from(["–", "-", "—"]) | st.text(alphabet="0123456789 ,-−+\u00a0\nx", max_size=8)
    )
)
def test_all_numbers_agrees_with_parse_number(texts: list[str]) -> None:
    """Yes only where parse_number takes every text; on short stripped texts, exactly where it does."""
    if all_numbers(texts):
        assert all(map(_parses, texts))
    if all(len(text) <= 15 and "\n" not in text and text == text.strip() for text in texts):
        assert all_numbers(texts) == all(map(_parses, texts))
