"""Taiwan and Hong Kong wordings of the chrome families, read through the Simplified view: a
portal in Traditional script writes 列印 for 打印, 登入 for 登录, 私隱政策 for 隐私政策, 報導 for
报道, 推介 for 推荐, 上一則 for 上一篇. Every line here is made up; clean Traditional news that
uses the same words stays.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classify
from tests.chrome_text import BODY
from tests.test_chrome_clean_news import assert_untouched


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(script="keep")


@pytest.mark.parametrize("line", [
    "友善列印", "列印本頁", "轉寄", "字級", "字型大小：大 中 小", "分享至", "複製連結", "加入書籤",
    "按讚", "讚好", "WhatsApp", "回到頁首", "登入", "會員登入", "訂戶登入 | 註冊", "登出",
    "私隱政策", "隱私權政策", "使用條款", "聯絡我們 | 私隱政策 | 使用條款", "廣告查詢", "網站導覽",
    "搜尋", "相關報導", "延伸報導", "即時新聞", "編輯推介", "熱門推介", "你可能也喜歡",
    "熱門標籤", "上一則", "下一則", "掃描QR Code", "我的帳戶", "文字大小", "字型大小", "prev", "Next",
    "想睇最新消息，立即 like 頭條日報FB專頁！>>", "立即讚好我們的Facebook專頁", "上 / 下一篇新聞",
])
def test_taiwan_and_hong_kong_wordings_are_chrome(line):
    assert classify(line)[0] is Kind.ANCHOR, line


TRADITIONAL = "\n".join([
    "香港特區政府昨日公布，今年首季本地生產總值按年實質增長百分之二點七，較上季加快。",
    "政府發言人表示，訪港旅客人次持續回升，帶動零售及餐飲業的表現，就業情況亦見改善。",
    "不過，外圍環境仍然複雜多變，政府會密切留意各項風險，並適時推出支援措施。",
])


@pytest.mark.parametrize("text", [
    # the same words inside a report's sentences
    TRADITIONAL + "\n記者昨日登入系統查閱資料，發現相關報導早於上月刊出，並已列印存檔。",
    TRADITIONAL + "\n當局表示，市民可透過網站登入戶口，查閱最新消息及使用條款的修訂。",
    # a subheading of the report that starts with the same word
    "\n".join(["即時新聞的挑戰", TRADITIONAL]),
    TRADITIONAL + "\n手機程式新增文字大小設定，長者閱讀時可按需要調整，下一步將加入語音功能。",
    TRADITIONAL + "\n該公司的新品牌名為Next Step，主打年輕人市場，首間分店下月開業。",
    TRADITIONAL + "\n有議員在專頁發文，指不少市民讚好有關建議，當局應盡快研究落實。",
    TRADITIONAL + "\n上/下半年的數據顯示，出口表現保持穩定，當局預計全年增長約百分之三。",
])
def test_clean_traditional_news_that_uses_the_words_stays(cleaner, text):
    assert_untouched(cleaner, text)


def test_a_traditional_footer_goes(cleaner):
    footer = ["相關報導", "港股半日升200點", "恒指收報二萬點", "私隱政策", "使用條款", "聯絡我們"]
    out = cleaner.clean("\n".join([TRADITIONAL, *footer])).text
    assert out == TRADITIONAL
    head = ["首頁", "即時新聞", "會員登入", "友善列印", "分享至"]
    assert cleaner.clean("\n".join([*head, BODY])).text == BODY
