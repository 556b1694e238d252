"""Where head and tail runs of chrome really end, and the line families that anchor them.

Every page here is made up; each family is paired with clean news that looks a bit like it
and must come through untouched.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classifier, classify
from cleaner.page.lists import contents_runs
from tests.chrome_text import BODY, P1, P2, P3


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def lines_of(cleaner: Cleaner, text: str) -> list[str]:
    return [ln for ln in cleaner.clean(text).text.split("\n") if ln.strip()]


@pytest.mark.parametrize(("head", "gone", "kept"), [
    # a breadcrumb broken over lines: the element after the last separator belongs to it
    ("您的位置：\n主页\n>\n招生资讯>\n某某学院\n某某学院招生简章\n", "某某学院", "某某学院招生简章"),
    # a widget word wrapped onto the next line
    ("当前位置：首页>>会议 双击自动滚 [关闭窗口]\n屏\n第四届年会\n", "屏", "第四届年会"),
    # the same bulleted list goes on after a squeezed row of section names
    ("• 财经\n• 娱乐\n• 更多\n母婴健康历史军事\n• 无障碍\n出狱后的一天\n", "• 无障碍", "出狱后的一天"),
    # one bulleted link right below a navigation line
    ("某某娱乐 > 电影版区 > 留言板 [精华区] 版主：[申请版主]\n● 《清洁》：东方式内敛\n",
     "● 《清洁》：东方式内敛", None),
    # a dateline broken over lines below the last anchor
    ("-> 正文\n1\n02日14:25\n婚姻的疫苗\n", "02日14:25", "婚姻的疫苗"),
    # a column of bare chapter links: a table of contents pointing to other pages
    ("古代\n第一章\n第二章\n第三章\n第四章\n", "第四章", None),
])
def test_head_run_goes_on_past_its_last_anchor(cleaner, head, gone, kept):
    out = lines_of(cleaner, head + BODY)
    assert gone not in out
    if kept is not None:
        assert kept in out
    assert out[-3:] == [P1, P2, P3]


@pytest.mark.parametrize("head", [
    "<< 上一页 | 下一页 >>\n资料图：无性婚姻能走多远？\n",    # a pager, not a row going on
    "第一章 总则\n第二章 管理\n第三章 附则\n",               # a contents with titles
    "● 标题在这里\n",                                      # a bullet with no chrome above it
    "首页 > 新闻 > 正文\n标题在这里\n记者 张三\n",             # title and byline below the anchor
])
def test_head_run_leaves_the_title_block(cleaner, head):
    out = lines_of(cleaner, head + BODY)
    first = 0 if "章" in head else 1  # the navigation line above the title block goes
    kept = [ln for ln in head.split("\n")[first:] if ln and not ln.startswith("记者")]
    for line in kept:
        assert line in out


def test_forum_signature_goes_with_the_reply_chain(cleaner):
    tail = ("\n------------------------------\n我的博客某某 http://www.example.com/blog/index.html\n"
            "〓某某留言板发布时间 2005/05/17 22:11:42 by 某某〓\n←返回\n● 如果\n"
            "------------------------------\n说得好。")
    assert cleaner.clean(BODY + tail).text == BODY


def test_separator_inside_the_report_stays(cleaner):
    text = P1 + "\n------------------------------\n" + P2 + "\n" + P3
    assert cleaner.clean(text).text == text


def test_share_line_starts_the_footer(cleaner):
    tail = ("\n#大家健康#\n分享到： （更多内容请继续关注某某网 www.example.com.cn）\nkongbai\n"
            "今日新闻\n• 甲\n• 乙")
    out = lines_of(cleaner, BODY + tail)
    assert out == [P1, P2, P3, "#大家健康#"]


def test_blog_post_footer_is_cut_from_its_first_line(cleaner):
    tail = ("\n(本文发表于首页\n批评与建议\n, 已被阅读178次)\n"
            "本文通告引用(Trackback)链接: /wp-trackback.php?p=1")
    assert cleaner.clean(BODY + tail).text == BODY


@pytest.mark.parametrize(("line", "reason"), [
    ("分享到： （更多内容请继续关注某某网）", "subscribe"),
    ("如果您喜欢某某新闻，请告诉您的朋友。 给某某提意见", "subscribe"),
    ("(本文发表于首页", "comment"),
    ("7 分钟", "duration"),
    ("阅读时长：3分钟", "duration"),
    ("某某市政府门户网站 www.example.gov.cn", "site_url"),
])
def test_new_families_are_anchors(line, reason):
    assert classify(line) == (Kind.ANCHOR, reason)


@pytest.mark.parametrize("line", [
    "记者用了7分钟赶到现场，火势已经得到控制。",
    "本文发表于《读书》杂志2005年第3期。",
    "分享到朋友圈的照片引发了热议，不少网友表示感动。",
    "第一章 总则",
])
def test_news_lines_are_not_anchors(line):
    assert classify(line)[0] is not Kind.ANCHOR


def test_weak_families_alone_stay(cleaner):
    for line in ("详情请登录 www.example.com", "7 分钟"):
        assert line in lines_of(cleaner, BODY + "\n" + line)
    assert {"duration", "site_url"} <= classifier().weak


def test_contents_runs_need_three_bare_chapters():
    assert contents_runs(["第一章", "第二章", "正文。"]) == []
    assert contents_runs(["第一章 总则", "第二章 管理", "第三章 附则"]) == []
    assert contents_runs(["*第一编", "第一章", "第二章", "第三章"]) == [[0, 1, 2, 3]]
