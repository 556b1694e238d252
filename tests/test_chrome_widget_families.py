"""Widget and footer families every portal has in some wording, beside clean news that uses the
same words, and the fact boxes and chronologies that close a report in bulleted lines.

Every page here is made up.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classify
from cleaner.page.lists import fact_item
from tests.chrome_text import BODY, P1, P2, P3


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(script="keep")


@pytest.mark.parametrize(("line", "family"), [
    ("讨论区", "comment"),
    ("[icon]留言规范", "comment"),
    ("讀者回應", "comment"),
    ("更多专栏，尽在【某某观点】", "promo"),
    ("想说就说投稿「读者来信」", "promo"),
    ("相关资讯请关注:", "promo"),
    ("desk.news@example.com.tw", "url"),
    ("請繼續往下閱讀...", "player"),
    ("跟隨 @some_paper", "subscribe"),
    ("微信号 SomeDesk2020", "subscribe"),
    ("前往看一看", "subscribe"),
    ("下載 iPhone版 | 下載 android版", "subscribe"),
    ("功能介绍记录城市生活的点点滴滴，每周更新。", "account"),
    ("登記成為會員瀏覽更多內容", "membership"),
    ("尚餘3篇", "membership"),
    ("216人参与45评论", "counter"),
    ("對此新聞評分：", "counter"),
    ("為您推薦", "marker"),
    ("※你可能還想看：", "marker"),
    ("相关搜索", "marker"),
    ("小字型", "widget word"),
    ("稍後再讀", "widget word"),
    ("我要評比", "widget word"),
    ("字體列印轉寄|facebookshareplurkshare", "widget"),
    ("首頁 / 社會", "breadcrumb"),
    ("首页 - 新闻动态", "breadcrumb"),
    ("上一篇：某地召开学术研讨会", "pager"),
    ("◆ 追蹤更多某台影音新聞：", "subscribe"),
    ("2.用Twitter追蹤某台新聞：", "subscribe"),
    ("友善列印", "widget word"),
    ("我要爆料．自由徵才", "service_row"),
    ("• 留言限100字以內，與報導無關的留言一律刪除。", "comment_rules"),
    ("2. 網友應謹慎發言，遵守相關法律。", "comment_rules"),
    ("讀者留言暱稱：[          ]", "login"),
])
def test_footer_families_are_anchors(line, family):
    assert classify(line) == (Kind.ANCHOR, family)


@pytest.mark.parametrize("line", [
    "网友讨论热烈，纷纷在帖子下留言。",
    "欢迎投稿",
    "更多细节都在调查报告中。",
    "请继续往下阅读这份报告的附录，那里列出了全部数据。",
    "讨论区域的划分由各小组自行决定。",
    "功能介绍",
    "大家周末可以去看一看新开的商场。",
    "他去年登记成为志愿者，今年又成了协会会员。",
    "共有216人参与了此次评选活动。",
    "评分：由专家组现场打分，满分十分。",
    "你可能还想看看别的方案，我们都准备好了。",
    "首页设计 - 获奖作品",
    "他关注更多的是民生。",
    "用数据追踪疫情的发展，是这个团队的日常工作。",
    "上一篇文章里我们谈到了这个问题。",
    "平台表示，与话题无关的留言将被删除。",
    "相关部门请关注这一问题。",
])
def test_news_lines_of_the_same_words_are_not_anchors(line):
    assert classify(line)[0] is not Kind.ANCHOR


@pytest.mark.parametrize(("line", "fact"), [
    ("★年龄：58岁", True),
    ("● 经历：", True),
    ("●1990~1995年任某县县长", True),
    ("● 2001/03 调任某市市长，主抓城建", True),
    ("• 2019年某地举行迎新活动", False),
    ("• 某某：坚持改革开放不动摇", False),
    ("• 财经", False),
])
def test_fact_items(line, fact):
    assert fact_item(line) is fact


FACT_BOX = ["某某小档案", "★年龄：58岁", "★背景：出身农家，早年当过教师", "★经历：",
            "●1990~1995年任某县县长", "●1996~2000年任某市副市长", "●2001/03 调任某市市长，主抓城建",
            "●2008/06 因病辞去职务"]


def test_a_fact_box_closing_the_report_stays_and_the_footer_under_it_goes(cleaner):
    page = "\n".join([BODY, *FACT_BOX, "更多文章，都在【某某专栏】", "有话要说投稿「某某论坛」",
                      "opinion@example.com", "讨论区", "留言规范"])
    assert cleaner.clean(page).text == "\n".join([BODY, *FACT_BOX])


def test_a_bulleted_list_of_headlines_under_the_report_still_goes(cleaner):
    page = "\n".join([BODY, "• 某市举行迎新春文艺演出", "• 某县新建三所乡村小学",
                      "• 某地开展冬季消防安全检查", "讨论区"])
    assert cleaner.clean(page).text == BODY


def test_a_continuation_prompt_between_paragraphs_goes(cleaner):
    page = "\n".join([P1, "請繼續往下閱讀...", P2, P3])
    assert cleaner.clean(page).text == BODY


def test_a_platform_account_box_and_its_prompts_go(cleaner):
    page = "\n".join(["某某科技", "微信号 SomeDesk2020", "功能介绍记录城市生活的点点滴滴，每周更新。",
                      BODY, "阅读", "在看", "已同步到看一看写下你的想法", "前往看一看", "看一看入口已关闭"])
    assert cleaner.clean(page).text == BODY


def test_font_size_and_rating_widgets_around_the_report_go(cleaner):
    page = "\n".join(["稍後再讀", "小字型", "中字型", "大字型", "跟隨 @some_paper", BODY,
                      "關鍵字：教育", "分享：", "0", "留言數", "我要評比"])
    assert cleaner.clean(page).text == BODY


def test_a_recommendation_list_under_a_new_header_goes(cleaner):
    page = "\n".join([BODY, "※你可能還想看：", "某市舉行迎新春文藝演出", "某縣新建三所鄉村小學",
                      "某地開展冬季消防安全檢查"])
    assert cleaner.clean(page).text == BODY


REPLY = ("我觉得这件事没有报道说得那么简单，学位紧张的问题在我们小区已经存在好多年了，每年开学前家长们都要"
         "排队托关系，新建五所学校当然是好事，可是师资从哪里来，老师的待遇能不能跟上，这些问题文章里一个字都没有提。"
         "我家孩子明年上小学，我们片区的学校去年就已经满员了，不知道新学校的划片会不会把我们小区划进去，希望教育局"
         "能早点公布具体的招生范围，别让家长们再到处打听，也希望新学校的配套设施能够按时完工，不要开学了还在施工，"
         "孩子们的安全最重要，家长们都很关心这个问题，请有关部门认真对待。")


@pytest.mark.parametrize("line", ["3小时前", "12分钟前", "刚刚"])
def test_posting_times_are_comment_furniture(line):
    assert classify(line) == (Kind.ANCHOR, "posted_ago")


def test_a_comment_thread_with_a_long_reply_goes(cleaner):
    page = "\n".join([BODY, "热门评论", "网友甲", REPLY, "3小时前", "举报", "回复", "赞", "12"])
    assert cleaner.clean(page).text == BODY


def test_a_long_paragraph_below_chrome_with_no_posting_time_is_not_cut(cleaner):
    page = "\n".join([BODY, "热门评论", "网友甲", REPLY])
    assert REPLY in cleaner.clean(page).text


NOTICE = "本网站使用相关技术提供更好的阅读体验，同时尊重使用者隐私，点这里了解隐私声明，关闭视窗即表示同意。"
NUMBERS = "一二三四五六七八九十"
MENU = [f"• 栏目{n}" for n in NUMBERS] + [f"□ 某地新闻标题第{n}条" for n in NUMBERS] + ["• 即时", "• 政治"]


def test_a_lone_paragraph_long_line_over_a_whole_menu_does_not_start_the_report(cleaner):
    page = "\n".join([NOTICE, *MENU, BODY])
    assert cleaner.clean(page).text == BODY


def test_two_paragraphs_over_a_whole_menu_still_start_the_report(cleaner):
    opening = [P2, P3]
    page = "\n".join([*opening, *MENU, P1, P1 + P2])
    out = cleaner.clean(page).text
    assert P2 in out and P3 in out


SIDEBAR = ["某地男子酒驾被查　称只喝了一杯", "市民排队三小时　只为一碗牛肉面",
           "沿海渔船全部回港：台风过境后首日", "夜市摊贩联合涨价？　主管机关介入",
           "高铁新站动工　预计2025年通车", "老街改造完成　游客量翻倍"]


def test_a_sidebar_of_headlines_ending_the_page_goes_when_chrome_is_above(cleaner):
    page = "\n".join(["• 网友评论", "• 友善列印", BODY, "▼市民在现场排队等候。", *SIDEBAR])
    assert cleaner.clean(page).text == "\n".join([BODY, "▼市民在现场排队等候。"])


def test_titles_ending_a_report_with_no_chrome_on_the_page_stay(cleaner):
    page = "\n".join([BODY, *SIDEBAR])
    assert cleaner.clean(page).text == page


def test_a_menu_of_bare_labels_opening_the_page_goes(cleaner):
    page = "\n".join(["体育", "论坛", "即时", "社会", "地方快讯", "某市新增学位三千个", BODY])
    assert cleaner.clean(page).text == "\n".join(["某市新增学位三千个", BODY])


def test_a_menu_of_bare_labels_over_a_lone_anchor_goes_with_it(cleaner):
    page = "\n".join(["财经新闻", "娱乐新闻", "体育新闻", "[ ] [搜索]", "某市新增学位三千个", BODY])
    assert cleaner.clean(page).text == "\n".join(["某市新增学位三千个", BODY])


def test_a_poem_opening_a_text_stays(cleaner):
    page = "\n".join(["春晓", "孟浩然", "春眠不觉晓", "处处闻啼鸟", "夜来风雨声", "花落知多少", BODY])
    assert cleaner.clean(page).text == page


def test_service_link_rows_above_the_report_go_and_a_name_in_it_stays(cleaner):
    page = "\n".join(["我要爆料．自由徵才", "廣告刊登．訂報服務", "首頁 > 頭版新聞", P1, "麥可‧喬丹", P2, P3])
    assert cleaner.clean(page).text == "\n".join([P1, "麥可‧喬丹", P2, P3])


def test_a_comment_board_with_its_house_rules_goes(cleaner):
    rules = ["• 留言限100字以內，與報導無關的留言一律刪除。",
             "• 請勿留下個人隱私資料，以免遭人盜用，網友留言請自行負責。",
             "• 網友應謹慎發言，遵守相關法律，涉及人身攻擊的言論一律刪除，不另行通知，敬請見諒。",
             "• 參與討論的網友，視為同意本網站管理者依上述原則處理留言，不同意者請勿留言。"]
    page = "\n".join([P1, P2, "討論區", "討論規範", *rules, "讀者留言暱稱：[          ]"])
    assert cleaner.clean(page).text == "\n".join([P1, P2])


TITLE = "某市集成电路进口突破三千亿元！专家：产业结构扭曲，没有将产品作为中心"


def test_a_page_title_shown_twice_does_not_start_the_report(cleaner):
    page = "\n".join([TITLE, "登录/注册", "首页", "风闻", "观察员", "国际", "军事", "财经", TITLE, "分享到：",
                      "某某网", "2019-09-07 15:10:53", BODY])
    out = cleaner.clean(page).text
    assert out.endswith(BODY) and "风闻" not in out and "军事" not in out


def test_a_stray_separator_between_the_title_and_the_report_goes(cleaner):
    head = ["首页 > 政治", "某市新增学位三千个", "新建五所学校九月启用", "|", "2019-09-07 15:10"]
    page = "\n".join([*head, BODY])
    lines = cleaner.clean(page).text.split("\n")
    assert "|" not in lines and "某市新增学位三千个" in lines and lines[-3:] == BODY.split("\n")
