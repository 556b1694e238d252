"""Head and tail runs of portal chrome, comment threads, legal notices and split facts.

Every page here is made up; each chrome family is paired with clean news that looks a bit
like it and must come through untouched.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ops.boilerplate import comment_thread, split_meta, tail_run
from cleaner.ops.head import head_run
from cleaner.page.core import body_bounds, body_core
from cleaner.page.kinds import Kind, classify
from cleaner.page.lines import split_lines
from tests.chrome_text import BODY, P1, P2, P3, run


@pytest.mark.parametrize(("line", "reason"), [
    ("首页 > 新闻中心 > 正文", "breadcrumb"),
    ("> 正文", "breadcrumb"),
    ("Copyright © 2000-2006 Example.com. All rights reserved.", "copyright"),
    ("京ICP备12345678号", "copyright"),
    ("<< 上一页 | 下一页 >>", "pager"),
    ("第 1 页/共 3 页", "pager"),
    ("用户名：", "login"),
    ("[登 录]", "login"),
    ("# re: 某某文章 2004-12-27 12:46 网友甲", "comment"),
    ("发表人：小王", "comment"),
    ("引用 投诉 支持", "comment"),
    ("相关报道：", "marker"),
    ("热门推荐", "marker"),
    ("友情链接", "marker"),
    ("扫一扫关注官方微信", "subscribe"),
    ("阅读(1660) 评论(5)", "counter"),
    ("日 一 二 三 四 五 六", "calendar"),
    ("http://www.example.com/", "url"),
    ("展开全文", "expand"),
    ("郑重声明", "disclaimer"),
    ("【打印本页】【关闭窗口】", "widget"),
    ("关于我们 联系我们 网站地图 广告服务", "navigation"),
])
def test_chrome_families_are_anchors(line, reason):
    assert classify(line) == (Kind.ANCHOR, reason)


@pytest.mark.parametrize("line", [
    P1, "他在会上说：“首页的设计要简洁，下一页再放详细的说明。”",
    "甲>乙>丙是一种关系，我们据此推理，得出结论。",
    "评论人：张三（北京大学）李四（南开大学）",
    "12月10日 代表注册", "9:20—9:50 特邀嘉宾主题演讲", "一、培养目标：", "会议议程",
    "相关新闻报道显示，该市已连续三年实现粮食增产。",
])
def test_report_lines_are_not_anchors(line):
    assert classify(line)[0] is not Kind.ANCHOR


def test_head_run_cuts_to_the_last_anchor_and_keeps_the_title():
    text = "• 首页\n• 财经\n• 娱乐\n首页 > 财经 > 正文\n学位新增三千个\n" + BODY
    out, _ = run(head_run, text)
    assert out == "学位新增三千个\n" + BODY


def test_tail_run_cuts_from_the_first_anchor_and_keeps_the_byline():
    text = BODY + "\n记者 张三\n【打印】【关闭】\n车爵仕汽车酷装美容\n韩国田园风情特色饰品\n版权所有"
    out, _ = run(tail_run, text)
    assert out == BODY + "\n记者 张三"


def test_a_lone_widget_word_inside_the_tail_of_a_schedule_is_not_a_cut():
    schedule = "\n".join(["会议议程", "8:30—8:50 开幕式", "中", "9:00 分组讨论", "12:00 午餐"])
    text = BODY + "\n" + schedule
    assert run(tail_run, text)[0] == text


def test_an_advert_block_inside_the_report_does_not_cut_its_first_paragraph():
    ads = "· 医疗关注--新发现 · 皮肤顽疾----康复\n· 国际认证：专治口臭 · 补肾新药（图）"
    text = "• 首页\n• 娱乐\n" + P1 + "\n" + ads + "\n" + P2 + "\n" + P3
    out, _ = run(head_run, text)
    assert out.startswith(P1)


def test_comment_thread_is_cut_when_comment_shaped():
    text = (BODY + "\n文章评论\n# re: 学位 2004-12-27 12:46 网友甲\n说得好！"
            "\n# re: 学位 2004-12-27 12:53 网友乙")
    assert run(comment_thread, text)[0] == BODY


def test_comment_word_followed_by_report_is_kept():
    text = P1 + "\n评论\n" + P2 + "\n" + P3
    assert run(comment_thread, text)[0] == text


def test_split_meta_keeps_the_facts():
    text = "作者：\n赵婕\n来源：\n新闻晨报\n" + BODY
    out, meta = run(split_meta, text)
    assert out == BODY
    assert meta == {"author": "赵婕", "source": "新闻晨报"}


def test_body_core_skips_a_question_title_and_stops_before_teasers():
    lines = split_lines("你知道导游为什么那么热衷于让你去商场购物吗？\n作者：\n某某\n" + BODY
                        + "\n相关新闻\n• 一条新闻的标题\n• 又一条新闻的标题，说得很长很长很长很长的")
    assert body_core(lines) == (3, 5)


def test_schedule_page_keeps_its_rows_inside_the_zone():
    rows = ["会议议程", "12月10日 代表注册", "地  点：南开大学校内明珠园", "8:30—8:50 开幕式",
            "主持人：经济学院院长 某某教授"]
    lines = split_lines("\n".join(rows + [P1, P2]))
    first, _ = body_bounds(lines)
    assert first <= len(rows)


CLEAN_PAGES = [
    BODY,
    "学位新增三千个\n" + BODY,
    BODY + "\n预祝大会圆满成功！",
    "一、培养目标：\n" + P1 + "\n二、报考条件：\n1. 拥护党的基本路线；\n2. 身体健康。\n" + P2,
    P1 + "\n会议议程\n8:30 开幕式\n9:00 主题演讲\n12:00 午餐\n" + P2,
    P1 + "\n据了解，“首页”改版后，网站的访问量增加了两成。\n" + P2,
]


@pytest.mark.parametrize("text", CLEAN_PAGES)
def test_clean_news_is_untouched(text):
    result = Cleaner().clean(text)
    assert result.text == text, result.rules_fired
