"""A run of eight or more section names above the report, with no chrome beside it, is a menu
(the top of a page rendered from its markup: the page's title, then one section name a line);
lines of verse opening a report stay: they speak of persons, are five or seven characters
long, or all of one length."""

import pytest

from cleaner import Cleaner
from tests.chrome_text import BODY

TITLE = "外佣宿舍恐播毒将全作检测 劳工处正收集名单"
MENU = ["正在阅读", "Travel", "Food", "Blog", "日报", "家庭", "娱乐", "健康", "消费", "时事",
        "副刊", "健康财富"]


def _clean(lines: list[str]) -> list[str]:
    return Cleaner(script="keep").clean("\n".join(lines)).text.split("\n")


def test_a_menu_under_the_page_title_goes() -> None:
    out = _clean([TITLE, *MENU, TITLE, BODY])
    assert not any(label in out for label in MENU)
    assert out[-3:] == BODY.split("\n")


def test_a_short_run_stays() -> None:
    out = _clean([TITLE, *MENU[:5], TITLE, BODY])
    assert all(label in out for label in MENU[:5])


@pytest.mark.parametrize("verse", [
    ["秋风起", "大雁南飞", "我站在村口", "等你回来", "山那边", "是他的家", "她们说", "春天会来"],
    ["山高水长远", "云淡风轻柔", "江流天地外", "山色有无中", "孤帆远影碧", "长江天际流",
     "大漠孤烟直", "长河落日圆"],
    ["春风化雨", "润物无声", "桃李满园", "书香满径", "青山不老", "绿水长流", "岁月如歌", "初心如磐"],
])
def test_verse_opening_a_report_stays(verse: list[str]) -> None:
    out = _clean([TITLE, *verse, TITLE, BODY])
    assert all(line in out for line in verse)
