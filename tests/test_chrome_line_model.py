"""Rule chrome.line_model: the trained line model judging the lines the chrome rules left."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ops import EXPLAINED, STAGE_INPUT, OpContext
from cleaner.ops.linemodel import line_model
from cleaner.page.analysis import LineAnalysis
from cleaner.page.features import line_features
from cleaner.page.linemodel import load_model

P1 = "记者从市教育局获悉，今年全市将新增中小学学位三千个，以缓解部分城区入学难的问题。"
P2 = "据介绍，新建的五所学校将于九月投入使用，届时周边居民的孩子可以就近入学，不再舍近求远。"
T1 = "記者從市教育局獲悉，今年全市將新增中小學學位三千個，以緩解部分城區入學難的問題。"
T2 = "據介紹，新建的五所學校將於九月投入使用，屆時周邊居民的孩子可以就近入學，不再捨近求遠。"

# chrome families in wordings no lexicon entry holds, Simplified and Traditional
FAMILIES = [
    ("share", "奇妙分享 微信好友 朋友圈", "奇妙分享 微信好友 朋友圈"),
    ("follow", "Facebook Line 关注奇妙", "Facebook Line 關注奇妙"),
    ("font size", "A- A+ 字体", "A- A+ 字體"),
    ("login", "登入奇妙账号 留言", "登入奇妙帳號 留言"),
    ("comment counter", "回复 踩0 赞8 收藏", "回覆 踩0 讚8 收藏"),
    ("QR prompt", "扫一扫 奇妙 APP", "掃一掃 奇妙 APP"),
    ("channel bar", "奇妙频道 | 乐活 | 视界 | 论坛", "奇妙頻道 | 樂活 | 視界 | 論壇"),
    ("label", "汽车", "汽車"),
    ("bulleted link", "• 奇妙新闻", "• 奇妙新聞"),
]
# short lines of a report standing right above or below its paragraphs
BODY_EDGES = ["一、基本情况", "“我们会一直坚持下去。”", "（完）", "新学期学位充足",
              "床前明月光，疑是地上霜。"]


def _between_cut_lines(line: str, body: list[str], below: bool) -> tuple[str, str]:
    """The stage's input and what the rules left: ``line`` alone between two cut widgets."""
    cut = ["分享到：微信 微博", line, "返回顶部"]
    before = body + cut if below else cut + body
    after = body + [line] if below else [line] + body
    return "\n".join(before), "\n".join(after)


def _probability(line: str, body: list[str], below: bool, removed: bool = True) -> float:
    before, after = _between_cut_lines(line, body, below)
    found = {ln.text: v for ln, v in line_features(LineAnalysis.of(after),
                                                   before if removed else None)}
    return load_model().probability(found[line])


@pytest.mark.parametrize("below", [True, False], ids=["below", "above"])
@pytest.mark.parametrize(("family", "simplified", "traditional"), FAMILIES,
                         ids=[f[0] for f in FAMILIES])
def test_chrome_between_cut_lines_scores_above_body_edges(family, simplified, traditional, below):
    chrome = _probability(simplified, [P1, P2], below)
    # the script does not matter: features read the Simplified view of a line
    assert _probability(traditional, [T1, T2], below) == pytest.approx(chrome)
    # the same family between lines that stay scores lower: the neighbours decide
    assert _probability(simplified, [P1, P2], below, removed=False) < chrome
    # and every short line of a report at the same place scores lower than the chrome
    for line in BODY_EDGES:
        assert _probability(line, [P1, P2], below, removed=False) < chrome, line


@pytest.mark.parametrize("body", [[P1, P2], [T1, T2]], ids=["simplified", "traditional"])
def test_the_model_removes_a_bulleted_link_left_between_cut_lines(body):
    before, after = _between_cut_lines("• 奇妙新闻", body, below=True)
    ctx = OpContext(scratch={STAGE_INPUT: before})
    spans = line_model(after, ctx)
    assert [after[s:e] for s, e, _ in spans] == ["\n• 奇妙新闻"]
    why = ctx.scratch[EXPLAINED][spans[0][0]]
    assert why.startswith("p=") and "bullet" in why and "prev_removed" in why


CLEAN_NEWS = [
    # subheadings written one short line each
    [P1, "一、基本情况", P2, "二、下一步工作", P1],
    # a quote standing alone at either edge
    ["“我们会一直坚持下去。”", P1, P2, "“孩子们终于可以就近上学了。”"],
    # a one-line paragraph
    [P1],
    # a poem closing the report
    [P1, P2, "床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"],
    # a lead without a dateline, then a short closing line
    ["本报讯 今年全市新增学位三千个。", P1, P2, "（完）"],
    # Traditional: a title, a subheading and a closing note
    ["新學期學位充足", T1, "一、基本情況", T2, "（本報訊）"],
    # a list of points under the report
    [P1, P2, "• 新增学位三千个", "• 五所学校九月启用", "• 周边居民就近入学"],
]


@pytest.mark.parametrize("lines", CLEAN_NEWS, ids=range(len(CLEAN_NEWS)))
def test_clean_news_is_untouched_by_the_model(lines):
    text = "\n".join(lines)
    result = Cleaner().clean(text)
    assert not [e for e in result.edits if e.rule == "chrome.line_model"]
    assert result.text == Cleaner(disable=["chrome.line_model"]).clean(text).text


def _pack(tmp_path, weights: str) -> str:
    """A user pack that points chrome.line_model at a hand-written model."""
    model = tmp_path / "model.toml"
    model.write_text(f"[model]\nbias = -4.0\nthreshold = 0.9\n[weights]\n{weights}\n",
                     encoding="utf-8")
    pack = tmp_path / "pack.toml"
    pack.write_text('[[rule]]\nid = "chrome.line_model"\nstage = "chrome"\nkind = "op"\n'
                    'op = "linemodel:line_model"\nwhy = "a model of the user\'s"\n'
                    f'params = {{ model = "{model.as_posix()}" }}\n', encoding="utf-8")
    return str(pack)


def test_a_users_model_replaces_the_shipped_one_and_its_removals_keep_their_facts(tmp_path):
    pack = _pack(tmp_path, "short = 8.0\nprev_prose = 1.0")
    text = "\n".join([P1, P2, "奇妙网"])  # a site name below the report: no rule takes it
    assert Cleaner().clean(text).text == text
    result = Cleaner(extra_packs=[pack]).clean(text)
    assert result.text == "\n".join([P1, P2])
    (edit,) = result.edits
    assert edit.rule == "chrome.line_model" and edit.why == "p=0.99: short +8.00, prev_prose +1.00"
    assert result.meta.get("site") == "奇妙网"  # read before the line went, as runs do
    assert Cleaner(extra_packs=[pack], disable=["chrome.line_model"]).clean(text).text == text
