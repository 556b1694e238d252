"""A report's own sentence at the top or bottom of a text is never cut for its first words.

Short anchor families match a line's beginning (``加入…会员``, ``关注…粉丝``, ``下载…``); a
report's first or last sentence may begin with the same words. A line of twenty Han characters
or more written as clauses and closed as a sentence is asked only the families made for whole
sentences (disclaimers, comment rules, account introductions), so it stays, while the widget
lines themselves, and the short calls to action written as sentences, are still chrome.

A shorter sentence written as clauses is asked every family, but a family's match must end a
clause there: a prompt's does (``加入会员，畅享…``), a report's sentence runs on past it
(``他加入会员后，享受了优惠。``).
"""

import pytest

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classify

BODY = [
    "本报北京3月5日电 记者从国家统计局获悉，今年前两个月，全国规模以上工业增加值同比增长百分之"
    "六点五，增速比去年全年加快零点八个百分点。",
    "分行业看，电子、汽车、电气机械等行业增长较快，其中高技术制造业增加值同比增长百分之十一，对"
    "全部规模以上工业增长的贡献率超过三成。",
    "专家表示，随着一系列稳增长政策落地见效，工业生产有望继续保持平稳增长态势，但也要看到外部环境"
    "依然复杂严峻。",
]
SENTENCES = [
    "他加入会员后，每月可以享受两次免费体检，这让不少老年人感到实惠。",
    "关注粉丝数量的变化，是不少品牌评估营销效果的重要方式。",
    "下载量最高的应用中，有三款来自本地企业，显示出当地数字经济的活力。",
    "追踪频道收视率的变化，已成为电视台调整节目的依据。",
    # shorter than twenty Han characters: the family's match runs into the clause
    "他加入会员后，享受了优惠。",
    "他关注粉丝的感受，每天回复留言。",
    "关注粉丝变化，是品牌的功课。",
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_sentence_opening_with_widget_words_stays(cleaner, sentence, where):
    lines = [sentence, *BODY] if where == "first" else [*BODY, sentence]
    result = cleaner.clean("\n".join(lines))
    assert sentence in result.text
    assert not [e for e in result.edits if e.rule.startswith("chrome")]


@pytest.mark.parametrize("line", ["加入会员", "关注我们的粉丝专页", "立即下载iPhone版"])
def test_the_widget_lines_themselves_are_still_anchors(line):
    assert classify(line)[0] is Kind.ANCHOR


@pytest.mark.parametrize("prompt", ["关注我们，获取更多最新资讯！", "加入会员，畅享无广告阅读。",
                                    "扫描二维码，关注我们的微信公众号。", "下载客户端，随时随地看新闻。",
                                    "加入会员，享受优惠。", "关注我们，获取资讯！"])
def test_a_call_to_action_written_as_a_sentence_is_still_chrome(cleaner, prompt):
    result = cleaner.clean("\n".join([*BODY, prompt]))
    assert prompt not in result.text


def test_a_row_of_links_with_a_question_in_it_is_no_sentence():
    row = "孩子，夏令营让你得到了什么？- -| 回首页 | 2005年索引 | - -浴室都安全吗?"
    assert classify(row)[0] is not Kind.PROSE
