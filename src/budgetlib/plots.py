"""Charts in one style: Swedish number format, colour-blind-safe colours, A4-sized.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown twice and no global state leaks between reports.
Text is drawn as given: the style turns mathtext off, so a label from data
with ``$…$`` in it is never parsed as a formula.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, ParamSpec

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from budgetlib.findings import STATUS_LABELS, Status
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
INPUTS = "budgetlib_inputs"  # a figure's attribute: digest of the function and arguments that drew it
Drawn = ParamSpec("Drawn")


def _plain(value: Any) -> bool:
    """Whether ``repr`` shows all of ``value`` exactly (no rounded floats, no "…" of a long array)."""
    if value is None or isinstance(value, str | int | float | Enum):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(_plain(key) and _plain(item) for key, item in value.items())
    return False


def known_by_inputs(draw: Callable[Drawn, Figure]) -> Callable[Drawn, Figure]:
    """Mark each figure ``draw`` returns with a digest of its inputs, so a build can reuse the image of
    an identical chart instead of drawing it again; figures from other inputs are left unmarked."""

    @functools.wraps(draw)
    def marked(*args: Drawn.args, **kwargs: Drawn.kwargs) -> Figure:
        figure = draw(*args, **kwargs)
        inputs = inputs_digest(draw.__qualname__, args, kwargs)
        if inputs is not None:
            setattr(figure, INPUTS, inputs)
        return figure

    return marked


def inputs_digest(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """The digest :func:`known_by_inputs` marks the figure of ``name(*args, **kwargs)`` with; None
    where ``repr`` would not show every input exactly."""
    inputs = (name, args, sorted(kwargs.items()))
    return hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest() if _plain(inputs) else None


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


@known_by_inputs
def status_chart(counts: dict[Status, int], title: str) -> Figure:
    """How many checks have each status, one bar per status in the order of :class:`Status`."""
    statuses = list(counts)
    figure, axes = new_figure(bar_height(len(statuses)))
    with mpl.rc_context(STYLE):
        positions = list(range(len(statuses)))[::-1]
        values = [float(counts[s]) for s in statuses]
        axes.barh(positions, values, color=[STATUS_COLOURS[s] for s in statuses], height=0.65)
        axes.set_yticks(positions, [STATUS_LABELS[s] for s in statuses])
        axes.grid(axis="y", visible=False)
        _value_labels(axes, positions, values, [format_number(v) for v in values])
        _pad_x(axes, values)
        swedish_axis(axes.xaxis)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel("Antal kontroller")
        axes.set_title(wrap(title, TITLE_WIDTH))
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


@known_by_inputs
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
        colours = [
            GREY if (highlight and highlight[i]) else (VERMILION if values[i] < 0 else BLUE)
            for i in range(len(labels))
        ]
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


@known_by_inputs
def diverging_bars(labels: list[str], values: list[float], title: str, unit: str = "mkr") -> Figure:
    """Positive bars right in blue, negative (a deficit, a reduction) left in vermilion; no total."""
    wrapped = [wrap(label) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped) / max(len(wrapped), 1)
    figure, axes = new_figure(bar_height(len(labels), lines))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=[BLUE if v >= 0 else VERMILION for v in values], height=0.65)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        shown = [f"{'+' if v > 0 else ''}{format_compact(v, 1)} {unit}" for v in values]
        _value_labels(axes, positions, values, shown)
        _pad_x(axes, values, room=0.35)
        axes.axvline(0, color="#444444", linewidth=0.8)
        swedish_axis(axes.xaxis, unit=unit)
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


LEVEL_ROLES = ("opening", "subtotal", "closing")


def _axis_floor(levels: list[float], ends: list[float]) -> float:
    """Where the value axis starts: at zero, unless every level is positive and the steps happen far
    above zero, when a floor just below the lowest step end keeps the steps readable."""
    low, high = min([*levels, *ends]), max([*levels, *ends])
    if low <= 0 or min(levels) <= 0 or low < 0.5 * high:
        return min(0.0, low)
    step_span = high - low
    magnitude = 10.0 ** max(0, len(str(int(step_span))) - 1)
    return max(0.0, float((low - 0.25 * step_span) // magnitude * magnitude))


@known_by_inputs
def waterfall(
    labels: list[str], values: list[float], roles: list[str], title: str, unit: str = "mkr"
) -> Figure:
    """A bridge, top to bottom in printed order: levels (opening, subtotals, closing) as grey bars from
    the axis, each step as a bar from the running level, right (blue) for an increase and left
    (vermilion) for a decrease. Works for negative steps and negative levels (a result bridge); where
    the axis does not start at zero the chart says so. Labels stand beside the bars, so long names and
    many steps stay readable."""
    wrapped = [wrap(label) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped) / max(len(wrapped), 1)
    figure, axes = new_figure(bar_height(len(labels), lines))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        running = 0.0
        starts, widths, colours = [], [], []
        for value, role in zip(values, roles, strict=True):
            level = role in LEVEL_ROLES
            starts.append(0.0 if level else running)
            widths.append(value)
            colours.append(GREY if level else (BLUE if value >= 0 else VERMILION))
            running = value if level else running + value
        levels = [v for v, r in zip(values, roles, strict=True) if r in LEVEL_ROLES] or [0.0]
        ends = [a + w for a, w in zip(starts, widths, strict=True)]
        floor = _axis_floor(
            levels, ends + [a for a, r in zip(starts, roles, strict=True) if r not in LEVEL_ROLES]
        )
        top = max([0.0, *ends, *levels])
        span = (top - floor) or 1.0
        decimals = 1 if span < 100 else 0  # −38,6 on a chart of tens, 9 065 on one of thousands
        axes.barh(positions, widths, left=starts, color=colours, height=0.65)
        for index in range(len(labels) - 1):  # a thin line from each bar's end to the next bar
            end = ends[index]
            axes.plot(
                [end, end],
                [positions[index] - 0.33, positions[index + 1] + 0.33],
                color="#888888",
                linewidth=0.6,
            )
        for y, value, start, end, role in zip(positions, values, starts, ends, roles, strict=True):
            step = role not in LEVEL_ROLES
            shown = f"{'+' if step and value > 0 else ''}{format_compact(value, decimals)}"
            left = end < start or (not step and value < 0)
            axes.text(
                end + 0.01 * span * (-1 if left else 1),
                y,
                shown,
                va="center",
                ha="right" if left else "left",
                fontsize=8,
            )
        axes.set_xlim(floor - (0.15 * span if floor < 0 else 0), top + 0.15 * span)
        if floor < 0 or min(levels) < 0:
            axes.axvline(0, color="#444444", linewidth=0.8)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        swedish_axis(axes.xaxis, unit=unit)
        if floor > 0:
            axes.set_xlabel(f"Axeln börjar vid {format_number(floor)} {unit}, inte vid noll", fontsize=7)
            for y0, y1 in ((0.01, 0.04), (0.04, 0.07)):  # a break mark on the value axis
                axes.plot([y0, y1], [-0.02, 0.02], transform=axes.transAxes, color="#444444", clip_on=False)
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


@known_by_inputs
def indicator_chart(
    labels: list[str],
    percent_of_outcome: list[float],
    less_ambitious: list[bool],
    title: str,
    axis_label: str,
) -> Figure:
    """Each target as a percentage of the last outcome (100 = same level), vermilion where the target is
    less ambitious than the outcome (lower for an indicator that should rise, higher for one that should
    fall)."""
    wrapped = [wrap(label, 48) for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped) / max(len(wrapped), 1)
    figure, axes = new_figure(bar_height(len(labels), lines))
    with mpl.rc_context(STYLE):
        positions = list(range(len(labels)))[::-1]
        for y, value, flag in zip(positions, percent_of_outcome, less_ambitious, strict=True):
            colour = VERMILION if flag else GREEN
            axes.plot([100, value], [y, y], color=colour, linewidth=2)
            axes.scatter([value], [y], color=colour, s=30, zorder=3)
            axes.text(value, y + 0.18, format_percent(value, 0), ha="center", va="bottom", fontsize=7)
        axes.axvline(100, color="#444444", linewidth=0.8)
        axes.set_yticks(positions, wrapped)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel(axis_label)
        swedish_axis(axes.xaxis, unit="%")
        axes.set_ylim(-0.7, len(labels) - 0.2)
        axes.set_title(wrap(title, TITLE_WIDTH))
    return figure


@known_by_inputs
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
