"""Text from data is never markup or code, end to end.

A copy of the data whose nämnd names, titles, labels, diarienummer, notes
and texts carry script tags, event handlers, ``javascript:`` links and
``$…$`` builds reports in which all of it is plain text: checked with an
HTML parser on every page and by loading a report in headless Chromium.
Organisations come from the package's register (data format 2), so the
names data may choose are the nämnder's: each one starts like a
``javascript:`` URL and carries a script, a handler and mathtext.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from budgetlib.report.names import slug
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.slow  # every test reads one module-wide report build

SCRIPT = "<script>window.__pwned=1;document.title='PW'+'NED'</script>"
HANDLER = "<img src=x onerror=\"document.title='PW'+'NED'\">"
MARKDOWN_LINK = "[x](javascript:alert(1))"
HTML_LINK = '<a href="javascript:alert(1)">länk</a>'
MATH = r"$\frac{1}{2}$"
PAYLOADS = (SCRIPT, HANDLER, MARKDOWN_LINK, HTML_LINK, MATH)
MARKER = "PWNED"  # what the scripts and handlers write; the data itself never holds it in one piece
LINK_LIKE = "javascript:alert(1)//"  # a nämnd name that starts like a URL: its index link must not be one


def hostile_namnd(name: str) -> str:
    """A free nämnd name (no longer the register's code) carrying a payload of each kind."""
    return f"{LINK_LIKE}{name} {SCRIPT} {HANDLER} $x^2$"


# Free text gets every payload. Nämnd names get theirs from hostile_namnd, the same in every file.
NAMND_COLUMNS = {("committees.csv", "namnd"), ("documents.csv", "namnd")}
HOSTILE_COLUMNS = {
    "committees.csv": ("namnd", "name"),
    "documents.csv": ("diarienummer", "title", "namnd"),
    "tables.csv": ("title",),
    "amounts.csv": ("label",),
    "statements.csv": ("label",),
    "relations.csv": ("note",),
    "indicators.csv": ("goal", "subgoal", "indicator"),
    "assignments.csv": ("assignment", "directed_to"),
    "categories.csv": ("note",),
    "motions.csv": ("motion",),
    "positions.csv": ("statement",),
    "votes.csv": ("question",),
    "reference/kolada_n70061.csv": ("source",),
}
REGION = "Region Västerbotten"  # HSN and RS: supplements, forecast, investments, indicators, assignments
CHROMIUM = shutil.which("chromium")
# a scheme as browsers read one: letters first, after they drop tabs, line breaks and edge controls
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
EDGE = "".join(chr(code) for code in range(0x21))  # C0 controls and space


def hostile_copy(target: Path) -> Path:
    """The shipped data with a payload after every free-text value, and hostile nämnd names."""
    shutil.copytree(DATA_DIR, target)
    for name, columns in HOSTILE_COLUMNS.items():
        path = target / name
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        for row in rows:
            for column in columns:
                if (name, column) in NAMND_COLUMNS:
                    row[column] = hostile_namnd(row[column])
                elif row[column]:
                    row[column] += " " + " ".join(PAYLOADS)
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target


class Page(HTMLParser):
    """Elements, attributes and the text a reader sees (not script, style or title)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title: list[str] = []
        self._text: list[str] = []
        self._hidden = 0
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._hidden += tag in ("script", "style")
        self._in_title = self._in_title or tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)


def scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it, or None for a relative URL."""
    found = SCHEME.match(re.sub(r"[\t\n\r]", "", url).strip(EDGE))
    return found.group(1).lower() if found else None


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    target = tmp_path_factory.mktemp("reports")
    command = [sys.executable, "-m", "budgetlib.cli", "--data-dir", str(data), "report"]
    command += [
        "--region",
        REGION,
        "--reports-dir",
        str(target),
        "--jobs",
        "1",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def pages(reports: Path) -> dict[Path, Page]:
    found = sorted(p for p in reports.rglob("*.html") if ".build" not in p.parts)
    return {path: Page(path.read_text(encoding="utf-8")) for path in found}


def test_no_page_holds_a_script_a_handler_or_a_link_from_data(reports: Path) -> None:
    shown = pages(reports)
    sources = [p for p in shown if p.parent.name == "kallor"]
    assert len(shown) - len(sources) == 5  # HSN and RS, the reconciliation, the comparison, the index
    assert sources  # and the line-numbered source pages, checked the same way
    for path, page in shown.items():
        assert not [
            attrs for tag, attrs in page.elements if tag in ("script", "iframe", "object", "embed")
        ], path
        assert not [(tag, a) for tag, attrs in page.elements for a in attrs if a.lower().startswith("on")], (
            path
        )
        for tag, attrs in page.elements:
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                if name in attrs:
                    allowed = tag == "img" and attrs[name].startswith("data:image/png;base64,")
                    assert allowed or scheme(attrs[name]) is None, (path, tag, attrs[name][:80])


def test_every_payload_is_shown_as_text(reports: Path) -> None:
    shown = {path: page for path, page in pages(reports).items() if path.parent.name != "kallor"}
    for path, page in shown.items():
        shows = page.text + "".join(page.title)
        assert any(hostile_namnd(code) in shows for code in ("HSN", "RS")), path  # every page names a nämnd
    text = "".join(page.text for page in shown.values())
    for payload in PAYLOADS:
        assert payload in text
    namnd_pages = [page for path, page in shown.items() if path.parent.name == slug(REGION)]
    assert len(namnd_pages) == 2 and all(all(p in page.text for p in PAYLOADS) for page in namnd_pages)
    titles = sorted("".join(page.title) for page in namnd_pages)
    assert titles == [f"{hostile_namnd(code)} 2025 – {REGION}" for code in ("HSN", "RS")]


def test_index_links_are_paths_to_the_reports_even_for_a_name_like_a_url(reports: Path) -> None:
    index = Page((reports / "index.html").read_text(encoding="utf-8"))
    links = [attrs["href"] for tag, attrs in index.elements if tag == "a"]
    assert len(links) == 12  # HTML, PDF and notebook of four reports
    for href in links:
        assert scheme(href) is None and not href.startswith(("/", "\\"))
        target = (reports / unquote(href)).resolve()
        assert target.is_relative_to(reports.resolve()) and target.is_file(), href
    for code in ("HSN", "RS"):
        assert f"{hostile_namnd(code)} 2025 – {REGION}" in index.text  # the name is the link's text
        assert f"{slug(REGION)}/{slug(hostile_namnd(code))}-2025.html" in links


def test_executed_notebooks_hold_only_escaped_markdown_and_no_warnings(reports: Path) -> None:
    notebooks = [p for p in reports.rglob("*.ipynb") if ".build" not in p.parts]
    assert len(notebooks) == 4
    for path in notebooks:
        outputs = [
            o
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
            for o in cell.get("outputs", [])
        ]
        assert not [o for o in outputs if o["output_type"] in ("stream", "error")], (
            path
        )  # no mathtext error either
        markdown = "".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
        assert (
            markdown
            and "<script" not in markdown
            and "<img" not in markdown
            and "](javascript" not in markdown
        )


def _dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
               "--virtual-time-budget=3000", "--dump-dom", page.as_uri()]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package 'chromium') is not installed")
def test_no_script_from_data_runs_in_a_browser(reports: Path, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(
        f"<!DOCTYPE html><title>kontroll</title><body>{' '.join(PAYLOADS)}</body>", encoding="utf-8"
    )
    assert "".join(Page(_dump_dom(control, tmp_path / "profile")).title) == MARKER  # they run as markup

    report = reports / slug(REGION) / f"{slug(hostile_namnd('HSN'))}-2025.html"
    dom = Page(_dump_dom(report, tmp_path / "profile"))
    assert MARKER not in "".join(dom.title) and MARKER not in dom.text
    assert "".join(dom.title) == f"{hostile_namnd('HSN')} 2025 – {REGION}"
    assert all(payload in dom.text for payload in PAYLOADS)
    assert not [tag for tag, _ in dom.elements if tag == "script"]
