"""Wordings of the chrome families that portals, self-media platforms and Hong Kong and Taiwan
sites use (share rows behind icon glyphs, tag lines under a prefix, comment-box counts, paywall,
app and public-account prompts, platform notices), each beside report sentences of the same
words that must not become anchors.

Every line here is made up.
"""

from __future__ import annotations

import pytest

from cleaner.page.kinds import Kind, classify
from tests.chrome_text import BODY, P1, P3

# (the pages below are Simplified: the session's default Cleaner of conftest.py serves them)


@pytest.mark.parametrize(("line", "family"), [
    # portals' widgets, tags, comment boxes, notices and prompts
    ("文章关键词：教育学位", "tags"),
    ("新聞標籤：學校", "tags"),
    ("0条评论|0人参与网友评论", "counter"),
    ("12条跟帖 / 300人参与", "counter"),
    ("欢迎发表评论", "comment"),
    ("阅读全文，请先登录", "membership"),
    ("免责声明：本文内容来自网友投稿，不代表本站观点。", "notice"),
    ("版权归原作者所有，转载请联系原作者并获许可。", "notice"),
    ("扫描下方二维码下载客户端", "subscribe"),
    ("安装某某财经客户端第一时间接收最全面的市场资讯→【下载地址】", "subscribe"),
    ("腾讯QQ QQ空间", "widget"),
    ("关注", "widget word"),
    ("我要反馈", "widget word"),
    # self-media platforms and public accounts
    ("发布于：北京", "posted_from"),
    ("IP属地：广东", "posted_from"),
    ("发布于 2小时前 · 来自江苏", "posted_from"),
    ("▲点击上方蓝字关注", "subscribe"),
    ("点击“在看”，让更多人看到", "subscribe"),
    ("打开APP，阅读全文", "subscribe"),
    ("更多精彩内容，请关注某某新闻客户端", "subscribe"),
    ("进入讨论区", "subscribe"),
    ("追蹤我們", "subscribe"),
    ("大家都在看", "marker"),
    ("赞助内容", "widget word"),
    ("本文为某某号作者或机构在某某新闻上传并发布，仅代表该作者或机构观点，不代表本站的观点或立场，"
     "本站仅提供信息发布平台。", "notice"),
    ("打开微信，点击底部的“发现”，使用“扫一扫”即可将网页分享至朋友圈。", "notice"),
    # Taiwan and Hong Kong portals
    ("►更多相關報導", "marker"),
    ("▸ 延伸閱讀", "marker"),
    ("今日熱門", "marker"),
    ("點擊進入專題：", "marker"),
    ("點閱數：1234", "counter"),
    ("發表回應", "comment"),
    ("本網站使用Cookie以提升您的瀏覽體驗", "notice"),
    ("加入 LINE 好友", "subscribe"),
    ("不用抽 不用搶 現在用APP看新聞 保證天天中獎", "subscribe"),
    ("往下滑看下一篇", "pager"),
    ("點擊閱讀下一則新聞", "pager"),
    ("回列表", "widget word"),
    # apps, comment boxes called 跟贴, image viewers
    ("打开某某新闻 查看精彩图片", "subscribe"),
    ("打开某某APP看高清图片", "subscribe"),
    ("某某新闻客户端", "subscribe"),
    ("收录于话题", "subscribe"),
    ("轻点两下取消在看", "subscribe"),
    ("觉得不错，请点个在看", "subscribe"),
    ("点个赞再走吧", "subscribe"),
    ("热门跟贴", "comment"),
    ("参与跟贴 23", "comment"),
    ("写留言", "comment"),
    ("12万粉丝", "counter"),
    ("举报/反馈", "widget"),
    ("下一篇文章", "pager"),
    ("视频加载中...", "player"),
    ("按此看大圖", "player"),
    ("本文只代表作者立場", "notice"),
    # Hong Kong wordings
    ("按此睇更多", "widget word"),
    ("點此收看", "widget word"),
    ("點擊看圖輯", "player"),
    ("立即下載 HK01 App", "subscribe"),
    ("Follow 我們", "subscribe"),
    ("想知更多生活資訊，請讚好某某 Facebook", "subscribe"),
    ("即讚好我們的專頁！", "subscribe"),
    ("電郵地址", "login"),
    # a link to earlier coverage, alone or with its headline
    ("此前报道：某市地铁三号线今日开通“市民尝鲜”", "marker"),
    ("此前報導：某市地鐵三號線今日開通", "marker"),
    ("相关报道：某市地铁三号线今日开通 沿线房价受关注", "marker"),
    ("往期精彩", "marker"),
    # buttons and rows as a text rendering writes them
    ("点击页首", "expand"),
    ("[顯示全部]", "expand"),
    ("第一手消息請下載某某網iPhone/iPad/Android/Windows Phone Apps", "subscribe"),
    ("分享工具 facebook twitter", "subscribe"),
    ("logo 首頁 > 快訊 > 正文", "breadcrumb"),
])
def test_wordings_are_anchors_of_their_family(line, family):
    assert classify(line) == (Kind.ANCHOR, family)


@pytest.mark.parametrize("line", [
    "文章的关键词是改革。",
    "12条评论中有一半提到了学校的选址。",
    "他欢迎大家发表评论，共同讨论这一方案。",
    "请先登录政务服务网，再按提示填写申请表。",
    "该公司发表声明称，将依法维护自身权益。",
    "市民扫描下方的二维码后，即可在线预约。",
    "关注民生是政府工作的重点。",
    "腾讯公司昨天发布了第三季度财报。",
    "他发布于北京的新书引起了广泛关注。",
    "这条消息发布于三天前，已有上万人转发。",
    "专家建议大家都在看病前先预约挂号。",
    "该平台仅提供信息发布服务的说法遭到质疑，记者进行了调查。",
    "进入论坛的嘉宾都要经过安检。",
    "推广新技术是今年工作的重点。",
    "■相关背景：该市去年起实施新规",
    "★更多细节将于下周公布",
    "他用APP看了三小时的直播，第二天就后悔了。",
    "阅读下一篇报告之前，请先了解背景。",
    "让我们为这些坚守岗位的医护人员点个赞！",
    "他打开新闻客户端，看到了儿子获奖的消息。",
    "粉丝们在机场等了三个小时。",
    "正在加载货物的工人说，今年订单比去年多。",
    "市民可按此前公布的安排提交申请。",
    "立即下载并安装更新的用户，可获得额外保障。",
    "此前报道称，该公司已经多次被监管部门约谈。",
    "此前报道：该公司此前已经多次被监管部门约谈，并在去年底被处以罚款。",
    "之前报道的那家公司今天宣布破产",
    "显示全部的数据都来自统计局。",
    "分享工具很多，但用的人不多",
    "回头再说",
    "該帖文在Facebook獲逾萬人讚好。",
    "有網民請朋友讚好他的Facebook帖文，引來不少討論。",
    "市民可讚好政府Facebook專頁，以獲取最新消息。",
])
def test_report_lines_of_the_same_words_are_not_anchors(line):
    assert classify(line)[0] is not Kind.ANCHOR


def test_icon_glyphs_do_not_hide_a_share_row_or_a_count(cleaner):
    """Icon fonts put private-use glyphs before a button's word: the row reads as its words."""
    assert classify("\ue609微博 \ue608微信")[0] is Kind.ANCHOR
    assert classify("\ue602") == (Kind.ANCHOR, "punctuation")
    page = "\n".join(["\ue609微博 \ue608微信", BODY, "\ue602 \ue603 \ue608微信 \ue609微博"])
    assert cleaner.clean(page).text == BODY


def test_a_report_holding_a_private_use_character_keeps_it(cleaner):
    """A character of a font's own (a rare name's glyph) inside prose is text, not an icon."""
    line = "记者从市教育局获悉，新建的\ue004\ue004学校将于九月投入使用，周边居民的孩子可以就近入学。"
    page = "\n".join([P1, line, P3])
    assert cleaner.clean(page).text == page


def test_a_report_closing_with_a_cheer_keeps_it(cleaner):
    page = "\n".join([BODY, "让我们为这些坚守岗位的医护人员点个赞！"])
    assert cleaner.clean(page).text == page


def test_a_link_to_earlier_coverage_after_the_report_goes(cleaner):
    """``此前报道：<headline>`` below a report opens its tail like any related-news marker."""
    page = "\n".join([BODY, "此前报道：某市地铁三号线今日开通“市民尝鲜”", "点击进入专题：", "聚焦城市交通"])
    assert cleaner.clean(page).text == BODY
