"""Punctuation: converter comma artifacts and the width policy.

The width policy is the one Chinese style guides use: punctuation between Chinese
characters is full-width (``，。：；？！（）“”``), letters and digits are half-width. It is
applied only where the neighbours make the intent unambiguous: ``14:54``, ``1,000``,
``(PM2.5)`` and ``http://`` stay as they are.
"""

from __future__ import annotations

import re
from itertools import islice

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.text import CJK, fold_width

_CJK_CHAR = re.compile(f"[{CJK}]")
_CJK_OR_PUNCT = re.compile(f"[{CJK}，。、；：？！“”‘’（）《》〈〉【】「」『』…—]")
_FW_ALNUM = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:\uff0e[\uff10-\uff19]+)*"
)
_SIMPLE = {",": "，", ";": "；", "?": "？", "!": "！"}
_ASCII_MARK = re.compile(r"[,;?!:]")
_PAREN_RE = re.compile(r"\(([^()\n]{1,80})\)")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_OR_PUNCT.match(ch))


def normalize_width(text: str, ctx: OpContext) -> list[Span]:
    """Apply the width policy unless the run asked to keep punctuation as it is."""
    if ctx.options.get("punctuation", "full") == "keep":
        return []
    spans: dict[int, Span] = {}
    for m in _FW_ALNUM.finditer(text):
        spans[m.start()] = (m.start(), m.end(), fold_width(m.group(0)))
    for m in _ASCII_MARK.finditer(text):
        i, ch = m.start(), m.group(0)
        # a mark right after one just widened (?? !?) follows it, so one pass suffices
        before = spans[i - 1][2] if i - 1 in spans else (text[i - 1] if i > 0 else "")
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch == ":":
            wide = _is_cjk(before) and not after.isdigit() and after != "/"
        elif ch == ",":
            wide = _is_cjk(before) or (_is_cjk(after) and not before.isdigit())
        else:
            wide = _is_cjk(before)
        if wide:
            spans[i] = (i, i + 1, _SIMPLE.get(ch, "："))
    for m in _PAREN_RE.finditer(text):
        if _CJK_CHAR.search(m.group(1)):
            spans[m.start()] = (m.start(), m.start() + 1, "（")
            spans[m.end() - 1] = (m.end() - 1, m.end(), "）")
    return sorted(spans.values())


_STRAY_BEFORE_QUOTE = re.compile(r"[,，](?=[”’」』])")
_CONVERTER_SIGNATURE = re.compile(r"[,，][,，。、；！？]")
"""Two commas, or a comma before a stop (``,,`` ``,。``); written as one character class after
another so that ``re`` scans for the commas at C speed."""


def stray_comma_before_quote(text: str, ctx: OpContext, min_signatures: int = 2) -> list[Span]:
    """Drop a comma before a closing quote, but only in a document the converter marked.

    ``“你好，”他说`` is correct Chinese; a comma there is only an artifact when the same
    document shows the converter's habit of inserting commas (``,,`` ``,。``) elsewhere.
    """
    signatures = islice(_CONVERTER_SIGNATURE.finditer(text), min_signatures)  # enough seen
    if sum(1 for _ in signatures) < min_signatures:
        return []
    return [(m.start(), m.end(), "") for m in _STRAY_BEFORE_QUOTE.finditer(text)]
