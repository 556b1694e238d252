"""The shortcuts that skip regular expressions must give exactly the answers of the expressions.

Two shortcuts decide most lines without running a pattern: the literals every match must hold
(:mod:`cleaner.literals`) and one search over all the lines of a document instead of one per
line (:mod:`cleaner.page.scan`). Both are checked here against the plain pattern on every
pattern family of the shipped lexicon and every line rule, over text built from the
patterns' own words, so that matches are common. So are the other rewrites made for speed:
the anchor families asked as one pattern, patterns spelled to start with a character ``re``
can scan for, the Han count on UTF-16 code units.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lexicon import default_lexicon, lexicon_with
from cleaner.literals import AnyOf, Needles, Prefiltered, required_literals
from cleaner.ops.mojibake import evidence
from cleaner.ops.mojibake.evidence import suspicious
from cleaner.page.kinds import _CLAUSES, Classifier, _ends_clause, classifier, written_as_clauses
from cleaner.page.lines import split_lines
from cleaner.page.scan import matching_lines
from cleaner.rules import LINE_KINDS, load_rules
from cleaner.text import CJK_RE, cjk_count

LEX = default_lexicon()
FAMILY_REGEXES = [r for name in LEX.families
                  for r in (LEX.regex(name), *LEX.split_regex(name)) if r is not None]
LINE_PATTERNS = [r.pattern for r in load_rules([]).rules
                 if r.kind in LINE_KINDS and isinstance(r.pattern, re.Pattern)]
START_BRANCHES = [re.compile(branch, flags) for name in LEX.families
                  for branches, flags in [LEX.start_branches(name)] for branch in branches]
WORDS = sorted({lit for r in FAMILY_REGEXES + START_BRANCHES
                for lit in required_literals(r.pattern, r.flags) or ()}
               | {"来源", "编辑", "记者", "2024年5月1日", "COPYRIGHT", "Copyright", "ıcp", "首页", ">"})
PIECES = st.one_of(st.sampled_from(WORDS),
                   st.sampled_from(list(" \t:：|>»【】()（），。？！0123456789-/年月日") + ["\u3000"]),
                   st.text(alphabet="新闻正文的了是在和人民网记者报道今日天气本站版权所有abcICP", max_size=6))
LINES = st.lists(PIECES, max_size=8).map("".join)


def test_required_literals_of_known_shapes() -> None:
    assert required_literals(r"(?:来源|稿源)\s*[:：]\s*\S+") == {"来源", "稿源"}
    assert required_literals(r"a(?:bc)?d") == {"a"} or required_literals(r"a(?:bc)?d") == {"d"}
    assert required_literals(r"x|\d+") is None  # one branch needs nothing
    assert required_literals(r"(?i:abc)") is None  # scoped flags are not read
    assert required_literals(r"Copyright", re.I) == {"copyright"}
    assert required_literals(r"Straße", re.I) is None  # case folding beyond lower()


def test_most_families_get_a_prefilter() -> None:
    with_need = [r for r in FAMILY_REGEXES if required_literals(r.pattern, r.flags)]
    assert len(with_need) >= len(FAMILY_REGEXES) // 2


@settings(max_examples=120, deadline=None)
@given(LINES)
def test_prefiltered_family_answers_as_the_family(line: str) -> None:
    for regex in FAMILY_REGEXES:
        fast = Prefiltered(regex)
        assert bool(fast.search(line)) == bool(regex.search(line)), regex.pattern
        assert bool(fast.match(line)) == bool(regex.match(line)), regex.pattern


def test_one_search_for_many_patterns_answers_as_each_pattern() -> None:
    regexes = [r for r in FAMILY_REGEXES if Needles.of(r) is not None]
    gate = AnyOf([Needles.of(r) for r in regexes])
    for line in [*WORDS, "正文第一段。", "İCP备", "\u212aB", "COPYRIGHT"]:
        if not gate.possible(line):
            assert not any(r.search(line) for r in regexes), line


def test_ignorecase_prefilter_sees_characters_that_fold_to_ascii() -> None:
    regex = re.compile(r"ICP\s*备", re.I)
    for text in ("icp备", "İCP备", "\u0131cp 备", "ICP备"):
        assert Prefiltered(regex).search(text) is not None, text


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=12))
def test_one_search_per_document_finds_the_lines_each_line_search_finds(rows: list[str]) -> None:
    lines = split_lines("\n".join(rows))
    joined = ("\n".join(ln.text for ln in lines), [ln.start for ln in lines])
    wanted = [ln for ln in lines if ln.index % 3 != 1]  # a zone: not every line
    for pattern in LINE_PATTERNS:
        slow = [ln.index for ln in wanted if pattern.search(ln.text)]
        fast = [ln.index for ln, _ in matching_lines(pattern, wanted, lambda ln: ln.text,
                                                     lambda: joined)]
        assert fast == slow, pattern.pattern


def _family_loop(judge: Classifier, view: str) -> str:
    """The first anchor family matching ``view``, asked one family at a time."""
    for reason, at_start, anywhere in judge.families:
        if (at_start is not None and at_start.match(view)) \
                or (anywhere is not None and anywhere.search(view)):
            return reason
    return ""


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_one_pattern_for_all_families_finds_the_family_the_loop_finds(line: str) -> None:
    judge = classifier(LEX)
    assert judge.first_start is not None and judge.anywhere_gate is not None
    assert judge.family(line) == _family_loop(judge, line)


def _clause_family_loop(judge: Classifier, view: str) -> str:
    """:meth:`Classifier.clause_family` without its first check (that any family matches)."""
    for reason, at_start, anywhere in judge.families:
        for found in (at_start.match(view) if at_start is not None else None,
                      anywhere.search(view) if anywhere is not None else None):
            if found is not None and (reason in judge.long_names
                                      or _ends_clause(view, found.end())):
                return reason
    return ""


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_clause_family_checked_first_for_any_family_answers_as_the_loop(line: str) -> None:
    judge = classifier(LEX)
    assert judge.clause_family(line) == _clause_family_loop(judge, line)


def test_start_alternatives_without_literals_are_asked_when_no_literal_is_there() -> None:
    judge = classifier(LEX)
    assert judge.start_gate is not None and judge.bare_start is not None
    for line in ["| 财经", "[1][2][3]", "首页 > 新闻", "一 二 三 四 五 六 日", "上一页 下一页", "正文。"]:
        assert judge.family(line) == _family_loop(judge, line), line


CLAUSE_TEXT = st.lists(st.one_of(PIECES, st.sampled_from(list("，,；;。！？!?\"'”’」』)）_1a\n"))),
                       max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(CLAUSE_TEXT)
def test_clauses_in_one_pass_answer_as_the_pattern(line: str) -> None:
    assert written_as_clauses(line) == (_CLAUSES.search(line) is not None)


def test_families_with_groups_are_asked_one_by_one() -> None:
    lex = lexicon_with([("pack.toml", {"patterns": {
        "twice": {"patterns": [r"^(\d)\1$"], "anchor": True},
        "menu": {"patterns": ["^菜单栏$", "导航条"], "anchor": True}}})])
    judge = Classifier(lex)
    assert judge.first_start is None  # joined, \1 would name another family's group
    views = ["11", "12", "菜单栏", "网站导航条", "正文"]
    assert [judge.family(v) for v in views] == [_family_loop(judge, v) for v in views]
    assert [judge.family(v) for v in views][:4] == ["twice", "", "menu", "menu"]


_SPACE = r"[ \t\u3000\u00a0\u2002\u2003\u200b\ufeff]"
PLAIN_FORMS = {
    "layout.trim": re.compile(f"^{_SPACE}+|{_SPACE}+$", re.M),
    "layout.blank_lines": re.compile(r"\n{3,}"),
    "layout.ends": re.compile(r"\A\n+|\n+\Z"),
}
"""The layout rules as first written; the packs spell them to start with a character ``re``
can scan for, which must not change a single match."""
LAYOUT_TEXT = st.lists(st.sampled_from(["\n", " ", "\t", "\u3000", "\u00a0", "\ufeff", "正文",
                                        "。", "a"]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(LAYOUT_TEXT)
def test_layout_patterns_match_as_their_plain_forms(text: str) -> None:
    rules = {r.id: r for r in load_rules([]).rules}
    for rule_id, plain in PLAIN_FORMS.items():
        fast = rules[rule_id].pattern
        assert fast is not None
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(
    st.sampled_from("新闻䷀䷿㐀䶿一鿿豈﫿𠀀𯿿\U00030000\U0001ffff，。 a1\n"),
    st.characters(min_codepoint=0x3300, max_codepoint=0xFB00),
    st.characters(codec="utf-8")), max_size=40))
def test_han_count_on_code_units_is_the_character_class_count(text: str) -> None:
    assert cjk_count(text) == len(CJK_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("ÃÂÐÑâäé´¾©\x85\x9f\ufffd 中文a"),
                                  st.characters(max_codepoint=0x600)), max_size=12))
def test_mojibake_shape_found_from_its_first_characters_as_by_search(text: str) -> None:
    _, shape = evidence._suspicious()
    assert suspicious(text) == (shape.search(text) is not None)


def test_a_zone_search_reads_no_line_below_the_zone() -> None:
    rows = [f"正文第{i}段，内容很长。" for i in range(30)]
    rows[9] = "正文第九段。来源"  # the needle ends where the zone's last line ends
    rows[20] = "来源:人民网"
    lines = split_lines("\n".join(rows))
    joined = ("\n".join(ln.text for ln in lines), [ln.start for ln in lines])
    pattern = re.compile(r"来源")
    for zone in (lines[:10], lines[:9], lines[5:21], lines):
        slow = [ln.index for ln in zone if pattern.search(ln.text)]
        fast = [ln.index for ln, _ in matching_lines(pattern, zone, lambda ln: ln.text,
                                                     lambda: joined)]
        assert fast == slow
