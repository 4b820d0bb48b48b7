"""soup_markup.markup writes the text str(soup) writes, for any markup html.parser reads."""

from __future__ import annotations

import hashlib
import inspect

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import NavigableString, PageElement, PreformattedString
from bs4.formatter import Formatter, HTMLFormatter
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlib.report.soup_markup import CDATA_CONTAINING_TAGS, markup

RESTATED = (
    BeautifulSoup.decode,
    Tag.decode,
    Tag._event_stream,
    Tag._format_tag,
    vars(Tag)["is_empty_element"].fget,
    NavigableString.output_ready,
    PreformattedString.output_ready,
    PageElement.format_string,
    Formatter.substitute,
    Formatter.attribute_value,
    Formatter.attributes,
    EntitySubstitution.quoted_attribute_value,
    EntitySubstitution.substitute_xml,
    EntitySubstitution._substitute_xml_entity,
)
# sha256 of the sources above in beautifulsoup4 4.15.0
RESTATED_SHA256 = "50ad2227d615244dae5eff8b3674b2427548bef1ee56005159f52697fcaaecf6"


def test_the_bs4_code_restated_is_that_of_today() -> None:
    sources = "".join(inspect.getsource(function) for function in RESTATED)
    assert hashlib.sha256(sources.encode()).hexdigest() == RESTATED_SHA256, (
        "beautifulsoup4 changed how str(soup) writes a tree: make soup_markup.markup do what it does"
        " now, then update RESTATED_SHA256"
    )
    minimal = HTMLFormatter.REGISTRY["minimal"]
    assert minimal.entity_substitution == EntitySubstitution.substitute_xml
    assert (minimal.void_element_close_prefix, minimal.empty_attributes_are_booleans) == ("/", False)
    assert minimal.cdata_containing_tags == CDATA_CONTAINING_TAGS
    assert EntitySubstitution.AMPERSAND_OR_BRACKET.pattern == "([<>&])"


def same(html: str) -> None:
    soup = BeautifulSoup(html, features="html.parser")
    assert markup(soup) == str(soup)


ODD = """<!DOCTYPE html><?php echo 1 ?><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Type" content="text/html; charset=latin-1"><title>a & b < c</title>
<style>p > a { content: "&amp;" }</style><script>if (a < b && c) {}</script></head>
<body class="  x\ty  " data-a='"' data-b="'" data-c="&quot;'" data-d="&lt;&amp;&gt;" hidden>
<!-- kommentar & <b> --><![CDATA[ x < y ]]><!ELEMENT br EMPTY>
<p>öppen <p>igen</b> &nbsp;&#8722;&#x2212;&#150;&copy &unknown; &amp;amp;</p>
<br></br><br/><img src=x alt><P/><svg:rect/><td><textarea>&lt;b&gt;  </textarea><pre>
 x </pre>   \n   <template><img></template><div></span></div>😀\u00a0</body></html>"""


def test_odd_markup() -> None:
    same(ODD)


TOKENS = st.sampled_from(
    [
        "<div>", "</div>", "<p>", "</p>", "<br>", "</br>", "<br/>", "<img src='a\"b'>", '<img alt="">',
        "<span class=' a  b '>", "</span>", "<table>", "<td>", "</tr>", "<pre>", "</pre>", "<textarea>",
        "</textarea>", "<script>", "</script>", "<style>", "</style>", "<template>", "</template>",
        "<!-- c -->", "<![CDATA[d]]>", "<?pi?>", "<!DOCTYPE html>", '<meta charset="latin-1">',
        "<a href='?a=1&b=2' title=\"'\\\"\">", "</a>", "<b\tid=x ID=y>", "&amp;", "&lt;", "&nbsp;",
        "&#39;", "&#150;", "&bogus;", "&", "<", ">", '"', "'", " ", "\n", "  \n ", "text", "åäö", "😀",
        "\u00a0", "<input disabled>", "<P/>", "</unopened>",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=40))
def test_any_sequence_of_markup_pieces(tokens: list[str]) -> None:
    same("".join(tokens))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>&;#/!?-'\"= abp\n\u00a0x"), max_size=80))
def test_any_text_of_markup_characters(text: str) -> None:
    same(text)
