"""Ops marked ``outside_report`` and line rules of a zone outside the body take only lines
beside the report, so the pipeline need not run them on a text with nothing beside it (most
clean reports): the mark must be true of each op, and skipping them there must change nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.ops import OpContext
from cleaner.page.analysis import LineAnalysis
from tests.test_analysis_reuse import ROWS

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "input"
REPORT = ["记者从市教育局获悉，今年全市新增学位三千个，缓解了入学难的问题。",
          "据介绍，新建的学校将于明年九月投入使用，可容纳两千名学生就读。",
          "教育局有关负责人表示，下一步还将继续加大投入，推动优质教育资源向新城区延伸。"]
MORE = ["社会", "（完）", "（张三）", "作者：", "李四", "本报记者 王五", "图集", "张三",
        "分享到：微信 微博", "网友评论", "还没有评论，快来抢沙发吧！", "1楼 2024-05-01 10:30"]
pages = st.lists(st.sampled_from(ROWS + MORE + REPORT), min_size=1, max_size=14).map("\n".join)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _marked(cleaner: Cleaner) -> list:
    return [r for r in cleaner.rules if r.id in cleaner._outside]


def test_the_chrome_ops_that_work_beside_the_report_are_marked(cleaner):
    marked = {r.id for r in _marked(cleaner)}
    assert {"chrome.tail_run", "chrome.head_run", "chrome.dateline", "chrome.line_model"} <= marked
    assert {"chrome.breadcrumb", "chrome.source_line"} <= marked  # line rules of the edges
    # these look inside the report too: a repeat, a block between paragraphs, a comment marker
    assert not marked & {"chrome.repeated_lines", "chrome.inner_block", "chrome.comment_thread"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_a_marked_op_takes_nothing_of_the_report(text):
    cleaner = Cleaner()
    for rule in _marked(cleaner):
        ctx = OpContext(lexicon=cleaner.ruleset.lexicon, options=cleaner.options.as_dict())
        spans = cleaner._spans(rule, text, ctx)
        region = LineAnalysis.of(text, cleaner.ruleset.lexicon).report_region()
        if region is None:
            continue
        for start, end, _ in spans:
            assert start < region[0] or end > region[1] + 1, (rule.id, text[start:end])


def clean_without(cleaner: Cleaner, skip: str, text: str):
    """``cleaner.clean(text)`` with the set of rules the pipeline may skip, ``skip`` (an
    attribute of the Cleaner), emptied: what cleaning gives when no rule is skipped so."""
    kept = getattr(cleaner, skip)
    setattr(cleaner, skip, set())
    try:
        return cleaner.clean(text)
    finally:
        setattr(cleaner, skip, kept)


def _plain(cleaner: Cleaner, text: str):
    return clean_without(cleaner, "_outside", text)


def _same(a, b) -> None:
    assert a.text == b.text
    assert a.meta == b.meta
    assert [(e.rule, e.start, e.old, e.new, e.why) for e in a.edits] == \
        [(e.rule, e.start, e.old, e.new, e.why) for e in b.edits]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_skipping_them_beside_nothing_changes_nothing(text):
    cleaner = Cleaner()
    _same(cleaner.clean(text), _plain(cleaner, text))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*")), ids=lambda p: p.name)
def test_skipping_them_changes_nothing_on_the_seeds(cleaner, path):
    text = path.read_text(encoding="utf-8")
    _same(cleaner.clean(text), _plain(cleaner, text))


def test_a_report_alone_does_not_run_them(cleaner, monkeypatch):
    called = []
    for rule in _marked(cleaner):
        if rule.kind != "op":
            continue
        op = cleaner._ops[rule.id]
        monkeypatch.setitem(cleaner._ops, rule.id,
                            lambda text, ctx, _op=op, _id=rule.id, **kw: called.append(_id)
                            or _op(text, ctx, **kw))
    cleaner.clean("\n".join(REPORT))
    assert called == []
    cleaner.clean("\n".join(["分享到：微信 微博", *REPORT]))
    assert called
