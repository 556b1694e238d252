"""Long documents are cleaned in pieces (cleaner.pieces): same text as whole, bounded memory.

The documents are generated: seeded random paragraphs of common characters (every one
unique) with portal chrome at the head, in the middle and at the tail. Stages that weigh
evidence over the whole document (the mojibake plan, the share of Traditional characters)
weigh it per piece, so garbled text is left out of the comparison with whole cleaning.
"""

from __future__ import annotations

import random
import tracemalloc

import pytest

from cleaner import Cleaner
from cleaner.pieces import EDGE_LINES, cut_points
from cleaner.review.align import align, undo

HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
       "产种面而方后多定行学法所民得经十三之进等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
       "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看")


def paragraphs(count: int, seed: int) -> list[str]:
    """``count`` unique prose paragraphs of 60–200 characters."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = ["".join(rng.choices(HAN, k=rng.randint(4, 12))) for _ in range(rng.randint(2, 4))]
            sentences.append("，".join(words) + "。")
        out.append("".join(sentences))
    return out


HEAD = ["人民网", "人民网>>四川频道>>综合栏目>>政商动态", "", "党建引领聚合力 同心抗疫筑堡垒", "",
        "2022年09月23日14:54 | 来源：人民网-四川频道", "分享到：微信 微博 QQ空间", ""]
MIDDLE = ["（责任编辑：王小明）", "", "记者 张三 摄", "第二部分"]
TAIL = ["（责编：罗昱、高红霞）", "", "分享让更多人看到", "", "相关新闻",
        "·习近平会见外国领导人", "·国务院常务会议召开", "·全国两会新闻发布会举行", "", "返回顶部"]


def long_document(chars: int, seed: int = 0) -> str:
    """Portal head, news, an editor line and a subheading in the middle, news, portal tail."""
    body = paragraphs(chars // 120, seed)
    half = len(body) // 2
    return "\n".join([*HEAD, *body[:half], *MIDDLE, *body[half:], *TAIL])


def test_a_long_document_in_pieces_is_cleaned_as_the_whole_one() -> None:
    text = long_document(150_000)
    cuts = cut_points(text, 10_000)
    assert len(cuts) >= 10
    whole = Cleaner(piece_chars=0).clean(text, "d", {"source_file": "x"})
    pieces = Cleaner(piece_chars=10_000).clean(text, "d", {"source_file": "x"})
    assert pieces.text == whole.text
    assert pieces.text.startswith("党建引领聚合力")  # the true head's chrome went
    assert pieces.text.endswith(text.split("\n")[-len(TAIL) - 1])  # and the true tail's
    assert "\n第二部分\n" in pieces.text  # a subheading inside the report stays
    assert pieces.meta == whole.meta
    assert pieces.meta["editor"] == "王小明" and pieces.meta["site"] == "人民网"
    # the edits are one document's: replayed they give the original, aligned the clean text
    assert undo(pieces.text, pieces.edits) == text
    changes = align(pieces.edits, len(text)).changes
    rebuilt, pos = [], 0
    for change in changes:
        rebuilt += [text[pos:change.start], change.new]
        pos = change.end
    assert "".join(rebuilt) + text[pos:] == pieces.text


def test_a_multi_megabyte_document_keeps_a_bounded_heap() -> None:
    text = long_document(850_000, seed=1)
    assert len(text.encode("utf-8")) > 2_000_000
    cleaner = Cleaner(piece_chars=50_000)
    cleaner.clean("\n".join(HEAD + paragraphs(3, 2)))
    tracemalloc.start()
    try:
        result = cleaner.clean(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # the text itself, the clean copy and the edits, not a page model of a million lines
    # (cleaned whole, this document peaks near 100 bytes per character)
    assert peak < 40 * len(text), peak / len(text)
    assert undo(result.text, result.edits) == text


def test_no_chrome_rule_cuts_the_report_at_a_piece_edge() -> None:
    """A related-news list in the middle of the report, three short paragraphs and then a
    cut: the piece alone reads the list and those paragraphs as its tail chrome (a run to
    cut to the end); the whole document does not, and neither do the pieces."""
    rng = random.Random(8)
    before, after = paragraphs(60, 5), paragraphs(600, 6)
    related = ["相关新闻", *("·" + "".join(rng.choices(HAN, k=12)) for _ in range(12))]
    last = ["".join(rng.choices(HAN, k=18)) + "，" + "".join(rng.choices(HAN, k=18)) + "。"
            for _ in range(EDGE_LINES)]
    text = "\n".join([*before, *related, *last, *after])
    size = len("\n".join(before)) + 1
    cut = cut_points(text, size)[0]
    assert text[:cut].endswith(last[-1])  # the cut falls right after those paragraphs
    alone = Cleaner(piece_chars=0).clean(text[:cut])
    assert not all(p in alone.text for p in last)  # what the piece's own rules would do
    whole = Cleaner(piece_chars=0).clean(text)
    pieces = Cleaner(piece_chars=size).clean(text)
    assert all(p in whole.text for p in last) and "相关新闻" in whole.text
    assert pieces.text == whole.text


@pytest.mark.parametrize("text", ["短文本。", "一行" * 60_000, "\n" * 120_000])
def test_texts_without_an_allowed_cut_are_cleaned_whole(text: str) -> None:
    assert cut_points(text, 50_000) == []
    result = Cleaner(piece_chars=50_000).clean(text)
    assert undo(result.text, result.edits) == text
