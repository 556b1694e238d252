"""HTML that leaked into text: whole pages, stray tags, character entities."""

from __future__ import annotations

import html
import re

from cleaner.document import Span
from cleaner.ops import OpContext

# Only real HTML element names: Chinese text uses <...> as book-title marks (《印发<关于…>的通知》)
# and those must never be taken for tags.
_TAG_NAMES = (
    "a|abbr|article|aside|b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|font|footer|"
    "h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|meta|nav|ol|option|p|pre|"
    "s|script|section|select|small|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|"
    "thead|title|tr|tt|u|ul|wbr"
)
TAG_RE = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s+[^<>\u4e00-\u9fff]*?)?\s*/?>", re.I)
_BLOCK_TAG_RE = re.compile(r"^</?(?:p|br|div|li|tr|h[1-6]|table|ul|ol)\b", re.I)
ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SCRIPT_BLOCK_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def strip_tags(text: str, ctx: OpContext) -> list[Span]:
    """Remove HTML tags; a block tag between two runs of text becomes a line break."""
    spans: list[Span] = [(m.start(), m.end(), "") for m in _SCRIPT_BLOCK_RE.finditer(text)]
    taken = [(s, e) for s, e, _ in spans]
    for m in TAG_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        new = ""
        if _BLOCK_TAG_RE.match(m.group(0)):
            before = text[m.start() - 1] if m.start() > 0 else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            if before != "\n" and after != "\n":
                new = "\n"
        spans.append((m.start(), m.end(), new))
    return spans


def unescape_entities(text: str, ctx: OpContext) -> list[Span]:
    """``&nbsp;`` ``&amp;`` ``&#12290;`` … become the characters they name; unknown names stay."""
    spans: list[Span] = []
    for m in ENTITY_RE.finditer(text):
        value = html.unescape(m.group(0))
        if value == m.group(0):
            continue
        spans.append((m.start(), m.end(), value.replace("\xa0", " ")))
    return spans


_PAGE_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)


def page_to_text(text: str, ctx: OpContext, min_tags: int = 20) -> list[Span]:
    """A whole HTML page given as text becomes its visible text, one block per line.

    Only fires on a document that starts like a page or is dense with tags; stray tags in
    plain text are :func:`strip_tags`' job.
    """
    tags = len(TAG_RE.findall(text[:20000]))
    if not _PAGE_START.match(text) and tags < min_tags:
        return []
    if tags * 40 < len(text) and not _PAGE_START.match(text):
        return []
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for node in soup(["script", "style", "noscript", "template"]):
        node.decompose()
    lines = [ln.strip() for ln in soup.get_text("\n").split("\n")]
    visible = "\n".join(ln for ln in lines if ln)
    return [(0, len(text), visible)]


def dom_plan(text: str, ctx: OpContext, rule: str) -> list[Span]:
    """Apply what the DOM decided about a flattened HTML page, for the blocks labelled ``rule``.

    HTML readers (:mod:`cleaner.html.page`) put the page's visible text through the pipeline one
    block per line, with a plan naming the rule that removes each non-article block. The plan is
    matched to the current lines by their text (an earlier stage may have changed a line), and
    each run of consecutive lines the plan gives to ``rule`` becomes one edit. With the run option
    ``title`` off (``--no-title``), ``html.title`` removes the visible headline too.
    """
    from cleaner.html import HEADLINE, PLAN_KEY

    plan = ctx.meta.get(PLAN_KEY)
    if not plan:
        return []
    mine = {rule}
    if rule == "html.title" and not ctx.options.get("title", True):
        mine.add(HEADLINE)  # --no-title: the headline goes with the <title> line
    spans: list[Span] = []
    pos = 0
    j = 0
    for line in text.split("\n"):
        end = pos + len(line)
        k = next((k for k in range(j, min(j + 64, len(plan))) if plan[k][0] == line), None)
        if k is not None:
            j = k + 1
            if plan[k][1] in mine:
                new = plan[k][2] if ctx.options.get("title", True) else ""
                if new:
                    spans.append((pos, end, new))
                elif spans and spans[-1][1] == pos and not spans[-1][2]:
                    spans[-1] = (spans[-1][0], min(end + 1, len(text)), "")
                else:
                    spans.append((pos, min(end + 1, len(text)), ""))
        pos = end + 1
    if spans and spans[-1][1] == len(text) and not spans[-1][2] and spans[-1][0] > 0:
        spans[-1] = (spans[-1][0] - 1, spans[-1][1], "")  # no dangling newline at the end
    return spans
