"""Chart text from data is drawn as typed: never parsed as mathtext."""

from __future__ import annotations

import io
import warnings

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from budgetlib import plots
from budgetlib.findings import Status
from budgetlib.numbers import format_number

FRACTION = r"Tandvård $\frac{1}{2}$"
UNKNOWN = r"Okänt $\notacommand{1}$"  # mathtext would raise on drawing this


CHARTS = {
    "horizontal_bars": lambda: plots.horizontal_bars([FRACTION, UNKNOWN], [1.0, 2.0], UNKNOWN),
    "diverging_bars": lambda: plots.diverging_bars([FRACTION, UNKNOWN], [1.0, -2.0], FRACTION),
    "waterfall": lambda: plots.waterfall(
        ["Ram 2024", FRACTION, UNKNOWN, "Ram 2025"],
        [9.0, 1.0, -1.0, 9.0],
        ["opening", "component", "component", "closing"],
        UNKNOWN,
    ),
    "indicator_chart": lambda: plots.indicator_chart(
        [FRACTION, UNKNOWN], [90.0, 120.0], [True, False], FRACTION, UNKNOWN
    ),
    "lines": lambda: plots.lines({FRACTION: ([2023, 2024], [1.0, 2.0])}, UNKNOWN, "kr", FRACTION),
    "status_chart": lambda: plots.status_chart({Status.MISMATCH: 1, Status.EXACT: 2}, FRACTION),
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


def _bars(figure: Figure) -> list[tuple[float, float, str]]:
    """Each bar as (start, end, colour), top to bottom (the printed order)."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import Rectangle

    bars = [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]
    return [(p.get_x(), p.get_x() + p.get_width(), to_hex(p.get_facecolor())) for p in bars]


def test_a_result_bridge_with_negative_steps_and_results() -> None:
    """Resultat −12 → RUR +20 → balanskravsjusteringar −3 → balanskravsresultat +5: levels from zero,
    steps from the running level, the axis through zero and nothing cut off."""
    labels = ["Årets resultat", "Uttag ur RUR", "Justeringar", "Balanskravsresultat"]
    figure = plots.waterfall(
        labels, [-12.0, 20.0, -3.0, 5.0], ["opening", "component", "component", "closing"], "x"
    )
    bars = _bars(figure)
    assert [(round(b, 6), round(t, 6)) for b, t, _ in bars] == [(0, -12), (-12, 8), (8, 5), (0, 5)]
    assert [colour for _, _, colour in bars] == [
        plots.GREY.lower(),
        plots.BLUE.lower(),
        plots.VERMILION.lower(),
        plots.GREY.lower(),
    ]
    low, high = figure.axes[0].get_xlim()
    assert low < -12 and high > 8


def test_a_frame_bridge_far_from_zero_says_where_its_axis_starts() -> None:
    # 003 lines 42–48: Ram 2024 8 428 … −324 … = Ram 2025 9 065
    values = [8428.0, 71.0, 180.0, -324.0, 197.0, 513.0, 9065.0]
    roles = ["opening", *["component"] * 5, "closing"]
    figure = plots.waterfall([str(v) for v in values], values, roles, "Från ram 2024 till ram 2025")
    low, _ = figure.axes[0].get_xlim()
    assert 0 < low < 8428 - 324
    assert figure.axes[0].get_xlabel().startswith("Axeln börjar vid")
    assert _bars(figure)[3][2] == plots.VERMILION.lower()  # the reduction goes down, in vermilion


def test_check_counts_are_numbered_with_swedish_thousands() -> None:
    """Region Skåne's page at national scale: 1 094 exact checks; the axis said 1050, 1200."""
    figure = plots.status_chart({Status.EXACT: 1094, Status.ROUNDING: 480, Status.MISMATCH: 5}, "Kontroller")
    axes = figure.axes[0]
    figure.canvas.draw()
    labels = {tick.get_text(): tick.get_position()[0] for tick in axes.get_xticklabels()}
    assert any("\u00a0" in label for label in labels), labels  # a tick of a thousand or more
    for label, value in labels.items():
        assert label == format_number(value)
        assert value == int(value)  # counts: whole numbers only
