"""Text from data shown in report Markdown and tables: always literal text, never markup."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser

import mistune
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from budgetlib import report_text
from budgetlib.findings import Check, Finding, Findings, Status
from budgetlib.markup import NO_MATH, Link, code, literal, safe_href
from budgetlib.table import Table

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">länk</a>',
    r"$\frac{1}{2}$",
    r"\(x\) $$y$$",
    "**fet** _kursiv_ `kod` ~~bort~~ ==märkt==",
    "# rubrik\n- punkt\n1. lista\n    kod\n> citat\n---",
    "https://example.com www.example.com kontakt@example.com <https://example.com>",
    "| a | b |\n|---|---|\n| c | d |",
    "&amp; &lt;b&gt; &#60; &#x3C; &unknown;",
    "![bild](https://example.com/x.png)",
    "[^1] [länk][ref]\n\n[ref]: javascript:alert(1)",
    "    indraget",
    "rad  \nbryts",
    "Region Värmland \u00a0 9\u00a0065 \u2212637 \u202eomvänd",
]
# mistune with every plugin it ships, raw HTML allowed: stricter than the renderers the reports meet
PERMISSIVE = mistune.create_markdown(
    escape=False,
    plugins=[
        "strikethrough",
        "footnotes",
        "table",
        "url",
        "abbr",
        "def_list",
        "math",
        "mark",
        "insert",
        "superscript",
        "subscript",
        "task_lists",
        "spoiler",
        "ruby",
    ],
)
MARKUP_TEXT = st.text(st.sampled_from([*string.punctuation, " ", "\n", "\t", "\r", "a", "1", "å", "\u00a0"]))


class Parsed(HTMLParser):
    """Tags, attributes and decoded text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    @property
    def tag_names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    @property
    def urls(self) -> list[str]:
        return [v or "" for _, attrs in self.tags for k, v in attrs.items() if k in ("href", "src")]


def shown(value: str) -> str:
    """What a reader must see: the value, with line breaks and other control characters as spaces."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)


def data_tags(parsed: Parsed) -> set[str]:
    """Tags other than the math-free span that ``literal`` itself adds."""
    return {tag for tag, attrs in parsed.tags if not (tag == "span" and attrs == {"class": NO_MATH})}


@pytest.mark.parametrize("render", [markdown2html_mistune, PERMISSIVE], ids=["nbconvert", "all-plugins"])
@pytest.mark.parametrize(
    ("template", "tags"),
    [("Text {} slut.", {"p"}), ("## {}", {"h2", "a"}), ("- {}", {"ul", "li"}), ("**{}**", {"p", "strong"})],
)
@pytest.mark.parametrize("value", HOSTILE)
def test_literal_text_renders_as_itself_in_every_markdown_context(
    render: Callable[[str], str], template: str, tags: set[str], value: str
) -> None:
    html = str(render(template.format(literal(value))))
    parsed = Parsed(html)
    assert data_tags(parsed) <= tags, html
    assert shown(value) in parsed.text, html
    assert all(url.startswith("#") for url in parsed.urls), html  # only a heading's own anchor


@pytest.mark.slow
@given(MARKUP_TEXT | st.text())
def test_any_text_renders_as_itself_and_makes_no_markup(value: str) -> None:
    for render in (markdown2html_mistune, PERMISSIVE):
        parsed = Parsed(str(render(f"- {literal(value)}")))
        assert data_tags(parsed) <= {"ul", "li"}
        assert parsed.text.strip("\n") == shown(value)


def test_ordinary_names_stay_readable_and_math_characters_are_kept_from_mathjax() -> None:
    assert literal("Region Värmland, HSN, 2025") == "Region Värmland, HSN, 2025"
    assert literal("Hälso- och sjukvård") == "Hälso&#45; och sjukvård"
    assert literal(r"$\frac{1}{2}$").startswith(f'<span class="{NO_MATH}">')
    assert code("a/b-c.html") == "<code>a/b&#45;c&#46;html</code>"


@pytest.mark.parametrize(
    "href",
    [
        "index.html",
        "../kallor/003_7568518892398882.html#L38",  # a source line, from a region's folder
        "region-varmland/hsn-2025.html#Avst%C3%A4mning",  # nbconvert's id of the heading "Avstämning"
        "avstamning-region-j%C3%A4mtland.html",
    ],
)
def test_relative_links_the_reports_build_are_kept(href: str) -> None:
    assert safe_href(href) == href
    assert Link("text", href).markdown() == f"[text]({href})"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "/etc/passwd",  # a root: outside the reports folder
        "//evil.example/x.html",  # a host, scheme-relative
        'a.html#x"onmouseover="alert(1)',
        "a.html#%22><script>alert(1)</script>",
        "a.html#L1#L2",
        "a.html#",
        "a.html?q=1",
        "a b.html",
        "",
    ],
)
def test_links_that_are_not_plain_relative_links_are_dropped_and_the_text_kept(href: str) -> None:
    assert safe_href(href) == ""
    assert Link("text", href).markdown() == "text"


def test_tables_escape_every_cell_and_header_and_keep_mathjax_out() -> None:
    frame = pd.DataFrame({HOSTILE[3]: HOSTILE[:3], "Belopp": ["9\u00a0065 mkr", HOSTILE[4], ""]})
    parsed = Parsed(Table(frame)._repr_html_())
    assert parsed.tag_names == {"table", "thead", "tbody", "tr", "th", "td"}
    assert all(HOSTILE[i] in parsed.text for i in range(5))
    assert parsed.tags[0] == ("table", {"class": f"dataframe {NO_MATH} whole"})  # short: kept on one page


def _finding(relation: str, message: str, doc_id: str) -> Finding:
    return Finding(
        doc_ids=(doc_id,),
        subject=relation,
        check=Check.SUM,
        relation=relation,
        expected=1.0,
        actual=2.0,
        difference=1.0,
        tolerance=0.5,
        unit="mkr",
        status=Status.MISMATCH,
        message=message,
        figure_ids=("t:r",),
        provenance="x.txt:1",
    )


def test_report_sentences_keep_names_labels_and_messages_literal() -> None:
    a, b, c, d, e = HOSTILE[:5]
    findings = Findings((_finding(a, b, c), _finding(d, e, "004")))
    document = {
        "doc_id": "003",
        "region": a,
        "namnd": b,
        "budget_year": 2025,
        "title": c,
        "diarienummer": d,
        "kind": "protokoll",
        "date": pd.Timestamp("2025-01-02"),
    }
    texts = {
        report_text.namnd_heading(a, b, c, 2025): [a, b, c],
        report_text.document_heading(document): [a, b, c, d, "2025-01-02"],
        report_text.failing_text(findings): [a, b, d, e],
        report_text.failing_by_status(findings): [a, b, d, e, "avvikelse"],
        report_text.reconciliation_text(findings): [a, b, c, d, e],
        report_text.selection_summary(a, b, 2025, 1, 2): [f"{a}, {b}, 2025"],
        report_text.compared_text([{"region": a, "namnd": b, "budget_year": 2025}]): [f"{a} {b} 2025"],
        report_text.compared_text(
            [{"region": a, "namnd": b, "budget_year": 2025}, {"region": c, "namnd": d, "budget_year": 2024}]
        ): [f"{a}: {b} 2025", f"{c}: {d} 2024"],
        report_text.bullets(report_text.kolada_gaps(pd.DataFrame({"area": [c]}), [c, e])): [e],
        report_text.build_result(d, "klar"): [d],
    }
    for markdown, expected in texts.items():
        parsed = Parsed(markdown2html_mistune(markdown))
        assert data_tags(parsed) <= {"p", "h2", "h3", "a", "ul", "li", "strong", "code"}, markdown
        assert all(url.startswith("#") for url in parsed.urls), markdown
        for value in expected:
            assert value in parsed.text, (value, markdown)
