"""What one line of a scraped page is, judged by the line alone: prose, chrome, a fact, or neither.

Portal chrome comes in families that repeat across every site: navigation (breadcrumbs,
bulleted section lists, rows of section names), widgets (font size, print, share), pagers,
login boxes, comment-thread furniture, subscription prompts, copyright and licence footers,
section markers of related-news lists. A line of one of these families is an *anchor*: body
text never is one, so a run of chrome may be cut up to it. A *meta* line carries a fact
(date, source, author, editor) and is left to the rules that extract it. A *prose* line is
one a reporter wrote. Everything else is *short*: a title, a heading, a schedule row, a
name, a link text — neutral until its neighbours decide.

Patterns describe families of chrome, never one site's strings, and match the Simplified,
half-width view of the line (:func:`cleaner.ops.text.match_view`).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from cleaner.ops.lines import is_prose_counted
from cleaner.ops.text import CJK, cjk_count, match_view


class Kind(Enum):
    BLANK = "blank"
    PROSE = "prose"
    ANCHOR = "anchor"
    META = "meta"
    SHORT = "short"


# -- vocabulary ------------------------------------------------------------------------------

WIDGET_WORDS = frozenset("""
小字号 大字号 中字号 大字 中字 小字 字号 字体 大 中 小 默认 放大 缩小 超大 特大 标准
分享让更多人看到 分享到 分享 一键分享 分享至 转发 转发到 微信 微博 新浪微博 腾讯微博
QQ空间 QQ 人人网 人人 空间 朋友圈 豆瓣 手机看 扫一扫 扫一扫在手机打开当前页 二维码
微信扫一扫 返回顶部 回到顶部 返回首页 返回页首 返回 顶部 关闭窗口 关闭 关闭本页 关闭本窗口
打印 打印本页 打印本文 打印此文 打印文章 收藏 收藏本文 收藏本页 加入收藏 推荐给朋友
发送给朋友 复制地址 复制链接 复制网址 复制本页网址 发表评论 我来说两句 我要说说 查看评论
我要评论 网友评论 评论 纠错 我要纠错 我要“揪”错 举报 上一篇 下一篇 上一页 下一页 更多
点赞 在看 订阅 RSS 字号： 页面功能 推荐 顶 踩 刷新 保存 下载 全文 正文 繁体 简体
繁體 打印页面 保存页面 E-mail 邮件 邮件推荐 推荐本文 字体大小 双击自动滚屏 自动滚屏
滚屏 相关新闻 热点排行
""".split())  # noqa: SIM905 - a word list reads best as text
"""Words widget rows are made of; a line of nothing else is a widget row."""

NAV_WORDS = frozenset("""
首页 网站首页 主页 站点首页 论坛首页 博客首页 新闻首页 回首页 关于我们 关于本网 联系我们
联系方式 联系方法 网站地图 网站简介 广告服务 广告投放 人才招聘 招聘信息 版权声明 免责声明
网站声明 网站申明 法律声明 隐私政策 友情链接 投稿 投稿须知 我要投稿 订阅 登录 注册 退出
退出登录 登陆 帮助 意见反馈 设为首页 加入收藏 手机版 客户端 English 搜索 高级搜索
天气预报 游戏大厅 数字报 电子版 报业集团 本站导航 网站导航 导航 帮助中心 服务条款 会员中心
用户中心
""".split())  # noqa: SIM905 - a word list reads best as text
"""Site-wide link texts: a line packed with them is a navigation row."""

_SEP = re.compile(r"[\s|｜/\\·•●○◎■□◆◇▪▶►»>【】\[\]()（）<>《》:：,，、\-—_*~]+")
_BULLET = r"[•·●○◎■□◆◇▪▶►☆★◇※→]"
_BULLET_ITEM = re.compile(rf"^\s*{_BULLET}\s*(?P<rest>.*)$")
_PUNCT_ONLY = re.compile(rf"^[^0-9A-Za-z{CJK}]+$")
_RULE_LINE = re.compile(r"^[-_=*~—─━.。·\s]{3,}$")
_TINY = re.compile(r"^\s*[0-9A-Za-z]{1,3}\s*[.、)）]?\s*$")
_SENTENCE_END = re.compile(r"[。！？!?]")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?"
    r"|\d{1,2}/\d{1,2}/(?:19|20)\d{2}"
    r"|\d{1,2}月\d{1,2}日"
    r"|(?:19|20)\d{2}年\d{1,2}月"
    r"|\b\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\b"
)

# Each family: (reason, pattern). Order matters only for the reason reported.
_FAMILY_SOURCES: tuple[tuple[str, str], ...] = (
    ("breadcrumb",
     r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|现在位置|所在位置|位置)\s*[:：]"
     r"|^\s*(?:>>?|»|->|-->|→|＞)\s*\S{0,16}\s*$"
     r"|^\s*\S{1,16}\s*(?:>>?|»|->|-->|→)\s*$"
     r"|^\s*[^\s>»→。，！？]{1,16}(?:\s*(?:>>?|»|->|-->|→)\s*[^\s>»→。，！？]{0,24}){1,}\s*$"),
    ("navigation", r"[|｜]\s*(?:回首页|返回首页|网站首页|首页|(?:19|20)\d{2}年?索引)\s*[|｜]"),
    ("copyright",
     r"copyright|©|\(c\)\s*\d{4}|版权所有|all rights reserved|ICP\s*[备证]|公网安备|经营许可证|"
     r"许可证编号|许可证号|备案号|新闻信息服务许可|网站标识码|powered\s+by|produced\s+by|"
     r"技术支持\s*[:：]|违法和不良信息举报|不良信息举报|有害信息举报|网络110|可信网站|"
     r"未经.{0,16}(?:授权|许可|同意).{0,10}(?:转载|复制|镜像|使用)|违者.{0,8}追究|"
     r"^\s*\d{4}\s*-\s*\d{4}\s+\S+\s+all rights|建议.{0,10}(?:分辨率|浏览器)"),
    ("pager",
     r"^\s*第\s*\d*\s*$|^\s*\d*\s*页\s*/?\s*共\s*\d*\s*页?\s*$|^\s*页\s*$|共\s*\d+\s*页|"
     r"^\s*[<«]{0,2}\s*(?:上一页|下一页|第一页|最末页|尾页|首页|上一篇|下一篇|上一章|下一章|上章|下章)"
     r"(?:\s*[|｜]?\s*(?:上一页|下一页|第一页|最末页|尾页|首页|上一篇|下一篇|上章|下章|\d{1,3}))*\s*[>»]{0,2}\s*$|"
     r"^\s*[\[【]\s*(?:上一篇|下一篇|上一页|下一页)\s*[\]】]|^\s*返回?目录\s*$|^\s*页\s*[:：]\s*$|"
     r"^\s*(?:上章|上一章)\s+(?:下章|下一章)\s*$"),
    ("login",
     r"^\s*(?:用户名|用户|密\s*码|验证码|通行证|昵称|大名|网址|邮箱|E-?mail)\s*[:：]?\s*$|"
     r"^\s*(?:[\[【]\s*)?(?:登\s*录|登\s*陆|注\s*册|退出登录|免费注册|记住我|匿名)\s*(?:[\]】]\s*)?$|"
     r"^\s*\[\s*(?:提交|重置|确定|搜索|发表|登\s*录)\s*\]|"
     r"^\s*登录\s*退出登录\s*注册\s*$|^\s*(?:网易|新浪|搜狐)?通行证\s*[:：]"),
    ("comment",
     r"^\s*#\s*re\s*[:：]|^\s*[(（]\s*本文(?:发表|发布)于[^)）]{0,16}$|^\s*(?:发表人|发布人|留言人)(?:邮件)?\s*[:：]|^\s*认为\s*[:：]\s*$|"
     r"^\s*(?:引用|投诉|支持|反对|回复|举报)\s*(?:\s+(?:引用|投诉|支持|反对|回复|举报))*\s*$|"
     r"^\s*(?:已有|共有?)\s*\d+\s*(?:件|条|篇)?\s*(?:评论|回复|留言)|(?:评论|回复|留言)\s*\d+\s*条\s*$|"
     r"^\s*[《「“].{1,40}[》」”]\s*已有\s*\d+\s*件?评论|"
     r"^\s*(?:网友|最新|热门|精彩|相关|文章|全部|最热)?(?:评论|留言|跟帖)\s*(?:区|列表|内容)?\s*[:：]?\s*$|"
     r"^\s*(?:发表|添加|参与|查看|更多|我要)(?:评论|留言|回复)|正在读取评论|评论将在.{0,10}审核|"
     r"点这里发表评论|^\s*(?:回复本贴|跟从标题|收藏此帖|回复此帖|引用此帖|本贴跟从标题|回复线索)|"
     r"^\s*[\[【]\s*回复本贴|^\s*楼\s*主\s*$|^\s*楼层\s*[:：]|第\s*\d+\s*楼|^\s*(?:当值)?版主\s*[:：]|"
     r"\[申请版主\]|^\s*〓.*(?:发布时间|by)|^\s*-{6,}\s*$|^\s*(?:共有帖子数|您是本文第)|"
     r"^\s*(?:评论|留言)内容\s*[:：]|^\s*本[贴帖文]由\S{1,20}于.{4,30}发表|^\s*\(\d+\)\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"),
    ("marker",
     r"^\s*[|｜·•]?\s*[\[【]?\s*(?:相关|热门|热点|最新|精彩|推荐|延伸|更多|今日|往期|同类|本类|其他|"
     r"猜你|为你|专题|图片|新闻|本站|栏目|编辑|猜您|大家|网友|人气|最热|热销|火爆|点击)"
     r"(?:新闻|报道|文章|阅读|链接|专题|内容|信息|资讯|推荐|图片|视频|评论|排行|排行榜|动态|热点|"
     r"专栏|栏目|聚焦|组图|幻灯|博文|帖子|帖|问答|话题|精选|喜欢|感兴趣的|投票|商机|招商信息|"
     r"关注|头条|回顾|专区|导读|焦点|推荐阅读|TOP\s*\d*|排行TOP\s*\d*|\S{0,6}?排行(?:榜|TOP\s*\d*)?)"
     r"\s*[\]】]?\s*(?:[:：]\s*\S{0,20})?\s*(?:>>|»|更多>*)?\s*$|"
     r"^\s*[|｜]\s*\S{1,6}\s*$|^\s*(?:友情链接|合作伙伴|旗下网站|兄弟网站|姊妹站\S*|"
     r"看了本文的人还看了|您可能感兴趣的文章|你可能感兴趣|猜你喜欢|为你推荐|专题信息|网友评论)\s*[:：]?\s*$|"
     r"^\s*[\[【(]?\s*更多\s*(?:\S{0,8}?)\s*(?:\.{2,}|…)?\s*[>»]*\s*[\]】)]?\s*$|更多\S{0,6}>>\s*$|"
     r"^\s*\S{0,12}\s*(?:TOP|top)\s*\d+\s*$|^\s*没有相关\S{0,4}\s*$|^\s*(?:本文|相关)?标签\s*[:：]"),
    ("subscribe",
     r"订阅|扫一扫|扫描二维码|关注我们|官方微信|官方微博|微信公众号|公众号|下载\S{0,10}(?:客户端|应用|APP)|"
     r"客户端下载|发送\S{1,8}到\d{3,}|电邮新闻|每日新闻信|免费注册\S{0,6}邮箱|注册\S{0,4}免费邮箱|"
     r"^\s*(?:手机|移动)(?:版|客户端|报)\s*$|^\s*(?:分享到|分享至)\s*[:：]|给\S{1,8}提意见\s*$"),
    ("counter",
     r"(?:阅读|浏览|点击|评论|引用|回复|人气|访问)\s*[(（]\s*\d+\s*[)）]|已被阅读\s*\d+\s*次|"
     r"^\s*(?:阅读|浏览|点击|访问|日志|评论|留言|积分|得分|能力值|帖子|精华|人气)(?:次数|数)?\s*[:：]\s*[\d,]+\s*$|"
     r"阅读全文\s*[(（]\d+[)）]|(?:阅读|评论)\s*[:：]\s*\d+\s*[;；]\s*(?:评论|阅读)\s*[:：]\s*\d+|"
     r"^\s*\d{1,5}\s*字\s*$|^\s*建立于\s*[:：]"),
    ("calendar", r"^\s*日\s+一\s+二\s+三\s+四\s+五\s+六\s*$|^\s*一\s+二\s+三\s+四\s+五\s+六\s+日\s*$"),
    ("url",
     r"^\s*(?:https?://|www\.)\S+\s*$|^\s*[\w.-]+\.(?:com|cn|net|org|gov\.cn)(?:\.cn)?/?\s*$|"
     r"\.(?:gif|jpg|jpeg|png)\s*\(\d+\s*bytes\)|^\s*bg\s*image\s*\(|^\s*size\s*=\s*\"?\d+\"?\s*$|"
     r"^\s*(?:trackback|本文通告引用)|^\s*你可以使用这个链接引用|^\s*logo\s*$"),
    ("expand",
     r"^\s*(?:展开全文|阅读全文|查看全文|点击查看全文|显示全文|收起全文|全文阅读|点击阅读全文|查看原文|"
     r"阅读原文|返回列表|返回目录|返目录|返回上一页|<*\s*←?\s*返回\S{0,4}|点击看大图|点击查看大图|查看完整版本)"
     r"\s*(?:[:：>»]\s*\S{0,30})?\s*$"),
    ("duration",
     r"^\s*(?:阅读(?:时长|时间)?\s*[:：]?\s*)?约?\s*\d{1,3}\s*分钟\s*(?:读完|阅读)?\s*$"),
    ("site url", r"^[^\s。！？，,；;]{2,24}\s+(?:https?://|www\.)[\w./-]+\s*$"),
    ("disclaimer",
     r"^\s*[\[【]?\s*(?:郑重声明|免责声明|版权声明|法律声明|特别声明|反侵权公告|侵权声明|网站声明)\s*[\]】]?\s*[:：]?\s*$"),
)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (``a|(b|c)|d`` → a, (b|c), d)."""
    parts: list[str] = []
    depth, in_class, escaped, start, class_start = 0, False, False, 0, 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:  # a "]" first in the class (after "[" or "[^") is a literal
            in_class = ch != "]" or i == class_start or pattern[class_start:i] == "^"
        elif ch == "[":
            in_class, class_start = True, i + 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _split_family(pattern: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A family's pattern as (alternatives anchored at the start, used with ``match``; the
    others, used with ``search``): a search tries every position of the line, which is wasted
    on alternatives that can only match at its start."""
    parts = _alternatives(pattern)
    anchored = [p[1:] for p in parts if p.startswith("^")]
    anywhere = [p for p in parts if not p.startswith("^")]
    return (re.compile("|".join(f"(?:{p})" for p in anchored), re.I) if anchored else None,
            re.compile("|".join(f"(?:{p})" for p in anywhere), re.I) if anywhere else None)


_FAMILIES: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (name, *_split_family(source)) for name, source in _FAMILY_SOURCES)
"""Each family as (reason, start-anchored part, search-anywhere part)."""


_FOOTER = re.compile(r"copyright|©|版权所有|all rights reserved|ICP\s*[备证]|公网安备", re.I)


_NAV_OR_WIDGET = NAV_WORDS | WIDGET_WORDS
_NAV_CLAUSE = re.compile(r"[，,；;“”\"。！？!?]")
_NAMES_SPLIT = re.compile(r"[\s|｜]+")
_NOT_A_NAME_ROW = re.compile(r"[\d()（）、]")


def _tokens(view: str) -> list[str]:
    return [t for t in _SEP.split(view) if t]


def _widget_row(view: str, tokens: list[str] | None = None) -> bool:
    tokens = _tokens(view) if tokens is None else tokens
    if not tokens:
        return False
    return all(t in WIDGET_WORDS or splits_into(t, WIDGET_WORDS) for t in tokens)


def _nav_row(view: str, tokens: list[str] | None = None) -> bool:
    """Section names and site links side by side (``首页 English``, ``关于我们联系我们网站地图``)."""
    if _NAV_CLAUSE.search(view):
        return False
    tokens = _tokens(view) if tokens is None else tokens
    if not tokens:
        return False
    if all(t in _NAV_OR_WIDGET or splits_into(t, _NAV_OR_WIDGET) for t in tokens):
        return True
    squeezed = "".join(tokens)
    covered = _covered(squeezed)
    if covered >= 8 and covered >= 0.5 * len(squeezed):
        return True
    # A row of five or more short section names: 最新军情 军事评论 军事书籍 军事装备 史海钩沉
    names = [t for t in _NAMES_SPLIT.split(view) if t]
    return len(names) >= 5 and not _NOT_A_NAME_ROW.search(view) \
        and all(1 <= len(t) <= 6 for t in names) and cjk_count(view) >= 10


def splits_into(token: str, vocab: frozenset[str] | set[str]) -> bool:
    """``小字号大字号`` written without a separator: greedy split into vocabulary words."""
    i = 0
    while i < len(token):
        for j in range(min(len(token), i + 12), i, -1):
            if token[i:j] in vocab:
                i = j
                break
        else:
            return False
    return True


_NAV_WORD = re.compile("|".join(
    re.escape(w) for w in sorted((w for w in NAV_WORDS if 2 <= len(w) <= 8), key=len, reverse=True)))


def _covered(text: str) -> int:
    """Characters of ``text`` covered by site-link words (greedy, longest first)."""
    return sum(m.end() - m.start() for m in _NAV_WORD.finditer(text))


_BULLET_LINK = re.compile(r"^\S.{0,44}$")
_META_LABEL = re.compile(
    r"^\s*[\[【(（]?\s*(?:来源|稿源|出处|出自|文章来源|信息来源|新闻来源|素材来源|转自|转载自|作者|作\s*者|文|"
    r"编辑|责任编辑|责编|本文编辑|本版编辑|编审|审核|校对|值班编辑|发布时间|发布日期|发表时间|发表日期|时间|"
    r"日期|更新时间|主题|标签|记者|通讯员|摄影|撰文|整理|执笔人?|原标题)\s*[:：]"
    r"|^\s*(?:来源|出处|出自|作者|编辑|记者|发布日期|发布时间|时间)\s*$"
)
_BYLINE = re.compile(r"(?:记者|通讯员|实习生|特约撰稿人?)\s*[\u4e00-\u9fff·]{2,4}"
                     r"|^\s*[(（]\s*[\u4e00-\u9fff·]{2,4}\s*[)）]\s*$")
_FULL_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2}"
)


@lru_cache(maxsize=65536)
def classify(line: str) -> tuple[Kind, str]:
    """The kind of one line and, for anchors, the family it belongs to.

    >>> classify("首页 > 新闻中心 > 正文")
    (<Kind.ANCHOR: 'anchor'>, 'breadcrumb')
    >>> classify("记者从市教育局获悉，今年全市新增学位三千个，缓解了入学难的问题。")[0]
    <Kind.PROSE: 'prose'>
    """
    view = match_view(line).strip()
    if not view:
        return Kind.BLANK, ""
    if _PUNCT_ONLY.match(view):
        if _RULE_LINE.match(view):
            return Kind.SHORT, ""
        return Kind.ANCHOR, "punctuation"
    cjk = cjk_count(view)
    long_text = len(view) > 80 or (cjk > 40 and _SENTENCE_END.search(view))
    if not long_text:
        for reason, at_start, anywhere in _FAMILIES:
            if (at_start is not None and at_start.match(view)) \
                    or (anywhere is not None and anywhere.search(view)):
                return Kind.ANCHOR, reason
        tokens = _tokens(view)
        single = len(tokens) == 1
        if _widget_row(view, tokens):
            return Kind.ANCHOR, "widget word" if single else "widget"
        if _nav_row(view, tokens):
            return Kind.ANCHOR, "site link" if single else "navigation"
    elif _FOOTER.search(view) and not _SENTENCE_END.search(view):
        return Kind.ANCHOR, "copyright"
    if is_prose_counted(view, cjk):
        return Kind.PROSE, ""
    if len(view) <= 60 and (_META_LABEL.match(view) or _BYLINE.search(view)
                            or (_FULL_DATE.search(view) and len(_DATE.sub("", view).strip()) <= 30)):
        return Kind.META, ""
    return Kind.SHORT, ""


WEAK_REASONS = frozenset({"widget word", "site link", "punctuation", "expand", "duration",
                          "site url"})
"""Anchor families one line of which can also sit inside a report (a lone ``中``, ``返回``,
``展开全文``, ``7 分钟``, a site's name with its address): they start a cut only next to
other chrome."""


_CHAPTER = re.compile(r"^\s*[*@&#]?\s*第[一二三四五六七八九十百零\d]{1,4}[章编卷部篇回]\s*$")
CONTENTS_MIN = 3


def contents_runs(texts: list[str]) -> list[list[int]]:
    """Positions of bare chapter links in a row (``第一章`` / ``第二章`` / ``第三章``): a table of
    contents pointing to other pages. A book's own contents carry the chapters' titles.

    >>> contents_runs(["第一章", "第二章", "第三章", "正文。"])
    [[0, 1, 2]]
    """
    runs: list[list[int]] = []
    run: list[int] = []
    for pos, text in enumerate([*texts, ""]):
        if _CHAPTER.match(text):
            run.append(pos)
            continue
        if len(run) >= CONTENTS_MIN:
            runs.append(run)
        run = []
    return runs


def bullet_item(line: str) -> bool:
    """A bulleted link text: ``• 财经``, ``· 娱乐圈受黑社会控制？ (2005-04-27 14:32PM)``."""
    m = _BULLET_ITEM.match(match_view(line))
    if m is None:
        return False
    rest = m.group("rest").strip()
    return bool(rest) and bool(_BULLET_LINK.match(rest)) and not _SENTENCE_END.search(rest[-1:])


_DATED_ITEM = re.compile(
    r"[(（\[]\s*(?:19|20)?\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?)?\s*[)）\]]\s*$",
    re.I,
)


def dated_item(line: str) -> bool:
    """A headline carrying its date in brackets at the end, ``李玲：发展的目的… (2006-12-16)``."""
    view = match_view(line).strip()
    return len(view) <= 90 and bool(_DATED_ITEM.search(view))


def is_tiny(line: str) -> bool:
    """A lone number or letter pair (a list index, a count, a pager digit)."""
    return bool(_TINY.match(match_view(line)))


_CJK_CHAR = re.compile(f"[{CJK}]")
_ONE_CHAR = re.compile(rf"^\s*(?:{_BULLET}\s*)?[{CJK}]\s*$")
_INITIAL = re.compile(rf"^\s*([{CJK}])\s+\S")
_LABEL_WORD = re.compile(
    r"^(?:(?:今日|本周|每日|精彩|热点|热门|相关|最新|编辑|重点|焦点|特别|网友|往期|更多)"
    r"(?:推荐|新闻|导读|关注|专题|图片|文章|阅读|焦点|回顾|精选|排行)"
    r"|(?:往期|返回|首页|目录|上一版|下一版|上一期|下一期|版面导航)+)$"
)


def vertical_label_runs(texts: list[str]) -> list[list[int]]:
    """Positions of labels written one character per line, or as the initials of link rows.

    >>> vertical_label_runs(["今 甲新闻 乙新闻", "日 丙新闻", "推 丁新闻", "荐 戊新闻", "正文。"])
    [[0, 1, 2, 3]]
    """
    runs: list[list[int]] = []
    for pattern in (_ONE_CHAR, _INITIAL):
        run: list[int] = []
        for pos, text in enumerate([*texts, ""]):
            if len(text) < 40 and pattern.match(text):
                run.append(pos)
                continue
            if 3 <= len(run) <= 8:
                chars = "".join(_CJK_CHAR.findall(texts[p])[0] for p in run)
                if _LABEL_WORD.search(match_view(chars)):
                    runs.append(run)
            run = []
    return runs
