"""Runs of chrome above and below the report, decided by the lines' kinds and their positions.

A page is head chrome, one contiguous body, tail chrome; where the body is comes from the page
model (:mod:`cleaner.page.core`). Outside the core the decision is by runs, never by one line's looks alone:

- head: everything from the top of the page down to the *last anchor* above the core goes
  (:mod:`cleaner.ops.head`);
- tail: everything from the *first anchor* below the core to the end of the page goes;
  neutral lines between the core and that anchor — a closing byline, a last short
  paragraph — stay.

Lines inside the core are never touched, which is what keeps a schedule row, a short heading
or a numbered list in the report safe however chrome-like it looks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cleaner.document import Span
from cleaner.lexicon import Lexicon
from cleaner.ops import OpContext, cuts_runs, outside_report, records_facts
from cleaner.page.core import Page
from cleaner.page.kinds import SPLIT_OFF, Kind, classifier
from cleaner.page.lines import line_removal_span, merge_removals
from cleaner.page.tail import (
    MAX_CUT_PROSE,
    captions_below,
    prose_chars,
    report_chars,
    tail_start,
)
from cleaner.text import match_view


def _page(text: str, ctx: OpContext) -> Page:
    return ctx.analysis(text).page


@outside_report
@cuts_runs
def tail_run(text: str, ctx: OpContext) -> list[Span]:
    """Remove the page tail from the first strong chrome anchor below the report (where it
    starts: :func:`cleaner.page.tail.tail_start`)."""
    page = _page(text, ctx)
    first = tail_start(page, ctx.lex)
    if first is None:
        return []
    kept = captions_below(page, first, ctx.lex)
    if not kept:
        return merge_removals(text, [(page.lines[first].start, len(text), "")])
    spans: list[Span] = []
    start = page.lines[first].start
    for i in kept:
        spans.append((start, page.lines[i].start, ""))
        start = min(page.lines[i].end + 1, len(text))
    spans.append((start, len(text), ""))
    return merge_removals(text, [span for span in spans if span[0] < span[1]])


def _cut_from_marker(text: str, ctx: OpContext, reasons: frozenset[str],
                     follows: Callable[[list[str]], bool], lookahead: int) -> list[Span]:
    """Cut from the first marker line (an anchor of one of ``reasons``) below the first
    paragraph to the end, when the ``lookahead`` lines after it satisfy ``follows``."""
    page = _page(text, ctx)
    lines, classes, span = page.lines, page.classes, page.span
    if span is None:
        return []
    judge = classifier(ctx.lexicon)
    content = [i for i in range(span[0] + 1, len(lines)) if classes[i][0] is not Kind.BLANK]
    for pos, i in enumerate(content):
        if classes[i][0] is not Kind.ANCHOR or judge.classify(lines[i].text)[1] not in reasons:
            continue
        after = [lines[j].text for j in content[pos + 1:pos + 1 + lookahead]]
        if not follows(after):
            continue
        start = i
        # the anchors right above the marker belong to the same block (counters, trackbacks)
        while pos > 0 and classes[content[pos - 1]][1] and content[pos - 1] > span[0]:
            pos -= 1
            start = content[pos]
        kinds = [kind for kind, _ in classes]
        cut = range(start, len(lines))
        cut_prose = report_chars(lines, kinds, cut, ctx.lex)
        if cut_prose > MAX_CUT_PROSE and cut_prose * 2 > prose_chars(lines, kinds, range(start)):
            return []
        return merge_removals(text, [(lines[start].start, len(text), "")])
    return []


def _comment_shaped(after: list[str], lex: Lexicon) -> bool:
    """A comment box: a header with a time or another piece of comment furniture follows."""
    head, judge = lex.regex("comment_head"), classifier(lex)
    return not after or any(
        head.search(match_view(t)) or judge.classify(t)[1] in ("comment", "login") for t in after)


@cuts_runs
def comment_thread(text: str, ctx: OpContext, lookahead: int = 6) -> list[Span]:
    """Remove the reader comments below a report, from the comment-section marker on.

    The marker (``网友评论``, ``《标题》已有1件评论``, ``# re: …``) alone is not enough: the
    lines after it must look like a comment box (a poster with a time, reply furniture), and
    the block may not hold more prose than the report above it.
    """
    return _cut_from_marker(text, ctx, frozenset({"comment"}),
                            lambda after: _comment_shaped(after, ctx.lex), lookahead)


def disclaimer(text: str, ctx: OpContext, lookahead: int = 3) -> list[Span]:
    """Remove a site's legal notice below a report (``郑重声明`` and its numbered rules).

    Cut from the notice's title when one of the lines right after it speaks of copyright,
    reposting, liability or the poster's views.
    """
    legal = ctx.lex.regex("legal")
    return _cut_from_marker(
        text, ctx, frozenset({"disclaimer"}),
        lambda after: any(legal.search(match_view(t)) for t in after), lookahead)


class _FieldPatterns:
    """Patterns built from the lexicon's fact labels (``table.field_label``)."""

    def __init__(self, lex: Lexicon):
        self.keys = lex.table("field_label")
        labels = "|".join(re.escape(k) for k in sorted(self.keys, key=len, reverse=True))
        self.bare = re.compile(rf"^\s*[\[【]?\s*(?P<key>{labels})\s*[\]】]?\s*[:：]?\s*$")
        self.fields_line = re.compile(
            rf"^\s*-?\s*(?:(?:{labels})\s*[:：]\s*(?:size=\"?\d+\"?|[^\s:：]{{0,24}}"
            rf"(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AP]M)?)?)?\s*)+$", re.I)
        self.field = re.compile(rf"(?P<key>{labels})\s*[:：]\s*(?P<value>[^\s:：]{{1,24}})?")


@outside_report
@records_facts
def split_meta(text: str, ctx: OpContext, max_value: int = 40) -> list[Span]:
    """Remove facts the page split over lines (``作者：`` / ``赵婕``), or labels left bare,
    above or below the report, and keep the facts as metadata.

    Only outside the report, only a bare label followed by a short neutral value line, or a
    line made of nothing but labelled fields (``作者： 来源： 发布日期： 7/5/2005``).
    """
    page = _page(text, ctx)
    lines, classes, span = page.lines, page.classes, page.span
    if span is None:
        return []
    lex = ctx.lex
    fp: _FieldPatterns = lex.cached("field_patterns", lambda: _FieldPatterns(lex))
    outside = [i for i in range(len(lines))
               if (i < span[0] or i > span[1]) and classes[i][0] is not Kind.BLANK]
    spans: list[Span] = []
    taken: set[int] = set()
    for pos, i in enumerate(outside):
        if i in taken:
            continue
        view = match_view(lines[i].text)
        bare = fp.bare.match(view)
        if bare:
            nxt = outside[pos + 1] if pos + 1 < len(outside) else None
            if nxt is not None and (nxt < span[0]) == (i < span[0]) and nxt not in taken \
                    and classes[nxt][0] in (Kind.SHORT, Kind.META) \
                    and not fp.bare.match(match_view(lines[nxt].text)) \
                    and len(lines[nxt].text.strip()) <= max_value:
                key = fp.keys[bare.group("key")]
                ctx.meta.setdefault(key, lines[nxt].text.strip())
                taken.update((i, nxt))
                spans.append(line_removal_span(text, lines[i]) + ("",))
                spans.append(line_removal_span(text, lines[nxt]) + ("",))
            continue
        fields = list(fp.field.finditer(view))
        if classes[i][0] is Kind.META and fp.fields_line.match(view) \
                and (i < span[0] or len(fields) >= 2):
            for field in fields:
                value = field.group("value")
                if value and not value.lower().startswith("size="):
                    ctx.meta.setdefault(fp.keys[field.group("key")], value)
            taken.add(i)
            spans.append(line_removal_span(text, lines[i]) + ("",))
    return merge_removals(text, spans)


def _name_alone_pattern(lex: Lexicon) -> re.Pattern[str]:
    """One to three names; a name is two or three characters, or four with a two-character
    surname: four characters alone are a heading far more often than a name."""
    name = r"(?:(?:\L<compound_surname>)[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff·]{2,3})"
    return re.compile(lex.expand(rf"^{name}(?:[、\s]+{name}){{0,2}}$"))


_SUBTITLE = re.compile(r"^\s*(?:——|--|—)")


_TITLE_END = re.compile(r"[。；;：:，,、]\s*$")


def _title_line(line: str, lex: Lexicon) -> bool:
    """A line that can be a title: short, not a list item, not ending a clause."""
    view = match_view(line).strip()
    return 2 <= len(view) <= 60 and not _TITLE_END.search(view) \
        and not lex.regex("numbered").match(view)


def _name_alone(line: str, lex: Lexicon) -> bool:
    view = match_view(line).strip()
    names = lex.cached("name_alone", lambda: _name_alone_pattern(lex))
    return bool(names.match(view)) and not lex.regex("not_a_name").search(view)


def _named_around(name: str, *lines: str) -> bool:
    """Whether ``name`` is written into the lines around it: a word the title or the report's
    first line repeats (``过年`` / ``小时候，总盼着过年。``, ``萍乡`` / ``…萍乡市…``) is a
    heading or a place, not the author's name."""
    return any(name in match_view(line) for line in lines)


@outside_report
def title_author(text: str, ctx: OpContext) -> list[Span]:
    """Remove the author's name standing alone in the title block, keeping it as ``author``.

    The shape is a title line, the name (``胡平``, ``赵延东、风笑天``), then either the first
    line of the report or a ``——`` subtitle right above it. Headings (``编者按``, ``前言``),
    document types (``通知``) and organisations (``…局``, ``…中心``) are not names, nor is a word
    the lines around it repeat. A page has one author: once it is known (this rule or a byline
    took it), only a line that is that very name goes; any other short line below a title is the
    report's own (a title left standing above the report once its author line was taken).
    """
    page = _page(text, ctx)
    if page.span is None:
        return []
    known, lex = ctx.meta.get("author"), ctx.lex
    lines, kinds, start = page.lines, page.kinds, page.span[0]
    content = [i for i in range(start + 1) if kinds[i] is not Kind.BLANK]
    spans: list[Span] = []
    for pos in range(1, len(content) - 1):
        i, above, below = content[pos], content[pos - 1], content[pos + 1]
        if kinds[i] is not Kind.SHORT or kinds[above] is not Kind.SHORT \
                or not _name_alone(lines[i].text, lex) or not _title_line(lines[above].text, lex):
            continue
        # the report starts right below, or after one line: a subtitle, a broken first line
        if below != start and not (kinds[below] is Kind.SHORT
                                   and not _name_alone(lines[below].text, lex)
                                   and (_SUBTITLE.match(lines[below].text)
                                        or (pos + 2 < len(content) and content[pos + 2] == start))):
            continue
        name = match_view(lines[i].text).strip()
        if (known and name != known) or _named_around(name, lines[above].text, lines[below].text):
            continue
        ctx.meta.setdefault("author", match_view(lines[i].text).strip())
        spans.append(line_removal_span(text, lines[i]) + ("",))
        break
    return merge_removals(text, spans)


@cuts_runs
def inner_block(text: str, ctx: OpContext, min_anchors: int = 2, max_short: int = 12,
                tail_families: list[str] | tuple[str, ...] = (
                    "comment", "counter", "copyright", "disclaimer", "url", "marker")
                ) -> list[Span]:
    """Remove a block of chrome that a page put inside the report: ``min_anchors`` or more
    chrome anchors in a row (a share box with its QR prompt, a comment counter with a login
    link, between the lead and the text), with nothing between them but link-size lines of at
    most ``max_short`` characters. The block starts and ends with an anchor; a line of prose, a
    fact or anything longer ends it, so a report's own short lines are never taken along. Only
    anchors of a family count (a list of bulleted links is a list, and may be the report's;
    split-off punctuation, ``()`` of a line of code, only beside another family's anchor),
    and a block holding an anchor of ``tail_families`` is left to the rules of the page's tail
    (a comment box or a footer that the core reached into: its anchors are where they cut).
    """
    page = _page(text, ctx)
    if page.span is None or page.kinds[page.span[0]:page.span[1] + 1].count(Kind.ANCHOR) < min_anchors:
        return []
    lines, classes, judge = page.lines, page.classes, classifier(ctx.lexicon)
    spans: list[Span] = []
    run: list[int] = []
    for i in [*range(page.span[0], page.span[1] + 1), -1]:
        kind = classes[i][0] if i >= 0 else Kind.PROSE
        if kind is Kind.BLANK:
            continue
        if kind is Kind.ANCHOR or (run and kind is Kind.SHORT
                                   and len(match_view(lines[i].text).strip()) <= max_short):
            run.append(i)
            continue
        while run and classes[run[-1]][0] is not Kind.ANCHOR:
            run.pop()
        found = [judge.classify(lines[j].text) for j in run]
        families = {reason for kind, reason in found if kind is Kind.ANCHOR}
        if sum(kind is Kind.ANCHOR and (reason != SPLIT_OFF or classes[j][1])
               for (kind, reason), j in zip(found, run, strict=True)) >= min_anchors \
                and families.isdisjoint(tail_families):
            spans += [line_removal_span(text, ln) + ("",) for ln in lines[run[0]:run[-1] + 1]]
        run = []
    return merge_removals(text, spans)
