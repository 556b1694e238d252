"""Character classes and cheap views of text shared by the ops.

Rules are written once, in Simplified and half-width ASCII; :func:`match_view` gives every
line rule a Simplified, width-folded view of the line so that ``来源:`` also matches
``來源：`` without each pattern spelling both scripts and both widths.
"""

from __future__ import annotations

import re
from functools import lru_cache

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
"""Han ideographs (unified, extension A, compatibility, supplementary planes)."""

CJK_RE = re.compile(f"[{CJK}]")

_FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TO_ASCII[0x3000] = 0x20


_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    """Full-width ASCII forms (U+FF01–FF5E) and the ideographic space to ASCII; same length."""
    if _HAS_FULLWIDTH.search(text) is None:  # the common case, at C speed
        return text
    return text.translate(_FULLWIDTH_TO_ASCII)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC (cached: chrome lines repeat across a corpus)."""
    return _t2s().convert(text)


MAX_CACHED_LINE = 512
"""Lines up to this length keep their views in a cache: page chrome repeats across a corpus and
every version of a document shares most of its lines with the one before."""


def match_view(line: str) -> str:
    """The form line rules match against: Simplified script, ASCII-width punctuation."""
    if len(line) <= MAX_CACHED_LINE:
        return _cached_view(line)
    return _view(line)


def _view(line: str) -> str:
    folded = fold_width(line)
    if not CJK_RE.search(folded):
        return folded
    return to_simplified(folded)


_cached_view = lru_cache(maxsize=65536)(_view)


_NON_CJK = re.compile(f"[^{CJK}]+")


def cjk_count(text: str) -> int:
    """How many Han characters ``text`` holds."""
    return len(_NON_CJK.sub("", text))
