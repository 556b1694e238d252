"""A parsed page flattened into blocks: one line of visible text per block, with its DOM place.

A browser starts a new line at block elements (``p``, ``div``, ``li``, ``td``, ``br`` …); the
text between two such boundaries is one :class:`Block`. Each block remembers the element that
holds it and how much of its text sits inside links, which is the evidence the main-content
decision (:mod:`cleaner.html.extract`) works from. The walk is iterative, so the deeply nested
markup that unclosed ``<font>`` tags produce cannot exhaust the recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
    "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "select", "option", "textarea", "button",
    "iframe", "object", "embed", "svg", "canvas", "map", "input", "audio", "video", "math",
})
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


@dataclass(slots=True)
class Block:
    """One line of visible text: the element that holds it and its share of link text."""

    text: str
    node: html.HtmlElement
    link_chars: int
    plain: str = ""  # the text outside links
    image: bool = False  # the block shows an image's caption (alt text)

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text.replace(" ", "")))


def parse(text: str) -> html.HtmlElement | None:
    """Parse a page (a fragment without ``<html>`` too); None when there is no element at all."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def page_title(root: html.HtmlElement) -> str:
    """The ``<title>`` text, whitespace collapsed."""
    node = root.find(".//title")
    return _SPACE.sub(" ", node.text_content()).strip() if node is not None else ""


def flatten(root: html.HtmlElement) -> list[Block]:
    """The visible text of the page as blocks, in reading order."""
    blocks: list[Block] = []
    parts: list[str] = []
    plain: list[str] = []
    link_chars = 0
    owners: list[html.HtmlElement] = [root]
    links = 0  # how many <a> elements are open
    numbers: dict[html.HtmlElement, int] = {}  # the last number given in each <ol>
    image = False

    def flush() -> None:
        nonlocal link_chars, image
        line = _SPACE.sub(" ", "".join(parts)).strip()
        if line:
            blocks.append(Block(line, owners[-1], link_chars, _SPACE.sub("", "".join(plain)),
                                image))
        parts.clear()
        plain.clear()
        image = False
        link_chars = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if links:
                link_chars += len(_SPACE.sub("", text))
            else:
                plain.append(text)

    stack: list[tuple[html.HtmlElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            if tag in BLOCK_TAGS:
                flush()
                owners.pop()
            if tag == "a":
                links -= 1
            add(node.tail)
            continue
        if not tag or tag in SKIP_TAGS:  # comments, processing instructions, scripts
            add(node.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
            owners.append(node)
            parent = node.getparent()
            if tag == "li" and parent is not None and parent.tag == "ol":
                numbers[parent] = numbers.get(parent, _start(parent) - 1) + 1
                add(f"{numbers[parent]}. ")  # the number a browser shows
        elif tag == "img":
            alt = _alt_text(node)
            if alt:
                add(alt)
                image = True
        if tag == "a":
            links += 1
        add(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    flush()
    return blocks


def _alt_text(node: html.HtmlElement) -> str:
    """An image's alt text when it is a caption (holds Chinese), as text browsers show it."""
    alt = _SPACE.sub(" ", node.get("alt") or "").strip()
    return f" {alt} " if _CJK.search(alt) else ""


def _start(ol: html.HtmlElement) -> int:
    try:
        return int(ol.get("start") or 1)
    except ValueError:
        return 1
