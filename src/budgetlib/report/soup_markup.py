"""``str(soup)`` of a BeautifulSoup tree, the same text without bs4's per-node generality.

``str(soup)`` is ``Tag.decode`` with the "minimal" HTML formatter and no
indentation: for every tag in document order its opening, then its contents,
then its closing; the pieces below restate bs4's for exactly that case:

* opening tag (``Tag._format_tag``): ``<``, ``prefix:``, name, the attributes
  sorted, each ``key`` alone when its value is None, else
  ``key=quoted value``, with a list joined by spaces, a ``<meta>`` charset
  value (``AttributeValueWithCharsetSubstitution``) turned into the output
  encoding ``utf-8``, ``&``, ``<``, ``>`` escaped, and the quotes of
  ``EntitySubstitution.quoted_attribute_value``; then ``/`` when the tag is
  an empty void element, and ``>``. A hidden tag (the soup itself) writes no
  opening or closing, only its contents; an empty void element no closing.
* string (``NavigableString.output_ready``): a preformatted one (comment,
  doctype, declaration, CDATA, processing instruction) as it is; any other
  with ``&``, ``<``, ``>`` escaped unless its parent is ``script`` or
  ``style``; each between its class's ``PREFIX`` and ``SUFFIX``.

bs4 walks ``next_element`` links, this walks ``contents``; in a tree a parser
built both are document order. ``tests/test_soup_markup.py`` pins the source of
the bs4 methods restated here and compares the text with ``str(soup)``.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueWithCharsetSubstitution, NavigableString, PreformattedString

OUTPUT_ENCODING = "utf-8"  # bs4's DEFAULT_OUTPUT_ENCODING, which str(soup) uses
CDATA_CONTAINING_TAGS = frozenset({"script", "style"})  # the HTML formatter's: their text is not escaped


def _escaped(text: str) -> str:
    """``EntitySubstitution.substitute_xml``: ``&``, ``<`` and ``>`` as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(value: str) -> str:
    """``EntitySubstitution.quoted_attribute_value``."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _attribute(key: str, value: object) -> str:
    if value is None:
        return key
    if isinstance(value, list | tuple):
        text = " ".join(value)
    elif not isinstance(value, str):
        text = str(value)
    elif isinstance(value, AttributeValueWithCharsetSubstitution):
        text = value.substitute_encoding(OUTPUT_ENCODING)
    else:
        text = value
    return f"{key}={_quoted(_escaped(text))}"


def _opening(tag: Tag) -> str:
    attributes = "".join(" " + _attribute(key, value) for key, value in sorted(tag.attrs.items()))
    prefix = f"{tag.prefix}:" if tag.prefix else ""
    slash = "/" if tag.is_empty_element else ""
    return f"<{prefix}{tag.name}{attributes}{slash}>"


def _closing(tag: Tag) -> str:
    prefix = f"{tag.prefix}:" if tag.prefix else ""
    return f"</{prefix}{tag.name}>"


def _string(string: NavigableString, parent: Tag) -> str:
    if isinstance(string, PreformattedString) or parent.name in CDATA_CONTAINING_TAGS:
        text = str(string)
    else:
        text = _escaped(string)
    return string.PREFIX + text + string.SUFFIX


def markup(soup: BeautifulSoup) -> str:
    """The text ``str(soup)`` gives for a tree BeautifulSoup's ``html.parser`` built."""
    pieces: list[str] = []
    append = pieces.append
    pending: list[Tag | str] = [soup]  # a tag to open (with its contents), or a closing text to write
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            append(item)
            continue
        if not item.hidden:
            append(_opening(item))
            if item.is_empty_element:
                continue
            pending.append(_closing(item))
        for child in reversed(item.contents):
            if isinstance(child, Tag):
                pending.append(child)
            elif isinstance(child, NavigableString):
                pending.append(_string(child, item))
            else:  # bs4 has no third kind of node; a new one must not vanish from pages
                raise TypeError(f"no markup for a {type(child).__name__} node")
    return "".join(pieces)
