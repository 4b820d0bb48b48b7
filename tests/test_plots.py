"""Chart text from data is drawn as typed: never parsed as mathtext."""

from __future__ import annotations

import io
import warnings

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from budgetlib import plots
from budgetlib.findings import Check, Finding, Findings, Status

FRACTION = r"Tandvård $\frac{1}{2}$"
UNKNOWN = r"Okänt $\notacommand{1}$"  # mathtext would raise on drawing this


def _mismatch(subject: str) -> Finding:
    return Finding(("003",), subject, Check.SUM, subject, 10.0, 20.0, 10.0, 1.0, "mkr",
                   Status.MISMATCH, "", ("t:r",), "x.txt:1")  # fmt: skip


CHARTS = {
    "horizontal_bars": lambda: plots.horizontal_bars([FRACTION, UNKNOWN], [1.0, 2.0], UNKNOWN),
    "diverging_bars": lambda: plots.diverging_bars([FRACTION, UNKNOWN], [1.0, -2.0], FRACTION, 0.5),
    "waterfall": lambda: plots.waterfall(
        ["Ram 2024", FRACTION, UNKNOWN, "Ram 2025"], [9.0, 1.0, -1.0, 9.0], UNKNOWN
    ),
    "indicator_chart": lambda: plots.indicator_chart(
        [FRACTION, UNKNOWN], [90.0, 120.0], [True, False], FRACTION
    ),
    "lines": lambda: plots.lines({FRACTION: ([2023, 2024], [1.0, 2.0])}, UNKNOWN, "kr", FRACTION),
    "tolerance_chart": lambda: plots.tolerance_chart(Findings((_mismatch(FRACTION), _mismatch(UNKNOWN)))),
}


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_dollar_text_from_data_is_drawn_literally(make: object) -> None:
    figure: Figure = make()  # type: ignore[operator]
    figure.savefig(io.BytesIO(), format="png")  # draws every text: mathtext would fail on \notacommand
    with_dollars = [text for text in figure.findobj(Text) if "$" in text.get_text()]
    assert {FRACTION, UNKNOWN} & {" ".join(text.get_text().split()) for text in with_dollars}
    for text in with_dollars:
        assert text._preprocess_math(text.get_text()) == (text.get_text(), False)  # type: ignore[attr-defined]


def test_the_style_turns_mathtext_off_without_touching_global_settings() -> None:
    assert plots.STYLE["text.parse_math"] is False
    plots.horizontal_bars([FRACTION], [1.0], FRACTION)
    assert mpl.rcParams["text.parse_math"] is True


def test_a_long_title_from_data_wraps_instead_of_squeezing_the_chart() -> None:
    title = "Fördelning av budgettillskott " + " ".join(["<script>window.__pwned=1</script>"] * 6)
    figure = plots.horizontal_bars([f"Område {i} " + title[:90] for i in range(3)], [1.0, 2.0, 3.0], title)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "constrained_layout not applied": the axes collapsed
        figure.savefig(io.BytesIO(), format="png")
    shown = figure.axes[0].get_title(loc="left")
    assert shown.replace("\n", " ") == title and max(len(line) for line in shown.splitlines()) <= 64
