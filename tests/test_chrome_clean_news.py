"""Clean news that must come through the chrome stage untouched: each shape here once made a
chrome rule eat a line of the report (a caption list under a section label, a heading that looks
like a name, a date written into a phrase, a credit among the report's own short lines). The
articles are made up in the style of a national daily; the chrome next to them is the real
thing and must still go.
"""

from __future__ import annotations

import pytest

from tests.chrome_text import P1, P2, P3

CAPTION1 = "1、新年刚过，某集团和市劳动就业部门联合举办下岗职工培训，已有两百多名下岗工人被吸收。"
CAPTION2 = "2、元旦前夕，在江面上修建的冰雪游乐中心对外开放，该中心占地七万平方米，设有六个游乐区。"


def chrome_removed(cleaner, text: str) -> list[str]:
    result = cleaner.clean(text)
    return [line for e in result.edits if e.rule.startswith("chrome.") and not e.new
            for line in e.old.split("\n") if line.strip()]


def assert_untouched(cleaner, text: str) -> None:
    assert chrome_removed(cleaner, text) == []


CLEAN = {
    # a section label over numbered photo captions, each a sentence: not a related-news list
    "captions under a label": "\n".join([P1, P2, "图片新闻", CAPTION1, CAPTION2]),
    "one caption and its credit under a label": "\n".join([P1, P2, "图片新闻", CAPTION1,
                                                           "（新年伊始）"]),
    # the blanks of an exercise repeat on purpose
    "exercise blanks": "\n".join([P1, P2, "请写下你的答案：", "______________。",
                                  "______________。"]),
    # a label written one character per line, one of them a font-size word
    "vertical label": "\n".join([P1, P2, P3, "心", "中", "的", "负", "担"]),
    # dates written into a phrase: a title, a letter's signature, an event's span
    "dated title": "\n".join(["1964年9月29日中非与我国建交", P1, P2]),
    "signed and dated": "\n".join([P1, P2, "韩素音1996年1月18日"]),
    "signature with a place": "\n".join([P1, P2, "1997年3月6日于北京"]),
    "event span": "\n".join([P1, P2, "2004年3月20日至5月7日"]),
    "dated fragment": "\n".join([P1, P2, "本报讯中华书局决定从1998年1月1日起恢复出版"]),
    # a column's name is not a photo credit
    "photography column": "\n".join([P1, "旅游摄影", P2]),
    # a book the report names, alone on the last line
    "book title": "\n".join([P1, P2, "《马克思主义哲学基础新编》"]),
    # four characters in brackets are a note, not a writer's name
    "bracketed phrase": "\n".join([P1, P2, "（当天上午）"]),
    "bracketed quote attribution": "\n".join([P1, P2, "（李铁映说）"]),
    # a list of works, each with its author: the credits belong to the report
    "works and authors": "\n".join([P1, P2, "闻鸡起舞跃马迎春（小篆）", "（张仃）",
                                    "百花齐放九州同春（行书）", "（王镛）", "虎奋龙骧（大篆）"]),
    # a short line starting with 记者 is a sentence, not a byline
    "reporter sentence": "\n".join([P1, P2, "记者近日从国家计委获悉"]),
    "reporter travels": "\n".join(["记者到海南采访", P1, P2]),
    # headings between a title and the report that a name rule could take
    "four-character heading": "\n".join(["1988年5月", "十年耕耘", P1, P2]),
    "place the report is about": "\n".join(["铁路系统各级领导认为", "萍乡",
                                           "春节临近，萍乡市采取措施开展扶贫济困送温暖活动，全市上下行动起来。",
                                           P2]),
    "section heading": "\n".join(["《太行山上》主要讲述八路军东渡黄河的故事", "看点", P1, P2]),
    # a title above a lone section label, and a contents heading with chapter titles
    "title over a label": "\n".join(["当前的重返月球计划与早期的月球探测有许多不同", P1, P2]),
    "contents": "\n".join(["目录", "第一章总则", "第二章经营者的价格行为", "第三章法律责任",
                           "第一条为了规范价格行为，发挥价格合理配置资源的作用，稳定市场价格总水平，制定本法。",
                           P2]),
}


@pytest.mark.parametrize("name", list(CLEAN))
def test_clean_news_is_untouched(cleaner, name):
    assert_untouched(cleaner, CLEAN[name])


def test_a_title_above_a_lone_section_label_stays(cleaner):
    text = "\n".join(["当前的重返月球计划与早期的月球探测有许多不同", "图片新闻", P1, P2])
    removed = chrome_removed(cleaner, text)
    assert "当前的重返月球计划与早期的月球探测有许多不同" in cleaner.clean(text).text
    assert removed in ([], ["图片新闻"])


def test_the_author_goes_but_the_title_left_above_the_report_stays(cleaner):
    text = "\n".join(["宁愿长眠不醒的梦乡", "过年", "朱凤鸣", "小时候，总盼着过年。", P1, P2])
    result = cleaner.clean(text)
    assert chrome_removed(cleaner, text) == ["朱凤鸣"]
    assert result.meta["author"] == "朱凤鸣"


@pytest.mark.parametrize(("text", "gone"), [
    # the chrome the tightened rules still take
    ("\n".join([P1, P2, "（袁源）"]), "（袁源）"),
    ("\n".join([P1, P2, "（欧阳中石）"]), "（欧阳中石）"),
    ("\n".join([P1, P2, "（赵亚光摄）"]), "（赵亚光摄）"),
    ("\n".join(["2022-02-13 07:00:00来源：央广网", P1, P2]), "2022-02-13 07:00:00来源：央广网"),
    ("\n".join(["2005-04-05 06:40更新 来源：转载文章", P1, P2]), "2005-04-05 06:40更新 来源：转载文章"),
    ("\n".join(["2003-7-24 钱江晚报", P1, P2]), "2003-7-24 钱江晚报"),
    ("\n".join([P1, P2, "本报记者 吴文婷"]), "本报记者 吴文婷"),
    ("\n".join([P1, P2, "——《北京之春》1998年3月号"]), "——《北京之春》1998年3月号"),
    ("\n".join(["小字号", "大", "中", "小", P1, P2]), "中"),
])
def test_chrome_next_to_clean_news_still_goes(cleaner, text, gone):
    assert gone in chrome_removed(cleaner, text)


def test_a_related_list_after_the_report_still_goes(cleaner):
    text = "\n".join([P1, P2, "相关新闻", "柳州发布疫情防控紧急通告", "酷暑时节，下水游泳要注意安全",
                      "市区新增三条公交线路", "（完）"])
    assert cleaner.clean(text).text == "\n".join([P1, P2])
