"""Labels decided by their neighbours: the context pass jusText uses, on the lines a stage cut.

A one-word line (``汽车``, ``法国``, ``收听``) says nothing by itself: it may be a menu item, a tag
or a heading of the report. Its neighbours decide. Between two lines the chrome rules removed it
was part of the same menu or widget block, and goes too; next to a line that stays it stays.
The lines removed are those of the text the chrome stage started from (``ctx.scratch``, set by
the pipeline) that the current text no longer holds; lines that still read as strong chrome
anchors count as chrome neighbours too, so the pass also works on a text alone.

The same decision over runs (:func:`runs_between_chrome`): a run of label-shaped lines (menu
items, counts, tag rows, lone separators) outside the report that chrome closes on both sides
is the rest of a menu; a title, a fact, the report or the top of the page beside it keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.document import Span
from cleaner.lexicon import Lexicon
from cleaner.ops import STAGE_INPUT, OpContext, outside_report
from cleaner.page.analysis import LineAnalysis
from cleaner.page.core import Page
from cleaner.page.features import char_class, function_char_class
from cleaner.page.kinds import Classifier, Kind, classifier
from cleaner.page.lines import (
    Line,
    line_removal_span,
    matched_lines,
    merge_removals,
    removed_lines,
)
from cleaner.text import cjk_count

_LABEL = re.compile(r"^[^\W_]{2,4}$")
"""A label: two to four letters or characters, nothing else (no digit-only count either)."""


def _label(view: str) -> bool:
    return bool(_LABEL.match(view)) and not view.isdigit()


def _strong(page: Page, line: Line) -> bool:
    return page.classes[line.index][1]


@outside_report
def labels_between_chrome(text: str, ctx: OpContext) -> list[Span]:
    """Remove a label outside the report whose neighbours on both sides are chrome: lines this
    stage removed, or strong anchors still standing. A single character (a label written one
    character a line) and a bare number are never taken."""
    analysis = ctx.analysis(text)
    page = analysis.page
    if page.span is None:
        return []
    filled = analysis.zone_lines("edges")  # the report's own lines are never labels here
    candidates = [pos for pos, line in enumerate(filled) if page.kinds[line.index] is Kind.SHORT
                  and _label(analysis.view(line).strip())]
    if not candidates:  # most pages: no need to match the lines against the stage's input
        return []
    everything = analysis.zone_lines("any")
    where = {line.index: pos for pos, line in enumerate(everything)}
    fates: list[tuple[bool, bool] | None] = []
    stage_input = ctx.scratch.get(STAGE_INPUT)
    if stage_input is not None and stage_input != text:
        fates = removed_lines(stage_input, [ln.text.strip() for ln in everything])
    spans: list[Span] = []
    for pos in (where[filled[c].index] for c in candidates):
        fate = fates[pos] if fates else None
        above = (fate is not None and fate[0]) or (pos > 0 and _strong(page, everything[pos - 1]))
        below = (fate is not None and fate[1]) \
            or (pos + 1 < len(everything) and _strong(page, everything[pos + 1]))
        if above and below:
            spans.append(line_removal_span(text, everything[pos]) + ("",))
    return merge_removals(text, spans)


_WRITTEN = re.compile(r"[，,。！？!?；;：:、“”\"…]")
"""Clause or sentence punctuation (or an ellipsis): a line that is written, not a label."""
_ITEM_SPLIT = re.compile(r"[|｜·•/>»]|\s+")
_ENCLOSED = re.compile(r"^[(（\[【〔〖《<].*[)）\]】〕〗》>]$")
LABEL_ITEM = 8
"""Characters one item of a label row has at most (``东区新闻``, ``隐私权政策``, ``2770``)."""
LABEL_ROW = 30
"""Characters (spaces aside) a label row has at most."""
COLUMN_MIN = 4
"""Label lines a column above the report has at least to be cut with chrome on one side only."""
KICKER_LINES = 3
KICKER_CHARS = 5
"""A channel label over the title (``社会关注``, ``东区新闻``): at most ``KICKER_LINES`` lines of
at most ``KICKER_CHARS`` characters with no function character and no digit, below chrome: a
subheading of the report (``学习目的``) carries a function character as often as not, and the
first line of a title broken in two a count (``15家企业`` / ``17种产品、1个园区入选…``)."""
MENU_MIN = 8
"""Label lines a run above the report has at least to be a menu with no chrome beside it (the
top of a page rendered from its markup: section names one a line under the page's title); at
most one line in four may carry a function character (``正在阅读``), and no section name a
pronoun: a column of short lines that speaks of a person is verse (a poem opening a report);
and at most one line in four has more than ``MENU_ITEM_CJK`` Han characters (section names are
two to four, lines of verse five or seven)."""
MENU_ITEM_CJK = 4
_DIGIT = re.compile(r"\d")
TITLE_MIN = 6
"""Characters (spaces aside) from which a lone line above the report may be its title."""
_ROW_ITEMS = re.compile(r"\s*[|｜]\s*|\s{2,}")
ROW_MIN = 3


def label_shaped(view: str) -> bool:
    """Whether a line looks like a link text, a menu item, a count or a tag row: short items,
    no clause or sentence punctuation, not a note in brackets (``（完）``, ``（张三）``).

    >>> [label_shaped(v) for v in ("东区新闻", "20190926|国贸|增长率", "2770", "|", "（完）")]
    [True, True, True, True, False]
    >>> [label_shaped(v) for v in ("谢谢！", "他说，好。", "林义雄宣布停止禁食 愿再为台奋斗")]
    [False, False, False]
    """
    solid = "".join(view.split())
    if not solid or len(solid) > LABEL_ROW or _WRITTEN.search(solid) or _ENCLOSED.match(solid):
        return False
    return all(len(item) <= LABEL_ITEM for item in _ITEM_SPLIT.split(view))


def _measured(lines: list[str]) -> bool:
    """Whether every line has the same number of Han characters, four or more: lines of verse
    (``春风化雨`` / ``润物无声`` / …), not section names, which differ (``日报``, ``健康财富``, ``Travel``)
    or are all two or three long.

    >>> _measured(["春风化雨", "润物无声", "桃李满园"]), _measured(["日报", "健康财富", "Travel"])
    (True, False)
    >>> _measured(["新闻", "体育", "财经"])
    False
    """
    lengths = {cjk_count(line) for line in lines}
    return len(lengths) == 1 and min(lengths) >= 4


def _bare(line: str, judge: Classifier) -> bool:
    """A line that holds no text of the report: a lone separator or symbol (``|``, ``>``,
    ``•``), or a row of ``ROW_MIN`` or more short items split by bars or wide spaces (a tag
    row, ``20190926|国贸|增长率``)."""
    kind, reason = judge.classify(line)
    if kind is Kind.ANCHOR and reason == "punctuation":
        return True
    return len([t for t in _ROW_ITEMS.split(line.strip()) if t]) >= ROW_MIN


def _anchored_blocks(before: list[str], now: list[int | None], judge: Classifier) -> list[bool]:
    """For each line of the stage's input, whether it was removed in a block of consecutive
    removed lines one of which reads as a chrome anchor: a menu or a widget block, not a
    title's author or a dateline the rules that keep facts took."""
    anchored = [False] * len(before)
    k = 0
    while k < len(before):
        if now[k] is not None:
            k += 1
            continue
        end = k
        while end + 1 < len(before) and now[end + 1] is None:
            end += 1
        block = any(judge.classify(before[j])[0] is Kind.ANCHOR for j in range(k, end + 1))
        anchored[k:end + 1] = [block] * (end + 1 - k)
        k = end + 1
    return anchored


class _Runs:
    """The stage's input lines against the current page: which were removed, which are kept
    and where, which kept lines are candidates (label-shaped, outside the report)."""

    def __init__(self, analysis: LineAnalysis, stage_input: str, lex: Lexicon):
        self.page = page = analysis.page
        self.filled = analysis.zone_lines("any")
        self.first, self.last = page.span
        self.judge = classifier(lex)
        self.function = function_char_class(lex)
        self.person = char_class(lex, "person_chars")
        # (an anchor of a family still standing is chrome itself, never a line of a run; a
        # lone word or a separator is one, as a short line is)
        self.candidate = [not self.first <= ln.index <= self.last
                          and self._runnable(ln.text) and label_shaped(analysis.view(ln))
                          for ln in self.filled]
        self.before, found = matched_lines(stage_input, [ln.text.strip() for ln in self.filled])
        self.now: list[int | None] = [None] * len(self.before)
        for pos, k in enumerate(found):
            if k is not None:
                self.now[k] = pos
        self.anchored = _anchored_blocks(self.before, self.now, self.judge)

    def _runnable(self, line: str) -> bool:
        kind, reason = self.judge.classify(line)
        return kind is Kind.SHORT or (kind is Kind.ANCHOR and reason in self.judge.weak)

    def chrome(self, k: int) -> bool | None:
        """What line ``k`` of the stage's input is to a run beside it: True, chrome (an
        anchored removed block, or an anchor still standing that is no candidate); None, the
        page's end; False, anything else, the top of the page too (a title stands there)."""
        if k < 0:
            return False
        if k >= len(self.before):
            return None
        pos = self.now[k]
        if pos is None:  # a removed fact (a dateline under a title) is no menu's neighbour
            return self.anchored[k] and self.judge.classify(self.before[k])[0] is not Kind.META
        return self.page.kinds[self.filled[pos].index] is Kind.ANCHOR and not self.candidate[pos]

    def core(self, k: int) -> bool:
        pos = self.now[k] if 0 <= k < len(self.before) else None
        return pos is not None and self.first <= self.filled[pos].index <= self.last

    def runs(self) -> Iterator[tuple[int, int]]:
        """Each maximal run of kept candidates, as first and last index in the stage's input."""
        k = 0
        while k < len(self.before):
            pos = self.now[k]
            if pos is None or not self.candidate[pos]:
                k += 1
                continue
            end = k
            while end + 1 < len(self.before) and (nxt := self.now[end + 1]) is not None \
                    and self.candidate[nxt]:
                end += 1
            yield k, end
            k = end + 1

    def is_chrome(self, k: int, end: int) -> bool:
        """Chrome on both sides (or chrome and the page's end); a column of
        ``COLUMN_MIN`` labels or more above the report, no function character in them, below
        chrome and not over the report or an introducing colon (the rest of a menu above a
        title); a channel label between chrome and the title (see ``KICKER_CHARS``); or lines
        that hold no text, beside chrome on either side."""
        above, below = self.chrome(k - 1), self.chrome(end + 1)
        if k == end and self.filled[self.now[k]].index < self.first \
                and len("".join(self.before[k].split())) >= TITLE_MIN \
                and not _bare(self.before[k], self.judge):
            return False  # one line above the report, as long as a title: it may be one
        if above is not False and below is not False and (above or below):
            return True
        lines = self.before[k:end + 1]
        if above is True and end - k + 1 >= COLUMN_MIN and end + 1 < len(self.before) \
                and self.filled[self.now[k]].index < self.first and not self.core(end + 1) \
                and not self.before[end + 1].endswith((":", "：")) \
                and not any(self.function.search(line) for line in lines):
            return True
        if end - k + 1 >= MENU_MIN and self.filled[self.now[end]].index < self.first \
                and not self.core(end + 1) \
                and 4 * sum(bool(self.function.search(line)) for line in lines) <= len(lines) \
                and not any(self.person.search(line) for line in lines
                            if self.judge.classify(line)[0] is Kind.SHORT) \
                and 4 * sum(cjk_count(line) > MENU_ITEM_CJK for line in lines) <= len(lines) \
                and not _measured(lines):
            return True
        if above is True and end - k + 1 <= KICKER_LINES and self._title_below(end + 1) \
                and all(len("".join(line.split())) <= KICKER_CHARS
                        and not self.function.search(line) and not _DIGIT.search(line)
                        for line in lines):
            return True
        return bool(above or below) and all(_bare(line, self.judge) for line in lines)

    def _title_below(self, k: int) -> bool:
        """Whether line ``k`` of the stage's input is kept above the report, no label: the
        title a channel label stands over."""
        pos = self.now[k] if 0 <= k < len(self.before) else None
        if pos is None or self.candidate[pos]:
            return False
        index = self.filled[pos].index
        return index < self.first and self.page.kinds[index] in (Kind.SHORT, Kind.PROSE)


@outside_report
def runs_between_chrome(text: str, ctx: OpContext) -> list[Span]:
    """Remove runs of label-shaped lines outside the report (menu items, counts, tag rows, lone
    separators) that chrome closes (see :meth:`_Runs.is_chrome`): lines this stage removed in a
    block with an anchor, or anchors still standing. The report's own lines are never judged,
    nor a line that carries a fact or reads as prose; a run of labels next to the report, or
    next to a kept line that is neither chrome nor a label (a title, a dateline, a closing
    paragraph), stays. A block the stage removed without an anchor (a byline, a dateline the
    fact rules took) is no chrome neighbour: facts sit beside titles as often as beside menus.
    """
    stage_input = ctx.scratch.get(STAGE_INPUT)
    analysis = ctx.analysis(text)
    if analysis.page.span is None:
        return []
    if stage_input is None:  # run alone: the anchors still standing are the only chrome
        stage_input = text
    runs = _Runs(analysis, stage_input, ctx.lex)
    if not any(runs.candidate):
        return []
    spans = [line_removal_span(text, runs.filled[runs.now[j]]) + ("",)  # type: ignore[index]
             for k, end in runs.runs() if runs.is_chrome(k, end) for j in range(k, end + 1)]
    return merge_removals(text, spans)
