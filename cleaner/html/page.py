"""One HTML page → the text the pipeline cleans, plus the plan of what the DOM says to remove.

The pipeline's input for a page is the *whole* page flattened, one block per line, headed by
the headline. What the DOM evidence decides (outside the article, furniture, link lists) is
not applied here: it travels with the record as a plan (see :data:`PLAN_KEY`) and the rules
``html.outside``, ``html.widget``, ``html.link_block`` and ``html.title`` apply it as edits,
so ``cleaner diff page.html`` shows every removed block named by the rule that removed it,
and switching a rule off keeps its blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cleaner.html import HEADLINE, PLAN_KEY
from cleaner.html.blocks import flatten, page_title, parse
from cleaner.html.decode import Decoded, decode_page
from cleaner.html.extract import decide
from cleaner.html.meta import page_meta

__all__ = ["HEADLINE", "PLAN_KEY", "HtmlPage", "read_page"]
_TITLE_SPLIT = re.compile(r"\s*(?:[_|–—-]{1,2}|\s-\s)\s*")


@dataclass(slots=True)
class HtmlPage:
    """A decoded, flattened page: ``text`` one block per line, ``meta`` with the plan."""

    text: str
    encoding: str
    meta: dict[str, Any] = field(default_factory=dict)


def read_page(data: bytes | str, http_charset: str | None = None) -> HtmlPage:
    """Decode (when given bytes), parse and flatten a page; raises ValueError for binary data.

    >>> page = read_page('<title>四川地震_新闻网</title><div><h1>四川地震</h1><p>正文第一段，很长的内容。'
    ...                  '</p><ul><li><a href="/">首页</a></li></ul></div>'.encode("gb18030"))
    >>> page.text.splitlines()
    ['四川地震_新闻网', '四川地震', '正文第一段，很长的内容。', '首页']
    >>> [p[1] for p in page.meta[PLAN_KEY]]
    ['html.title', 'html.title:headline', '', 'html.link_block']
    """
    if isinstance(data, str) and "\x00" in data[:4096]:
        raise ValueError("binary data, not an HTML page")
    decoded = decode_page(data, http_charset) if isinstance(data, bytes) \
        else Decoded(data, "utf-8", "given as text")
    info: dict[str, Any] = {"encoding": decoded.encoding, "decided_by": decoded.decided_by}
    if decoded.replaced:
        info["replaced_bytes"] = decoded.replaced
    root = parse(decoded.text)
    if root is None:
        return HtmlPage("", decoded.encoding, {"html": info})
    blocks = flatten(root)
    meta = page_meta(root)
    title = page_title(root) or meta.get("title", "")
    plan: list[list[str]] = []
    headline = _headline(title, [b.text for b in blocks])
    decisions = decide(blocks, headline)
    if title:
        plan.append([title, "html.title", "" if headline is not None else _short_title(title)])
    for i, (block, decision) in enumerate(zip(blocks, decisions, strict=True)):
        rule = decision.rule
        if i == headline:
            rule = HEADLINE  # kept, or removed by html.title under --no-title
        plan.append([block.text, rule, ""])
    info["blocks"] = len(blocks)
    info["removed"] = _evidence(plan[1:] if title else plan, decisions)
    meta["html"] = info
    meta[PLAN_KEY] = plan
    return HtmlPage("\n".join(p[0] for p in plan), decoded.encoding, meta)


def _headline(title: str, lines: list[str]) -> int | None:
    """The block that repeats the page title (the visible headline), if one does."""
    if not title:
        return None
    best = None
    for i, line in enumerate(lines[:400]):
        if len(line) >= 4 and line in title and (best is None or len(line) > len(lines[best])):
            best = i
    return best


def _short_title(title: str) -> str:
    """The page title without the site's name: the longest part between separators.

    >>> _short_title("龙湖集团暗伤曝露？_网易财经")
    '龙湖集团暗伤曝露？'
    """
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    return max(parts, key=len) if parts else title


def _evidence(plan: list[list[str]], decisions: list[Any]) -> list[dict[str, Any]]:
    """One entry per run of consecutive blocks removed by the same rule for the same reason."""
    out: list[dict[str, Any]] = []
    for (_text, rule, _new), decision in zip(plan, decisions, strict=True):
        if not rule or rule == HEADLINE:
            continue
        if out and out[-1]["rule"] == rule and out[-1]["why"] == decision.why:
            out[-1]["blocks"] += 1
        else:
            out.append({"rule": rule, "why": decision.why, "blocks": 1})
    return out
