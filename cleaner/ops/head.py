"""The page head above the report: cut down to the last strong chrome anchor over it.

Everything from the top of the page down to the *last anchor* above the body core goes
(navigation, widgets, section lists and whatever link texts sit between them); neutral lines
below that anchor (a title, a subtitle, an author's name) stay. Below the anchor the run goes
on over what belongs to it: a navigation row broken over lines, a column of section labels or
of other stories' headlines, a lone count or separator. A page with no anchor above its report
loses only a menu written one label a line from its first line and the bare counts of an info
bar beside a fact line. The page model (:mod:`cleaner.page.core`) says where the report is.
"""

from __future__ import annotations

import re

from cleaner.document import Span
from cleaner.lexicon import Lexicon
from cleaner.ops import OpContext, cuts_runs, outside_report
from cleaner.page.kinds import Kind, classifier
from cleaner.page.lines import Line, line_removal_span, merge_removals
from cleaner.page.lists import bullet_item, is_tiny
from cleaner.page.tail import HEADLINE_COLUMN_LONG, headline_line, outweighed
from cleaner.text import cjk_count, match_view


@outside_report
@cuts_runs
def head_run(text: str, ctx: OpContext) -> list[Span]:
    """Remove the page head down to the last strong chrome anchor above the report.

    When that anchor is the only chrome in the head and only titles stand above it (a headline
    over a section label), the anchor goes alone and the titles stay. Between the last anchor
    and the report, a lone count, time or list index goes, and so does a stray separator (a
    line of ``|`` or ``>`` and nothing else), which holds no text of the title or byline.
    """
    page = ctx.analysis(text).page
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


@outside_report
@cuts_runs
def head_column(text: str, ctx: OpContext) -> list[Span]:
    """Remove a column of other stories' headlines a text starts inside, when no chrome anchor
    stands above the report (see :func:`_top_headline_column`). It runs before the rules that
    take the report's date and byline out: that fact line under the title is what tells the
    report's title block from the column above it."""
    page = ctx.analysis(text).page
    if page.span is None or any(anchor for _, anchor in page.classes[:page.span[0]]):
        return []
    return _top_headline_column(text, page.lines, page.kinds, page.span[0], ctx.lex)


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
        marked = _marked(lines, run, lex)
        if len(run) >= HEADLINE_COLUMN_LONG and (3 * marked >= 2 * len(run) or (
                len(run) >= 2 * HEADLINE_COLUMN_LONG and 2 * marked >= len(run))):
            found = run
        run = []
    return found[-2] if found else last


def _marked(lines: list[Line], indexes: list[int], lex: Lexicon) -> int:
    """How many of the lines at ``indexes`` carry a headline's mark (a digit, a quote, a colon,
    a space inside): a column of them is other stories', not verse or a title block."""
    marks = lex.regex("headline_mark")
    return sum(bool(marks.search(match_view(lines[i].text).strip())) for i in indexes)


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


TITLE_BLOCK_MAX = 3
"""Lines a report's title block may hold: a kicker, the title, a subtitle (引题、主题、副题)."""
TOP_HEADLINES_MIN = 3


def _top_headline_column(text: str, lines: list[Line], kinds: list[Kind], start: int,
                         lex: Lexicon) -> list[Span]:
    """A text cut out of a page inside a column of other stories' headlines: from its first
    line, ``TOP_HEADLINES_MIN`` or more headlines (and the short words a column holds between
    them), then the report's title block, its fact line (a date, a byline) and the report.
    With no anchor above, nothing tells the column's last headlines from a title of three
    lines, so the last ``TITLE_BLOCK_MAX`` short lines over the fact line stay and only the
    headlines above them go. A line that reads as prose or a fact anywhere above the fact line
    leaves the head as it is: the report may begin above its date (a lead, an editor's note);
    so do headlines half of which carry no headline's mark (a digit, a quote, a colon, a space
    inside): lines of verse are written the same length, without punctuation.
    """
    filled = [i for i in range(start) if kinds[i] is not Kind.BLANK]
    facts = len(filled)
    while facts and kinds[filled[facts - 1]] is Kind.META:
        facts -= 1
    if facts == len(filled) or facts < TOP_HEADLINES_MIN + TITLE_BLOCK_MAX:
        return []
    above = filled[:facts]
    if any(kinds[i] is not Kind.SHORT for i in above):
        return []
    column = above[:-TITLE_BLOCK_MAX]
    headlines = [i for i in column if headline_line(lines[i], kinds[i], lex)]
    if len(headlines) < TOP_HEADLINES_MIN or not all(
            i in headlines or _inside_column(lines[i], kinds[i]) for i in column):
        return []
    if 2 * _marked(lines, headlines, lex) < len(headlines):
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
