"""A channel label (社會, 时政新闻, 【媒体报道】) alone above or below the report is chrome, and
the section it names is kept as metadata; the same words inside the report, or starting a
longer line, stay."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from tests.chrome_text import BODY, P1, P2


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(("label", "section"), [
    ("社會", "社会"),            # Traditional: the view is Simplified
    ("时政新闻", "时政新闻"),
    ("【财经频道】", "财经频道"),
    ("《国际新闻》", "国际新闻"),
    ("图集", "图集"),
])
def test_a_label_above_the_report_goes_and_names_the_section(cleaner, label, section):
    result = cleaner.clean(label + "\n" + BODY)
    assert result.text == BODY
    assert result.meta["section"] == section
    assert [e.rule for e in result.edits if e.old.strip()] == ["chrome.section_label"]


def test_a_label_between_a_menu_and_the_report_goes(cleaner):
    result = cleaner.clean("首页 | 新闻 | 体育 | 财经 | 娱乐\n图集\n" + BODY)
    assert result.text == BODY
    assert result.meta["section"] == "图集"


def test_a_label_below_the_report_goes(cleaner):
    result = cleaner.clean(BODY + "\n媒体报道")
    assert result.text == BODY
    assert result.meta["section"] == "媒体报道"


@pytest.mark.parametrize("text", [
    P1 + "\n社会\n" + P2,                      # a line inside the report
    "社会新风尚\n" + BODY,                     # a title that starts with a section's name
    "国际社会普遍关注此事。\n" + BODY,          # a sentence
    BODY + "\n体育运动",                       # a name and another word
    BODY + "\n图片新闻\n" + P2.replace("九月", "十月"),  # a label over prose below the report
    "经济\n" + "\n".join(["市场", "价格", "需求"]),  # no report: every line is short
])
def test_lines_that_are_not_a_label_alone_at_an_edge_stay(cleaner, text):
    result = cleaner.clean(text)
    assert "chrome.section_label" not in {e.rule for e in result.edits}
    assert "section" not in result.meta


def test_disabling_the_rule_keeps_the_label(cleaner):
    result = Cleaner(disable=["chrome.section_label"]).clean("社会\n" + BODY)
    assert result.text.startswith("社会\n")
