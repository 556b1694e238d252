"""An editor credit closes a report: a list heading below it heads the portal's list, even when
its teasers (a headline glued to its summary) are as long as paragraphs.

Every line here is made up.
"""

from __future__ import annotations

from cleaner.page.kinds import Kind
from cleaner.page.lines import lines_of
from cleaner.page.tail import report_chars
from tests.chrome_text import BODY, P1, P2, P3

TEASER_1 = ("致敬某某四十年，文化大家讲述亲历一个时代有一个时代的文艺，一个时代有一个时代的精神。"
            "《见证人》邀请四十年来最具代表性的文化艺术大家，分享其求艺之路的艺术探索与思考，"
            "讲述他们与时代同行的故事，记录一个时代的文化记忆。")
TEASER_2 = ("书院行某某频道与媒体团一同实地走访六大书院，深入挖掘书院文化中蕴含的丰富哲学思想、"
            "人文精神、教化思想、道德理念，探讨书院参与地方及国家文化建设的作用和贡献，"
            "为今天的文化传承提供有益的借鉴。")
ROW = "文艺星青年|汉语盘点|明星读经典,为你做海报"


def test_teasers_under_a_heading_below_the_editor_credit_go(cleaner):
    page = "\n".join([BODY, "【1】【2】【3】", "（责编：张三、李四）", "某某客户端下载 手机某某网",
                      "推荐阅读", TEASER_1, ROW, TEASER_2, ROW])
    result = cleaner.clean(page)
    assert result.text == BODY
    assert result.meta["editor"] == "张三、李四"


def test_without_the_credit_long_paragraphs_under_a_heading_stay(cleaner):
    """No credit: the paragraphs may be the report's own section under a heading (the guard
    against cutting a second report decides, as before)."""
    page = "\n".join([P1, P2, P3, "延伸阅读", TEASER_1, TEASER_2])
    assert cleaner.clean(page).text == page


def test_a_credit_below_the_paragraphs_cuts_nothing_above_it(cleaner):
    """The credit closes the report where it stands: a heading above it is inside the report."""
    page = "\n".join([P1, "延伸阅读", TEASER_1, TEASER_2, "（责编：张三）"])
    assert cleaner.clean(page).text == "\n".join([P1, "延伸阅读", TEASER_1, TEASER_2])


def test_a_credit_above_the_tail_lets_it_go_past_long_teasers(cleaner):
    """The credit stands above the tail's first anchor (a comment counter): the teasers under
    the list heading further down are not a second report the cut must spare."""
    page = "\n".join([BODY, "责任编辑：张三", "0条评论|0人参与网友评论", "登录|注册", "热门推荐",
                      TEASER_1, TEASER_2, TEASER_1 + "又及。", TEASER_2 + "又及。"])
    result = cleaner.clean(page)
    assert result.text == BODY
    assert result.meta["editor"] == "张三"


def test_without_a_credit_the_tail_spares_what_reads_as_a_second_report(cleaner):
    page = "\n".join([BODY, "0条评论|0人参与网友评论", "登录|注册", "热门推荐",
                      TEASER_1, TEASER_2, TEASER_1 + "又及。", TEASER_2 + "又及。"])
    assert TEASER_1 in cleaner.clean(page).text


def test_a_credit_over_a_block_of_anchors_ends_the_report_before_a_live_feed(cleaner):
    """No list heading at all: a feedback button and a comment counter below the credit show
    the tail has begun, and the feed of teasers further down is not the report."""
    page = "\n".join([BODY, "责任编辑：张三", "我要反馈", "0条评论|0人参与网友评论", "登录|注册",
                      "某某直播", TEASER_1, TEASER_2, TEASER_1 + "又及。", TEASER_2 + "又及。",
                      TEASER_1 + "再及。"])
    assert cleaner.clean(page).text == BODY


def test_a_credit_under_the_title_over_a_share_row_ends_nothing(cleaner):
    """Above two paragraphs of the report a credit is a head line, not its end."""
    page = "\n".join(["某市新增中小学学位三千个", "责任编辑：张三", "分享到：", "微博 微信 QQ空间",
                      P1, P2, P3])
    out = cleaner.clean(page).text
    assert all(p in out for p in (P1, P2, P3))


def test_a_short_source_note_between_the_credit_and_the_anchors_keeps_nothing_open(cleaner):
    page = "\n".join([BODY, "责编：Demi Xia", "(综合整理自某某新闻、某某网等)", "阅读全文，请先登录",
                      "0条评论|0人参与网友评论", "登录后参与讨论", "您可能感兴趣的文章",
                      "  • " + TEASER_1, "  • " + TEASER_2, "  • " + TEASER_1 + "又及。"])
    result = cleaner.clean(page)
    assert result.text.startswith(BODY)
    assert "又及" not in result.text and "请先登录" not in result.text
    assert result.meta["editor"] == "Demi Xia"


def test_a_credit_closes_only_below_the_report():
    """What stands under a credit and two anchors weighs nothing as a second report below the
    report, and counts as before above it (a head's ``编辑：张三`` over the paragraphs)."""
    lines = lines_of(["编辑：张三", "我要反馈", "0条评论|0人参与网友评论", TEASER_1, TEASER_2])
    kinds = [Kind.META, Kind.ANCHOR, Kind.ANCHOR, Kind.PROSE, Kind.PROSE]
    assert report_chars(lines, kinds, range(0, 5), below=True) == 0
    assert report_chars(lines, kinds, range(0, 5)) > 150
