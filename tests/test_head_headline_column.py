"""A column of other stories' headlines between a page's head chrome and its report goes with
the head (a section's list of the day's stories over an article a paywall cut short), all but
its last line, which may be the report's own title; a paragraph above it, a short column or
lines without a headline's marks leave the head as it was."""

from cleaner import Cleaner
from tests.chrome_text import BODY, P1

NAV = ["首页 | 新闻 | 财经 | 体育 | 娱乐 | 登录", "即时新闻"]
COLUMN = [
    "全民自愿验 林郑认无禁足成效打折 涉款料可达24亿",
    "3指定公司全内地上市 料每日可做50万检测",
    "高危组验毒0.04%确诊 专家料成效不大",
    "西区体育馆改实验室 区议员轰零咨询",
    "政府立新例 「国家队」化验员免注册",
    "政府研安老院员工7日一验",
    "孕妇周一起免费验 名额5000",
    "大埔街市鱼贩确诊 昨提早关闭消毒",
]
TITLE = "全民自愿验 林郑认无禁足成效打折 涉款料可达24亿"


def _clean(lines: list[str]) -> list[str]:
    return Cleaner(script="keep").clean("\n".join(lines)).text.split("\n")


def test_the_column_goes_with_the_head_and_the_title_stays() -> None:
    out = _clean([*NAV, *COLUMN, TITLE, BODY])
    assert out == [TITLE, *BODY.split("\n")]


def test_a_paragraph_above_the_column_keeps_it() -> None:
    out = _clean([*NAV, P1, *COLUMN, TITLE, BODY])
    assert all(line in out for line in COLUMN[1:])


def test_a_short_column_stays() -> None:
    out = _clean([*NAV, *COLUMN[:4], TITLE, BODY])
    assert all(line in out for line in COLUMN[1:4])


def test_lines_without_a_headlines_marks_stay() -> None:
    plain = ["春风又绿江南岸明月何时照我还", "白日依山尽黄河入海流欲穷千里", "床前明月光疑是地上霜举头望明月",
             "两个黄鹂鸣翠柳一行白鹭上青天", "千山鸟飞绝万径人踪灭孤舟蓑笠翁", "独在异乡为异客每逢佳节倍思亲",
             "劝君更尽一杯酒西出阳关无故人"]
    out = _clean([*NAV, *plain, TITLE, BODY])
    assert all(line in out for line in plain)


PAPER = [  # a paper's day of headlines: half of them carry no mark, a few are three words
    "最快明年挂牌公司化", "台铁拆错缆 两万人受害", "姊妹花冒名员工诈财", "银行企业缺横向联系",
    "吸进排水管 寿星女亡", "热心小泳将 爱背唐诗", "跳楼称车祸", "中华电信完成民营化",
    "逾820员工今起离职", "谢揆夜巡水库宿桃园", "高层指部长官位难保", "女警骑",
    "低气压成形 恐变轻台", "我国有459,578名原住民",
]


def test_a_long_column_half_marked_goes_with_its_short_lines() -> None:
    out = _clean([*NAV, *PAPER, TITLE, BODY])
    assert out == [TITLE, *BODY.split("\n")]


def test_a_long_column_without_marks_stays() -> None:
    plain = ["春风又绿江南岸明月何时照我还", "白日依山尽黄河入海流欲穷千里", "床前明月光疑是地上霜举头望明月",
             "两个黄鹂鸣翠柳一行白鹭上青天", "千山鸟飞绝万径人踪灭孤舟蓑笠翁", "独在异乡为异客每逢佳节倍思亲",
             "劝君更尽一杯酒西出阳关无故人"] * 2
    out = _clean([*NAV, *plain, TITLE, BODY])
    assert all(line in out for line in plain)
