"""Chart images reused between builds: only for a chart of identical inputs, and the same bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from IPython.core import pylabtools

from budgetlib import kept as kept_results
from budgetlib import plots
from budgetlib import report_sections as sections
from budgetlib.report import chart_cache


def test_a_figure_is_marked_with_its_inputs_only_where_they_show_in_full() -> None:
    first = plots.diverging_bars(["Lön", "Hyra"], [1.25, -3.0], "Förändring")
    same = plots.diverging_bars(["Lön", "Hyra"], [1.25, -3.0], "Förändring")
    other = plots.diverging_bars(["Lön", "Hyra"], [1.25, -3.0000001], "Förändring")
    assert getattr(first, plots.INPUTS) == getattr(same, plots.INPUTS) != getattr(other, plots.INPUTS)
    series = pd.Series([1.0000001, 2.0])  # its repr rounds: never a key
    assert not hasattr(plots.horizontal_bars(["a", "b"], series, "T"), plots.INPUTS)  # type: ignore[arg-type]


@pytest.mark.slow
def test_an_identical_chart_is_read_back_not_drawn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    drawn: list[Any] = []
    real = pylabtools.print_figure

    def counting(fig: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.append(fig)
        return real(fig, *args, **kwargs)

    monkeypatch.setattr(pylabtools, "print_figure", counting)
    monkeypatch.setattr(chart_cache, "_original", [])
    monkeypatch.setattr(chart_cache, "_installed", [])
    monkeypatch.setattr(kept_results, "_folder", [])
    chart_cache.install(str(tmp_path), "bibliotek-1")
    cached = pylabtools.print_figure

    def chart(value: float) -> Any:
        return plots.horizontal_bars(["Ram"], [value], "Ram 2025")

    image = cached(chart(10.0), fmt="png", base64=True)
    assert cached(chart(10.0), fmt="png", base64=True) == image and len(drawn) == 1
    assert cached(chart(11.0), fmt="png", base64=True) != image and len(drawn) == 2
    assert cached(chart(10.0), fmt="png", base64=False) != image and len(drawn) == 3  # bytes, not text
    chart_cache.install(str(tmp_path), "bibliotek-2")  # another library: nothing reused
    assert pylabtools.print_figure(chart(10.0), fmt="png", base64=True) == image and len(drawn) == 4
    unmarked = plots.new_figure(1)[0]
    pylabtools.print_figure(unmarked, fmt="png")
    pylabtools.print_figure(unmarked, fmt="png")
    assert len(drawn) == 6


@pytest.mark.parametrize(
    "damage",
    [
        lambda kept: b'"><script>alert(1)</script>',  # overwritten: no PNG at all
        lambda kept: kept[: len(kept) // 2],  # cut short: a PNG's start without its end
    ],
)
def test_a_damaged_kept_chart_is_drawn_again_not_shown_broken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: Any
) -> None:
    monkeypatch.setattr(pylabtools, "print_figure", pylabtools.print_figure)
    monkeypatch.setattr(chart_cache, "_original", [])
    monkeypatch.setattr(chart_cache, "_installed", [])
    monkeypatch.setattr(kept_results, "_folder", [])
    chart_cache.install(str(tmp_path), "bibliotek-1")
    chart = plots.horizontal_bars(["Ram"], [10.0], "Ram 2025")
    image = pylabtools.print_figure(chart, fmt="png", base64=False)
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(damage(kept.read_bytes()))
    again = pylabtools.print_figure(chart, fmt="png", base64=False)
    assert again == image and kept.read_bytes() == image  # drawn, and the kept file whole again


def _shown(items: list[Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """What showing ``items`` in an IPython kernel publishes: each output's data and metadata."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    InteractiveShell.instance()
    set_matplotlib_formats("png")  # as the notebooks do
    with capture_output() as captured:
        sections.show(items)
    return [(output.data, output.metadata) for output in captured.outputs]


@pytest.mark.slow
def test_a_kept_chart_output_is_shown_without_drawing_and_is_what_drawing_shows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pylabtools, "print_figure", pylabtools.print_figure)
    monkeypatch.setattr(chart_cache, "_original", [])
    monkeypatch.setattr(chart_cache, "_installed", [])
    monkeypatch.setattr(kept_results, "_folder", [])
    chart = sections.Chart(plots.horizontal_bars, (["Lön", "Hyra"], [12.5, 3.0], "Andel"), (("unit", "%"),))
    drawn = _shown([chart.figure()])  # a figure shown as the notebooks always showed one
    assert _shown([chart]) == drawn  # no build: drawn
    chart_cache.install(str(tmp_path), "bibliotek-1")
    assert _shown([chart]) == drawn  # drawn, and its output kept
    assert len(list(tmp_path.glob("*.json"))) == 1
    calls: list[Any] = []
    real = plots.new_figure

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(plots, "new_figure", counted)
    assert _shown([chart]) == drawn and calls == []  # read back, nothing drawn
    (output,) = tmp_path.glob("*.json")
    output.write_text(
        '{"data": {"text/html": "<script>alert(1)</script>"}, "metadata": {}}', encoding="utf-8"
    )
    assert _shown([chart]) == drawn and len(calls) == 1  # a damaged or foreign output is drawn again
    assert "script" not in output.read_text(encoding="utf-8")
