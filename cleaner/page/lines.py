"""Lines with their offsets, and the zones (head, body, tail) of a document.

Chrome sits around the report: breadcrumbs and datelines above the first paragraph, editor
lines and related-news lists below the last. A *prose line* is one a reporter wrote: long
enough and punctuated like sentences. Everything before the first prose line is the head
zone, everything after the last is the tail zone; line rules with a zone never look inside
the body, which is what keeps them from eating a sentence that happens to look like chrome.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from cleaner.text import cjk_count

_SENTENCE_END = re.compile(r"[。！？!?；;]")
PROSE_CJK = 12
"""Han characters a prose line has at least."""
_COMMA = re.compile(r"[，,、]")


class Line(NamedTuple):
    """One line of a text version: its index, where it starts and ends, its text.

    A named tuple, not a dataclass: every version of every document is split into lines
    again, and a tuple is built five times faster than a frozen dataclass.
    """

    index: int
    start: int
    end: int  # end of the line's text, before its newline
    text: str


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (split at line breaks), with their offsets.

    >>> [(ln.index, ln.start, ln.end, ln.text) for ln in split_lines("ab\\n\\nc")]
    [(0, 0, 2, 'ab'), (1, 3, 3, ''), (2, 4, 5, 'c')]
    """
    return lines_of(text.split("\n"))


def lines_of(texts: list[str]) -> list[Line]:
    """:class:`Line` tuples of ``texts``, the lines of the texts joined by line breaks,
    built by C calls only (``tuple.__new__`` over zipped columns): a Python loop or the named
    tuple's own constructor costs several times as much per line, for every text version."""
    lengths = list(map(len, texts))
    starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
    return list(map(tuple.__new__, repeat(Line),
                    zip(range(len(texts)), starts, map(add, starts, lengths), texts, strict=True)))


def line_removal_span(text: str, line: Line) -> tuple[int, int]:
    """The span that removes ``line`` with its newline (see :func:`merge_removals` for the last)."""
    return line.start, min(line.end + 1, len(text))


def is_prose(line: str) -> bool:
    """Whether a line reads like body prose rather than a widget, heading or list item."""
    stripped = line.strip()
    if len(stripped) < 20:
        return False
    return is_prose_counted(stripped, cjk_count(stripped))


def is_prose_counted(stripped: str, cjk: int) -> bool:
    """:func:`is_prose` for a stripped line whose Han characters are already counted."""
    if len(stripped) < 20 or cjk < PROSE_CJK:
        return False
    return _SENTENCE_END.search(stripped) is not None or len(_COMMA.findall(stripped)) >= 2


def merge_removals(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join whole-line removals that touch, and let a removal at the very end take the newline
    before it, so that removing the last lines leaves no dangling line break (also when a blank
    line joins it to an earlier removal).

    >>> merge_removals("a\\nb\\n\\nc", [(2, 4, ""), (5, 6, "")])  # b and c go: "a" is left
    [(1, 6, '')]
    """
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if out and span[0] <= out[-1][1]:
            prev = out.pop()
            span = (prev[0], max(prev[1], span[1]), "")
        out.append(span)
    if out and out[-1][1] == len(text):
        start = out.pop()[0]
        # the line break before the removed tail goes too; when that reaches an earlier
        # removal (a blank line between them), the two join and the break before it goes
        while start > 0 and text[start - 1] == "\n":
            start -= 1
            if not out or out[-1][1] != start:
                break
            start = out.pop()[0]
        out.append((start, len(text), ""))
    return out


@lru_cache(maxsize=4)
def _line_index(text: str) -> tuple[list[str], dict[str, list[int]]]:
    """The stripped non-blank lines of ``text`` and where each occurs (kept for the few texts a
    stage started from: every context rule of every round compares with the same one)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    where: dict[str, list[int]] = defaultdict(list)
    for k, line in enumerate(lines):
        where[line].append(k)
    return lines, dict(where)


def matched_lines(before: str, after: list[str]) -> tuple[list[str], list[int | None]]:
    """The stripped non-blank lines of ``before`` and, for each line of ``after``, the index of
    the line of ``before`` it is (None for an edited line): each is matched, in order, to the
    first equal line of ``before`` after the previous match.

    >>> matched_lines("菜单\\n汽车\\n打印\\n正文", ["汽车", "正文"])
    (['菜单', '汽车', '打印', '正文'], [1, 3])
    """
    lines, where = _line_index(before)
    found: list[int | None] = []
    j = 0
    for line in after:
        spots = where.get(line, [])
        pos = bisect_left(spots, j)
        if pos == len(spots):
            found.append(None)
            continue
        found.append(spots[pos])
        j = spots[pos] + 1
    return lines, found


def removed_lines(before: str, after: list[str]) -> list[tuple[bool, bool] | None]:
    """For each line of ``after`` (stripped, non-blank), whether its neighbours above and below
    in ``before`` were removed, or None when ``before`` has no such line (an edited line).
    Lines are matched in order, each to the first equal line of ``before`` after the previous
    match; the page's edges count as neither.

    >>> removed_lines("菜单\\n汽车\\n打印\\n正文", ["汽车", "正文"])
    [(True, True), (True, False)]
    """
    lines, found = matched_lines(before, after)
    kept = [False] * len(lines)
    for k in found:
        if k is not None:
            kept[k] = True
    out: list[tuple[bool, bool] | None] = []
    for k in found:
        if k is None:
            out.append(None)
            continue
        above = k > 0 and not kept[k - 1]
        below = k + 1 < len(lines) and not kept[k + 1]
        out.append((above, below))
    return out
