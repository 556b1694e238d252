"""Chrome families of current portals, each beside clean news that looks a bit like it.

Every page here is made up; the families are those of mainland, self-media and Taiwan portals.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classify
from tests.chrome_text import BODY, P1, P2, P3


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(script="keep")


@pytest.mark.parametrize(("line", "family"), [
    ("T + -", "font_size"),
    ("字級設定：小中大特", "font_size"),
    ("用微信扫码二维码", "subscribe"),
    ("【更多精彩新聞，都在某某粉絲團】", "subscribe"),
    ("登录某某用户_一号", "login"),
    ("到某某首页", "navigation"),
    ("【1】【2】【3】", "pager"),
    ("作者最新文章", "marker"),
    ("延伸 · 推荐", "marker"),
    ("您的浏览器暂时无法播放此视频.", "player"),
    ("請繼續往下閱讀", "player"),
    ("新聞搜尋： [關鍵字 ] [查詢]", "search"),
    ("安心專線：0800-000000（24小時）", "hotline"),
    ("免责声明：本文来自某某客户端自媒体，不代表某某网的观点和立场。", "notice"),
    ("声明：本报力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。",
     "notice"),
    ("关键词：救生筏", "tags"),
    ("特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。", "notice"),
    ("网友评论仅供其表达个人看法，并不表明某某网立场。", "notice"),
    ("正在阅读：某地举行迎新活动", "player"),
    ("本文为某某原创文章，未经允许不得转载，如需转载请联系本站。", "notice"),
    ("转载请注明出处", "notice"),
    ("推荐阅读相关主题：", "marker"),
    ("返回某某频道，查看更多", "marker"),
    ("人参与评论", "counter"),
    ("您可能有興趣:", "marker"),
    ("你可能也喜欢", "marker"),
    ("《某某疫情》專頁:", "marker"),
    ("第一手消息請下載某某新聞", "subscribe"),
    ("iPhone/ iPad/ Android/", "subscribe"),
    ("Windows Phone Apps", "subscribe"),
    ("[house] 位置：首页 > 新闻动态", "breadcrumb"),
    ("相关资讯请关注:某某专区", "marker"),
    ("理財新聞搜尋：", "search"),
    ("＊飲酒過量，有害健康/未成年請勿飲酒＊", "notice"),
    ("留言限140字以內。留言將於發送後的第二日由系統自動刪除。", "comment_rules"),
    ("參與討論的網友，視為同意本網站管理者可隨時刪除留言。", "comment_rules"),
    ("敬請網友遵守以上原則，不同意者，請勿在此發表言論。", "comment_rules"),
])
def test_portal_families_are_anchors(line, family):
    assert classify(line) == (Kind.ANCHOR, family)


@pytest.mark.parametrize("line", [
    "字号的选择是排版设计中最重要的问题之一，设计师们对此争论不休。",
    "警方呼吁市民扫码登记，配合做好疫情防控工作。",
    "这一观点并不代表全体代表的立场，会议将继续讨论。",
    "心理援助热线的接听量比去年增加了三成，志愿者人手紧张。",
    "登录珠峰的队员们在山顶停留了二十分钟。",
    "他表示，这份报告并不代表最终结论，调查仍在进行。",
    "市民正在阅读新出版的地方志，图书馆里座无虚席。",
    "他说，未经允许擅自转载他人作品属于侵权，法院判赔五万元。",
    "法院认定，被告未经许可转载原告文章，构成侵权。",
    "游客可以在展厅里查看更多展品。",
    "相关报道称：",
    "网友留言称，相关帖子已被删除。",
    "他在发言中表示，限时三天完成整改。",
    "他说，请下载官方应用办理。",
    "你可能喜欢这样的生活吗？",
    "苹果发布新款iPhone",
    "医生提醒，饮酒过量有害健康，应当适量。",
    "他说，未成年请勿饮酒是法律规定。",
    "警方提醒市民关注天气变化。",
])
def test_news_sentences_of_the_same_words_are_not_anchors(line):
    assert classify(line)[0] is not Kind.ANCHOR


def test_a_widget_block_inside_the_report_goes(cleaner):
    page = "\n".join([P1, "分享至", "微信", "用微信扫码二维码", "T + -", P2, P3])
    assert cleaner.clean(page).text == BODY


def test_a_short_line_between_paragraphs_stays(cleaner):
    page = "\n".join([P1, "一、基本情况", P2, "二、下一步", P3])
    assert cleaner.clean(page).text == page


def test_a_comment_box_inside_the_core_is_left_to_the_tail_rules(cleaner):
    page = "\n".join([P1, "网友评论", "评论(3)", P2, P3])
    out = cleaner.clean(page).text
    assert P1 in out and P2 in out and P3 in out
    assert not any(e.rule == "chrome.inner_block" for e in cleaner.clean(page).edits)


def test_image_placeholders_go_and_footnote_marks_stay(cleaner):
    page = "\n".join([P1, "[d460958]", "▼图为会议现场。", "[1]", "□ [jpg]", P2, P3])
    assert cleaner.clean(page).text == "\n".join([P1, "▼图为会议现场。", "[1]", P2, P3])


def test_category_headlines_in_a_row_are_a_list(cleaner):
    tail = "\n".join(["棒球／我队轻取对手 明日再战", "网球／男团八强止步", "举重／带伤拿下第四名"])
    assert cleaner.clean(BODY + "\n" + tail).text == BODY
    one = "记者／台北报导"
    assert one in cleaner.clean(one + "\n" + BODY).text


def test_widget_rows_with_counts(cleaner):
    assert cleaner.clean(BODY + "\n37评论收藏").text == BODY
    assert classify("2019年共有37名学生收藏了这本书。")[0] is not Kind.ANCHOR


def test_a_comment_boards_rules_without_bullets_go(cleaner):
    rules = ["留言限140字以內。留言將於發送留言後的第二日早上6:00，由系統自動刪除。",
             "請勿留下個人隱私資料，以免遭人盜用，本報將不負管理之責。",
             "網友應謹慎發言，遵守中華民國法律相關規定，違者自負法律責任。",
             "參與討論的網友，視為同意本網站管理者，可隨時對討論區內所有內容進行刪除。",
             "敬請網友遵守以上原則，不同意者，請勿在此發表言論。"]
    assert cleaner.clean(BODY + "\n" + "\n".join(rules)).text == BODY
