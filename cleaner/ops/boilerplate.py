"""Runs of chrome above and below the report, decided by the lines' kinds and their positions.

A page is head chrome, one contiguous body, tail chrome; where the body is comes from the page
model (:mod:`cleaner.page.core`). Outside the core the decision is by runs, never by one line's looks alone:

- head: everything from the top of the page down to the *last anchor* above the core goes
  (navigation, widgets, section lists and whatever link texts sit between them); neutral
  lines below that anchor — a title, a subtitle, an author's name — stay;
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
from cleaner.ops import OpContext, cuts_runs, records_facts
from cleaner.page.core import Page
from cleaner.page.kinds import SPLIT_OFF, Kind, classifier
from cleaner.page.lines import Line, line_removal_span, merge_removals
from cleaner.page.lists import bullet_item, is_tiny
from cleaner.page.tail import (
    HEADLINE_COLUMN_LONG,
    MAX_CUT_PROSE,
    captions_below,
    headline_line,
    outweighed,
    prose_chars,
    report_chars,
    tail_start,
)
from cleaner.text import cjk_count, match_view


def _page(text: str, ctx: OpContext) -> Page:
    return ctx.analysis(text).page


@cuts_runs
def head_run(text: str, ctx: OpContext) -> list[Span]:
    """Remove the page head down to the last strong chrome anchor above the report.

    When that anchor is the only chrome in the head and only titles stand above it (a headline
    over a section label), the anchor goes alone and the titles stay. Between the last anchor
    and the report, a lone count, time or list index goes, and so does a stray separator (a
    line of ``|`` or ``>`` and nothing else), which holds no text of the title or byline.
    """
    page = _page(text, ctx)
    if page.span is None:
        return []
    lines, classes, kinds, start = page.lines, page.classes, page.kinds, page.span[0]
    last = next((i for i in range(start - 1, -1, -1) if classes[i][1]), None)
    if last is None:
        return _top_label_column(text, lines, kinds, start) \
            or _counts_by_facts(text, lines, kinds, start, ctx.lex)
    if not outweighed(lines, kinds, range(0, last + 1), page.span, ctx.lex):
        return []
    # a lone anchor with only titles above it (a headline over a section label) goes alone;
    # a column of bare labels above it is a menu, not titles
    titles = all(kind is Kind.BLANK or (kind in (Kind.SHORT, Kind.PROSE) and cjk_count(ln.text) >= 2)
                 for ln, kind in zip(lines[:last], kinds[:last], strict=True)) \
        and _label_column_end(lines, kinds, -1, last) == -1
    top = last if titles else 0
    last = _label_column_end(lines, kinds, _head_run_end(lines, kinds, last, start, ctx.lex), start)
    column_end = _headline_column_end(lines, kinds, last, start, ctx.lex)
    if column_end > last and outweighed(lines, kinds, range(0, column_end + 1), page.span, ctx.lex):
        last = column_end
    spans = [line_removal_span(text, ln) + ("",) for ln in lines[top:last + 1]]
    time_only, count = ctx.lex.regex("time_only"), ctx.lex.regex("count_only")
    judge = classifier(ctx.lex)
    for ln, kind in zip(lines[last + 1:start], kinds[last + 1:start], strict=True):
        view = match_view(ln.text)
        if kind is Kind.SHORT and (is_tiny(ln.text) or time_only.match(view) or count.match(view)) \
                or kind is Kind.ANCHOR and judge.classify(ln.text)[1] == "punctuation":
            spans.append(line_removal_span(text, ln) + ("",))
    return merge_removals(text, spans)


def _headline_column_end(lines: list[Line], kinds: list[Kind], last: int, start: int,
                         lex: Lexicon) -> int:
    """Where a head run ends when a column of other stories' headlines stands between its last
    anchor and the report (a section's list of the day's stories over an article a paywall cut
    to its first paragraph): at the column's second-to-last line, its last one being possibly
    the report's own title written the same way. The column is at least
    ``HEADLINE_COLUMN_LONG`` headlines in a row (blank lines aside), two thirds of them with a
    headline's marks (digits, quotes, a colon, a space inside), as the tail's column is, or
    half of them in a column twice that long, as the tail's does (a paper's headlines often
    carry none). A short line that is no headline (a photo's
    three-word title, a section label) neither breaks nor counts in a column it stands inside.
    A paragraph outside the column between the anchor and the report leaves the head as it was.
    """
    marks = lex.regex("headline_mark")
    run: list[int] = []
    found: list[int] = []
    for i in [*range(last + 1, start), None]:
        if i is not None and kinds[i] is Kind.BLANK:
            continue
        if i is not None and headline_line(lines[i], kinds[i], lex):
            run.append(i)
            continue
        if i is not None and run and _inside_column(lines[i], kinds[i]):
            continue
        if i is not None and kinds[i] is Kind.PROSE:
            return last
        marked = sum(bool(marks.search(match_view(lines[j].text).strip())) for j in run)
        if len(run) >= HEADLINE_COLUMN_LONG and (3 * marked >= 2 * len(run) or (
                len(run) >= 2 * HEADLINE_COLUMN_LONG and 2 * marked >= len(run))):
            found = run
        run = []
    return found[-2] if found else last


_COLUMN_WORDS = re.compile(r"^[^。；;！!？?，,]{2,12}$")


def _inside_column(line: Line, kind: Kind) -> bool:
    """A short line without a sentence in it (``跳楼称车祸``, ``新闻魔法``), as a column of
    headlines holds a few between its longer ones."""
    return kind is Kind.SHORT and bool(_COLUMN_WORDS.match(match_view(line.text).strip()))


_ROW_SEPARATOR = re.compile(r"(?:[|｜]|>>?|»|→|->|＞)\s*$")
_BULLET_MARK = re.compile(r"^\s*([•·●○◎■□◆◇▪▶►☆★※→])")
MAX_LIST_GAP = 8


def _head_run_end(lines: list[Line], kinds: list[Kind], last: int, start: int,
                  lex: Lexicon) -> int:
    """How far below its last strong anchor a head run really goes.

    The anchor's row or list can go on past it: a navigation row broken over lines after a
    separator (``院校招生资讯>`` / ``中央美术学院``), a widget word wrapped onto the next line
    (``双击自动滚`` / ``屏``), the next item of the same bulleted list after a few unbulleted
    link texts (``• 更多`` / ``母婴健康…`` / ``• 无障碍``), or one bulleted link right below it.
    A line that reads as prose or carries a fact (a dateline, a byline) stops the extension.
    """
    while True:
        content = [i for i in range(last + 1, start) if kinds[i] is not Kind.BLANK]
        if not content or kinds[content[0]] is not Kind.SHORT:
            return last
        anchor = match_view(lines[last].text).strip()
        nxt = content[0]
        nxt_view = match_view(lines[nxt].text).strip()
        joins = _ROW_SEPARATOR.search(anchor) is not None \
            and classifier(lex).classify(lines[last].text)[1] in ("breadcrumb", "punctuation")
        if joins or _wrapped_widget(anchor, nxt_view, lex.words("widget")) \
                or bullet_item(lines[nxt].text):
            last = nxt
            continue
        mark = _BULLET_MARK.match(anchor)
        if mark is None:
            return last
        same = next((i for i in content[:MAX_LIST_GAP] if kinds[i] is Kind.SHORT
                     and bullet_item(lines[i].text)
                     and match_view(lines[i].text).lstrip().startswith(mark.group(1))), None)
        if same is None or any(kinds[i] is not Kind.SHORT for i in content if i < same):
            return last
        last = same


LABEL_COLUMN_MIN = 3
_LABEL = re.compile(r"^\w{1,5}$")


def _label_column_end(lines: list[Line], kinds: list[Kind], last: int, start: int) -> int:
    """How far a column of bare labels right below the head's last anchor goes: at least
    ``LABEL_COLUMN_MIN`` lines of one word each (``风闻`` / ``军事`` / ``财经`` / ``汽车``), the
    rest of a menu written one section name a line. A title, a date or a byline ends it.
    """
    column: list[int] = []
    for i in range(last + 1, start):
        if kinds[i] is Kind.BLANK:
            continue
        if kinds[i] is not Kind.SHORT or not _LABEL.match(match_view(lines[i].text).strip()):
            break
        column.append(i)
    return column[-1] if len(column) >= LABEL_COLUMN_MIN else last


TOP_COLUMN_MIN = 4


def _top_label_column(text: str, lines: list[Line], kinds: list[Kind], start: int) -> list[Span]:
    """A page with no anchor above its report may still open with a menu written one section
    name a line (``体育`` / ``论坛`` / ``即时`` / ``社会``): ``TOP_COLUMN_MIN`` or more bare labels
    from the first line on, with a line (a title) between them and the report. A poem opening
    a text is no such column: its lines are of one length, five or seven characters, so at
    most one line of the column may be five long."""
    end = _label_column_end(lines, kinds, -1, start)
    column = [i for i in range(end + 1) if kinds[i] is not Kind.BLANK]
    if len(column) < TOP_COLUMN_MIN or all(kinds[i] is Kind.BLANK for i in range(end + 1, start)):
        return []
    if sum(len(match_view(lines[i].text).strip()) >= 5 for i in column) > 1:
        return []
    return merge_removals(text, [line_removal_span(text, lines[i]) + ("",) for i in column])


def _counts_by_facts(text: str, lines: list[Line], kinds: list[Kind], start: int,
                     lex: Lexicon) -> list[Span]:
    """Bare counts above the report right beside a fact line (``2019年09月11日`` / ``某某传媒``
    / ``1665`` / ``0`` / ``原标题：……``): a page's view and comment counts, whose icons did not
    survive, in the info bar under a title. A count that no fact line touches stays (a
    section's number over the report)."""
    count = lex.regex("count_only")
    filled = [i for i in range(start) if kinds[i] is not Kind.BLANK]
    is_count = [kinds[i] is Kind.SHORT and count.match(match_view(lines[i].text)) is not None
                for i in filled]
    spans: list[Span] = []
    pos = 0
    while pos < len(filled):
        if not is_count[pos]:
            pos += 1
            continue
        end = pos  # a run of counts, and the filled lines just around it
        while end + 1 < len(filled) and is_count[end + 1]:
            end += 1
        around = [filled[x] for x in (pos - 1, end + 1) if 0 <= x < len(filled)]
        if any(kinds[x] is Kind.META for x in around):
            spans += [line_removal_span(text, lines[filled[x]]) + ("",)
                      for x in range(pos, end + 1)]
        pos = end + 1
    return merge_removals(text, spans)


def _wrapped_widget(anchor: str, nxt: str, widgets: frozenset[str]) -> bool:
    """Whether ``nxt`` (one or two characters) finishes a widget word the line above began."""
    if not 1 <= len(nxt) <= 2:
        return False
    return any(token[-k:] + nxt in widgets
               for token in _TOKEN_SPLIT.split(anchor) for k in range(1, min(len(token), 6) + 1))


_TOKEN_SPLIT = re.compile(r"[\s|｜\[\]【】()（）<>»:：]+")


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
