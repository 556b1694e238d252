"""Link columns above a footer, the author's name in the title block, event dates, and the
order of the chrome rules. Every page is made up; each family is paired with clean news that
looks a bit like it and must come through untouched.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ops.boilerplate import tail_run, title_author
from cleaner.ops.chrome import dateline
from tests.chrome_text import BODY, P1, P2, P3, run

FOOTER = "\n【打印本页】【关闭窗口】\n版权所有 某某网"




# -- link columns right above the footer ---------------------------------------------------

def test_a_column_of_link_texts_above_the_footer_goes_with_it():
    text = BODY + "\n政策原文\n政务服务\n新闻发布会\n政策解读" + FOOTER
    assert run(tail_run, text)[0] == BODY


def test_search_tabs_and_a_result_count_go_with_the_footer():
    text = BODY + "\n网页\n新闻\n音乐\n共找到\n13,046\n个相关新闻." + FOOTER
    assert run(tail_run, text)[0] == BODY


@pytest.mark.parametrize("column", [
    "获奖名单如下：\n张三\n李四\n王五",            # introduced by the report
    "联系人：张老师\n电话：022-12345678\n传真：022-87654321",  # labelled facts
    "1. 报名表\n2. 推荐信\n3. 成绩单",              # a numbered list
    "市教育局\n2022年3月1日",                       # a signature and its date
])
def test_columns_the_report_owns_stay(column):
    text = BODY + "\n" + column + FOOTER
    assert run(tail_run, text)[0] == BODY + "\n" + column


def test_a_report_written_in_columns_keeps_its_last_column():
    form = "\n".join(["我的问题", "否", "是", "不清楚", P1, "圣经的原理", "环境的带领",
                      "行动的动机", "最后决定"])
    text = P2 + "\n" + P3 + "\n" + form + FOOTER
    assert run(tail_run, text)[0] == P2 + "\n" + P3 + "\n" + form


# -- the author's name in the title block --------------------------------------------------

def test_the_name_between_title_and_subtitle_becomes_metadata():
    text = "犬儒病（上）\n胡平\n——当代中国的精神危机\n" + BODY
    out, meta = run(title_author, text)
    assert out == "犬儒病（上）\n——当代中国的精神危机\n" + BODY
    assert meta == {"author": "胡平"}


def test_two_names_right_above_the_report():
    out, meta = run(title_author, "社会资本与再就业\n赵延东、风笑天\n" + BODY)
    assert out == "社会资本与再就业\n" + BODY
    assert meta == {"author": "赵延东、风笑天"}


@pytest.mark.parametrize("second", ["编者按", "前言", "第一章", "市教育局", "通知", "同志们"])
def test_headings_and_organisations_are_not_names(second):
    text = "学位新增三千个\n" + second + "\n" + BODY
    assert run(title_author, text)[0] == text


def test_a_short_line_after_a_sentence_is_not_a_name():
    text = "学习目的\n认识明白道理的重要性。\n属灵作业\n" + BODY
    assert run(title_author, text)[0] == text


# -- datelines and event dates -------------------------------------------------------------

@pytest.mark.parametrize("line", ["（2004年12月11－12日，南开大学）", "2004年12月11日至12日",
                                  "（2022年3月1日，北京、上海）"])
def test_an_event_date_is_not_a_dateline(line):
    text = "第四届年会\n" + line + "\n" + BODY
    assert run(dateline, text)[0] == text


def test_a_dateline_still_goes():
    out, meta = run(dateline, "2022年09月23日14:54 | 来源：人民网\n" + BODY)
    assert out == BODY
    assert meta["published"] == "2022年09月23日14:54"


# -- whole pipeline --------------------------------------------------------------------------

def test_footer_widgets_do_not_hide_the_footer_from_the_tail_cut():
    """Single-line rules removing the anchors first would strand the link texts below them."""
    text = BODY + "\n我要说说\n打印\n推荐\n© 版权所有 某某网\n交友乐园\n美女\n帅哥"
    assert Cleaner().clean(text).text == BODY


def test_comment_times_are_not_taken_for_the_publication_date():
    text = (BODY + "\n------------------------------\n〓留言板 发布时间 2005/05/17 22:11:42 by 网友甲〓"
            "\n←返回\n● 说得好\n------------------------------")
    result = Cleaner().clean(text)
    assert result.text == BODY  # the rule line opening the reply chain goes with it
    assert "published" not in result.meta


@pytest.mark.parametrize("text", [
    BODY + "\n（袁源）",
    "原标题：学位新增三千个\n" + BODY,
    BODY + "\n执笔人：王明 李华 赵刚",
    P1 + "\n展开全文\n" + P2,
])
def test_credits_and_fold_links_go(text):
    out = Cleaner().clean(text).text
    assert "袁源" not in out and "原标题" not in out and "执笔人" not in out \
        and "展开全文" not in out


@pytest.mark.parametrize("text", [
    BODY + "\n（未完待续）",
    BODY + "\n（全文完）",
    P1 + "\n该文原标题为《宇航员之死》，收入课本时改为现名。\n" + P2,
    "学位新增三千个\n编者按\n" + BODY,
    BODY + "\n获奖名单如下：\n张三\n李四\n王五",
])
def test_clean_news_is_untouched(text):
    result = Cleaner().clean(text)
    assert result.text == text, result.rules_fired


# -- a you-are-here line: the report starts below it -----------------------------------------
DESCRIPTION = "今年全市将新增中小学学位三千个，新建的五所学校将于九月投入使用，缓解部分片区入学难的问题"


def test_a_description_above_the_navigation_does_not_start_the_report():
    head = [DESCRIPTION, "[logo]", "登录注册 手机站", "新闻资讯金融理财科技前沿健康养生车行天下",
            "[搜索]", "当前位置：某某网 > 新闻资讯 > 社会关注", "全市新增中小学学位三千个"]
    out = Cleaner(script="keep").clean("\n".join([*head, BODY])).text
    assert "当前位置" not in out and "登录注册" not in out
    assert out.endswith(BODY)


def test_a_first_paragraph_above_a_share_box_still_starts_the_report():
    page = "\n".join([P1, "分享到：", "微信", "微博", P2, P3])
    assert Cleaner(script="keep").clean(page).text == BODY


# -- a title the page shows again, and the info bar under it -----------------------------------
LONG_TITLE = "某市七旬阿婆接来电称其涉黑被骗上百万！冒充公检法电诈团伙被端"


def test_a_title_shown_again_under_its_label_does_not_start_the_report():
    head = [LONG_TITLE, "2019年09月11日", "某某传媒", "1665", "0", f"原标题：{LONG_TITLE}"]
    out = Cleaner(script="keep").clean("\n".join([*head, BODY])).text
    assert "1665" not in out.split("\n") and "0" not in out.split("\n")
    assert out.startswith(LONG_TITLE) and out.endswith(BODY)


def test_a_number_no_fact_line_touches_stays():
    page = "\n".join([LONG_TITLE, "1", BODY])
    assert Cleaner(script="keep").clean(page).text == page
