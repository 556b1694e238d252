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

_FULLWIDTH_TO_ASCII = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TO_ASCII["\u3000"] = " "
_WIDTH_TABLE = str.maketrans(_FULLWIDTH_TO_ASCII)
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
SHORT_FOLD = 32
"""Up to this length a text is folded with ``str.translate`` (one call beats a few searches)."""


def fold_width(text: str) -> str:
    """Full-width ASCII forms (U+FF01–FF5E) and the ideographic space to ASCII; same length.

    A longer text gets one ``str.replace`` per distinct full-width character it holds (a
    report uses a handful: ，：（）；): each is a copy at memory speed, while ``str.translate``
    looks every character up in its table, ten times slower on Chinese text.

    >>> fold_width("１２：３０，（ＰＭ２.５）")
    '12:30,(PM2.5)'
    """
    if len(text) <= SHORT_FOLD:
        return text.translate(_WIDTH_TABLE)
    found = _HAS_FULLWIDTH.search(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, _FULLWIDTH_TO_ASCII[char])
        found = _HAS_FULLWIDTH.search(text, found.start())  # nothing full-width before it
    return text


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
    view = _primed.get(line)
    if view is not None:
        return view
    if len(line) <= MAX_CACHED_LINE:
        return _cached_view(line)
    return _view(line)


_primed: dict[str, str] = {}
MAX_PRIMED_CHARS = 1_000_000
"""Characters of lines whose views :func:`prime_views` keeps; the table starts afresh when
it holds more (a line longer than this is left to :func:`match_view`)."""
_primed_chars = 0


def prime_views(lines: list[str]) -> None:
    """Compute the views of many lines at once: one width fold and one OpenCC call for all the
    lines not seen yet, instead of one call per line (the per-call cost dominates on short lines).

    OpenCC's dictionary phrases never contain a line break, so converting the lines joined by
    ``\n`` converts each line exactly as converting it alone does; a line without Han
    characters keeps its folded form, as :func:`match_view` does.

    >>> prime_views(["來源：人民網", "2024-01-01", "正文"])
    >>> match_view("來源：人民網"), match_view("2024-01-01")
    ('来源:人民网', '2024-01-01')
    """
    global _primed_chars
    todo = list(dict.fromkeys(ln for ln in lines if ln not in _primed
                              and len(ln) < MAX_PRIMED_CHARS))
    if not todo:
        return
    size = sum(map(len, todo))
    if _primed_chars + size > MAX_PRIMED_CHARS:
        _primed.clear()
        _primed_chars = 0
    _primed_chars += size
    folded = fold_width("\n".join(todo))
    simplified = _t2s().convert(folded) if CJK_RE.search(folded) else folded
    folded_lines, views = folded.split("\n"), simplified.split("\n")
    if len(views) != len(todo):  # never expected; the per-line path stays correct
        return
    for line, plain, view in zip(todo, folded_lines, views, strict=True):
        _primed[line] = view if CJK_RE.search(plain) else plain


def _view(line: str) -> str:
    folded = fold_width(line)
    if not CJK_RE.search(folded):
        return folded
    return to_simplified(folded)


_cached_view = lru_cache(maxsize=65536)(_view)


_NON_CJK = re.compile(f"[^{CJK}]+")


def cjk_count(text: str) -> int:
    """How many Han characters ``text`` holds: its length less the runs of anything else
    (finding the runs costs about half of building the text without them).

    >>> cjk_count("新华社北京5月1日电（记者 王磊）")
    12
    """
    return len(text) - sum(map(len, _NON_CJK.findall(text)))
