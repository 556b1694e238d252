"""A line opened by a label only fact lines carry is a fact, however the rest reads.

A reposted story's original headline (``□ 原标题：……！……``) reads as a sentence: it ends in ！ or
？ as often as not. Read as prose it joined the report, and the report's span then ran on to the
related headlines below it, which stayed. Such labels (``rules/lexicon/lines.toml``,
``meta_first``) make the line a fact first; labels a report's own sentences open with
(``记者：`` in an interview) are not among them.
"""

import pytest

from cleaner import Cleaner
from cleaner.page.analysis import LineAnalysis
from cleaner.page.kinds import Kind, classify
from tests.chrome_text import P1, P2, P3

BODY = [P1, P2, P3]


@pytest.mark.parametrize("line", [
    "□ 原标题：前两月工业增加值增长6.5%！专家：稳增长政策见效，高技术制造业贡献超三成",
    "原标题：工业生产开局良好，高技术制造业增长较快！",
    "● 责任编辑：王小明",
    "【文章来源：经济日报】",
    "原題：前兩月工業增加值增長6.5%！專家：穩增長政策見效",
])
def test_a_fact_label_makes_a_fact_line(line: str) -> None:
    assert classify(line)[0] is Kind.META


@pytest.mark.parametrize("line", [
    "记者：您认为今年的工业生产形势如何？有哪些新的变化，企业最关心的又是什么？",
    "他在会上说，原标题所说的情况并不准确，有关部门已经作出了更正。",
    "来源于基层的好做法，正在全省推广，已经惠及数十万群众，受到广泛欢迎。",
])
def test_a_report_sentence_is_not_one(line: str) -> None:
    assert classify(line)[0] is Kind.PROSE


def test_the_report_ends_before_the_original_headline_and_what_follows() -> None:
    text = "\n".join([
        *BODY,
        "标签",
        "□ 原标题：前两月工业增加值增长6.5%！专家：稳增长政策见效，高技术制造业贡献超三成",
        "大公司",
        "前两月工业增加值增长6.5%！专家：稳增长政策见效，高技术制造业贡献超三成",
    ])
    analysis = LineAnalysis.of(text)
    assert analysis.bounds == (0, len(BODY) - 1)


def test_the_original_headline_is_kept_as_a_fact() -> None:
    text = "\n".join([*BODY, "□ 原标题：工业生产开局良好，高技术制造业增长较快！"])
    result = Cleaner().clean(text)
    assert result.text.split("\n") == BODY
    assert result.meta.get("original_title") == "工业生产开局良好,高技术制造业增长较快!"  # its view
