"""Chrome decided by where a line stands: a list heading inside the body core, weak anchors next
to a footer. Each shape is paired with clean news of the same shape that must stay."""

from __future__ import annotations

from cleaner.ops.boilerplate import tail_run
from cleaner.page.analysis import LineAnalysis
from tests.chrome_text import BODY, P1, P2, P3, run
from tests.test_chrome_clean_news import assert_untouched, chrome_removed

TEASER1 = "近日，某地一社区民警在开展人口核查工作时平均每天拨打一百多个电话，被运营商以涉嫌诈骗为由停机"
TEASER2 = "记者了解到，新建的五所学校将于九月投入使用，周边居民的孩子今后可以就近入学，不必再跨区上学"
RELATED = ["延伸 · 推荐", "民警一天打百个电话被停机", TEASER1, "新建五所学校九月启用", TEASER2]


def test_a_list_heading_inside_the_core_ends_it():
    text = "\n".join([BODY, *RELATED])
    page = LineAnalysis.of(text).page
    assert page.span == (0, 2)


def test_teasers_under_a_list_heading_go(cleaner):
    assert cleaner.clean("\n".join([BODY, *RELATED])).text == BODY


def test_a_heading_over_paragraphs_keeps_the_core(cleaner):
    text = "\n".join([P1, P2, "更多新闻", P3, P1 + "这一点很重要。", P2 + "这一点也很重要。"])
    assert LineAnalysis.of(text).page.span == (0, 5)
    assert_untouched(cleaner, text)


FOOTER = ["关键字: 学位 教育 入学", "5TV云端电视 | 下载 iPhone版 | 下载 android版", "最新"]


def test_a_tag_line_over_a_footer_goes_with_it(cleaner):
    text = "\n".join([BODY, *FOOTER, "相关新闻", "• 柳州发布疫情防控紧急通告", "• 市区新增三条公交线路"])
    assert cleaner.clean(text).text == BODY


def test_a_tag_line_over_link_rows_to_the_end_goes(cleaner):
    assert cleaner.clean("\n".join([BODY, *FOOTER])).text == BODY


def test_a_tag_line_ending_the_report_stays(cleaner):
    """Alone at the end, a keyword line may be the report's (a paper lists its keywords)."""
    assert_untouched(cleaner, "\n".join([BODY, FOOTER[0]]))


def test_short_sentences_after_a_row_of_dots_stay(cleaner):
    text = "\n".join([BODY, "…………", "悲剧不应重演。悲剧也不能再重演。", "这一案再次敲响了警钟！",
                      "市场的暗与亮"])
    assert_untouched(cleaner, text)


def test_a_tag_line_followed_by_a_fact_stays(cleaner):
    text = "\n".join([BODY, "关键词：学位", "2019年3月5日"])
    assert "关键词：学位" not in chrome_removed(cleaner, text)


HEADLINES = [f"第{n}条：某地发生一起事件，画面曝光，网友为何议论纷纷？" for n in "一二三四五六七八九十"]


def test_a_long_list_of_question_headlines_is_no_second_report(cleaner):
    """Headlines with commas and question marks read as prose; without a full stop they are
    not paragraphs, so a list of many of them does not hold the tail cut back."""
    text = "\n".join([BODY, "图片来自网络，如有侵权，请联系删除。", "相关推荐", *HEADLINES])
    assert run(tail_run, text)[0] == BODY


def test_replies_between_report_links_are_no_second_report():
    reply = ["网友甲", "芯片产业的投资回报周期很长，不能只看一时的产值，还要看长期的技术积累。",
             "昨天 22:17", "举报", "分享"]
    text = "\n".join([BODY, "全部评论 23条", *reply * 8])
    assert run(tail_run, text)[0] == BODY


def test_a_second_report_below_chrome_is_not_cut():
    report = [P1, P2, P3, P2 + P1, P3 + P2, P1 + P3]
    second = [P2 + P3, P3 + P1, P1 + P2, P3 + P1 + P2, P2 + P1 + P3, P1 + P2 + P3]
    chrome = ["【打印】【关闭】", "返回顶部", "分享到：微信 微博"] * 3
    text = "\n".join([*report, *chrome, *second])
    out, _ = run(tail_run, text)
    assert out.count(P1) == text.count(P1)


def test_a_column_of_section_labels_below_the_head_anchor_goes(cleaner):
    menu = ["首页", "风闻", "观察员", "军事", "财经", "汽车"]
    assert cleaner.clean("\n".join([*menu, "学位新增三千个", BODY])).text == "学位新增三千个\n" + BODY


def test_names_below_a_title_in_the_head_stay(cleaner):
    text = "\n".join(["首页 > 教育 > 正文", "学位新增三千个", "张三", "李四", "王五", BODY])
    assert cleaner.clean(text).text.startswith("学位新增三千个\n张三\n李四\n")


SIDEBAR = ["海尔回应员工午睡被开除，员工称只有三十分钟午餐时间",
           "伊利设硬核股权激励考核指标连续五年不低于两成",
           "三千元机票实付三千四百元？去哪儿网回应：系代理商违规操作",
           "越南拒用中国5G，原因和后果是什么", "攀登者怎么样要等上映才知道"]


def test_a_headline_column_over_a_footer_goes(cleaner):
    text = "\n".join([BODY, *SIDEBAR, "小编最近文章", "• 一条新闻的标题", "• 又一条新闻的标题"])
    assert cleaner.clean(text).text == BODY


def test_table_cells_below_the_report_are_no_headline_column(cleaner):
    cells = ["03艺术人类学\t方李莉\t人类学的基本概念与原理",
             "04艺术史与比较艺术研究\t傅谨\t美学原理与中外艺术交流史",
             "05艺术美学\t傅谨\t艺术思潮与流派及其代表作品",
             "06中国宗教艺术\t田青\t宗教史论与宗教艺术作品分析"]
    text = "\n".join([BODY, *cells, "分享到：微信 微博"])
    out = cleaner.clean(text).text
    assert all(cell in out for cell in cells)


POEM = ["大雪是一种辉煌绵绵实实地", "盖住你的心和整个世界", "无边的静谧与安详", "从厚厚的雪里钻出来",
        "一起长出来的还有被雪", "挤暖了情怀的灯火和童话"]


def test_a_poem_ending_the_report_stays(cleaner):
    assert_untouched(cleaner, "\n".join([BODY, *POEM]))


def test_a_poem_ending_the_report_stays_above_a_real_footer(cleaner):
    """The headline column wants a strong anchor below the report, and a real footer has one:
    the poem's lines (no digits, quotes, colons, question marks) are still no headline list."""
    footer = ["相关新闻", "• 一条新闻的标题", "• 又一条新闻的标题"]
    assert cleaner.clean("\n".join([BODY, *POEM, *footer])).text == "\n".join([BODY, *POEM])
    verse = [line + "，" for line in POEM[:3]] + POEM[3:]  # lines that run on with a comma
    text = "\n".join([BODY, *verse, "版权所有 © 某某网 未经授权禁止转载"])
    assert cleaner.clean(text).text == "\n".join([BODY, *verse])


NAV_BLOCK = ["• 首页", "• 要闻动态", "• 政务公开", "• 政务服务", "• 政民互动", "• 统计数据",
             "网站声明网站地图联系我们", "• 个人办事", "• 法人办事", "• 便民热线"]


def test_a_report_rendered_twice_keeps_its_first_copy(cleaner):
    """Pages render the report again for phones; the chrome between the copies goes, and the
    second copy with it, instead of the core spanning both."""
    text = "\n".join([P1, P2, P3, "打印 关闭 收藏", *NAV_BLOCK, P1, P2, P3, "版权所有"])
    assert LineAnalysis.of(text).page.span == (0, 2)
    assert cleaner.clean(text).text == BODY


def test_a_paragraph_repeated_inside_the_report_stays(cleaner):
    assert_untouched(cleaner, "\n".join([P1, P2, P1, P3]))
    assert_untouched(cleaner, "\n".join([P1, P2, P3, P1]))


CAPTION = "台中市一名女子酒后与男友发生口角后，从五楼租屋处坠落身亡。王小明摄"


def test_a_caption_below_a_notice_stays_and_the_notice_goes(cleaner):
    text = "\n".join([BODY, "自杀解决不了问题，请珍惜生命。", "生命线协谈专线：1995", CAPTION,
                      "推荐新闻", "• 一条新闻的标题", "• 又一条新闻的标题"])
    assert cleaner.clean(text).text == BODY + "\n" + CAPTION


def test_a_credited_teaser_deep_in_a_related_list_goes(cleaner):
    teasers = [f"• 第{n}条新闻的标题" for n in "一二三四五六七八九"]
    text = "\n".join([BODY, "相关新闻", *teasers, CAPTION])
    assert cleaner.clean(text).text == BODY


def test_a_share_link_with_its_target_goes(cleaner):
    for widget in ("分享至好友和朋友圈", "推文到 Plurk 推文到 FB", "分享到微信 ×"):
        text = "\n".join(["分享到：微信 微博", widget, BODY])
        assert cleaner.clean(text).text == BODY, widget


def test_a_sentence_about_sharing_stays(cleaner):
    assert_untouched(cleaner, "\n".join([
        "转发到朋友圈的一段视频引发热议，当事人随后在网上发文致歉，称将配合有关部门调查。",
        P1, P2]))
    assert_untouched(cleaner, "\n".join([P1, "分享到朋友圈，", P2]))


def test_a_bare_count_between_the_head_and_the_report_goes(cleaner):
    for count in ("2819", "9 23", "1,024"):
        text = "\n".join(["分享到：微信 微博", count, BODY])
        assert cleaner.clean(text).text == BODY, count


def test_a_number_inside_the_report_stays(cleaner):
    assert_untouched(cleaner, "\n".join([P1, "2019", P2, P3]))


def test_a_bare_tag_label_is_a_tag_line():
    from cleaner.page.kinds import Kind, classify

    assert classify("标签") == (Kind.ANCHOR, "tags")
    assert classify("標籤") == (Kind.ANCHOR, "tags")
    assert classify("标签管理办法出台")[0] is not Kind.ANCHOR


BULLETED_TITLE = "• 我国集成电路进口突破三千亿美元！专家：产业结构扭曲，没有将产品作为发展的中心"


def test_a_long_bulleted_title_does_not_start_the_report(cleaner):
    """A bulleted line is a link or a title however long: the share widget and its count below
    it stand above the report, not inside it."""
    text = "\n".join([BULLETED_TITLE, "分享到：", "9 23", BODY])
    assert LineAnalysis.of(text).page.span == (3, 5)
    assert cleaner.clean(text).text == "\n".join([BULLETED_TITLE, BODY])
