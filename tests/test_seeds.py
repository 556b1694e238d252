"""The bundled seed documents against their expected clean outputs, line by line."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS

INPUTS = sorted((SEEDS / "input").glob("*.txt"))


def test_seeds_present():
    assert len(INPUTS) == 5
    for path in INPUTS:
        assert (SEEDS / "expected" / path.name).exists()


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_seed_matches_expected(cleaner, path):
    result = cleaner.clean(path.read_text(encoding="utf-8"), path.stem)
    expected = (SEEDS / "expected" / path.name).read_text(encoding="utf-8").rstrip("\n")
    got_lines, want_lines = result.text.split("\n"), expected.split("\n")
    for number, (got, want) in enumerate(zip(got_lines, want_lines, strict=False), start=1):
        assert got == want, f"{path.name} line {number}"
    assert len(got_lines) == len(want_lines)


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_seed_cleaning_is_idempotent(cleaner, path):
    once = cleaner.clean(path.read_text(encoding="utf-8")).text
    assert cleaner.clean(once).text == once


def test_seed_chrome_is_gone_and_facts_are_kept(cleaner):
    texts = {p.stem[:3]: cleaner.clean(p.read_text(encoding="utf-8")) for p in INPUTS}
    chrome = {
        "000": ["川观新闻记者", "(qū)", ",,", "（图片由省委组织部提供）"],
        "001": ["人民网>>", "来源", "小字号", "分享让更多人看到", "返回顶部", "责编"],
        "002": ["广西日报 2022", "本报记者罗琦", "下转第二版", "上接第一版", "新闻推荐", "相关推荐",
                "德保新闻，新鲜有料"],
        "004": ["本报记者 吴文婷", "热点图片", "最新专题", "头条新闻", "孤泳者"],
    }
    for key, fragments in chrome.items():
        for fragment in fragments:
            assert fragment not in texts[key].text, (key, fragment)
    assert texts["001"].meta["editor"] == "罗昱、高红霞"
    assert texts["001"].meta["source"] == "人民网-四川频道"
    assert texts["001"].meta["published"] == "2022年09月23日14:54"
    assert texts["000"].meta["author"] == "樊邦平"
    assert texts["000"].meta["photo_credit"] == "省委组织部"
    assert texts["004"].meta["author"] == "吴文婷"
    # body lines next to chrome survive
    assert "瀘縣交通卡口管控" not in texts["001"].text  # converted to Simplified …
    assert "泸县交通卡口管控。泸县供图" in texts["001"].text  # … and kept once
    assert "一个党员一面旗帜，争当逆行急先锋" in texts["002"].text
    assert texts["004"].text.endswith("有效激发了社会各界积极参与疫情防控的强大动力。")
