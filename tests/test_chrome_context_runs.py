"""Runs of label-shaped lines outside the report are judged by what closes them: chrome on both
sides (lines the stage cut in a block with an anchor, or anchors still standing) makes them a
menu's rest; a title, a fact, the report itself or the top of the page keeps them."""

from __future__ import annotations

from cleaner.ops.context import label_shaped
from cleaner.text import to_simplified
from tests.chrome_text import BODY, P1, P2, P3
from tests.test_chrome_clean_news import assert_untouched, chrome_removed

NAV = "首页 | 新闻 | 体育 | 财经 | 娱乐"
SHARE = "分享到：微信 微博 QQ空间"
COPYRIGHT = "Copyright © 2019 某某网 版权所有"


def test_label_shapes():
    assert all(label_shaped(v) for v in ("东区新闻", "隱私權政策", "2770", "|", "运营商 5G"))
    assert not any(label_shaped(v) for v in (
        "（完）", "（张三）", "谢谢！", "他说，好。", "……", "记者：张三",
        "林義雄宣布停止禁食 願再為台奮鬥"))


def test_labels_between_two_chrome_blocks_go(cleaner):
    text = "\n".join([NAV, "东区办事处", "东区新闻", SHARE, "一则新闻标题写在这里", BODY])
    removed = chrome_removed(cleaner, text)
    assert "东区办事处" in removed and "东区新闻" in removed
    text = "\n".join([BODY, SHARE, "媒体报道", "2770", COPYRIGHT])
    assert cleaner.clean(text).text == BODY


def test_a_traditional_menu_column_over_the_title_goes(cleaner):
    column = ["生活", "棒球", "羽球", "大甲媽遶境", "中國", "娛樂", "生活新聞"]
    title = "十年前父親掐死兒後自縊 凶宅下月拍賣"
    text = "\n".join([NAV, *column, title, BODY])
    out = cleaner.clean(text).text.split("\n")
    assert to_simplified(title) in out
    assert not {to_simplified(label) for label in column} & set(out)


def test_lone_separators_and_tag_rows_beside_chrome_go(cleaner):
    text = "\n".join([BODY, "20190926|国贸|增长率|全球经济", "|", COPYRIGHT])
    assert cleaner.clean(text).text == BODY
    text = "\n".join([NAV, ">", "•", BODY])
    assert cleaner.clean(text).text == BODY


def test_a_title_with_its_author_at_the_top_stays(cleaner):
    # the author goes as a fact; the title, at the top of the page, is no menu item
    for title in ("赞天津的新事", "驾驶证岂可买卖", "１９９１年７月间"):
        kept = cleaner.clean("\n".join([title, "季音", P1, P2, P3])).text
        assert title.replace("１９９１年７月间", "1991年7月间") in kept, title


def test_labels_next_to_the_report_or_a_kept_line_stay(cleaner):
    # a signature or a place below the report, with chrome after it
    for tail in (["张三", SHARE], ["北京", "2023年5月", COPYRIGHT], ["（完）", "汽车", SHARE]):
        out = cleaner.clean("\n".join([BODY, *tail])).text
        assert tail[0] in out, tail
    # a heading between a menu and the report (a channel's name there is a label: see
    # tests/test_section_label.py)
    out = cleaner.clean("\n".join([NAV, "一线见闻", BODY])).text
    assert "一线见闻" in out


def by_this_rule(cleaner, text: str) -> list[str]:
    return [line for e in cleaner.clean(text).edits if e.rule == "chrome.context_runs"
            for line in e.old.split("\n") if line.strip()]


def test_a_list_of_the_report_below_its_last_paragraph_is_not_taken_for_a_menu(cleaner):
    # names under an introducing line, then chrome: the names are the report's
    names = ["张三", "李四", "王五", "赵六", "孙七"]
    assert by_this_rule(cleaner, "\n".join([BODY, "获奖名单如下：", *names, SHARE])) == []
    # a form written in short lines, with function characters, below a report
    rows = ["我的问题", "圣经的原理", "环境的带领", "肢体的劝告", "最后决定"]
    assert by_this_rule(cleaner, "\n".join([BODY, "请写出三个问题：", *rows, SHARE])) == []
    # a column above the report that holds function characters is verse, not a menu
    verse = ["海峡的水", "等着你", "和鞋子", "探望你"]
    assert by_this_rule(cleaner, "\n".join([NAV, *verse, "一则新闻标题写在这里", BODY])) == []


def test_clean_news_is_untouched(cleaner):
    # a short title above the report (a channel's name alone there is its label, which
    # chrome.section_label takes: tests/test_section_label.py)
    assert_untouched(cleaner, "\n".join(["汽车下乡", P1, P2, P3]))
    assert_untouched(cleaner, "\n".join(["读书札记", P1, P2, P3, "北京", "2023年5月"]))


def test_a_title_between_head_chrome_and_the_report_stays(cleaner):
    crumb = "人民网>>四川频道>>综合栏目>>政商动态"
    for title, below in (("党建引领聚合力 同心抗疫筑堡垒", "2022年09月23日14:54 | 来源：人民网"),
                         ("赞天津的新事", SHARE), ("十年前父亲掐死儿后自缢", SHARE)):
        out = cleaner.clean("\n".join([crumb, title, below, SHARE, BODY])).text
        assert title in out, title


def test_a_channel_label_between_chrome_and_the_title_goes(cleaner):
    title = "载人航天工程全线备战空间站建造任务"
    for label in ("社会关注", "东区新闻", "國際"):
        out = cleaner.clean("\n".join([NAV, label, title, BODY])).text.split("\n")
        assert to_simplified(label) not in out and title in out, label
    # a subheading with a function character stays (学习目的, 我的问题)
    out = cleaner.clean("\n".join([NAV, "学习目的", title, BODY])).text.split("\n")
    assert "学习目的" in out
    # the first line of a title broken in two carries a count
    out = cleaner.clean("\n".join([NAV, "15家企业", "17种产品、1个园区入选国家绿色制造名单", BODY]))
    assert "15家企业" in out.text.split("\n")
    # with no chrome above it, the label is the page's own
    assert_untouched(cleaner, "\n".join(["社会关注", title, BODY]))
