"""A text version that only lost whole lines keeps its analysis: the same answers as a new one.

When a chrome rule removes lines, the next version's line analysis is derived from the last one
(:meth:`cleaner.page.analysis.LineAnalysis.without`): the kept lines keep their views and their
own kinds, and only what depends on their order is worked out again. The derived analysis must
be the one :meth:`LineAnalysis.of` builds, on any page and any set of removed lines; a cut that
is not whole lines gives no derived analysis at all.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.page.analysis import LineAnalysis
from cleaner.page.lines import line_removal_span, merge_removals

ROWS = ["首页 > 新闻中心 > 正文", "• 财经", "• 娱乐", "【打印】 【关闭】", "",
        "记者从市教育局获悉，今年全市新增学位三千个，缓解了入学难的问题。",
        "据介绍，新建的学校将于明年九月投入使用，可容纳两千名学生就读。",
        "责任编辑：王小明", "来源：人民网", "相关新闻", "• 某地举行运动会", "• 某市发布新规",
        "版权所有 © 2024 某某网", "第一章", "第二章", "第三章", "今 甲新闻", "日 乙新闻",
        "推 丙新闻", "荐 丁新闻", "2024年5月1日 10:30", "標題：臺灣新聞", "   "]


def _same(derived: LineAnalysis, fresh: LineAnalysis) -> None:
    assert derived.lines == fresh.lines
    assert [derived.view(ln) for ln in derived.lines] == [fresh.view(ln) for ln in fresh.lines]
    got, want = derived.page, fresh.page
    assert (got.classes, got.span, got.zone, got.kinds, got.facts) \
        == (want.classes, want.span, want.zone, want.kinds, want.facts)
    assert derived.joined() == fresh.joined()


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(ROWS), min_size=1, max_size=30), st.data())
def test_derived_analysis_is_the_fresh_one(rows: list[str], data: st.DataObject) -> None:
    text = "\n".join(rows)
    before = LineAnalysis.of(text)
    if data.draw(st.booleans()):
        assert before.page is not None  # the page's facts are carried when it was analysed, else recomputed
    doomed = data.draw(st.sets(st.sampled_from(range(len(before.lines)))))
    spans = merge_removals(text, [line_removal_span(text, before.lines[i]) + ("",)
                                  for i in sorted(doomed)])
    new, edits = apply_spans(text, spans, "test")
    derived = before.without(new, [(e.start, e.end) for e in edits])
    if not new and edits:
        return  # nothing left: no lines to keep
    assert derived is not None
    _same(derived, LineAnalysis.of(new))


def test_a_cut_inside_a_line_derives_nothing() -> None:
    text = "来源：人民网\n记者从市教育局获悉，今年全市新增学位三千个。"
    before = LineAnalysis.of(text)
    assert before.without(text[3:], [(0, 3)]) is None
    assert before.without("来源：人民网\n", [(7, len(text))]) is None


def test_cleaning_gives_the_same_result_without_the_reuse(monkeypatch) -> None:
    page = "\n".join(ROWS * 2)
    reused = Cleaner().clean(page)
    monkeypatch.setattr(OpContext, "advance", lambda *args: None)
    rebuilt = Cleaner().clean(page)
    assert (reused.text, reused.edits, reused.meta) == (rebuilt.text, rebuilt.edits, rebuilt.meta)
    assert reused.edits


def test_a_converted_line_is_not_judged_again(monkeypatch) -> None:
    """The next pass reads the page again after the script stage converted it: a line whose
    view did not change (Traditional → Simplified, half → full-width punctuation) keeps its
    kind and its list-item answer without being judged again."""
    from cleaner.lexicon import default_lexicon
    from cleaner.page.core import line_facts
    from cleaner.page.kinds import Classifier
    from cleaner.page.lines import split_lines

    judge = Classifier(default_lexicon())
    calls: list[str] = []
    judge_view = judge._classify
    monkeypatch.setattr(judge, "_classify", lambda view: calls.append(view) or judge_view(view))
    monkeypatch.setattr("cleaner.page.core.classifier", lambda lex=None: judge)
    traditional = ("責任編輯：王小明\n• 某地舉行運動會\n"
                   "記者從市教育局獲悉，今年全市新增學位三千個，緩解了入學難的問題。")
    simplified = ("责任编辑:王小明\n• 某地举行运动会\n"
                  "记者从市教育局获悉,今年全市新增学位三千个,缓解了入学难的问题。")
    before = line_facts(split_lines(traditional), judge.lex)
    judged = len(calls)
    after = line_facts(split_lines(simplified), judge.lex)
    assert len(calls) == judged == 3
    assert after == before


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ROWS), min_size=1, max_size=12), st.booleans())
def test_kinds_by_view_are_the_kinds_of_a_fresh_classifier(rows: list[str], convert: bool) -> None:
    """Answers kept by view are the answers a classifier that never saw the line gives."""
    from cleaner.lexicon import default_lexicon
    from cleaner.page.core import _list_item
    from cleaner.page.kinds import Classifier
    from cleaner.text import to_simplified

    warm = Classifier(default_lexicon())
    for row in rows:  # every row seen first in the other script or width
        other = to_simplified(row) if convert else row.replace("，", ",")
        warm.classify(other)
        _list_item(warm, other, False)
        _list_item(warm, other, True)
    for row in rows:
        fresh = Classifier(default_lexicon())
        assert warm.classify(row) == fresh.classify(row)
        for prose in (False, True):
            assert _list_item(warm, row, prose) == _list_item(fresh, row, prose)
