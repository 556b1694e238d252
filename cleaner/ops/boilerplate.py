"""Runs of chrome above and below the report, decided by the lines' kinds and their positions.

A page is head chrome, one contiguous body, tail chrome. The body *core* is the stretch of
lines that best explains the prose (a maximum-sum segment: prose lines weigh their length,
anchors weigh against, neutral lines a little against), so a lone widget inside the report
does not split it, while a related-news list or a comment box below it does.

Outside the core the decision is by runs, never by one line's looks alone:

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
from dataclasses import dataclass

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.linekinds import (
    WEAK_REASONS,
    WIDGET_WORDS,
    Kind,
    bullet_item,
    classify,
    contents_runs,
    dated_item,
    is_tiny,
    vertical_label_runs,
)
from cleaner.ops.lines import Line, line_removal_span, merge_removals
from cleaner.ops.text import cjk_count, match_view

ANCHOR_WEIGHT = -25
SHORT_WEIGHT = -2
META_WEIGHT = -4
MAX_PROSE_WEIGHT = 400
MAX_CUT_PROSE = 200
PROSE_DISCOUNT = 15
PARAGRAPH_CJK = 30


def line_kinds(lines: list[Line]) -> list[Kind]:
    """Kinds per line (see :func:`line_classes`)."""
    return [kind for kind, _ in line_classes(lines)]


def line_classes(lines: list[Line]) -> list[tuple[Kind, bool]]:
    """Kind per line and, for anchors, whether it is strong enough to start a cut alone.

    Context a single line cannot show: two or more bulleted or dated link texts in a row
    (blank lines between them allowed) are a link list, so each of them is an anchor; so
    are labels written vertically, one character per line (``往 / 期 / 返 / 回``) or as the
    initials of a column of link rows (``今 …`` / ``日 …`` / ``推 …`` / ``荐 …``). A weak
    anchor (a lone widget word) becomes strong when another anchor is within two lines.
    """
    classes = [classify(ln.text) for ln in lines]
    kinds = [kind for kind, _ in classes]
    strong = [kind is Kind.ANCHOR and reason not in WEAK_REASONS for kind, reason in classes]
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK]
    listy = {i: kinds[i] in (Kind.SHORT, Kind.ANCHOR)
             and (bullet_item(lines[i].text) or dated_item(lines[i].text)) for i in content}
    for pos, i in enumerate(content):
        if listy[i] and ((pos > 0 and listy[content[pos - 1]])
                         or (pos + 1 < len(content) and listy[content[pos + 1]])):
            kinds[i], strong[i] = Kind.ANCHOR, True
    texts = [lines[i].text for i in content]
    for run in vertical_label_runs(texts) + contents_runs(texts):
        for pos in run:
            kinds[content[pos]], strong[content[pos]] = Kind.ANCHOR, True
    for pos, i in enumerate(content):
        if kinds[i] is Kind.ANCHOR and not strong[i]:
            near = content[max(0, pos - 2):pos] + content[pos + 1:pos + 3]
            strong[i] = any(kinds[j] is Kind.ANCHOR for j in near)
    return [(k, k is Kind.ANCHOR and s) for k, s in zip(kinds, strong, strict=True)]


@dataclass(slots=True, eq=False)
class PageAnalysis:
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


def analyse(lines: list[Line]) -> PageAnalysis:
    """Classes and span of ``lines``. Ops get it through ``ctx.analysis(text).page``, which
    computes it once per version of the text (see :mod:`cleaner.ops.analysis`)."""
    classes = line_classes(lines)
    kinds = [kind for kind, _ in classes]
    span = body_span(lines, classes)
    zone = None
    if span is not None:
        first_prose = kinds.index(Kind.PROSE)
        zone = (min(first_prose, span[0]), span[1])
    return PageAnalysis(lines, classes, span, zone, kinds)


def _page(text: str, ctx: OpContext) -> PageAnalysis:
    return ctx.analysis(text).page


def _weight(kind: Kind, text: str) -> int:
    if kind is Kind.PROSE:
        return max(1, min(MAX_PROSE_WEIGHT, cjk_count(text) - PROSE_DISCOUNT))
    if kind is Kind.ANCHOR:
        return ANCHOR_WEIGHT
    if kind is Kind.META:
        return META_WEIGHT
    if kind is Kind.SHORT:
        return SHORT_WEIGHT
    return 0


def body_core(lines: list[Line], kinds: list[Kind] | None = None) -> tuple[int, int] | None:
    """First and last line of the body core (maximum-sum segment), or None without prose.

    Linear (Kadane); ties keep the earliest start and the longest end, so the result does not
    depend on anything but the lines.
    """
    if kinds is None:
        kinds = line_kinds(lines)
    best: tuple[int, int, int] | None = None  # (sum, first, last)
    run_sum, run_start = 0, 0
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        w = _weight(kind, line.text)
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
    return _trim(lines, kinds, best[1], best[2])


def _solid(lines: list[Line], kinds: list[Kind], i: int, step: int) -> bool:
    """A prose line that is a paragraph, or that has prose right after it (``step`` = 1) or
    right before it (``step`` = -1): a question-mark title above a byline is neither."""
    if cjk_count(lines[i].text) >= PARAGRAPH_CJK:
        return True
    j = i + step
    while 0 <= j < len(lines) and kinds[j] is Kind.BLANK:
        j += step
    return 0 <= j < len(lines) and kinds[j] is Kind.PROSE


def _trim(lines: list[Line], kinds: list[Kind], first: int, last: int) -> tuple[int, int]:
    """Move the core's ends inwards past prose lines that stand alone (a title, a teaser)."""
    prose = [i for i in range(first, last + 1) if kinds[i] is Kind.PROSE]
    head = next((i for i in prose if _solid(lines, kinds, i, 1)), None)
    tail = next((i for i in reversed(prose) if _solid(lines, kinds, i, -1)), None)
    if head is None or tail is None or head > tail:
        return first, last
    return head, tail


def _prose_chars(lines: list[Line], kinds: list[Kind], indexes: range) -> int:
    return sum(cjk_count(lines[i].text) for i in indexes if kinds[i] is Kind.PROSE)


def _outweighed(lines: list[Line], kinds: list[Kind], cut: range, core: tuple[int, int]) -> bool:
    """Whether a run to cut holds much less prose than the core: a page never has a second
    report as long as the first one, so a cut that would take one is not made."""
    cut_prose = _prose_chars(lines, kinds, cut)
    return cut_prose <= MAX_CUT_PROSE or \
        cut_prose * 2 <= _prose_chars(lines, kinds, range(core[0], core[1] + 1))


def head_run(text: str, ctx: OpContext) -> list[Span]:
    """Remove the page head down to the last strong chrome anchor above the report.

    When that anchor is the only chrome in the head and only titles stand above it (a headline
    over a section label), the anchor goes alone and the titles stay.
    """
    page = _page(text, ctx)
    if page.span is None:
        return []
    lines, classes, kinds, start = page.lines, page.classes, page.kinds, page.span[0]
    last = next((i for i in range(start - 1, -1, -1) if classes[i][1]), None)
    if last is None or not _outweighed(lines, kinds, range(0, last + 1), page.span):
        return []
    # a lone anchor with only titles above it (a headline over a section label) goes alone
    titles = all(kind is Kind.BLANK or (kind in (Kind.SHORT, Kind.PROSE) and cjk_count(ln.text) >= 2)
                 for ln, kind in zip(lines[:last], kinds[:last], strict=True))
    top = last if titles else 0
    last = _head_run_end(lines, kinds, last, start)
    spans = [line_removal_span(text, ln) + ("",) for ln in lines[top:last + 1]]
    for ln, kind in zip(lines[last + 1:start], kinds[last + 1:start], strict=True):
        if kind is Kind.SHORT and (is_tiny(ln.text) or _TIME_ONLY.match(match_view(ln.text))):
            spans.append(line_removal_span(text, ln) + ("",))
    return merge_removals(text, spans)


_TIME_ONLY = re.compile(r"^\s*(?:\d{1,2}\s*日\s*)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*$")
"""What is left of a dateline broken over lines: ``02日14:25``, ``14:25``."""
_ROW_SEPARATOR = re.compile(r"(?:[|｜]|>>?|»|→|->|＞)\s*$")
_BULLET_MARK = re.compile(r"^\s*([•·●○◎■□◆◇▪▶►☆★※→])")
MAX_LIST_GAP = 8


def _head_run_end(lines: list[Line], kinds: list[Kind], last: int, start: int) -> int:
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
            and classify(lines[last].text)[1] in ("breadcrumb", "punctuation")
        if joins or _wrapped_widget(anchor, nxt_view) \
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


def _wrapped_widget(anchor: str, nxt: str) -> bool:
    """Whether ``nxt`` (one or two characters) finishes a widget word the line above began."""
    if not 1 <= len(nxt) <= 2:
        return False
    return any(token[-k:] + nxt in WIDGET_WORDS
               for token in _TOKEN_SPLIT.split(anchor) for k in range(1, min(len(token), 6) + 1))


_TOKEN_SPLIT = re.compile(r"[\s|｜\[\]【】()（）<>»:：]+")


def tail_run(text: str, ctx: OpContext) -> list[Span]:
    """Remove the page tail from the first strong chrome anchor below the report."""
    page = _page(text, ctx)
    if page.span is None:
        return []
    lines, classes = page.lines, page.classes
    headlines = _LazyHeadlines(lines)
    first = next((i for i in range(page.span[1] + 1, len(lines)) if classes[i][1]
                  and not _label_over_prose(lines, classes, i, headlines)), None)
    if first is None or not _outweighed(lines, page.kinds, range(first, len(lines)), page.span):
        return []
    first = _link_list_above(lines, classes, first, page.span[1])
    first = _separator_above(lines, page.kinds, first, page.span[1])
    return merge_removals(text, [(lines[first].start, len(text), "")])


class _LazyHeadlines:
    """:class:`cleaner.ops.chrome.HeadlineTail` of a page, built the first time it is asked."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self._tail = None

    def qualifies(self, start: int) -> bool:
        if self._tail is None:
            from cleaner.ops.chrome import HeadlineTail

            self._tail = HeadlineTail([ln.text for ln in self.lines])
        return self._tail.qualifies(start)


def _label_over_prose(lines: list[Line], classes: list[tuple[Kind, bool]], i: int,
                      headlines: _LazyHeadlines) -> bool:
    """A section label (``图片新闻``) over paragraphs rather than over a list of headlines: a
    heading of the report's own (its photo captions), not the start of a footer."""
    if classify(lines[i].text)[1] != "marker":
        return False
    return any(kind is Kind.PROSE for kind, _ in classes[i + 1:]) and not headlines.qualifies(i + 1)


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
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、)）]|[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）])")
_INTRODUCES = re.compile(r"[:：]\s*$")
_LABELLED = re.compile(r"[:：]\s*\S")
_ANNOUNCES = re.compile(r"(?:如下|以下|下列|名单|名录|包括|分别|依次|是|为|有)\s*[:：]\s*$")
"""A line that introduces the list below it (``获奖名单如下：``), unlike a widget's label."""


def _link_text(line: str, kind: Kind) -> bool:
    """A short unpunctuated line that could be a link: ``政策解读``, ``网页``, ``13,046``."""
    view = re.sub(r"(?<=\d),(?=\d{3})", "", match_view(line).strip())
    return kind is Kind.SHORT and bool(_LINK_TEXT.match(view)) and not _NUMBERED.match(view) \
        and not _LABELLED.search(view)


def _column_at(lines: list[Line], classes: list[tuple[Kind, bool]], indexes: range) -> bool:
    """Whether ``indexes`` hold ``LINK_LIST_MIN`` link-text lines in a row (blanks aside)."""
    count = 0
    for i in indexes:
        kind = classes[i][0]
        if kind is Kind.BLANK:
            continue
        count = count + 1 if _link_text(lines[i].text, kind) else 0
        if count >= LINK_LIST_MIN:
            return True
    return False


def _link_list_above(lines: list[Line], classes: list[tuple[Kind, bool]], first: int,
                     body_end: int) -> int:
    """Where a cut starting at the anchor ``first`` really starts: a column of at least
    ``LINK_LIST_MIN`` link texts right above the anchor (tabs, a sitemap without chrome words)
    belongs to the footer, unless the line above the column introduces it (``名单如下：``) or
    the report itself is written in such columns (a form, a schedule, a list of names)."""
    start, count = first, 0
    i = first - 1
    while i > body_end:
        kind = classes[i][0]
        if kind is Kind.BLANK:
            i -= 1
            continue
        if not _link_text(lines[i].text, kind):
            break
        start, count = i, count + 1
        i -= 1
    if count < LINK_LIST_MIN:
        return first
    above = next((j for j in range(start - 1, -1, -1) if classes[j][0] is not Kind.BLANK), None)
    if above is not None and _INTRODUCES.search(lines[above].text):
        return first
    if any(_ANNOUNCES.search(lines[j].text) for j in range(start, first)):
        return first
    if _column_at(lines, classes, range(0, start)):
        return first
    return start


def body_span(lines: list[Line], classes: list[tuple[Kind, bool]]) -> tuple[int, int] | None:
    """First and last line of the report: the core, started early at a first paragraph that a
    block of chrome inside the report kept out of it."""
    kinds = [kind for kind, _ in classes]
    core = body_core(lines, kinds)
    if core is None:
        return None
    start = next((i for i in range(core[0]) if kinds[i] is Kind.PROSE
                  and cjk_count(lines[i].text) >= PARAGRAPH_CJK), core[0])
    return start, core[1]


def _cut_from_marker(text: str, ctx: OpContext, reasons: frozenset[str],
                     follows: Callable[[list[str]], bool], lookahead: int) -> list[Span]:
    """Cut from the first marker line (an anchor of one of ``reasons``) below the first
    paragraph to the end, when the ``lookahead`` lines after it satisfy ``follows``."""
    page = _page(text, ctx)
    lines, classes, span = page.lines, page.classes, page.span
    if span is None:
        return []
    content = [i for i in range(span[0] + 1, len(lines)) if classes[i][0] is not Kind.BLANK]
    for pos, i in enumerate(content):
        if classes[i][0] is not Kind.ANCHOR or classify(lines[i].text)[1] not in reasons:
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
        cut_prose = _prose_chars(lines, kinds, cut)
        if cut_prose > MAX_CUT_PROSE and cut_prose * 2 > _prose_chars(lines, kinds, range(start)):
            return []
        return merge_removals(text, [(lines[start].start, len(text), "")])
    return []


_COMMENT_HEAD = re.compile(
    r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}"
    r"|\b(?:19|20)\d{2}\s+at\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)|楼|网友|发表于"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}", re.I)


def _comment_shaped(after: list[str]) -> bool:
    """A comment box: a header with a time or another piece of comment furniture follows."""
    return not after or any(
        _COMMENT_HEAD.search(match_view(t)) or classify(t)[1] in ("comment", "login")
        for t in after)


def comment_thread(text: str, ctx: OpContext, lookahead: int = 6) -> list[Span]:
    """Remove the reader comments below a report, from the comment-section marker on.

    The marker (``网友评论``, ``《标题》已有1件评论``, ``# re: …``) alone is not enough: the
    lines after it must look like a comment box (a poster with a time, reply furniture), and
    the block may not hold more prose than the report above it.
    """
    return _cut_from_marker(text, ctx, frozenset({"comment"}), _comment_shaped, lookahead)


_LEGAL = re.compile(r"著作权|版权|转载|授权|侵权|法律|法规|禁止|责任|观点|言论|立场|违反|追究|出处")


def disclaimer_block(text: str, ctx: OpContext, lookahead: int = 3) -> list[Span]:
    """Remove a site's legal notice below a report (``郑重声明`` and its numbered rules).

    Cut from the notice's title when one of the lines right after it speaks of copyright,
    reposting, liability or the poster's views.
    """
    return _cut_from_marker(
        text, ctx, frozenset({"disclaimer"}),
        lambda after: any(_LEGAL.search(match_view(t)) for t in after), lookahead)


_FIELD_KEYS = {"来源": "source", "稿源": "source", "出处": "source", "出自": "source",
               "文章来源": "source", "信息来源": "source", "作者": "author", "作 者": "author",
               "编辑": "editor", "责任编辑": "editor", "责编": "editor", "本版编辑": "editor",
               "发布日期": "published", "发布时间": "published", "发表时间": "published",
               "发表日期": "published", "时间": "published", "日期": "published",
               "更新时间": "published", "主题": "title", "原标题": "title"}
_LABELS = "|".join(sorted(_FIELD_KEYS, key=len, reverse=True))
_BARE_LABEL = re.compile(rf"^\s*[\[【]?\s*(?P<key>{_LABELS})\s*[\]】]?\s*[:：]?\s*$")
_FIELDS_LINE = re.compile(
    rf"^\s*-?\s*(?:(?:{_LABELS})\s*[:：]\s*(?:size=\"?\d+\"?|[^\s:：]{{0,24}}(?:\s+\d{{1,2}}:\d{{2}}"
    rf"(?::\d{{2}})?(?:\s*[AP]M)?)?)?\s*)+$", re.I)
_FIELD = re.compile(rf"(?P<key>{_LABELS})\s*[:：]\s*(?P<value>[^\s:：]{{1,24}})?")


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
    outside = [i for i in range(len(lines))
               if (i < span[0] or i > span[1]) and classes[i][0] is not Kind.BLANK]
    spans: list[Span] = []
    taken: set[int] = set()
    for pos, i in enumerate(outside):
        if i in taken:
            continue
        view = match_view(lines[i].text)
        bare = _BARE_LABEL.match(view)
        if bare:
            nxt = outside[pos + 1] if pos + 1 < len(outside) else None
            if nxt is not None and (nxt < span[0]) == (i < span[0]) and nxt not in taken \
                    and classes[nxt][0] in (Kind.SHORT, Kind.META) \
                    and not _BARE_LABEL.match(match_view(lines[nxt].text)) \
                    and len(lines[nxt].text.strip()) <= max_value:
                key = _FIELD_KEYS[bare.group("key")]
                ctx.meta.setdefault(key, lines[nxt].text.strip())
                taken.update((i, nxt))
                spans.append(line_removal_span(text, lines[i]) + ("",))
                spans.append(line_removal_span(text, lines[nxt]) + ("",))
            continue
        fields = list(_FIELD.finditer(view))
        if classes[i][0] is Kind.META and _FIELDS_LINE.match(view) \
                and (i < span[0] or len(fields) >= 2):
            for field in fields:
                value = field.group("value")
                if value and not value.lower().startswith("size="):
                    ctx.meta.setdefault(_FIELD_KEYS[field.group("key")], value)
            taken.add(i)
            spans.append(line_removal_span(text, lines[i]) + ("",))
    return merge_removals(text, spans)


_COMPOUND_SURNAME = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|司空|夏侯|轩辕|端木|独孤|南宫|"
    "西门|呼延|澹台|公冶|申屠|太史|闻人|钟离|赫连|拓跋")
_NAME = rf"(?:(?:{_COMPOUND_SURNAME})[\u4e00-\u9fff]{{1,2}}|[\u4e00-\u9fff·]{{2,3}})"
_NAME_ALONE = re.compile(rf"^{_NAME}(?:[、\s]+{_NAME}){{0,2}}$")
"""One to three names; a name is two or three characters, or four with a two-character surname
(欧阳中石): four characters alone (十年耕耘) are a heading far more often than a name."""
_NOT_A_NAME = re.compile(
    r"^(?:前言|引言|导言|序言|自序|代序|序|摘要|提要|内容提要|编者按|按语|导语|导读|概述|概要|背景|简介|"
    r"绪论|说明|附录|附件|正文|目录|后记|题记|小引|楔子|开篇|前记|题解|注释|通知|通告|公告|公示|决定|"
    r"意见|通报|决议|声明|启事|讣告|贺信|贺电|倡议书|感谢信|批复|报告|纪要|简报|公报|议程|会议议程|日程|"
    r"大家好|各位|亲爱的|编后|编后语|答问|问答|访谈|专访|评论|社论|短评|时评|述评|"
    r"看点|亮点|要点|焦点|简评|点评|快评|链接|花絮|提示|贴士|小贴士|资料|档案|观点|手记|记者手记)$"
    r"|^第.{1,3}[章节编篇回卷部集期课讲](?:\s|$)|们$|(?:局|部|厅|委|会|院|校|所|社|报|网|台|组|室|办|处|站|馆|司|厂|店|团|队|中心|集团|公司|协会)$"
)
_SUBTITLE = re.compile(r"^\s*(?:——|--|—)")


_TITLE_END = re.compile(r"[。；;：:，,、]\s*$")


def _title_line(line: str) -> bool:
    """A line that can be a title: short, not a list item, not ending a clause."""
    view = match_view(line).strip()
    return 2 <= len(view) <= 60 and not _TITLE_END.search(view) and not _NUMBERED.match(view)


def _name_alone(line: str) -> bool:
    view = match_view(line).strip()
    return bool(_NAME_ALONE.match(view)) and not _NOT_A_NAME.search(view)


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
    known = ctx.meta.get("author")
    lines, kinds, start = page.lines, page.kinds, page.span[0]
    content = [i for i in range(start + 1) if kinds[i] is not Kind.BLANK]
    spans: list[Span] = []
    for pos in range(1, len(content) - 1):
        i, above, below = content[pos], content[pos - 1], content[pos + 1]
        if kinds[i] is not Kind.SHORT or kinds[above] is not Kind.SHORT \
                or not _name_alone(lines[i].text) or not _title_line(lines[above].text):
            continue
        # the report starts right below, or after one line: a subtitle, a broken first line
        if below != start and not (kinds[below] is Kind.SHORT and not _name_alone(lines[below].text)
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
