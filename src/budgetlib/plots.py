"""Charts in one style: Swedish number format, colour-blind-safe colours, A4-sized.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown twice and no global state leaks between reports.
Text is drawn as given: the style turns mathtext off, so a label from data
with ``$…$`` in it is never parsed as a formula.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from budgetlib.findings import STATUS_LABELS, Findings, Status
from budgetlib.numbers import format_compact, format_number, format_percent

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#999999",
)
STATUS_COLOURS = {
    Status.EXACT: GREEN,
    Status.ROUNDING: SKY,
    Status.MISMATCH: VERMILION,
    Status.UNIT_SLIP: ORANGE,
    Status.RESIDUAL: PURPLE,
    Status.EXPLAINED: BLUE,
    Status.REVISED: YELLOW,
    Status.NOT_CHECKABLE: GREY,
}
PAGE_WIDTH = 7.0  # inches: an A4 text column, and about 700 px in HTML
STYLE: dict[Any, Any] = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "axes.unicode_minus": True,
    "text.parse_math": False,  # labels come from data: "$…$" shows as typed, never as mathtext
}
LABEL_WIDTH = 38  # characters per line in bar labels before wrapping
TITLE_WIDTH = 64  # characters per title line: a long name from data wraps instead of squeezing the chart


def swedish_axis(axis: mpl.axis.Axis, decimals: int = 0, unit: str = "") -> None:
    """Tick labels as ``9 065`` / ``3 356,1`` (with a unit suffix if given)."""
    suffix = f"\u00a0{unit}" if unit else ""
    axis.set_major_locator(MaxNLocator(nbins=5 if unit else "auto"))
    axis.set_major_formatter(FuncFormatter(lambda x, _: f"{format_number(x, decimals)}{suffix}"))


def new_figure(height: float, width: float = PAGE_WIDTH) -> tuple[Figure, Axes]:
    """A figure with the house style and one axes."""
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.add_subplot()
    return figure, axes


def wrap(label: str, width: int = LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def bar_height(count: int, lines_per_bar: float = 1.0) -> float:
    """Figure height that keeps ``count`` bars readable."""
    return max(2.2, 0.9 + 0.32 * count * lines_per_bar)


def tolerance_chart(findings: Findings) -> Figure:
    """|Skillnad| mot tolerans per kontroll: punkter ovanför linjen förklaras inte av avrundning."""
    checked = [f for f in findings if f.status is not Status.NOT_CHECKABLE and f.unit == "mkr"]
    figure, axes = new_figure(4.2)
    with mpl.rc_context(STYLE):
        for status in Status:
            group = [f for f in checked if f.status is status]
            if group:
                axes.scatter(
                    [f.tolerance for f in group],
                    [abs(f.difference) for f in group],
                    s=36,
                    color=STATUS_COLOURS[status],
                    edgecolor="white",
                    linewidth=0.5,
                    label=f"{STATUS_LABELS[status]} ({len(group)})",
                    zorder=3,
                )
        right = max([1.0, *(f.tolerance for f in checked)]) * 4
        top = max([1.0, *(abs(f.difference) for f in checked)]) * 3
        axes.plot(
            [0, right], [0, right], color="#444444", linewidth=1, linestyle="--", label="skillnad = tolerans"
        )
        for scale in (axes.set_xscale, axes.set_yscale):
            scale("symlog", linthresh=1)
        axes.set_xlim(0, right)
        axes.set_ylim(0, top)
        swedish_axis(axes.xaxis, unit="mkr")
        swedish_axis(axes.yaxis, unit="mkr")
        axes.set_xlabel("Tolerans från avrundning")
        axes.set_ylabel("Skillnad (absolut)")
        axes.set_title("Skillnad mot avrundningstolerans")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
        for finding in checked:
            if finding.status in (Status.MISMATCH, Status.UNIT_SLIP):
                axes.annotate(
                    finding.subject,
                    (finding.tolerance, abs(finding.difference)),
                    xytext=(6, -3),
                    textcoords="offset points",
                    fontsize=7,
                )
    return figure


def _value_labels(
    axes: Axes, positions: Sequence[float], values: Sequence[float], texts: Sequence[str]
) -> None:
    """Put each text just beyond the end of its horizontal bar, inside the axes."""
    span = max([abs(v) for v in values] + [1.0])
    for y, value, text in zip(positions, values, texts, strict=True):
        offset = 0.01 * span * (1 if value >= 0 else -1)
        axes.text(value + offset, y, text, va="center", ha="left" if value >= 0 else "right", fontsize=8)


def _pad_x(axes: Axes, values: list[float], room: float = 0.22) -> None:
    low, high = min([0.0, *values]), max([0.0, *values])
    width = (high - low) or 1.0
    axes.set_xlim(low - (room * width if low < 0 else 0), high + (room * width if high > 0 else 0))


def horizontal_bars(
    labels: list[str],
    values: list[float],
    title: str,
    unit: str = "mkr",
    decimals: int = 0,
    annotations: list[str] | None = None,
    highlight: list[bool] | None = None,
) -> Figure:
    """One bar per label, top to bottom in the given order, value printed at each bar end."""
    wrapped = [wrap(label) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped) / max(len(wrapped), 1)
    figure, axes = new_figure(bar_height(len(labels), lines))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        colours = [GREY if (highlight and highlight[i]) else BLUE for i in range(len(labels))]
        axes.barh(positions, values, color=colours, height=0.65)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        texts = annotations or [f"{format_compact(v, decimals)} {unit}".strip() for v in values]
        _value_labels(axes, positions, values, texts)
        _pad_x(axes, values)
        swedish_axis(axes.xaxis, decimals=0, unit=unit)
        axes.axvline(0, color="#444444", linewidth=0.8)
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


def diverging_bars(labels: list[str], values: list[float], title: str, total: float | None = None) -> Figure:
    """Positive (surplus) bars right in blue, negative (deficit) left in vermilion; the total as a line."""
    wrapped = [wrap(label) for label in labels]
    figure, axes = new_figure(bar_height(len(labels)))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=[BLUE if v >= 0 else VERMILION for v in values], height=0.65)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        _value_labels(axes, positions, values, [f"{format_number(v)} mkr" for v in values])
        _pad_x(axes, values, room=0.35)
        axes.axvline(0, color="#444444", linewidth=0.8)
        if total is not None:
            axes.axvline(
                total, color=ORANGE, linewidth=1.5, linestyle="--", label=f"Totalt {format_number(total)} mkr"
            )
            axes.legend(loc="lower right", fontsize=8)
        swedish_axis(axes.xaxis, unit="mkr")
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


def waterfall(labels: list[str], values: list[float], title: str) -> Figure:
    """A bridge: first and last bars are levels (ram), the ones between are steps up or down."""
    figure, axes = new_figure(3.8)
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))
        level = values[0]
        bottoms, heights, colours = [0.0], [values[0]], [GREY]
        for step in values[1:-1]:
            bottoms.append(level if step >= 0 else level + step)
            heights.append(abs(step))
            colours.append(BLUE if step >= 0 else VERMILION)
            level += step
        bottoms.append(0.0)
        heights.append(values[-1])
        colours.append(GREY)
        axes.bar(positions, heights, bottom=bottoms, color=colours, width=0.65)
        low = min(b for b, h in zip(bottoms[1:-1], heights[1:-1], strict=True)) if len(values) > 2 else 0.0
        top = max(b + h for b, h in zip(bottoms, heights, strict=True))
        floor = max(0.0, low - 0.25 * (top - low))
        axes.set_ylim(floor, top + 0.08 * (top - floor))
        for x, value, bottom, height in zip(positions, values, bottoms, heights, strict=True):
            shown = (
                format_number(value)
                if x in (0, len(values) - 1)
                else f"{'+' if value >= 0 else ''}{format_number(value)}"
            )
            axes.text(x, bottom + height + 0.01 * (top - floor), shown, ha="center", va="bottom", fontsize=8)
        axes.set_xticks(positions, [wrap(label, 13) for label in labels], fontsize=8)
        axes.grid(axis="x", visible=False)
        swedish_axis(axes.yaxis, unit="mkr")
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


def indicator_chart(
    labels: list[str], percent_of_outcome: list[float], below: list[bool], title: str
) -> Figure:
    """Each target as a percentage of the last outcome (100 = same level), vermilion where less ambitious."""
    wrapped = [wrap(label, 48) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped) / max(len(wrapped), 1)
    figure, axes = new_figure(bar_height(len(labels), lines))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        for y, value, flag in zip(positions, percent_of_outcome, below, strict=True):
            colour = VERMILION if flag else GREEN
            axes.plot([100, value], [y, y], color=colour, linewidth=2)
            axes.scatter([value], [y], color=colour, s=30, zorder=3)
            axes.text(value, y + 0.18, format_percent(value, 0), ha="center", va="bottom", fontsize=7)
        axes.axvline(100, color="#444444", linewidth=0.8)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel("Mål i procent av senaste utfall (100 % = samma nivå)")
        swedish_axis(axes.xaxis, unit="%")
        axes.set_ylim(-0.7, len(labels) - 0.2)
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


def lines(series: dict[str, tuple[list[int], list[float]]], title: str, unit: str, source: str) -> Figure:
    """One line per named series over years, with the source under the chart."""
    figure, axes = new_figure(3.4)
    colours = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILION]
    with mpl.rc_context(STYLE):
        for (name, (years, values)), colour in zip(sorted(series.items()), colours, strict=False):
            axes.plot(years, values, marker="o", color=colour, label=name)
            axes.annotate(format_number(values[-1]), (years[-1], values[-1]), xytext=(5, 0),
                          textcoords="offset points", va="center", fontsize=8)  # fmt: skip
        all_years = sorted({y for years, _ in series.values() for y in years})
        axes.set_xticks(all_years, [str(y) for y in all_years])
        axes.set_xlim(all_years[0] - 0.3, all_years[-1] + 0.6)
        swedish_axis(axes.yaxis, unit=unit)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
        axes.set_title(wrap(title, TITLE_WIDTH))
        axes.set_xlabel(source, loc="left", fontsize=7, color="#555555")
    return figure
