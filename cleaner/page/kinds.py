"""What one line of a scraped page is, judged by the line alone: prose, chrome, a fact, or neither.

Portal chrome comes in families that repeat across every site: navigation (breadcrumbs,
bulleted section lists, rows of section names), widgets (font size, print, share), pagers,
login boxes, comment-thread furniture, subscription prompts, copyright and licence footers,
section markers of related-news lists. A line of one of these families is an *anchor*: body
text never is one, so a run of chrome may be cut up to it. A *meta* line carries a fact
(date, source, author, editor) and is left to the rules that extract it. A *prose* line is
one a reporter wrote. Everything else is *short*: a title, a heading, a schedule row, a
name, a link text — neutral until its neighbours decide.

The families and vocabularies are data (``rules/lexicon/``, see :mod:`cleaner.lexicon`): every
pattern family marked ``anchor`` makes its lines anchors, in the order the lexicon lists them;
patterns match the Simplified, half-width view of the line (:func:`cleaner.text.match_view`).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from cleaner.lexicon import Lexicon, default_lexicon
from cleaner.literals import AnyOf, Needles, Prefiltered, prefiltered
from cleaner.page.lines import PROSE_CJK, is_prose_counted
from cleaner.text import CJK, cjk_at_least, cjk_count, match_view


class Kind(Enum):
    BLANK = "blank"
    PROSE = "prose"
    ANCHOR = "anchor"
    META = "meta"
    SHORT = "short"


_SEP_CHARS = r"\s|｜/\\·•●○◎■□◆◇▪▶►»>【】\[\]()（）<>《》:：,，、\-—_*~"
_SEP = re.compile(f"[{_SEP_CHARS}]+")
_PUNCT_ONLY = re.compile(rf"^[^0-9A-Za-z{CJK}]+$")
_RULE_LINE = re.compile(r"^[-_=*~—─━.。·\s]{3,}$")
_SPLIT_OFF = re.compile(r"^(?:[()\[\]{}:;,.'\"`]{1,4}|[（）“”‘’]{1,2}|。)$")
"""What a rendering that puts each inline element on a line of its own leaves between them:
the full stop after a link, the brackets, colons, commas and quotes of a line of code (``()``,
``):``, ``)})``, ``'``), the quotes around a link (``“`` / ``某某`` / ``”``), the brackets of a
widget's count (``评论`` / ``(`` / ``3`` / ``)``). Such a line is chrome only beside other
chrome: an anchor of the family :data:`SPLIT_OFF`, weak, that only an anchor of another family
nearby makes strong (:func:`cleaner.page.core.line_classes`), so a block of code cut into
tokens does not start a cut by itself. Matched on the line as written: the full-width colon
after a section label (``数码`` / ``：``) is a menu's, not code's."""
SPLIT_OFF = "split-off"
_SENTENCE_END = re.compile(r"[。！？!?]")
_NAV_CLAUSE = re.compile(r"[，,；;“”\"。！？!?]")
_NAMES_SPLIT = re.compile(r"[\s|｜]+")
_NOT_A_NAME_ROW = re.compile(r"[\d()（）、]")
_COUNT = re.compile(r"^\d+|\d+$")
MAX_CACHE = 65536
LONG_LINE = 80
"""A line longer than this is never a row of navigation or a widget (only the long families)."""
SENTENCE_CJK = 20
"""A line of :data:`SENTENCE_CJK` Han characters or more, written as clauses and closed as a
sentence (``他加入会员后，每月可以……实惠。``), and with no separator of a row of links in it, is
asked only the long families, as a line longer than :data:`LONG_LINE` is: a short family's
pattern matches a line's beginning, and a report's sentence may begin with its words
(``加入…会员``, ``关注…粉丝``). Shorter sentences are still asked every family: calls to action
are written as sentences too (``关注我们，获取更多最新资讯！``, ``加入会员，畅享无广告阅读。``)."""
_CLAUSES = re.compile(r"[，,；;].*[^\W\d_].*[。！？!?][\"'”’」』)）]*$")
_CLAUSE_MARK = re.compile(r"[，,；;]")
_LETTER = re.compile(r"[^\W\d_]")
_CLOSERS = "\"'”’」』)）"
_ENDERS = "。！？!?"


def written_as_clauses(view: str) -> bool:
    """Whether ``view`` is a sentence written as clauses: a comma or semicolon, a letter
    after it, and a sentence end before the line's closing quotes and brackets, as
    :data:`_CLAUSES` says. Decided in one pass where the pattern, backtracking through its two
    ``.*``, costs time growing with the square of the line.

    >>> written_as_clauses("他说，今天下雨了。”"), written_as_clauses("记者，2024。")
    (True, False)
    """
    if "\n" in view:  # ``.`` stops at a line break: the pattern's own answer
        return _CLAUSES.search(view) is not None
    end = len(view.rstrip(_CLOSERS)) - 1
    if end < 0 or view[end] not in _ENDERS:
        return False
    mark = _CLAUSE_MARK.search(view, 0, end)
    return mark is not None and _LETTER.search(view, mark.end(), end) is not None


_ROW_MARK = re.compile(r"[|｜]|\s{2,}|\s-+\s")
META_FIRST_MAX = 80
"""A line opened by a label of ``meta_first`` (原标题：, 责任编辑：) up to this long is a fact even
when it reads as prose: a reposted story's original headline ends in ！ or ？ as often as not, and
read as prose it joined the report, taking the related headlines below it along."""
MEMO_PER_LINE = 4
"""Answers :attr:`Classifier.memo` may keep per line (list item as prose or not, headline list
facts, label runs)."""


def tokens(view: str) -> list[str]:
    """The items of a row: the view split at spaces, bars, brackets and other separators."""
    return [t for t in _SEP.split(view) if t]


def foreign_char(vocab: frozenset[str] | set[str], digits: bool) -> re.Pattern[str]:
    r"""A character that no word of ``vocab`` holds and that is no separator (nor, with
    ``digits``, a digit): a row holding one cannot be all ``vocab`` words, however it splits.
    One search rules out most lines, where splitting each token into words costs a loop.

    >>> bool(foreign_char(frozenset({"打印", "关闭"}), True).search("【打印】 12 【关闭】"))
    False
    >>> bool(foreign_char(frozenset({"打印", "关闭"}), True).search("打印本文"))
    True
    """
    chars = "".join(re.escape(c) for c in sorted({c for word in vocab for c in word}))
    digit = r"\d" if digits else ""
    return re.compile(f"[^{_SEP_CHARS}{chars}{digit}]")


def splits_into(token: str, vocab: frozenset[str] | set[str]) -> bool:
    """``小字号大字号`` written without a separator: greedy split into vocabulary words.

    >>> splits_into("ab", frozenset({"a", "b"})), splits_into("abc", frozenset({"a", "b"}))
    (True, False)
    """
    i = 0
    while i < len(token):
        for j in range(min(len(token), i + 12), i, -1):
            if token[i:j] in vocab:
                i = j
                break
        else:
            return False
    return True


LONE_WORDS = frozenset({"widget word", "site link", "punctuation", SPLIT_OFF})
"""Reasons of anchors that are one word or a row of punctuation, no family: always weak."""


class Classifier:
    """Line kinds under one lexicon; each distinct line is judged once (chrome repeats)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.widgets = lex.words("widget")
        self.site_links = lex.words("site_link")
        self.nav_or_widget = self.widgets | self.site_links
        # (a count is stripped from a widget row's items, never from a navigation row's)
        self.not_widget = foreign_char(self.widgets, digits=True)
        self.not_nav = foreign_char(self.nav_or_widget, digits=False)
        anchors = [name for name, family in lex.families.items() if family.anchor]
        # anchored alternatives fail fast at the line start; the others try every position,
        # so they first check the literals any match must hold (see cleaner.literals)
        self.families = [(name, start, prefiltered(anywhere))
                         for name in anchors for start, anywhere in [lex.split_regex(name)]]
        self.first_start = _first_start(self.families)
        self.start_gate, self.bare_start = _start_gate(lex, anchors) \
            if self.first_start is not None else (None, None)
        """Most start alternatives need a literal: when a line holds none of them, only the
        alternatives without one (:attr:`bare_start`) can match at its start."""
        anywhere = [a for _, _, a in self.families if a is not None]
        self.anywhere_gate = AnyOf([a.needles for a in anywhere]) \
            if all(isinstance(a, Prefiltered) for a in anywhere) else None
        self.long_families = [(name, prefiltered(lex.regex(name))) for name in anchors
                              if lex.family(name).long]
        self.long_names = frozenset(name for name, _ in self.long_families)
        self.footer = prefiltered(lex.regex("footer"))
        long_patterns = [self.footer, *(regex for _, regex in self.long_families)]
        self.long_gate = AnyOf([p.needles for p in long_patterns]) \
            if all(isinstance(p, Prefiltered) for p in long_patterns) else None
        """One search that rules out the footer and every long family on most paragraphs."""
        self.weak = frozenset(name for name in anchors if lex.family(name).weak) | LONE_WORDS
        self.meta_label = prefiltered(lex.regex("meta_label"))
        self.meta_first = prefiltered(lex.regex("meta_first"))
        self.byline = prefiltered(lex.regex("byline"))
        self.full_date = prefiltered(lex.regex("full_date"))
        self.date = lex.regex("date")
        words = sorted((w for w in self.site_links if 2 <= len(w) <= 8), key=len, reverse=True)
        self.nav_word = re.compile("|".join(re.escape(w) for w in words))
        self._cache: dict[str, tuple[Kind, str]] = {}
        self._by_view: dict[str, tuple[Kind, str]] = {}
        """:meth:`_classify` by view: a line converted to Simplified or given full-width
        punctuation by a later stage has a new text but the same view, and is not judged again
        when the page is analysed anew in the next pass."""
        self._limit = MAX_CACHE
        self.memo: dict[object, Any] = {}
        """Other per-line answers of the page model under this lexicon (list items, the facts
        of a headline list, line runs), kept as long as the classes."""

    def classify(self, line: str) -> tuple[Kind, str]:
        """The kind of one line and, for anchors, the family it belongs to."""
        found = self._cache.get(line)
        if found is None:
            if len(self._cache) >= 2 * self._limit:  # judged outside a document's analysis
                self._cache.clear()
                self._by_view.clear()
            if _SPLIT_OFF.match(line.strip()):
                found = (Kind.ANCHOR, SPLIT_OFF)
            else:
                view = match_view(line).strip()
                found = self._by_view.get(view)
                if found is None:
                    found = self._by_view[view] = self._classify(view)
            if found[0] is Kind.BLANK and line.strip():  # icon glyphs alone: a row of symbols
                found = (Kind.ANCHOR, "punctuation")
            self._cache[line] = found
        return found

    def room(self, lines: int) -> None:
        """Make room for the lines of one document before judging them: the caches are cleared
        between documents, never in the middle of one, and hold at least twice the document.

        Clearing whenever a cache was full made a document with more distinct lines than the
        cache judge every line again in every version of its text (quadratic: each rule that
        removes a line makes a new version).
        """
        limit = self._limit = max(MAX_CACHE, 2 * lines)
        if len(self._cache) + lines > limit:
            self._cache.clear()
        if len(self._by_view) + lines > limit:
            self._by_view.clear()
        if len(self.memo) + MEMO_PER_LINE * lines > MEMO_PER_LINE * limit:
            self.memo.clear()

    def _classify(self, view: str) -> tuple[Kind, str]:
        if not view:
            return Kind.BLANK, ""
        if _PUNCT_ONLY.match(view):
            if _RULE_LINE.match(view):
                return Kind.SHORT, ""
            return Kind.ANCHOR, "punctuation"
        cjk = -1  # a long line's Han characters are not counted: only a dozen matter
        long_text = len(view) > LONG_LINE
        if not long_text:
            cjk = cjk_count(view)
            long_text = (cjk > 40 and _SENTENCE_END.search(view) is not None) \
                or (cjk >= SENTENCE_CJK and written_as_clauses(view)
                    and _ROW_MARK.search(view) is None)
        if not long_text:
            # a short sentence written as clauses: a family's match must end a clause, as a
            # prompt's does (加入会员，畅享…), not run into one (他加入会员后，享受了…)
            sentence = written_as_clauses(view)
            reason = self.family(view) if not sentence else self.clause_family(view)
            if reason:
                return Kind.ANCHOR, reason
            items = tokens(view)
            single = len(items) == 1
            if self.not_widget.search(view) is None and self.widget_row(items):
                return Kind.ANCHOR, "widget word" if single else "widget"
            if self.nav_row(view, items):
                return Kind.ANCHOR, "site link" if single else "navigation"
        elif self.long_gate is None or self.long_gate.possible(view):
            if self.footer.search(view) and not _SENTENCE_END.search(view):
                return Kind.ANCHOR, "copyright"
            for reason, regex in self.long_families:
                if regex.search(view):
                    return Kind.ANCHOR, reason
        if len(view) <= META_FIRST_MAX and self.meta_first.match(view):
            return Kind.META, ""
        prose = is_prose_counted(view, cjk) if cjk >= 0 \
            else cjk_at_least(view, PROSE_CJK) and is_prose_counted(view, PROSE_CJK)
        if prose:
            return Kind.PROSE, ""
        if len(view) <= 60 and (self.meta_label.match(view) or self.byline.search(view)
                                or (self.full_date.search(view)
                                    and len(self.date.sub("", view).strip()) <= 30)):
            return Kind.META, ""
        return Kind.SHORT, ""

    def family(self, view: str) -> str:
        """The first anchor family (in lexicon order) with a match in ``view``, or "".

        The start-anchored alternatives of all families are one regular expression, whose
        first matching branch is the first family matching at the start; only the families
        before it are asked for a match anywhere, and only when the line holds one of their
        literals. The answer is the loop's: the first family whose start or anywhere
        alternatives match.
        """
        if self.first_start is None:
            for reason, at_start, anywhere in self.families:
                if (at_start is not None and at_start.match(view)) \
                        or (anywhere is not None and anywhere.search(view)):
                    return reason
            return ""
        starts = self.first_start
        if self.start_gate is not None and not self.start_gate.possible(view):
            starts = self.bare_start
        first = starts.match(view) if starts is not None else None
        limit = int(first.lastgroup[1:]) if first is not None else len(self.families)
        if self.anywhere_gate is None or self.anywhere_gate.possible(view):
            for reason, _, anywhere in self.families[:limit]:
                if anywhere is not None and anywhere.search(view):
                    return reason
        return self.families[limit][0] if first is not None else ""

    def clause_family(self, view: str) -> str:
        """:meth:`family` for a sentence written as clauses: the first family whose match in
        ``view`` ends at a clause boundary (punctuation, a space or the line's end); a family
        made for whole sentences (``long``: an account's introduction, a board's rules) matches
        as it does anywhere. A line no family matches at all (what :meth:`family` finds with a
        few searches) has none ending a clause either."""
        if not self.family(view):
            return ""
        for reason, at_start, anywhere in self.families:
            for found in (at_start.match(view) if at_start is not None else None,
                          anywhere.search(view) if anywhere is not None else None):
                if found is not None and (reason in self.long_names
                                          or _ends_clause(view, found.end())):
                    return reason
        return ""

    def widget_row(self, items: list[str], vocab: frozenset[str] | None = None) -> bool:
        """A row of nothing but widget words (of ``vocab``, default the lexicon's widget list)
        and their counts (``【打印】【关闭】``, ``小字号大字号``, ``37评论收藏``)."""
        vocab = self.widgets if vocab is None else vocab
        words = [w for w in (_COUNT.sub("", t) for t in items) if w]
        return bool(words) and all(w in vocab or splits_into(w, vocab) for w in words)

    def nav_row(self, view: str, items: list[str]) -> bool:
        """Section names and site links side by side (a row of site links, or of five or more
        short section names without a clause between them)."""
        if _NAV_CLAUSE.search(view) or not items:
            return False
        vocab = self.nav_or_widget
        if self.not_nav.search(view) is None \
                and all(t in vocab or splits_into(t, vocab) for t in items):
            return True
        squeezed = "".join(items)
        covered = sum(m.end() - m.start() for m in self.nav_word.finditer(squeezed))
        if covered >= 8 and covered >= 0.5 * len(squeezed):
            return True
        names = [t for t in _NAMES_SPLIT.split(view) if t]
        return len(names) >= 5 and not _NOT_A_NAME_ROW.search(view) \
            and all(1 <= len(t) <= 6 for t in names) and cjk_count(view) >= 10


_CLAUSE_BOUNDARY = re.compile(r"[\s，,。！？!?；;：:、…—\"'“”‘’」』)）\]】》]")


def _ends_clause(view: str, end: int) -> bool:
    """Whether a match ending at ``end`` ends a clause of ``view``: at the line's end, or
    before punctuation or a space (or right after a punctuation mark it took in).

    >>> _ends_clause("加入会员，畅享无广告阅读。", 4), _ends_clause("他加入会员后，享受了优惠。", 5)
    (True, False)
    """
    return end >= len(view) or bool(_CLAUSE_BOUNDARY.match(view, end)) \
        or (end > 0 and bool(_CLAUSE_BOUNDARY.match(view, end - 1)))


_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def _first_start(families: list[tuple[str, re.Pattern[str] | None, object]]
                 ) -> re.Pattern[str] | None:
    """The families' start-anchored alternatives as one pattern, branch ``_k`` for family k
    (see :meth:`Classifier.family`); None when they cannot be joined without changing what
    they match (capturing groups, whose numbers would shift; verbose mode)."""
    branches = []
    for k, (_, start, _) in enumerate(families):
        if start is None:
            continue
        if start.groups or start.flags & re.VERBOSE:
            return None
        letters = "".join(letter for flag, letter in _INLINE if start.flags & flag)
        branches.append(f"(?P<_{k}>(?{letters}:{start.pattern}))")
    try:
        return re.compile("|".join(branches)) if branches else None
    except re.error:
        return None


def _start_gate(lex: Lexicon, names: list[str]) -> tuple[AnyOf | None, re.Pattern[str] | None]:
    """The literals of the start alternatives that need one, as one search, and the others
    joined as :func:`_first_start` joins them (branch ``_k`` for family k of ``names``).

    Joined, the start alternatives are tried one after another at the line's start (a few
    hundred of them, ~10 µs a line); a line without any of the needed literals can only match
    an alternative that needs none, and the first of those to match names the family the whole
    pattern names. (None, None) when no alternative needs a literal.
    """
    needles: list[Needles] = []
    bare = []
    for k, name in enumerate(names):
        branches, flags = lex.start_branches(name)
        letters = "".join(letter for flag, letter in _INLINE if flags & flag)
        free = []
        for branch in branches:
            try:
                found = Needles.of(re.compile(branch, flags))
            except re.error:  # a part that only reads inside the family's whole pattern
                return None, None
            if found is None:
                free.append(f"(?:{branch})")
            else:
                needles.append(found)
        if free:
            bare.append(f"(?P<_{k}>(?{letters}:{'|'.join(free)}))")
    if not needles:
        return None, None
    try:
        return AnyOf(needles), re.compile("|".join(bare)) if bare else None
    except re.error:
        return None, None


def classifier(lex: Lexicon | None = None) -> Classifier:
    """The classifier of ``lex`` (the default lexicon when None), built once per lexicon."""
    lex = lex or default_lexicon()
    return lex.cached("classifier", lambda: Classifier(lex))


def classify(line: str, lex: Lexicon | None = None) -> tuple[Kind, str]:
    """The kind of one line and, for anchors, the family it belongs to.

    >>> classify("首页 > 新闻中心 > 正文")
    (<Kind.ANCHOR: 'anchor'>, 'breadcrumb')
    >>> classify("记者从市教育局获悉，今年全市新增学位三千个，缓解了入学难的问题。")[0]
    <Kind.PROSE: 'prose'>
    """
    return classifier(lex).classify(line)
