"""A list of articles that prints each headline beside its date and time on a line of its own
(under a report, in a sidebar), and the report's own lines that look like it.

Every line here is made up.
"""

from __future__ import annotations

from cleaner.page.kinds import Kind, classify
from tests.chrome_text import BODY, P1, P2, P3

LIST = ["理论新闻精选：",
        "加快法治体系建设 提升依法治理效能", "2020年07月08日 13:36:14",
        "倾听历史回响 激发民族精神", "2020年07月08日 12:48:50",
        "党建论坛 | 读懂一个字的密码", "2020年07月07日 15:39:10"]


def test_headlines_with_their_times_under_a_report_go(cleaner):
    page = "\n".join(["2020-07-04 12:10:24", BODY, "【编辑：王小明】", *LIST])
    result = cleaner.clean(page)
    assert result.text == BODY
    assert result.meta["published"] == "2020-07-04 12:10:24"  # the page's, not a listed one's
    assert result.meta["editor"] == "王小明"


def test_the_time_may_come_first(cleaner):
    pairs = ["07-08 13:36", "加快法治体系建设 提升依法治理效能", "07-08 12:48", "倾听历史回响 激发民族精神",
             "07-07 15:39", "读懂一个字的密码"]
    assert cleaner.clean("\n".join([BODY, "相关新闻", *pairs])).text == BODY
    assert cleaner.clean("\n".join([BODY, *pairs])).text == BODY


def test_a_title_over_its_own_dateline_is_one_pair_and_stays(cleaner):
    page = "\n".join(["某市新增中小学学位三千个", "2020年07月08日 13:36:14", BODY])
    assert "某市新增中小学学位三千个" in cleaner.clean(page).text


def test_a_chronology_of_the_report_stays(cleaner):
    """A report's timeline pairs its times with sentences, not with headlines."""
    timeline = "\n".join(["2020年07月08日 13:36", P2, "2020年07月08日 15:20", P3])
    assert cleaner.clean(P1 + "\n" + timeline).text == P1 + "\n" + timeline


def test_channel_pointers_and_picks_are_markers():
    for line in ("更多精彩内容请进入理论频道", "理论新闻精选：", "财经文章推荐：", "今日新闻导读："):
        assert classify(line) == (Kind.ANCHOR, "marker"), line
    for line in ("营养师推荐：", "更多详情请登录市政府网站。", "他说，更多精彩内容请进入理论频道观看。",
                 "专家推荐："):
        assert classify(line)[0] is not Kind.ANCHOR, line


def test_times_written_full_width_or_glued_to_the_date_are_times(cleaner):
    pairs = ["加快法治体系建设 提升依法治理效能", "２０２０年０７月０８日１３：３６",
             "倾听历史回响 激发民族精神", "2020年07月08日12:48"]
    assert cleaner.clean("\n".join([BODY, *pairs])).text == BODY
