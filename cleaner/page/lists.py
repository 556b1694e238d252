"""Lists a page puts around a report: headlines, bulleted and dated links, tables of contents,
labels written vertically.

One link text looks like a title; what gives a list away is many of them together. These tests
look at a line among its neighbours: :class:`HeadlineTail` asks whether everything from a line
on reads as a list of headlines (a related-news block), the others find runs of list items.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from cleaner.lexicon import Lexicon, default_lexicon
from cleaner.page.kinds import classifier
from cleaner.page.lines import is_prose
from cleaner.page.scan import needles
from cleaner.text import CJK, match_view

_BULLET = r"[•·●○◎■□◆◇▪▶►☆★◇※→]"
_BULLET_ITEM = re.compile(rf"^\s*{_BULLET}\s*(?P<rest>.*)$")
_BULLET_LINK = re.compile(r"^\S.{0,44}$")
_SENTENCE_END = re.compile(r"[。！？!?]")
_TINY = re.compile(r"^\s*[0-9A-Za-z]{1,3}\s*[.、)）]?\s*$")

_LIST_BULLET = re.compile(r"^\s*(?:[-•·●○■□◆◇▪▶>»*]|\d{1,2}[.、)）]|\[\d+\])\s*")
_TEASER_END = re.compile(r"(?:\.{3}|…+|。{3})\s*$")
_FULL_STOP = re.compile(r"。")
"""A full stop: a numbered paragraph (a caption, a point of a list) ends its sentences, a link
text does not, however it is bulleted."""
_NOTE = re.compile(r"^\s*[(（][^()（）]*[)）]\s*$")
"""A line that is all one bracketed note (``（完）``, ``（王永峰摄）``): no link text looks so."""
_CLAUSE_INSIDE = re.compile(r"[。！？!?]\S|[。；;]$")


def bullet_item(line: str) -> bool:
    """A bulleted link text: ``• 财经``, ``· 娱乐圈受黑社会控制？ (2005-04-27 14:32PM)``.

    >>> bullet_item("• 财经"), bullet_item("• 这是一句完整的话。")
    (True, False)
    """
    m = _BULLET_ITEM.match(match_view(line))
    if m is None:
        return False
    rest = m.group("rest").strip()
    return bool(rest) and bool(_BULLET_LINK.match(rest)) and not _SENTENCE_END.search(rest[-1:])


DATED_MAX = 90
CATEGORY_MAX = 60
ITEM_MAX = max(DATED_MAX, CATEGORY_MAX)
"""No dated or category item is longer (its view, stripped): a paragraph is neither."""


def dated_item(line: str, lex: Lexicon | None = None) -> bool:
    """A headline carrying its date in brackets at the end, ``发展的目的… (2006-12-16)``."""
    view = match_view(line).strip()
    return len(view) <= DATED_MAX \
        and bool((lex or default_lexicon()).regex("dated_item").search(view))


def category_item(line: str, lex: Lexicon | None = None) -> bool:
    """A headline behind its section's name, ``棒球／我队轻取对手``, ``热门》如何预防…``."""
    view = match_view(line).strip()
    return len(view) <= CATEGORY_MAX \
        and bool((lex or default_lexicon()).regex("category_item").match(view))


def fact_item(line: str, lex: Lexicon | None = None) -> bool:
    """A bulleted fact of the report rather than a link: a profile field (``★年龄：76岁``), a
    field heading (``★经历：``) or a dated step of a chronology (``●1983~1991年任知事``). A fact
    box or a chronology under a report is bulleted like a list of links; a headline never opens
    with a field name or a span of years.

    >>> fact_item("★年齡：76歲"), fact_item("● 1993/08 就任首相"), fact_item("• 财经")
    (True, True, False)
    """
    m = _BULLET_ITEM.match(match_view(line))
    rest = m.group("rest") if m else match_view(line)
    return bool((lex or default_lexicon()).regex("fact_item").match(rest))


def is_tiny(line: str) -> bool:
    """A lone number or letter pair (a list index, a count, a pager digit)."""
    return bool(_TINY.match(match_view(line)))


CONTENTS_MIN = 3


def _offsets(texts: list[str]) -> list[int]:
    """Where each of ``texts`` starts in ``"\\n".join(texts)``."""
    return list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0)) if texts else []


def _lines_found(joined: str, starts: list[int], find: Callable[[str, int], Any]) -> list[int]:
    r"""In order, the lines of ``joined`` (starting at ``starts``) in which ``find`` (a search
    whose matches never hold a line break) finds something: one search per line found, none
    for the lines in between.

    >>> _lines_found("ab\ncd\nab", [0, 3, 6], re.compile("b").search)
    [0, 2]
    """
    found: list[int] = []
    pos = 0
    while (hit := find(joined, pos)) is not None:
        line = bisect_right(starts, hit.start()) - 1
        found.append(line)
        if line + 1 >= len(starts):
            break
        pos = starts[line + 1]
    return found


def _runs(positions: list[int], least: int) -> list[list[int]]:
    """The runs of consecutive ``positions`` (ascending) that are ``least`` long or longer.

    >>> _runs([1, 2, 3, 5, 7, 8], 2)
    [[1, 2, 3], [7, 8]]
    """
    runs: list[list[int]] = []
    run: list[int] = []
    for pos in positions:
        if run and pos != run[-1] + 1:
            if len(run) >= least:
                runs.append(run)
            run = []
        run.append(pos)
    if len(run) >= least:
        runs.append(run)
    return runs


def contents_runs(texts: list[str], lex: Lexicon | None = None) -> list[list[int]]:
    """Positions of bare chapter links in a row (``第一章`` / ``第二章`` / ``第三章``): a table of
    contents pointing to other pages. A book's own contents carry the chapters' titles.

    >>> contents_runs(["第一章", "第二章", "第三章", "正文。"])
    [[0, 1, 2]]
    """
    chapter = (lex or default_lexicon()).regex("chapter")
    need = needles(chapter)
    if need is not None:  # only the lines that hold what a chapter link must are asked
        joined = need.fold("\n".join(texts))
        found = [pos for pos in _lines_found(joined, _offsets(texts), need.regex.search)
                 if chapter.match(texts[pos])]
        return _runs(found, CONTENTS_MIN)
    runs: list[list[int]] = []
    run: list[int] = []
    for pos, text in enumerate([*texts, ""]):
        if chapter.match(text):
            run.append(pos)
            continue
        if len(run) >= CONTENTS_MIN:
            runs.append(run)
        run = []
    return runs


_CJK_CHAR = re.compile(f"[{CJK}]")
_ONE_CHAR = re.compile(rf"^\s*(?:{_BULLET}\s*)?[{CJK}]\s*$")
_INITIAL = re.compile(rf"^\s*([{CJK}])\s+\S")
_SHAPES = [(shape, re.compile(shape.pattern, re.MULTILINE)) for shape in (_ONE_CHAR, _INITIAL)]
"""Each label shape, and the same shape for the lines joined by newlines: it finds every line
the shape matches (and maybe more), so when it finds nothing no line needs asking."""


def vertical_label_runs(texts: list[str], lex: Lexicon | None = None) -> list[list[int]]:
    """Positions of labels written one character per line, or as the initials of link rows.

    >>> vertical_label_runs(["今 甲新闻 乙新闻", "日 丙新闻", "推 丁新闻", "荐 戊新闻", "正文。"])
    [[0, 1, 2, 3]]
    """
    label = (lex or default_lexicon()).regex("vertical_label")
    runs: list[list[int]] = []
    joined = "\n".join(texts)
    for pattern, anywhere in _SHAPES:
        if anywhere.search(joined) is None:
            continue
        run: list[int] = []
        for pos, text in enumerate([*texts, ""]):
            if len(text) < 40 and pattern.match(text):
                run.append(pos)
                continue
            if 3 <= len(run) <= 8:
                chars = "".join(_CJK_CHAR.findall(texts[p])[0] for p in run)
                if label.search(match_view(chars)):
                    runs.append(run)
            run = []
    return runs


STAMPED_MIN = 2
"""Headlines with a timestamp each, in a row, that make a list of articles."""
STAMPED_MAX = 40
"""Characters of a headline in such a list, at most (a report's paragraph is longer); a line
longer than this is not asked whether it is a timestamp either."""


def stamped_runs(texts: list[str], headline: list[bool], lex: Lexicon | None = None
                 ) -> list[list[int]]:
    """Positions of a list of articles that prints each headline beside its date and time on
    a line of its own (``某某新闻标题`` / ``2020年07月08日 13:36:14``, or the time first): at
    least :data:`STAMPED_MIN` pairs in a row. ``headline`` says which lines may be a headline
    (short lines that are not prose); a report's chronology pairs a time with a paragraph.
    A stretch of lines alternating between the two is read in pairs from its first line, so
    the order (headline first or time first) is the one the list starts with; a line left
    over at its end belongs to no pair.

    >>> texts = ["读懂中国的密码", "2020-07-07 11:41", "从一段故事感受力量", "2020-07-06 16:50", "完"]
    >>> stamped_runs(texts, [True, False, True, False, True])
    [[0, 1, 2, 3]]
    >>> stamped_runs(["正文。", *texts[1:]], [False, False, True, False, True])
    [[1, 2, 3, 4]]
    >>> stamped_runs(texts[:2] + ["正文。"], [True, False, False])
    []
    """
    stamp = (lex or default_lexicon()).regex("timestamp_line")
    is_stamp = [len(text) <= STAMPED_MAX and stamp.match(match_view(text)) is not None
                for text in texts]
    if sum(is_stamp) < STAMPED_MIN:
        return []
    item = [h and not s and len(t.strip()) <= STAMPED_MAX
            for t, h, s in zip(texts, headline, is_stamp, strict=True)]
    runs: list[list[int]] = []
    pos = 0
    while pos < len(texts):
        end = pos  # the stretch pos..end alternates between a time and a headline
        while end + 1 < len(texts) and ((is_stamp[end] and item[end + 1])
                                        or (item[end] and is_stamp[end + 1])):
            end += 1
        pairs = (end - pos + 1) // 2
        if pairs >= STAMPED_MIN:
            runs.append(list(range(pos, pos + 2 * pairs)))
        pos = end + 1
    return runs


def is_headline_shaped(line: str, max_len: int = 60, lex: Lexicon | None = None) -> bool:
    """A link text in a list: bulleted, a teaser cut with '…', or short without a full stop."""
    text = line.strip()
    if not text:
        return True
    if _TEASER_END.search(text):
        return True
    if _LIST_BULLET.match(text) and not _FULL_STOP.search(text):
        return True
    if len(text) <= max_len and not _CLAUSE_INSIDE.search(text):
        return True
    dated = (lex or default_lexicon()).regex("dated_line")
    return bool(dated.search(text)) and len(text) <= max_len + 25


def _tail_facts(line: str, max_len: int, lex: Lexicon | None) -> tuple[bool, bool, bool]:
    """Whether ``line`` is filled, a paragraph, a link of a headline list."""
    filled = bool(line.strip())
    headline = filled and is_headline_shaped(line, max_len, lex)
    prose = filled and not headline and is_prose(line)
    link = headline and not _NOTE.match(line)
    return filled, prose, link


class HeadlineTail:
    """Whether the lines from a given one on read as a list of headlines, for every start at once.

    Counts are accumulated from the end backwards in one pass, so asking about each of many
    marker lines costs O(1) instead of rescanning the rest of the document each time
    (which made long documents quadratic).
    """

    def __init__(self, lines: list[str], max_prose_share: float = 0.34, max_len: int = 60,
                 lex: Lexicon | None = None):
        self.max_prose_share = max_prose_share
        n = len(lines)
        self._content = [0] * (n + 1)
        self._prose = [0] * (n + 1)
        self._links = [0] * (n + 1)
        self._prose_chars = [0] * (n + 1)
        memo = classifier(lex).memo  # each version of a page is read again: its lines are known
        for i in range(n - 1, -1, -1):
            line = lines[i]
            key = ("tail", line, max_len)
            facts = memo.get(key)
            if facts is None:
                facts = memo[key] = _tail_facts(line, max_len, lex)
            filled, prose, link = facts
            self._content[i] = self._content[i + 1] + filled
            self._prose[i] = self._prose[i + 1] + prose
            self._links[i] = self._links[i + 1] + link
            self._prose_chars[i] = self._prose_chars[i + 1] + (len(line) if prose else 0)

    def qualifies(self, start: int) -> bool:
        """Do the lines from ``start`` on read as a headline list?"""
        content, prose = self._content[start], self._prose[start]
        if not content:
            return True
        if prose == content:  # only paragraphs follow: the marker is part of the report
            return False
        if prose > max(1, int(self.max_prose_share * content)):
            return False
        if self._links[start] <= prose:  # a lone teaser is tolerated among headlines only
            return False
        return self._prose_chars[start] <= 400
