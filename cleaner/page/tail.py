"""Where the chrome below a report starts, and the guard every run of chrome passes.

A tail run starts at the first strong anchor below the body core; the helpers here move that
start up over what belongs to the same footer (weak anchors, a column of link texts or of
headlines, a rule line) and refuse a cut that would take a second report. They read the page
model only (:mod:`cleaner.page.core`), never an op.
"""

from __future__ import annotations

import re

from cleaner.lexicon import Lexicon, default_lexicon
from cleaner.page.core import CREDIT_TAIL, PARAGRAPH_CJK, Page, editor_credit, list_heading
from cleaner.page.kinds import LONE_WORDS, Kind, classifier
from cleaner.page.lines import Line
from cleaner.page.lists import HeadlineTail, fact_item
from cleaner.text import cjk_count, match_view

MAX_CUT_PROSE = 200


def prose_chars(lines: list[Line], kinds: list[Kind], indexes: range) -> int:
    return sum(cjk_count(lines[i].text) for i in indexes if kinds[i] is Kind.PROSE)


def report_chars(lines: list[Line], kinds: list[Kind], indexes: range,
                 lex: Lexicon | None = None, closed: bool = False, below: bool = False) -> int:
    """The Han characters of the longest stretch of paragraphs among ``indexes`` that no chrome
    anchor interrupts: what a second report in a run to cut would weigh. Headlines (no full
    stop, under a paragraph's length) and the replies of a comment box (each between its
    report and share links, or followed by when it was posted: ``3小时前``) are prose too, but
    not a report; nor is a second copy of paragraphs shown above the cut (the report rendered
    again for phones); nor is what stands below an editor credit once a list heading or
    :data:`~cleaner.page.core.CREDIT_TAIL` anchors follow it (the portal closed the report
    with the credit: a heading heads its list, anchors open its tail, however long a headline
    glued to its summary reads; ``below``: ``indexes`` are below the report, where a credit
    closes it; ``closed``: the credit stands above ``indexes``). Above the report a credit
    closes nothing (a head's ``编辑：张三`` over the report's first paragraphs)."""
    lex = lex or default_lexicon()
    before = {lines[i].text.strip() for i in range(indexes.start) if kinds[i] is Kind.PROSE}
    posted = lex.regex("posted_ago")
    best = run = anchors = 0
    for i in indexes:
        kind = kinds[i]
        if kind is Kind.META and below and not closed:
            closed = editor_credit(lines[i], kind, lex)
        elif kind is Kind.ANCHOR:
            run = 0
            anchors += closed
            if closed and (anchors >= CREDIT_TAIL or list_heading(lines[i], lex)):
                break
        elif kind is Kind.PROSE and lines[i].text.strip() not in before:
            cjk = cjk_count(lines[i].text)
            if (cjk >= PARAGRAPH_CJK or _FULL_STOP.search(lines[i].text)) \
                    and not _followed_by(lines, kinds, i, indexes.stop, posted):
                run += cjk
                best = max(best, run)
    return best


def _followed_by(lines: list[Line], kinds: list[Kind], i: int, stop: int,
                 regex: re.Pattern[str]) -> bool:
    """Whether the next filled line after ``i`` (before ``stop``) matches ``regex``."""
    nxt = next((j for j in range(i + 1, stop) if kinds[j] is not Kind.BLANK), None)
    return nxt is not None and regex.match(match_view(lines[nxt].text).strip()) is not None


_FULL_STOP = re.compile(r"[。；;]")


def outweighed(lines: list[Line], kinds: list[Kind], cut: range, core: tuple[int, int],
               lex: Lexicon | None = None) -> bool:
    """Whether a run to cut holds much less prose than the core: a page never has a second
    report as long as the first one, so a cut that would take one is not made. An editor
    credit between the core and the cut closed the report (see :func:`report_chars`)."""
    below = cut.start > core[1]
    closed = below and any(editor_credit(lines[i], kinds[i], lex)
                           for i in range(core[1] + 1, cut.start))
    cut_prose = report_chars(lines, kinds, cut, lex, closed, below)
    return cut_prose <= MAX_CUT_PROSE or \
        cut_prose * 2 <= prose_chars(lines, kinds, range(core[0], core[1] + 1))


def tail_start(page: Page, lex: Lexicon) -> int | None:
    """The first line of the chrome below the report, or None: the first strong anchor below
    the core (else a weak anchor that only link-like lines follow, or a headline column when
    it comes first), moved up over the weak anchors, link columns and rule line that open the
    same footer; no cut when it would take a second report."""
    if page.span is None:
        return None
    lines, classes = page.lines, page.classes
    headlines = _LazyHeadlines(lines, lex)
    first = next((i for i in range(page.span[1] + 1, len(lines)) if classes[i][1]
                  and not _label_over_prose(lines, classes, i, headlines, lex)), None)
    if first is None:
        first = _weak_footer(lines, classes, page.span[1], lex)
    column = _headline_column(lines, classes, page.span, headlines, lex)
    if column is not None and (first is None or column < first):
        first = column
    if first is None or not outweighed(lines, page.kinds, range(first, len(lines)), page.span,
                                        lex):
        return None
    first = _weak_anchor_above(classes, first, page.span[1])
    first = _link_list_above(lines, classes, first, page.span[1], lex)
    return _separator_above(lines, page.kinds, first, page.span[1])


HEADLINE_COLUMN_MIN = 4
HEADLINE_COLUMN_LONG = 6
"""A column this long, two thirds of its lines marked like headlines, ends the page even with
no chrome below the report, when the page has chrome above it (a portal's sidebar of stories,
flattened after the report)."""
_HEADLINE = re.compile(r"^[^。；;]{8,40}$")


def headline_line(line: Line, kind: Kind, lex: Lexicon) -> bool:
    """A link to another story: a title's length, no sentence ended in it, not a fact of a
    fact box or a step of a chronology (``●1983~1991年任知事``)."""
    view = match_view(line.text).strip()
    return kind in (Kind.SHORT, Kind.PROSE) and bool(_HEADLINE.match(view)) \
        and cjk_count(view) >= 6 and not _SENTENCE_END_AT.search(view) \
        and not _CELLS.search(view) and not lex.regex("numbered").match(view) \
        and not fact_item(view, lex)


_SENTENCE_END_AT = re.compile(r"[。.]$")
_CELLS = re.compile(r"\t|\s{2,}|^\S{1,4}\s*[:：]")
"""Cells of a table or a form (``主  席：…``, ``03艺术人类学<tab>方李莉``): rows of the report."""


def _rows_in(kinds: list[Kind], indexes: range) -> bool:
    """Whether ``indexes`` hold three short lines in a row: a report written in rows (a
    programme, a table, a list of names) whose rows may go on below its last paragraph."""
    count = 0
    for i in indexes:
        if kinds[i] is Kind.BLANK:
            continue
        count = count + 1 if kinds[i] is Kind.SHORT else 0
        if count >= 3:
            return True
    return False


def _headline_column(lines: list[Line], classes: list[tuple[Kind, bool]], span: tuple[int, int],
                     headlines: _LazyHeadlines, lex: Lexicon) -> int | None:
    """The first line of a column of ``HEADLINE_COLUMN_MIN`` or more headlines in a row below
    the report (a sidebar of other stories with no heading over it), when everything from
    there to the end of the page reads as a list of headlines too. Not below a report that is
    itself written in rows, nor over table cells or numbered points, nor after a line of
    prose below the core (the report may go on there; a photo caption does not count). Only on
    a page with a strong chrome anchor below its report (a list of prize-winning titles looks
    the same), or for a column of ``HEADLINE_COLUMN_LONG`` two-thirds marked on a page with one
    above it; and only when at least half of the column's lines carry a headline's marks
    (digits, Latin, quotes, a colon or question mark, a comma or space inside): a poem or a
    closing written in short lines has none, or ends its lines with a comma, and may stand
    above a real footer too."""
    kinds = [kind for kind, _ in classes]
    if _rows_in(kinds, range(span[0], span[1] + 1)):
        return None
    run: list[int] = []
    marked, marks, captioned = 0, lex.regex("headline_mark"), lex.regex("captioned")
    below = any(strong for _, strong in classes[span[1] + 1:])
    above = any(strong for _, strong in classes[:span[0]])
    for i in range(span[1] + 1, len(lines)):
        if kinds[i] is Kind.BLANK:
            continue
        if headline_line(lines[i], kinds[i], lex):
            run.append(i)
            marked += bool(marks.search(match_view(lines[i].text).strip()))
            if len(run) >= HEADLINE_COLUMN_MIN and 2 * marked >= len(run) \
                    and (below or (above and len(run) >= HEADLINE_COLUMN_LONG
                                   and 3 * marked >= 2 * len(run))) \
                    and headlines.qualifies(run[0]):
                return run[0]
            continue
        if kinds[i] is Kind.PROSE and not (not run and captioned.search(lines[i].text)):
            return None  # the report may go on past its core: no column below it
        run, marked = [], 0
    return None


class _LazyHeadlines:
    """:class:`cleaner.page.lists.HeadlineTail` of a page, built the first time it is asked."""

    def __init__(self, lines: list[Line], lex: Lexicon | None):
        self.lines = lines
        self.lex = lex
        self._tail: HeadlineTail | None = None

    def qualifies(self, start: int) -> bool:
        if self._tail is None:
            self._tail = HeadlineTail([ln.text for ln in self.lines], lex=self.lex)
        return self._tail.qualifies(start)


def _label_over_prose(lines: list[Line], classes: list[tuple[Kind, bool]], i: int,
                      headlines: _LazyHeadlines, lex: Lexicon) -> bool:
    """A section label (a photo-news heading) over paragraphs rather than over a list of
    headlines: a heading of the report's own (its photo captions), not the start of a footer."""
    if classifier(lex).classify(lines[i].text)[1] != "marker":
        return False
    return any(kind is Kind.PROSE for kind, _ in classes[i + 1:]) and not headlines.qualifies(i + 1)


def _weak_footer(lines: list[Line], classes: list[tuple[Kind, bool]], body_end: int,
                 lex: Lexicon) -> int | None:
    """The first weak anchor below the report that only link-like lines (short, no sentence in
    them) and other anchors follow: the rest of a footer whose strong lines are already gone (a
    tag line over a download bar), not a line of the report, which prose, a fact or a sentence
    would follow. An anchor of a family needs one such line after it; a lone word (``中``,
    ``分享``) needs another anchor among them, since it sits in a report's own rows (a schedule)
    as often as in a footer; a row of dots, which separates parts of a report, starts nothing."""
    judge = classifier(lex)
    first: int | None = None
    followers = anchors = 0
    lone = False
    for i in range(body_end + 1, len(classes)):
        kind = classes[i][0]
        if kind is Kind.BLANK:
            continue
        linky = kind is Kind.ANCHOR or (
            kind is Kind.SHORT and not _SENTENCE_MARK.search(lines[i].text))
        if not linky:
            first = None
        elif first is not None:
            followers += 1
            anchors += kind is Kind.ANCHOR
        elif kind is Kind.ANCHOR and (reason := judge.classify(lines[i].text)[1]) != "punctuation":
            first, followers, anchors, lone = i, 0, 0, reason in LONE_WORDS
    if first is None or not followers or (lone and not anchors):
        return None
    return first


_SENTENCE_MARK = re.compile(r"[。！？!?；;]")


def _weak_anchor_above(classes: list[tuple[Kind, bool]], first: int, body_end: int) -> int:
    """Where a cut starting at the strong anchor ``first`` really starts: at a weak anchor
    above it (a tag line, a lone widget word) with nothing but short lines and other anchors
    between them. Alone, such a line may be the report's; this close to a footer, with no
    prose or fact in between, it is the footer's first line."""
    start = first
    for i in range(first - 1, body_end, -1):
        kind = classes[i][0]
        if kind is Kind.ANCHOR:
            start = i
        elif kind not in (Kind.BLANK, Kind.SHORT):
            break
    return start


_RULE = re.compile(r"^\s*[-_=*~—─━]{6,}\s*$")


def _separator_above(lines: list[Line], kinds: list[Kind], first: int, body_end: int) -> int:
    """A rule line (``------``) right above a tail cut, or above one or two short lines right
    above it (a forum signature), opens the footer: the cut starts there."""
    content = [i for i in range(first - 1, body_end, -1) if kinds[i] is not Kind.BLANK][:3]
    for depth, i in enumerate(content):
        if _RULE.match(lines[i].text):
            return i
        if depth == 2 or kinds[i] is not Kind.SHORT:
            break
    return first


LINK_LIST_MIN = 3
_LINK_TEXT = re.compile(r"^[^。！？!?；;，,、“”\"]{1,20}$")
_INTRODUCES = re.compile(r"[:：]\s*$")
_LABELLED = re.compile(r"[:：]\s*\S")


def _link_text(line: str, kind: Kind, lex: Lexicon) -> bool:
    """A short unpunctuated line that could be a link: ``政策解读``, ``网页``, ``13,046``."""
    view = re.sub(r"(?<=\d),(?=\d{3})", "", match_view(line).strip())
    return kind is Kind.SHORT and bool(_LINK_TEXT.match(view)) \
        and not lex.regex("numbered").match(view) and not _LABELLED.search(view)


def _column_at(lines: list[Line], classes: list[tuple[Kind, bool]], indexes: range,
               lex: Lexicon) -> bool:
    """Whether ``indexes`` hold ``LINK_LIST_MIN`` link-text lines in a row (blanks aside)."""
    count = 0
    for i in indexes:
        kind = classes[i][0]
        if kind is Kind.BLANK:
            continue
        count = count + 1 if _link_text(lines[i].text, kind, lex) else 0
        if count >= LINK_LIST_MIN:
            return True
    return False


def _link_list_above(lines: list[Line], classes: list[tuple[Kind, bool]], first: int,
                     body_end: int, lex: Lexicon) -> int:
    """Where a cut starting at the anchor ``first`` really starts: a column of at least
    ``LINK_LIST_MIN`` link texts right above the anchor (tabs, a sitemap without chrome words)
    belongs to the footer, unless the line above the column introduces it (``名单如下：``),
    the column reads as verse (a poem closing the report) or the report itself is written in
    such columns (a form, a schedule, a list of names)."""
    start, count = first, 0
    i = first - 1
    while i > body_end:
        kind = classes[i][0]
        if kind is Kind.BLANK:
            i -= 1
            continue
        if not _link_text(lines[i].text, kind, lex):
            break
        start, count = i, count + 1
        i -= 1
    if count < LINK_LIST_MIN or _verse(lines, classes, range(start, first), lex):
        return first
    above = next((j for j in range(start - 1, -1, -1) if classes[j][0] is not Kind.BLANK), None)
    if above is not None and _INTRODUCES.search(lines[above].text):
        return first
    announces = lex.regex("announces")
    if any(announces.search(lines[j].text) for j in range(start, first)):
        return first
    if _column_at(lines, classes, range(0, start), lex):
        return first
    return start


VERSE_FUNCTION_CHARS = 2


def _verse(lines: list[Line], classes: list[tuple[Kind, bool]], indexes: range,
           lex: Lexicon) -> bool:
    """Whether at least half the lines of ``indexes`` carry ``VERSE_FUNCTION_CHARS`` or more
    function characters (``的 了 是 在 …``): running Chinese broken into lines, a poem or a
    closing in short lines, not a column of link texts (``政策解读`` / ``网站地图``)."""
    function = lex.words("function_chars")
    texts = [match_view(lines[i].text) for i in indexes if classes[i][0] is not Kind.BLANK]
    running = sum(sum(ch in function for ch in text) >= VERSE_FUNCTION_CHARS for text in texts)
    return 2 * running >= len(texts) > 0


CAPTION_REACH = 8


def captions_below(page: Page, first: int, lex: Lexicon) -> list[int]:
    """Lines of a tail cut from ``first`` that stay: photo captions of the report (a sentence
    closed by its credit, ``…身亡。王煌忠摄``) among the first ``CAPTION_REACH`` lines of the
    cut. Portals put a help-line notice or a fan-page prompt between the text and its pictures;
    the caption is the report's, the notice is not."""
    captioned = lex.regex("captioned")
    content = [i for i in range(first, len(page.lines)) if page.kinds[i] is not Kind.BLANK]
    return [i for i in content[:CAPTION_REACH]
            if page.kinds[i] in (Kind.PROSE, Kind.SHORT) and cjk_count(page.lines[i].text) >= 12
            and captioned.search(match_view(page.lines[i].text).strip())]
