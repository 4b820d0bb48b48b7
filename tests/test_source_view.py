"""Line-numbered source views: an anchor per line, text never markup, links relative and inside reports."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from budgetlib.dataset import Dataset
from budgetlib.report.source_view import (
    VIEWS_DIR,
    SourceNameError,
    render_source_view,
    source_link,
    write_source_views,
)
from tests.conftest import DATA_DIR


class Page(HTMLParser):
    """Tags, attributes and the text of each ``id="L<n>"`` line as a browser would see them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.lines: dict[str, str] = {}
        self._line: str | None = None
        self._in_text = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        values = dict(attrs)
        if values.get("class") == "line":
            self._line = values["id"]
            self.lines[str(self._line)] = ""
        self._in_text = values.get("class") == "text"

    def handle_endtag(self, tag: str) -> None:
        self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._in_text and self._line is not None:
            self.lines[self._line] += data


def test_every_line_has_its_anchor_and_its_exact_text(tmp_path: Path) -> None:
    written = write_source_views(DATA_DIR, tmp_path)
    sources = sorted((DATA_DIR / "sources").glob("*.txt"))
    assert sorted(written) == [s.name for s in sources]
    for source in sources:
        page = Page(written[source.name].read_text(encoding="utf-8"))
        lines = source.read_text(encoding="utf-8").splitlines()
        assert list(page.lines) == [f"L{n}" for n in range(1, len(lines) + 1)]
        assert list(page.lines.values()) == lines
        assert written[source.name].parent == tmp_path / VIEWS_DIR


def test_each_figure_is_on_the_line_its_link_points_to(tmp_path: Path, dataset: Dataset) -> None:
    views = write_source_views(DATA_DIR, tmp_path)
    pages = {name: Page(path.read_text(encoding="utf-8")).lines for name, path in views.items()}
    report = tmp_path / "region-varmland" / "hsn-2025.html"
    for figure in dataset.figures.to_dict("records"):
        link = source_link(report, figure["source_file"], figure["line"], tmp_path)
        page, _, anchor = link.partition("#")
        assert (report.parent / page).resolve() == views[figure["source_file"]].resolve()
        printed = "".join(figure["value_text"].split())
        assert printed in "".join(pages[figure["source_file"]][anchor].split())


HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> &amp; <a href="https://evil.example">'


def test_hostile_text_is_shown_not_run(tmp_path: Path) -> None:
    markup = render_source_view("evil.txt", f"rad ett\n{HOSTILE}\n", title='<b onclick="x()">Titel</b>')
    page = Page(markup)
    assert page.lines == {"L1": "rad ett", "L2": HOSTILE}
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attributes)
    links = [value for name, value in page.attributes if name in ("href", "src")]
    assert links == ["#L1", "#L2"]  # nothing loaded or linked from elsewhere
    assert "default-src 'none'" in markup and "url(" not in markup and "@import" not in markup


def test_links_are_relative_from_wherever_the_report_is(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    source = "003_7568518892398882.txt"
    nested = reports / "region-varmland" / "hsn-2025.html"
    assert source_link(nested, source, 12, reports) == "../kallor/003_7568518892398882.html#L12"
    assert source_link(reports / "index.html", source, 1, reports) == "kallor/003_7568518892398882.html#L1"
    relative = source_link(Path("reports/a/b/c.html"), source, 7, Path("reports"))
    assert relative == "../../kallor/003_7568518892398882.html#L7"
    for link in (relative, source_link(nested, source, 12, reports)):
        parsed = urlparse(link)
        assert parsed.scheme == "" and parsed.netloc == "" and not parsed.path.startswith("/")


@pytest.mark.parametrize(
    "source_file", ["../secret.txt", "/etc/passwd.txt", "a/b.txt", "javascript:alert(1).txt", "x.html", ""]
)
def test_names_that_lead_elsewhere_are_refused(tmp_path: Path, source_file: str) -> None:
    with pytest.raises(SourceNameError):
        source_link(tmp_path / "r.html", source_file, 1, tmp_path)


def test_pages_outside_the_reports_and_bad_lines_are_refused(tmp_path: Path) -> None:
    source = "003_7568518892398882.txt"
    with pytest.raises(ValueError, match="inte i rapportmappen"):
        source_link(tmp_path / "elsewhere" / "r.html", source, 1, tmp_path / "reports")
    for line in (0, -3, True):
        with pytest.raises(ValueError, match="radnummer"):
            source_link(tmp_path / "r.html", source, line, tmp_path)


def test_unchanged_views_are_not_rewritten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    shutil.copy(DATA_DIR / "sources" / "000_a9a73f1fbb1b2d92.txt", data / "sources")
    (page,) = write_source_views(
        data, tmp_path / "reports", {"000_a9a73f1fbb1b2d92.txt": "HSN 1430-2024"}
    ).values()
    before = page.stat().st_mtime_ns
    write_source_views(data, tmp_path / "reports", {"000_a9a73f1fbb1b2d92.txt": "HSN 1430-2024"})
    assert page.stat().st_mtime_ns == before and "Källtext: HSN 1430-2024" in page.read_text(encoding="utf-8")
