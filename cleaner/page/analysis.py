"""A per-document cache of the line analysis every line rule and chrome op needs.

Twenty line rules in a row each splitting the text, finding the body and converting every
line to its Simplified view would do the same work twenty times. :class:`LineAnalysis` is
computed once per version of the text and reused until a rule changes the text; the page
analysis (line kinds, body core and zones, see :mod:`cleaner.page.core`) is computed the
first time an op asks for it, so a run of rules that changes nothing costs little.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain
from operator import itemgetter
from typing import Any

from cleaner.lexicon import Lexicon
from cleaner.literals import fold_case
from cleaner.page.core import LineFacts, Page, analyse
from cleaner.page.lines import Line, lines_of, split_lines
from cleaner.page.scan import matching_lines
from cleaner.text import match_view

_START, _TEXT = itemgetter(1), itemgetter(3)
"""A :class:`Line`'s offset and text."""


def _pick(items: list[Any], ranges: list[tuple[int, int]]) -> list[Any]:
    """The items in ``ranges`` (``(first, last)`` slices, in order), as one list."""
    return list(chain.from_iterable(items[first:last] for first, last in ranges))


@dataclass(slots=True, eq=False)
class LineAnalysis:
    text: str
    lines: list[Line]
    lex: Lexicon | None = None
    _views: list[str | None] | None = None  # by line index, filled on first use
    _page: Page | None = None
    _zones: dict[str, list[Line]] = field(default_factory=dict)
    _joined: tuple[str, list[int]] | None = None
    _folded: str | None = None
    _starts: list[int] | None = None
    _facts: LineFacts | None = None
    _beside: bool | None = None  # beside_report(), asked by every outside rule of a version

    @classmethod
    def of(cls, text: str, lex: Lexicon | None = None) -> LineAnalysis:
        return cls(text, split_lines(text), lex)

    @classmethod
    def outside(cls, text: str, lex: Lexicon | None = None) -> LineAnalysis:
        """Lines cut from a page, all outside its report: no body to find, every zone is all."""
        lines = split_lines(text)
        return cls(text, lines, lex, _page=Page(lines, [], None, None, []))

    @property
    def page(self) -> Page:
        """Kinds of the lines, the report's span and the zones (computed on first use)."""
        if self._page is None:
            self._page = analyse(self.lines, self.lex, self._facts)
        return self._page

    def without(self, text: str, cuts: list[tuple[int, int]]) -> LineAnalysis | None:
        """The analysis of ``text``, which is this text with the spans ``cuts`` (offsets here)
        deleted, when they deleted whole lines only; None otherwise.

        A chrome rule removes whole lines, and each removal makes a new version of the text:
        the lines it kept keep their views and their :data:`LineFacts` (functions of a line's
        text alone), so only what depends on the lines' order (the kinds in context, the body)
        is worked out again, and nothing is split, converted or classified twice. The kept
        lines are checked to make up ``text`` exactly, so the result is the one
        :meth:`of` gives.
        """
        starts, size = self.starts, len(self.text)
        merged: list[tuple[int, int]] = []  # a run's lines come one edit each: join them
        for start, end in sorted(cuts):
            if merged and start == merged[-1][1]:
                start = merged.pop()[0]
            merged.append((start, end))
        gone: list[tuple[int, int]] = []  # ranges of line indexes, in order
        for start, end in merged:
            if end == size:  # the last lines, with the newline before them
                first = bisect_left(starts, start + 1)
                if first == len(starts) or starts[first] != start + 1:
                    return None
                gone.append((first, len(starts)))
                continue
            first = bisect_left(starts, start)
            last = bisect_left(starts, end)  # lines first..last-1, each with its newline
            if first == last or start != starts[first] or last == len(starts) \
                    or end != starts[last]:
                return None
            gone.append((first, last))
        keep: list[tuple[int, int]] = []
        pos = 0
        for first, last in gone:
            if first > pos:
                keep.append((pos, first))
            pos = last
        if pos < len(starts):
            keep.append((pos, len(starts)))
        kept = _pick(self.lines, keep)
        texts = list(map(_TEXT, kept))
        if not kept or "\n".join(texts) != text:
            return None
        new_lines = lines_of(texts)
        views = _pick(self._views, keep) if self._views is not None else None
        facts = self._page.facts if self._page is not None else self._facts
        if facts is not None:
            classes, listy = facts
            facts = (_pick(classes, keep), _pick(listy, keep))
        return LineAnalysis(text, new_lines, self.lex, views, _facts=facts)

    def report_region(self) -> tuple[int, int] | None:
        """Where the report's span begins and ends, as offsets: the start of its first line
        and the end of its last line's text; None when there is no report. The body zone
        holds the span (it may start higher, at a line of prose standing alone above the
        report), so a line outside the zone is outside the span too.

        >>> from cleaner.lexicon import default_lexicon
        >>> body = "市教育局昨天发布通知，今年全市将新增中小学学位三千个，缓解部分片区入学难的问题。"
        >>> LineAnalysis.of("分享到：微信 微博\\n" + body, default_lexicon()).report_region()
        (10, 50)
        """
        span = self.page.span
        return None if span is None else (self.lines[span[0]].start, self.lines[span[1]].end)

    def beside_report(self) -> bool:
        """Whether a non-blank line stands outside :meth:`report_region` (always, without a
        report): what an op that removes only such lines may find anything in.

        >>> from cleaner.lexicon import default_lexicon
        >>> body = "市教育局昨天发布通知，今年全市将新增中小学学位三千个，缓解部分片区入学难的问题。"
        >>> LineAnalysis.of(body + "\\n\\n" + body.replace("三", "五"), default_lexicon()).beside_report()
        False
        >>> LineAnalysis.of("分享到：微信 微博\\n" + body, default_lexicon()).beside_report()
        True
        """
        if self._beside is None:
            region = self.report_region()
            filled = self.zone_lines("any")
            self._beside = region is None or (bool(filled) and (
                filled[0].start < region[0] or filled[-1].end > region[1]))
        return self._beside

    @property
    def bounds(self) -> tuple[int, int] | None:
        """First and last line of the body, as zone rules see it (None: no prose)."""
        return self.page.zone

    def view(self, line: Line) -> str:
        """The Simplified, half-width form of a line (computed on first use)."""
        views = self._views
        if views is None:
            views = self._views = [None] * len(self.lines)
        cached = views[line.index]
        if cached is None:
            cached = views[line.index] = match_view(line.text)
        return cached

    @property
    def starts(self) -> list[int]:
        """Each line's offset in the text, in order (for bisecting an offset to its line)."""
        if self._starts is None:
            self._starts = list(map(_START, self.lines))
        return self._starts

    def joined(self) -> tuple[str, list[int]]:
        """The views of all lines joined by ``\n``, and each line's offset in that string
        (what :func:`cleaner.page.scan.matching_lines` searches)."""
        if self._joined is None:
            views = self._views
            if views is None or None in views:
                views = [self.view(line) for line in self.lines]
            starts = list(accumulate(map((1).__add__, map(len, views[:-1])), initial=0))
            self._joined = ("\n".join(views), starts)  # type: ignore[arg-type]
        return self._joined

    def folded(self) -> str:
        """:meth:`joined`'s text case-folded, once for all the case-blind rules of a version."""
        if self._folded is None:
            self._folded = fold_case(self.joined()[0])
        return self._folded

    def matches(self, pattern: Any, lines: list[Line]) -> Iterator[tuple[Line, Any]]:
        """``(line, match)`` for each of ``lines`` whose view ``pattern`` matches."""
        return matching_lines(pattern, lines, self.view, self.joined, self.folded)

    def zone_lines(self, zone: str) -> list[Line]:
        """The non-blank lines of ``zone``: ``head`` (above the body), ``tail`` (below it),
        ``edges`` (both) or ``any``; on a page without a body every line is in every zone."""
        cached = self._zones.get(zone)
        if cached is None:
            filled = self._zones.get("any")
            if filled is None:
                filled = self._zones["any"] = [ln for ln in self.lines if ln.text.strip()]
            bounds = self.bounds if zone != "any" else None
            if bounds is None:  # every line is in every zone of a page without a body
                cached = filled
            else:  # the zones are the filled lines before and after the body: two slices
                indices = [ln.index for ln in filled]
                head = filled[:bisect_left(indices, bounds[0])]
                tail = filled[bisect_right(indices, bounds[1]):]
                cached = head if zone == "head" else tail if zone == "tail" else head + tail
            self._zones[zone] = cached
        return cached
