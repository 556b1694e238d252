"""A text that starts inside a column of other stories' headlines, with no chrome anchor above
its report: the headlines go, down to the report's title block (its last three short lines,
since nothing tells a three-line title from the column's end), when the report's date or byline
stands under that title block; verse, a lead above the date, or no fact line keep the head."""

from cleaner import Cleaner
from tests.chrome_text import BODY

COLUMN = ["两妇获善款重建家园", "读者捐28万为翁治丧", "机位超卖 临时取消行程", "消防车违停红线未取缔",
          "绑月租费 死后仍须付", "昨日《苹果》被发现的错与批评"]
TITLE = "诊所助理救活人反触法"
DATE = "2005年08月11日"


def _clean(lines: list[str]) -> list[str]:
    return Cleaner(script="keep").clean("\n".join(lines)).text.split("\n")


def test_the_column_above_the_title_block_goes() -> None:
    out = _clean([*COLUMN, TITLE, DATE, BODY])
    assert out[:3] == [*COLUMN[-2:], TITLE]  # the last three short lines over the date stay
    assert not any(line in out for line in COLUMN[:-2])
    assert out[3:] == BODY.split("\n")


def test_without_a_fact_line_under_the_title_the_head_stays() -> None:
    out = _clean([*COLUMN, TITLE, BODY])
    assert out[:len(COLUMN) + 1] == [*COLUMN, TITLE]


def test_a_three_line_title_block_stays() -> None:
    title = ["坚持稳中求进 推动高质量发展", "——写在全市经济工作会议召开之际", "本报评论员文章"]
    out = _clean([*title, DATE, BODY])
    assert out[:3] == title


def test_verse_above_the_title_stays() -> None:
    verse = ["春风又绿江南岸明月何时照我还", "白日依山尽黄河入海流欲穷千里", "床前明月光疑是地上霜举头望明月",
             "两个黄鹂鸣翠柳一行白鹭上青天", "千山鸟飞绝万径人踪灭孤舟蓑笠翁"]
    out = _clean([*verse, TITLE, DATE, BODY])
    assert out[:len(verse)] == verse


def test_a_lead_above_the_date_keeps_the_head() -> None:
    lead = "编者按：三年前的一次急救，让一名诊所助理陷入官司，本报今起连续报道此事的来龙去脉。"
    out = _clean([*COLUMN, lead, TITLE, DATE, BODY])
    assert out[:len(COLUMN)] == COLUMN
