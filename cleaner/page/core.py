"""The body core of a page: which stretch of lines is the report, and the kinds of its lines in context.

A page is head chrome, one contiguous body, tail chrome. The body *core* is the stretch of
lines that best explains the prose (a maximum-sum segment: prose lines weigh their length,
anchors weigh against, neutral lines a little against), so a lone widget inside the report
does not split it, while a related-news list or a comment box below it does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from cleaner.lexicon import Lexicon
from cleaner.page.kinds import SPLIT_OFF, Classifier, Kind, classifier
from cleaner.page.lines import Line
from cleaner.page.lists import (
    ITEM_MAX,
    HeadlineTail,
    bullet_item,
    category_item,
    contents_runs,
    dated_item,
    fact_item,
    stamped_runs,
    vertical_label_runs,
)
from cleaner.text import cjk_count, match_view

_line_cjk = lru_cache(maxsize=65536)(cjk_count)
"""Han characters of a line: every version of a page weighs its lines again."""

ANCHOR_WEIGHT = -25
SHORT_WEIGHT = -2
META_WEIGHT = -4
MAX_PROSE_WEIGHT = 400
PROSE_DISCOUNT = 15
PARAGRAPH_CJK = 30


LineFacts = tuple[list[tuple[Kind, str]], list[bool]]
"""What each line is by itself: its kind and family (:meth:`Classifier.classify`), and whether
it is shaped as a link of a list (:func:`_list_item`). Both are functions of the line's text
alone, so a text version that only lost lines keeps the facts of the lines it kept."""


def line_facts(lines: list[Line], lex: Lexicon | None = None) -> LineFacts:
    """The :data:`LineFacts` of ``lines``."""
    judge = classifier(lex)
    judge.room(len(lines))
    classes = [judge.classify(ln.text) for ln in lines]
    listy = [kind in (Kind.SHORT, Kind.ANCHOR, Kind.PROSE)
             and _list_item(judge, ln.text, kind is Kind.PROSE)
             for ln, (kind, _) in zip(lines, classes, strict=True)]
    return classes, listy


def line_classes(lines: list[Line], lex: Lexicon | None = None,
                 facts: LineFacts | None = None) -> list[tuple[Kind, bool]]:
    """Kind per line and, for anchors, whether it is strong enough to start a cut alone.

    Context a single line cannot show: two or more bulleted, dated or category-prefixed link
    texts in a row
    (blank lines between them allowed) are a link list, so each of them is an anchor; so
    are labels written vertically, one character per line (``往 / 期 / 返 / 回``) or as the
    initials of a column of link rows (``今 …`` / ``日 …`` / ``推 …`` / ``荐 …``). A weak
    anchor (a lone widget word) becomes strong when another anchor is within two lines, one that
    is not split-off punctuation (:data:`cleaner.page.kinds.SPLIT_OFF`: the tokens of a line of
    code do not make each other chrome).
    ``facts`` are the lines' own :data:`LineFacts` when known (computed otherwise).
    """
    judge = classifier(lex)
    classes, listy = facts if facts is not None else line_facts(lines, lex)
    kinds = [kind for kind, _ in classes]
    strong = [kind is Kind.ANCHOR and reason not in judge.weak for kind, reason in classes]
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK]
    for pos, i in enumerate(content):
        if listy[i] and ((pos > 0 and listy[content[pos - 1]])
                         or (pos + 1 < len(content) and listy[content[pos + 1]])):
            kinds[i], strong[i] = Kind.ANCHOR, True
    texts = [lines[i].text for i in content]
    headline = [kinds[i] in (Kind.SHORT, Kind.ANCHOR) for i in content]
    for run in vertical_label_runs(texts, judge.lex) + contents_runs(texts, judge.lex) \
            + stamped_runs(texts, headline, judge.lex):
        for pos in run:
            kinds[content[pos]], strong[content[pos]] = Kind.ANCHOR, True
    for pos, i in enumerate(content):
        if kinds[i] is Kind.ANCHOR and not strong[i]:
            near = content[max(0, pos - 2):pos] + content[pos + 1:pos + 3]
            strong[i] = any(kinds[j] is Kind.ANCHOR and classes[j][1] != SPLIT_OFF for j in near)
    return [(k, k is Kind.ANCHOR and s) for k, s in zip(kinds, strong, strict=True)]


def _list_item(judge: Classifier, line: str, prose: bool) -> bool:
    """Whether ``line`` is a link of a list: bulleted, dated or behind a section name (a line
    that reads as prose only when dated or behind a section name). Cached with the classifier:
    the same lines come back in every version of a document and across a portal's pages.
    Keyed by the line's view, which is all the answer reads: a line a later stage converted to
    Simplified or gave full-width punctuation is not asked again."""
    view = match_view(line)
    key = ("item", view, prose)
    found = judge.memo.get(key)
    if found is None:
        if prose and len(view.strip()) > ITEM_MAX:  # a paragraph: the common case
            found = judge.memo[key] = False
            return found
        marked = dated_item(line, judge.lex) or category_item(line, judge.lex)
        found = judge.memo[key] = marked or (not prose and bullet_item(line)
                                             and not fact_item(line, judge.lex))
    return found


def _weight(kind: Kind, text: str) -> int:
    if kind is Kind.PROSE:
        return max(1, min(MAX_PROSE_WEIGHT, _line_cjk(text) - PROSE_DISCOUNT))
    if kind is Kind.ANCHOR:
        return ANCHOR_WEIGHT
    if kind is Kind.META:
        return META_WEIGHT
    if kind is Kind.SHORT:
        return SHORT_WEIGHT
    return 0


def body_core(lines: list[Line], kinds: list[Kind] | None = None,
              page: Callable[[], str] | None = None) -> tuple[int, int] | None:
    """First and last line of the body core (maximum-sum segment), or None without prose.

    Linear (Kadane); ties keep the earliest start and the longest end, so the result does not
    depend on anything but the lines. A paragraph repeated from higher up the page weighs as a
    short line: the core is the first copy of a report a page renders twice. ``page`` gives the
    lines joined (:func:`_joined`), shared with the caller's own title checks.
    """
    if kinds is None:
        kinds = [kind for kind, _ in line_classes(lines)]
    best: tuple[int, int, int] | None = None  # (sum, first, last)
    run_sum, run_start = 0, 0
    seen: set[str] = set()
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        w = _weight(kind, line.text)
        if kind is Kind.PROSE and w > SHORT_WEIGHT:
            # a paragraph the page already showed (a second rendering of the report, for
            # phones) adds nothing: it must not pull the core over the chrome between copies
            text = line.text.strip()
            if text in seen:
                w = SHORT_WEIGHT
            seen.add(text)
        if run_sum <= 0:
            if w <= 0:
                run_sum, run_start = 0, i + 1
                continue
            run_sum, run_start = w, i
        else:
            run_sum += w
        if kind is Kind.PROSE and (best is None or run_sum >= best[0]):
            best = (run_sum, run_start, i)
    if best is None:
        return None
    return _trim(lines, kinds, best[1], best[2], page or _joined(lines))


def _solid(lines: list[Line], kinds: list[Kind], i: int, step: int) -> bool:
    """A prose line that is a paragraph, or that has prose right after it (``step`` = 1) or
    right before it (``step`` = -1): a question-mark title above a byline is neither."""
    if _line_cjk(lines[i].text) >= PARAGRAPH_CJK:
        return True
    j = i + step
    while 0 <= j < len(lines) and kinds[j] is Kind.BLANK:
        j += step
    return 0 <= j < len(lines) and kinds[j] is Kind.PROSE


TITLE_PROBE = 12
"""Characters from the middle of a line that, found in another line, show it again."""
TITLE_CHECKS = 3
"""Lines at the top of a core asked whether they are a title shown again, at most."""
_CLOSED = re.compile(r"[。.][\"'”’」』)）]*\s*$")


def _title_shown_again(lines: list[Line], i: int, page: Callable[[], str]) -> bool:
    """Whether line ``i``, not closed by a full stop, is shown elsewhere on the page (``page()``:
    the lines joined, asked only for such a line): a title in the browser bar and over the
    report, or under a ``原标题：`` label, however long and however it ends
    (``……被骗上百万！冒充公检法电诈团伙被端``). A paragraph ends with a full stop; a report's lead
    that a summary box repeats is never asked.

    >>> from cleaner.page.lines import lines_of
    >>> title = "某市七旬阿婆接来电称其涉黑被骗上百万！冒充公检法电诈团伙被端"
    >>> lines = lines_of([title, "2019年09月11日", "原标题：" + title])
    >>> _title_shown_again(lines, 0, lambda: "\\n".join(ln.text for ln in lines))
    True
    """
    text = lines[i].text.strip()
    if _CLOSED.search(text) or len(text) < 2 * TITLE_PROBE:
        return False
    middle = len(text) // 2 - TITLE_PROBE // 2
    probe = text[middle:middle + TITLE_PROBE]
    first = page().find(probe)
    return first >= 0 and page().find(probe, first + 1) >= 0


def _joined(lines: list[Line]) -> Callable[[], str]:
    """The page's text, joined the first time a title check needs it (most pages never do)."""
    return cache(lambda: "\n".join(ln.text for ln in lines))


def _trim(lines: list[Line], kinds: list[Kind], first: int, last: int,
          page: Callable[[], str]) -> tuple[int, int]:
    """Move the core's ends inwards past prose lines that stand alone (a title, a teaser), and
    its start past a title the page shows again (see :func:`_title_shown_again`)."""
    prose = [i for i in range(first, last + 1) if kinds[i] is Kind.PROSE]
    # a title shown again is no start: the first few solid lines are asked (each check reads
    # the whole page), the next one starts the core whatever it is
    solid = list(islice((i for i in prose if _solid(lines, kinds, i, 1)), TITLE_CHECKS + 1))
    head = next((i for i in solid[:TITLE_CHECKS] if not _title_shown_again(lines, i, page)),
                solid[TITLE_CHECKS] if len(solid) > TITLE_CHECKS else None)
    tail = next((i for i in reversed(prose) if _solid(lines, kinds, i, -1)), None)
    if head is None or tail is None or head > tail:
        return first, last
    return head, tail


def body_span(lines: list[Line], classes: list[tuple[Kind, bool]],
              lex: Lexicon | None = None) -> tuple[int, int] | None:
    """First and last line of the report: the core, started early at a first paragraph that a
    block of chrome inside the report kept out of it (a bulleted line is a link or a title
    however long, never that paragraph), and ended early at a list heading.

    A block inside a report is a share box, an ad, a picture's furniture: at most
    ``INNER_BLOCK_MAX`` filled lines that are not prose. Above more than that, only the first of
    two paragraphs in a row starts the report early (a blog post over a long block of links):
    a lone paragraph-long line there (a page title, a cookie notice, a teaser over the whole
    navigation of a flattened page) is not the report's first paragraph. Nor is a line the page
    shows twice (its title in the browser bar and over the report) or again inside another
    line (under a ``原标题：`` label: :func:`_title_shown_again`), nor a line above a
    you-are-here line (a page's description over its navigation)."""
    kinds = [kind for kind, _ in classes]
    page = _joined(lines)  # title checks read the whole page: joined once, when first asked
    core = body_core(lines, kinds, page)
    if core is None:
        return None
    between = 0  # filled lines that are not prose between line i and the core
    start, below = core[0], False  # below: the next filled line is a paragraph
    seen: Counter[str] | None = None  # prose lines by text, counted when first asked
    checks = 0  # the first few lines only are asked whether they are a title shown again
    position = classifier(lex).lex.regex("page_position")
    for i in range(core[0] - 1, -1, -1):
        kind = kinds[i]
        if kind is Kind.BLANK:
            continue
        if kind is Kind.ANCHOR and position.match(match_view(lines[i].text)):
            break  # a you-are-here line stands above the report: nothing above it starts it
        paragraph = kind is Kind.PROSE and _line_cjk(lines[i].text) >= PARAGRAPH_CJK \
            and not bullet_item(lines[i].text)
        if paragraph:
            if seen is None:
                seen = Counter(ln.text.strip() for ln, k in zip(lines, kinds, strict=True)
                               if k is Kind.PROSE)
            paragraph = seen[lines[i].text.strip()] == 1
        if paragraph and (between <= INNER_BLOCK_MAX or below):
            if checks < TITLE_CHECKS:  # a title shown again starts nothing
                checks += 1
                paragraph = not _title_shown_again(lines, i, page)
            if paragraph:
                start = i
        between += kind is not Kind.PROSE
        below = paragraph
    end = _end_before_list(lines, classes, core, lex, start)
    return start, _end_at_credit(lines, classes, start, end, lex)


INNER_BLOCK_MAX = 20


LIST_HEAD_FAMILY = "marker"


def _end_before_list(lines: list[Line], classes: list[tuple[Kind, bool]],
                     core: tuple[int, int], lex: Lexicon | None, start: int | None = None) -> int:
    """The core's last line, moved up above a list heading inside it (``延伸 · 推荐``,
    ``推荐阅读``) that headlines follow: teasers under such a heading are long enough to weigh
    as prose, which pulls the core over the related-news block they belong to. A heading over
    paragraphs (a photo section of the report) does not end it, unless an editor credit stands
    between the report's last paragraph and the heading (:func:`editor_credit`); such a heading is
    looked for from ``start`` (where the report starts, when above the core: teasers longer
    than a short report make the core of their own)."""
    tail: HeadlineTail | None = None
    first = core[0] if start is None else min(start, core[0])
    for i in range(first + 1, core[1] + 1):
        if not classes[i][1] or not list_heading(lines[i], lex):
            continue
        last = next((j for j in range(i - 1, first - 1, -1) if classes[j][0] is Kind.PROSE),
                    None)
        if last is None:
            continue
        if any(editor_credit(lines[k], classes[k][0], lex) for k in range(last + 1, i)):
            return last
        if i <= core[0]:
            continue
        if tail is None:
            tail = HeadlineTail([ln.text for ln in lines], lex=lex)
        if tail.qualifies(i + 1) and last >= core[0]:
            return last
    return core[1]


CREDIT_TAIL = 2
"""Strong anchors between an editor credit and the next paragraph that show the page's tail
has begun at the credit."""


def _end_at_credit(lines: list[Line], classes: list[tuple[Kind, bool]], start: int, end: int,
                   lex: Lexicon | None) -> int:
    """The report's last line, moved up above an editor credit that :data:`CREDIT_TAIL`
    strong anchors follow before the next paragraph (a feedback button, a comment counter,
    a login row; a short source note may stand between): the portal
    closed the report there, and the teasers further down (a live feed, a column of stories
    with their summaries) are long enough to pull the core over the tail. Only below two
    paragraphs of the report: a credit under a title, over a share row, ends nothing."""
    for i in range(start, end):
        if not editor_credit(lines[i], classes[i][0], lex):
            continue
        nxt = next((j for j in range(i + 1, end + 1) if classes[j][0] is Kind.PROSE
                    and _line_cjk(lines[j].text) >= PARAGRAPH_CJK), end + 1)
        if nxt > end or sum(classes[j][1] for j in range(i + 1, nxt)) < CREDIT_TAIL:
            continue
        prose = [j for j in range(start, i) if classes[j][0] is Kind.PROSE]
        if sum(_line_cjk(lines[j].text) >= PARAGRAPH_CJK for j in prose) >= 2:
            return prose[-1]
    return end


def editor_credit(line: Line, kind: Kind, lex: Lexicon | None = None) -> bool:
    """Whether ``line`` (of ``kind``) is an editor credit (lexicon family ``editor_credit``):
    the portal closed the report above it, so what a heading below it heads is not the
    report, even teasers as long as paragraphs (a headline glued to its summary).

    >>> from cleaner.page.lines import lines_of
    >>> credit, name = lines_of(["（责编：张三、李四）", "编辑部的故事"])
    >>> editor_credit(credit, Kind.META), editor_credit(name, Kind.SHORT)
    (True, False)
    """
    return kind is Kind.META and \
        classifier(lex).lex.regex("editor_credit").match(match_view(line.text)) is not None


def list_heading(line: Line, lex: Lexicon | None = None) -> bool:
    """Whether ``line`` heads a list of links (family :data:`LIST_HEAD_FAMILY`: ``推荐阅读``)."""
    return classifier(lex).classify(line.text)[1] == LIST_HEAD_FAMILY


@dataclass(slots=True, eq=False)
class Page:
    """Lines of one text version with their classes and the report's span.

    ``span`` is where the report is; ``zone`` is what line rules with a zone treat as the
    body: it starts at the first prose line even when that line stands alone above the
    report (a title with a question mark, a header table), because zone rules judge one
    line by its looks, and must not reach a line a reader would take for the report's.
    """

    lines: list[Line]
    classes: list[tuple[Kind, bool]]
    span: tuple[int, int] | None
    zone: tuple[int, int] | None
    kinds: list[Kind]
    facts: LineFacts | None = None


def analyse(lines: list[Line], lex: Lexicon | None = None, facts: LineFacts | None = None
            ) -> Page:
    """Classes, span and zone of ``lines`` (whose :data:`LineFacts` may be given)."""
    if facts is None:
        facts = line_facts(lines, lex)
    classes = line_classes(lines, lex, facts)
    kinds = [kind for kind, _ in classes]
    span = body_span(lines, classes, lex)
    zone = None
    if span is not None:
        first_prose = kinds.index(Kind.PROSE)
        zone = (min(first_prose, span[0]), span[1])
    return Page(lines, classes, span, zone, kinds, facts)


def body_bounds(lines: list[Line], lex: Lexicon | None = None) -> tuple[int, int] | None:
    """Indexes of the first and last lines of the report as zone rules see it, or None when it
    has no prose: the body core, so a headline list with teasers or a comment box below it is
    not taken for more report."""
    return analyse(lines, lex).zone
