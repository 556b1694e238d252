r"""Find the lines a line pattern matches with searches over the whole document, not per line.

A line rule asks of every line in its zone: does the pattern match this line's view? On a
report most rules match no line at all, and a Python loop over the lines costs more than the
matching. The views of all lines joined by ``\n`` form one string; the same pattern compiled
with ``re.MULTILINE`` matches there wherever it matches a line alone (``^`` and ``$`` meet
every line's ends, and the separator only adds places to match), so a search that finds
nothing from a line on proves that no later line matches, and a search that finds something
names the first line worth asking. Each candidate line is then asked exactly as before, so the
result is the same as the loop's.

The converse direction fails for constructs that a following line can refute: a negative
lookaround, an atomic group or possessive repeat that swallows the separator, ``\A``/``\Z``.
Patterns holding any of them are asked line by line, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from cleaner.page.lines import Line

_REFUTABLE = ("(?!", "(?<!", "(?>", "*+", "++", "?+", "}+", "\\A", "\\Z", "\\z")
"""Source fragments that make a pattern's match on a line depend on what follows it."""
_multiline: dict[Any, re.Pattern[str] | None] = {}


def multiline(pattern: Any) -> re.Pattern[str] | None:
    """``pattern`` compiled with ``re.MULTILINE`` when that is safe (see the module), else None.

    >>> multiline(re.compile(r"^来源[:：]")).flags & re.MULTILINE > 0
    True
    >>> multiline(re.compile(r"^编辑(?!部)")) is None
    True
    """
    if pattern in _multiline:
        return _multiline[pattern]
    found: re.Pattern[str] | None = None
    if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str) \
            and not any(frag in pattern.pattern for frag in _REFUTABLE):
        try:
            found = re.compile(pattern.pattern, pattern.flags | re.MULTILINE)
        except re.error:
            found = None
    if len(_multiline) >= 4096:
        _multiline.clear()
    _multiline[pattern] = found
    return found


def matching_lines(pattern: Any, lines: list[Line], view: Callable[[Line], str],
                   joined: Callable[[], tuple[str, list[int]]]
                   ) -> Iterator[tuple[Line, Any]]:
    """``(line, match)`` for each of ``lines`` (in index order) whose view ``pattern`` matches.

    ``joined()`` gives the views of every line of the document joined by ``\n`` and the
    offset of each line in it (built once per text version by the caller).

    >>> from cleaner.page.lines import split_lines
    >>> ls = split_lines("正文第一段。\\n来源：新华社\\n正文第二段。\\n来源：人民网")
    >>> views = [ln.text.replace("：", ":") for ln in ls]
    >>> offsets = [ln.start for ln in ls]  # the views have the lines' lengths here
    >>> [(ln.index, m[1]) for ln, m in matching_lines(re.compile(r"^来源:(\\S+)"), ls,
    ...     lambda ln: views[ln.index], lambda: ("\\n".join(views), offsets))]
    [(1, '新华社'), (3, '人民网')]
    """
    search = pattern.search
    fast = multiline(pattern)
    if fast is None:
        for line in lines:
            match = search(view(line))
            if match is not None:
                yield line, match
        return
    text, starts = joined()
    find = fast.search
    j, n = 0, len(lines)
    while j < n:
        hit = find(text, starts[lines[j].index])
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
