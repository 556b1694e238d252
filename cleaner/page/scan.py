r"""Find the lines a line pattern matches without asking every line.

A line rule asks of every line in its zone: does the pattern match this line's view? On a
report most rules match no line at all, and a Python loop over the lines costs more than the
matching. Every match of most patterns holds one of a few literals (see
:mod:`cleaner.literals`); the views of all lines joined by ``\n`` are searched for those
literals once, at C speed and in linear time, and only a line that holds one is given to the
pattern, exactly as before, so the result is the loop's. A pattern without required literals,
or not a :class:`re.Pattern` (a user's pattern run under a time limit), is asked line by line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from cleaner.literals import Needles
from cleaner.page.lines import Line

_needles: dict[Any, Needles | None] = {}
FEW_LINES = 8
"""Up to this many lines (a head or tail zone of a report) are asked one by one: searching
the whole document for the needles would read more text than asking them does."""


def needles(pattern: Any) -> Needles | None:
    r"""The literal needles of a compiled line pattern (cached), or None.

    >>> needles(re.compile(r"^来源[:：]")).regex.pattern
    '来源'
    >>> needles(re.compile(r"^\s*\d+\s*$")) is None
    True
    """
    if pattern not in _needles:
        if len(_needles) >= 4096:
            _needles.clear()
        _needles[pattern] = Needles.of(pattern) if isinstance(pattern, re.Pattern) \
            and isinstance(pattern.pattern, str) else None
    return _needles[pattern]


def matching_lines(pattern: Any, lines: list[Line], view: Callable[[Line], str],
                   joined: Callable[[], tuple[str, list[int]]],
                   folded: Callable[[], str] | None = None) -> Iterator[tuple[Line, Any]]:
    r"""``(line, match)`` for each of ``lines`` (in index order) whose view ``pattern`` matches.

    ``joined()`` gives the views of every line of the document joined by ``\n`` and the
    offset of each line in it (built once per text version by the caller); ``folded()``, when
    given, that text case-folded (:func:`cleaner.literals.fold_case`), which the needles of
    every case-blind pattern search, so the caller folds it once for all its rules.

    >>> from cleaner.page.lines import split_lines
    >>> ls = split_lines("正文第一段。\n来源：新华社\n正文第二段。\n来源：人民网")
    >>> views = [ln.text.replace("：", ":") for ln in ls]
    >>> offsets = [ln.start for ln in ls]  # the views have the lines' lengths here
    >>> [(ln.index, m[1]) for ln, m in matching_lines(re.compile(r"^来源:(\S+)"), ls,
    ...     lambda ln: views[ln.index], lambda: ("\n".join(views), offsets))]
    [(1, '新华社'), (3, '人民网')]
    """
    search = pattern.search
    scan = needles(pattern) if len(lines) > FEW_LINES else None
    if scan is None:
        for line in lines:
            match = search(view(line))
            if match is not None:
                yield line, match
        return
    text, starts = joined()
    find = scan.regex.search
    if scan.ignorecase:
        text = folded() if folded is not None else scan.fold(text)
    j, n = 0, len(lines)
    # no needle of the last line ends past its view: the text below it is never read (a head
    # zone's search stops at the head, not at the end of the page)
    limit = starts[lines[-1].index] + len(view(lines[-1]))
    while j < n:
        hit = find(text, starts[lines[j].index], limit)
        if hit is None:
            return
        k = bisect_right(starts, hit.start()) - 1
        while j < n and lines[j].index < k:
            j += 1
        if j < n and lines[j].index == k:
            match = search(view(lines[j]))
            if match is not None:
                yield lines[j], match
            j += 1
