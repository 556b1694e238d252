"""The pipeline on clean news (must not change it) and its contracts: idempotency, options,
user rule packs, disabling rules, the Python API."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, RuleError
from cleaner.document import apply_spans
from tests.conftest import SEEDS

# Clean Simplified news sentences, some of which look like chrome to a careless rule.
CLEAN_SENTENCES = [
    line for path in sorted((SEEDS / "expected").glob("00[24]*.txt"))
    for line in path.read_text(encoding="utf-8").split("\n")
    if len(line) > 25 and "?" not in line
] + [
    "记者从市教育局获悉，今年全市将新增学位三千个，缓解入学难的问题。",
    "2022年2月11日，百色市召开疫情防控工作会议，部署下一阶段工作。",
    "来源于基层的创新做法，值得在更大范围内推广。",
    "相关新闻报道显示，该市已连续三年实现粮食增产。",
    "他在接受采访时说：“分享让更多人看到，是我们的初衷。”",
    "安徽亳(bó)州的芍药花开了，吸引了大批游客前来观赏。",
    "世界卫生组织(WHO)表示，细颗粒物(PM2.5)浓度有所下降。",
    "本报讯 昨天上午，市政府召开新闻发布会，通报了有关情况。",
    "编辑部收到读者来信后，立即派出记者前往核实。",
    "截至目前，共收到捐款1351824.99元，全部用于一线防疫。",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=12, unique=True),
       st.sampled_from(["\n", "\n\n"]))
def test_clean_simplified_news_is_unchanged(cleaner, sentences, joiner):
    text = joiner.join(sentences)
    result = cleaner.clean(text)
    assert result.text == text, result.rules_fired


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=8, unique=True))
def test_only_width_changes_half_width_punctuation(cleaner, sentences):
    text = "\n".join(sentences)
    half = text.replace("，", ",").replace("；", ";").replace("？", "?").replace("！", "!")
    result = cleaner.clean(half)
    assert result.text == text
    assert set(result.rules_fired) <= {"punctuation.width"}


SEED_LINES = [line for path in sorted((SEEDS / "input").glob("*.txt"))
              for line in path.read_text(encoding="utf-8").split("\n")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=30))
def test_cleaning_is_idempotent(cleaner, lines):
    once = cleaner.clean("\n".join(lines)).text
    assert cleaner.clean(once).text == once


def test_edits_replay_to_the_clean_text(cleaner):
    text = (SEEDS / "input" / "001_2dca93d985c67243.txt").read_text(encoding="utf-8")
    result = cleaner.clean(text)
    current = text
    for step in sorted({e.step for e in result.edits}):
        edits = [e for e in result.edits if e.step == step]
        current, _ = apply_spans(current, [(e.start, e.end, e.new) for e in edits], "replay")
    assert current == result.text


def test_script_option(cleaner):
    assert Cleaner(script="t").clean("人民网四川频道报道").text == "人民網四川頻道報道"
    assert Cleaner(script="keep").clean("人民網報道").text == "人民網報道"
    with pytest.raises(ValueError, match="script"):
        Cleaner(script="klingon")


def test_punctuation_keep_option():
    assert Cleaner(punctuation="keep").clean("成都市,每天").text == "成都市,每天"
    assert Cleaner().clean("成都市,每天").text == "成都市，每天"


def test_disable_rule():
    text = "小字号\n正文第一段写得很长，内容丰富，这是新闻报道的正文。"
    assert Cleaner().clean(text).text == "正文第一段写得很长，内容丰富，这是新闻报道的正文。"
    assert Cleaner(disable=["chrome.widgets"]).clean(text).text == text
    with pytest.raises(ValueError, match="unknown rule"):
        Cleaner(disable=["chrome.nonexistent"])


def test_user_rule_pack_adds_and_overrides(tmp_path: Path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\nid = "chrome.house_ad"\nstage = "chrome"\nkind = "drop_line"\n'
        "pattern = '^本站广告位招租$'\nwhy = \"our portal's house ad\"\n"
        'examples = [{ input = "本站广告位招租\\n正文。", output = "正文。" }]\n',
        encoding="utf-8")
    cleaner = Cleaner(extra_packs=[pack])
    assert "chrome.house_ad" in cleaner.ruleset.ids
    assert cleaner.clean("本站广告位招租\n正文。").text == "正文。"


@pytest.mark.parametrize(("zone", "without_report"), [
    ("edges", "附件一"),                   # a text without prose is all edges: its line goes
    ("around", "本站广告位招租\n附件一"),  # around: only the edges of a report
])
def test_zone_around_acts_only_beside_a_report(tmp_path: Path, zone: str, without_report: str):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\nid = "chrome.house_ad"\nstage = "chrome"\nkind = "drop_line"\n'
        f'zone = "{zone}"\npattern = \'^本站广告位招租$\'\nwhy = "our portal\'s house ad"\n',
        encoding="utf-8")
    cleaner = Cleaner(extra_packs=[pack])
    report = "市教育局昨天发布通知，今年全市将新增中小学学位三千个，缓解部分片区入学难的问题。"
    assert cleaner.clean("本站广告位招租\n附件一").text == without_report
    assert cleaner.clean(f"本站广告位招租\n{report}").text == report
    assert cleaner.clean(f"{report}\n本站广告位招租").text == report
    inside = f"{report}\n本站广告位招租\n{report.replace('三千', '五千')}"
    assert cleaner.clean(inside).text == inside


@pytest.mark.parametrize(("body", "message"), [
    ("[[rule]]\nid = 'Bad Id'\n", "must look like 'stage.name'"),
    ("[[rule]]\nid = 'chrome.x'\nstage = 'nowhere'\nkind = 'replace'\n", "stage 'nowhere'"),
    ("[[rule]]\nid = 'chrome.x'\nstage = 'chrome'\nkind = 'replace'\npattern = '('\nwhy = 'w'\n",
     "bad pattern"),
    ("[[rule]]\nid = 'chrome.x'\nstage = 'chrome'\nkind = 'op'\nop = 'chrome:nothing'\n"
     "why = 'w'\n", "no function"),
    ("[[rule]]\nid = 'chrome.x'\nstage = 'chrome'\nkind = 'replace'\npattern = 'a'\n",
     "needs a one-line 'why'"),
    ("not toml at all = = =", "invalid TOML"),
    ("[other]\nx = 1\n", "no [[rule]] tables"),
])
def test_malformed_rule_pack_names_file_and_rule(tmp_path: Path, body: str, message: str):
    pack = tmp_path / "broken.toml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        Cleaner(extra_packs=[pack])
    assert str(pack) in str(info.value)
    assert message in str(info.value)
    if "chrome.x" in body:
        assert "chrome.x" in str(info.value)


def test_batch_api(cleaner):
    results = cleaner.clean_batch(["人民網報道", "正文。"])
    assert [r.text for r in results] == ["人民网报道", "正文。"]
    assert results[0].rules_fired == ["script.convert"]
