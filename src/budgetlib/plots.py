"""Charts in one style: Swedish number format, colour-blind-safe colours, A4-sized.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown twice and no global state leaks between reports.
"""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from budgetlib.findings import STATUS_LABELS, Findings, Status
from budgetlib.numbers import format_number

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
}
LABEL_WIDTH = 38  # characters per line in bar labels before wrapping


def swedish_axis(axis: mpl.axis.Axis, decimals: int = 0, unit: str = "") -> None:
    """Tick labels as ``9 065`` / ``3 356,1`` (with a unit suffix if given)."""
    suffix = f"\u00a0{unit}" if unit else ""
    axis.set_major_formatter(FuncFormatter(lambda x, _: f"{format_number(x, decimals)}{suffix}"))


def new_figure(height: float, width: float = PAGE_WIDTH) -> tuple[Figure, Axes]:
    """A figure with the house style and one axes."""
    with mpl.rc_context(STYLE):
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.add_subplot()
    return figure, axes


def wrap(label: str, width: int = LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


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
