"""soup_markup.markup writes the text str(soup) writes, for any markup html.parser reads."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlib.report.soup_markup import markup


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
