"""Portal chrome that needs more than one pattern or a line's position: related-news blocks,
repeated lines, datelines, widget rows and the credit that closes a report."""

from __future__ import annotations

import re
from functools import lru_cache

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.linekinds import splits_into
from cleaner.ops.lines import Line, is_prose, line_removal_span, merge_removals
from cleaner.ops.text import CJK

_BULLET = re.compile(r"^\s*(?:[-•·●○■□◆◇▪▶>»*]|\d{1,2}[.、)）]|\[\d+\])\s*")
_TEASER_END = re.compile(r"(?:\.{3}|…+|。{3})\s*$")
_SENTENCE_GOES_ON = re.compile(r"。")
"""A full stop: a numbered paragraph (a caption, a point of a list) ends its sentences, a link
text does not, however it is bulleted."""
_NOTE = re.compile(r"^\s*[(（][^()（）]*[)）]\s*$")
"""A line that is all one bracketed note (``（完）``, ``（王永峰摄）``): no link text looks so."""
_DATED = re.compile(r"[（(]?\s*\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?.*[)）]?\s*$")


def is_headline_shaped(line: str, max_len: int = 60) -> bool:
    """A link text in a list: bulleted, a teaser cut with '…', or short without a full stop."""
    text = line.strip()
    if not text:
        return True
    if _TEASER_END.search(text):
        return True
    if _BULLET.match(text) and not _SENTENCE_GOES_ON.search(text):
        return True
    if len(text) <= max_len and not re.search(r"[。！？!?]\S|[。；;]$", text):
        return True
    return bool(_DATED.search(text)) and len(text) <= max_len + 25


class HeadlineTail:
    """:func:`looks_like_headline_block` for every starting line of a document at once.

    Counts are accumulated from the end backwards in one pass, so asking about each of many
    marker lines costs O(1) instead of rescanning the rest of the document each time
    (which made long documents quadratic).
    """

    def __init__(self, lines: list[str], max_prose_share: float = 0.34, max_len: int = 60):
        self.max_prose_share = max_prose_share
        n = len(lines)
        self._content = [0] * (n + 1)
        self._prose = [0] * (n + 1)
        self._links = [0] * (n + 1)
        self._prose_chars = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            line = lines[i]
            filled = bool(line.strip())
            headline = filled and is_headline_shaped(line, max_len)
            prose = filled and not headline and is_prose(line)
            link = headline and not _NOTE.match(line)
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


_WORD_CHAR = re.compile(r"[^\W_]")


def repeated_lines(text: str, ctx: OpContext, min_chars: int = 4) -> list[Span]:
    """Remove a line that repeats the non-empty line just before it (doubled captions).

    Blank lines between the two copies do not hide the repeat; very short lines (a lone
    number, a dash) and lines with hardly a letter in them (``______。``, the blanks of an
    exercise) are left alone because repeating them can be meaningful.
    """
    spans: list[Span] = []
    previous: str | None = None
    for line in ctx.analysis(text).lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if stripped == previous and len(stripped) >= min_chars \
                and len(_WORD_CHAR.findall(stripped)) >= 2:
            start, end = line_removal_span(text, line)
            spans.append((start, end, ""))
            continue
        previous = stripped
    return spans


_DATE = re.compile(
    r"(?P<date>(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?"
    r"(?:\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?)"
)
_META_FIELD = re.compile(
    r"(?P<key>来源|稿源|出处|作者|编辑|责任编辑|责编|发布时间|发布日期|发表时间|时间|日期|更新时间|"
    r"浏览次数|浏览|点击数|点击|阅读)\s*[:：]\s*(?P<value>[^|｜\s]{0,30})"
)
_META_KEYS = {"来源": "source", "稿源": "source", "出处": "source", "作者": "author",
              "编辑": "editor", "责任编辑": "editor", "责编": "editor"}
_SENTENCE = re.compile(r"[。！？!?]")
_NOT_A_DATELINE = re.compile(
    r"\d\s*日?\s*[-－—–~～至到]\s*\d{1,2}\s*日"     # a date range: 2004年12月11－12日
    r"|^\s*[(（][^()（）]*[，,、][^()（）]*[)）]\s*$"   # an enumeration in brackets: （…日，南开大学）
)
"""What a publication date line never is: the span of an event, or a bracketed note listing
its date with a place or other items (a schedule's subtitle)."""
_HAN_BEFORE = re.compile(f"(?<!于)(?<!时间)(?<!日期)[{CJK}]$")
_HAN_AFTER = re.compile(f"^(?!更新|发布|发表|来源|星期|周[一二三四五六日天])[{CJK}]")
"""A date written into a sentence: Han right before it (``叶利钦1997年8月4日签署``) or right
after it (``1964年9月29日中非与我国建交``, ``…日在九龙塘``, ``…日至5月7日``). A dateline puts a
space or a label between its date and the rest, or glues on only ``更新``, ``来源`` or a weekday."""


def dateline(text: str, ctx: OpContext, max_len: int = 90, max_residue: int = 24,
             widgets: list[str] | tuple[str, ...] = ()) -> list[Span]:
    """Remove head/tail lines that hold a publication date and little else, keeping the facts.

    ``2022年09月23日14:54 | 来源:人民网-四川频道`` and ``广西日报 2022-02-11 07:03 大字``
    become ``published``/``source`` metadata. A line qualifies only if, once the date, the
    labelled fields and widget words are taken out, at most ``max_residue`` characters of
    something else remain (a paper's name) and it has no sentence punctuation. A date range
    (``2004年12月11－12日``), a bracketed list (``（2004年12月11日，南开大学）``) or a date written
    into a phrase (``1964年9月29日中非与我国建交``, a letter's ``韩素音1996年1月18日``) is an
    event's date or the report's own line, not the page's, and stays.
    """
    analysis = ctx.analysis(text)
    spans: list[Span] = []
    for line in analysis.zone_lines("edges"):
        view = analysis.view(line).strip()
        if len(view) > max_len:
            continue
        date = _DATE.search(view)
        if date is None or _SENTENCE.search(view) or _NOT_A_DATELINE.search(view):
            continue
        date_end = date.start() + len(date.group().rstrip())
        if _HAN_BEFORE.search(view[:date.start()]) or _HAN_AFTER.search(view[date_end:]):
            continue
        facts: dict[str, str] = {"published": re.sub(r"\s+", " ", date.group("date"))}
        residue = view[:date.start()] + " " + view[date.end():]
        for field in _META_FIELD.finditer(residue):
            key = _META_KEYS.get(field.group("key"))
            if key and field.group("value"):
                facts.setdefault(key, field.group("value"))
        residue = _META_FIELD.sub(" ", residue)
        for word in sorted(widgets, key=len, reverse=True):
            residue = residue.replace(word, " ")
        residue = re.sub(r"[\s|｜/\\\-—_:：·•【】\[\]()（）]+", " ", residue).strip()
        if len(residue) > max_residue:
            continue
        if residue and "source" not in facts:
            facts["source"] = residue
        for key, value in facts.items():
            ctx.meta.setdefault(key, value)
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


_WIDGET_SPLIT = re.compile(r"[\s|｜/\\·•【】\[\]()（）<>《》:：,，、\-—]+")


def widget_line(text: str, ctx: OpContext, words: list[str] | tuple[str, ...] = (),
                zone: str = "edges") -> list[Span]:
    """Remove lines made only of widget words (``小字号``, ``分享到：微信 微博``, ``返回顶部``).

    A line of one character (``中``) is a widget only next to another widget line (``大`` /
    ``中`` / ``小``): alone it is as likely a character of a label written vertically.
    """
    vocab = _vocab(tuple(words))
    analysis = ctx.analysis(text)
    lines = analysis.zone_lines(zone)
    widget = []
    for line in lines:
        tokens = [t for t in _WIDGET_SPLIT.split(analysis.view(line)) if t]
        widget.append(bool(tokens) and all(t in vocab or splits_into(t, vocab) for t in tokens))
    spans: list[Span] = []
    for pos, line in enumerate(lines):
        if not widget[pos]:
            continue
        if len(analysis.view(line).strip()) == 1 and not _widget_next_to(lines, widget, pos):
            continue
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


def _widget_next_to(lines: list[Line], widget: list[bool], pos: int) -> bool:
    """Whether the zone line at ``pos`` has a widget line right above or below it."""
    for other in (pos - 1, pos + 1):
        if 0 <= other < len(lines) and widget[other] \
                and abs(lines[other].index - lines[pos].index) <= 2:
            return True
    return False


def closing_line(text: str, ctx: OpContext, pattern: str = "") -> list[Span]:
    """Remove the credit matching ``pattern`` that closes the report (``（袁源）``), below it.

    Only one credit, or a few in a row: bracketed names spread over the tail between other
    lines (a list of works, each with its author) are the report's own, and all stay. Named
    groups become metadata.
    """
    regex = _compiled(pattern)
    analysis = ctx.analysis(text)
    bounds = analysis.bounds
    last_body = bounds[1] if bounds is not None else -1
    found: list[tuple[Line, re.Match[str]]] = []
    gap = False
    for line in analysis.lines[last_body + 1:]:
        if not line.text.strip():
            continue
        match = regex.search(analysis.view(line))
        if match is None:
            gap = gap or bool(found)
            continue
        if gap:  # a second group of credits further down
            return []
        found.append((line, match))
    spans: list[Span] = []
    for line, match in found:
        for key, value in match.groupdict().items():
            if value and value.strip():
                ctx.meta.setdefault(key, value.strip())
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=64)
def _vocab(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)
