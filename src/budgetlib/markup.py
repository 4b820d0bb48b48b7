"""Text from data into report Markdown and HTML: always literal text, never markup or code.

Every name, label, title or note that comes from data passes through
:func:`literal` before it is put into Markdown, so a cell holding
``<script>``, ``[x](javascript:…)``, ``**`` or ``$\\frac{1}{2}$`` shows
exactly those characters. Tables need no such step: ``display.Table``
renders with pandas' HTML escaping.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from dataclasses import dataclass

# ASCII punctuation that means something to HTML, CommonMark, GitHub-flavoured Markdown (autolinks,
# tables, strikethrough) or at the start of a Markdown block. The others (, ; / ? %) mean nothing
# once these are escaped, and stay as they are so that stored outputs remain readable.
MARKUP_CHARACTERS = frozenset(string.punctuation) - frozenset(",;/?%")
# Characters that start TeX math ($…$, \(…\)) where JupyterLab or MathJax typesets a page.
MATH_CHARACTERS = frozenset("$\\")
# The class MathJax (2 and 3) leaves alone, with everything inside it.
NO_MATH = "tex2jax_ignore"
_REFERENCES = {ord(character): f"&#{ord(character)};" for character in MARKUP_CHARACTERS}
# line and paragraph breaks would start a new Markdown block (a heading, a list, a code block)
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
# spaces at the start would indent (a code block in a list item), two at the end break the line,
# and renderers strip any whitespace at either end
_EDGE_SPACES = re.compile(r"^\s+|\s+$")


def literal(value: object) -> str:
    """``value`` as Markdown that shows exactly its characters, in any Markdown or HTML renderer.

    Markup characters become numeric character references (``<`` → ``&#60;``),
    which CommonMark renders as the character and never reads as syntax and
    which are already escaped HTML. Line breaks and other control characters
    become spaces; whitespace at either end becomes references too. Text with
    ``$`` or ``\\`` is wrapped in a span that MathJax skips, so JupyterLab
    shows it as typed, not as a formula.
    """
    raw = str(value)
    text = "".join(" " if unicodedata.category(ch) in _BREAKS else ch for ch in raw).translate(_REFERENCES)
    text = _EDGE_SPACES.sub(lambda spaces: "".join(f"&#{ord(ch)};" for ch in spaces.group()), text)
    return f'<span class="{NO_MATH}">{text}</span>' if MATH_CHARACTERS.intersection(raw) else text


def code(value: object) -> str:
    """``value`` in a code font, as literal text (a Markdown code span would not take escapes)."""
    return f"<code>{literal(value)}</code>"


# a URL scheme as browsers read one (``javascript:``, ``data:``): links in reports are relative only
_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.\-]*:")
# what a relative link built by budgetlib.report_links may hold: a percent-encoded path that does not
# start at a root or a host (``/etc``, ``//host``) and an anchor, itself percent-encoded (a heading's id)
_RELATIVE = re.compile(r"(?!/)[A-Za-z0-9/._~%\-]*(#[A-Za-z0-9_%\-]+)?")


def safe_href(href: str) -> str:
    """``href`` if it is a plain relative link (percent-encoded path, optional ``#anchor``), else ``""``."""
    return href if href and not _SCHEME.match(href) and _RELATIVE.fullmatch(href) else ""


@dataclass(frozen=True)
class Link:
    """Text from data that links to a relative ``href`` (a source line, another report).

    The text is always literal; an ``href`` that is not a plain relative link
    is dropped and the text shown without a link.
    """

    text: str
    href: str

    def markdown(self) -> str:
        href = safe_href(self.href)
        return f"[{literal(self.text)}]({href})" if href else literal(self.text)

    def html(self) -> str:
        href = safe_href(self.href)
        text = html.escape(self.text)
        return f'<a href="{html.escape(href)}">{text}</a>' if href else text

    def __str__(self) -> str:
        return self.text
