"""The piece search of the double-decoding family: only pieces that can be read are tried,
and a piece gives back the clean characters it took in at its ends.

``double._pieces`` looks for garbled pieces inside a run that does not read whole. It skips the
pieces no wrong codec encodes and those whose bytes no right codec decodes (``_reach``); these
tests check that the skip changes nothing, against the search that tries every piece, on runs
that mix garbled pieces with clean, rare and unencodable characters.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.ops.charlm import default_lm
from cleaner.ops.mojibake import double, repair
from cleaner.ops.mojibake.double import (
    _FAMILY,
    _WRONG,
    KINDS,
    MAX_RUN,
    MIN_PIECE,
    PIECE_RARE_SHARE,
    _chance_han,
    _looks_garbled,
    _try_kinds,
    _unencodable,
)
from cleaner.ops.mojibake.evidence import KANA, KANA_WORD, rare_pattern


def _every_piece(lm, run: str, latin: bool, cjk: bool) -> list:
    """The search without the skip: every piece from the longest down, as it was written first
    (the pieces found given their clean ends back as the search does)."""
    garbled = cjk and _looks_garbled(run) and not KANA_WORD.search(run)
    got = _try_kinds(lm, run, latin, garbled)
    if got:
        return [double._clean_ends_back(lm, run, 0, len(run), got, latin, garbled)]
    rare_at = {m.start() for m in rare_pattern().finditer(run)}
    wide, rare = [0], [0]
    for k, ch in enumerate(run):
        wide.append(wide[-1] + (ord(ch) > 0x7F))
        rare.append(rare[-1] + (k in rare_at))
    out = []
    n = min(len(run), MAX_RUN)
    usable = sorted({w for name, w, _r in KINDS if (latin if _FAMILY[name] == "latin1" else cjk)})
    limits = {codec: _unencodable(run[:n], codec) for codec in usable}
    i = 0
    while i < n - 1:
        top = min(n, max((limits[w][i] for w in usable), default=i))
        for j in range(top, i + 1, -1):
            garbled = cjk and wide[j] - wide[i] >= MIN_PIECE and (
                rare[j] - rare[i] >= PIECE_RARE_SHARE * max(1, wide[j] - wide[i])
            ) and not KANA_WORD.search(run, i, j) \
                and (wide[j] - wide[i] > MIN_PIECE or not KANA.search(run, i, j))
            if not (latin or garbled):
                continue
            encodable = {codec: j <= limit[i] for codec, limit in limits.items()}
            encodable.update((codec, False) for codec in _WRONG if codec not in limits)
            got = _try_kinds(lm, run[i:j], latin, garbled, lossy=False, encodable=encodable)
            if got and not _chance_han(got):
                out.append(double._clean_ends_back(lm, run, i, j, got, latin, garbled))
                i = j
                break
        else:
            i += 1
    return out


WORDS = ["人民日报", "经济发展", "国务院", "记者", "北京", "中華民國", "臺灣", "新聞報導", "今天"]
RARE = "龘靐齉鱻爩驫麤灪厵纞㐀㑇䶮彧翀犇淼鑫垚燚𠮷𡈽𪚥"


def _garbled(word: str, how: int) -> str:
    right, wrong = [("utf-8", "gb18030"), ("big5", "gb18030"), ("gbk", "big5"),
                    ("gbk", "latin-1"), ("big5", "latin-1")][how]
    try:
        return word.encode(right).decode(wrong)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word


piece = st.one_of(
    st.builds(_garbled, st.sampled_from(WORDS), st.integers(0, 4)),
    st.sampled_from(WORDS),
    st.text(alphabet=RARE, min_size=1, max_size=6),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1,
            max_size=8),
    st.sampled_from(["é", "ü", "ÈË", "¤¤", "ab", "1"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(piece, min_size=1, max_size=8), st.booleans(), st.booleans())
def test_skipping_unreadable_pieces_finds_the_same_pieces(parts: list[str], latin: bool,
                                                          cjk: bool) -> None:
    run = "".join(parts)
    lm = default_lm().adapted("")  # as the plan reads lines
    assert double._pieces(lm, run, latin, cjk) == _every_piece(lm, run, latin, cjk)


def test_a_run_of_characters_no_codec_writes_is_not_searched() -> None:
    lm = default_lm().adapted("")
    run = "𠮷𡈽𪚥𠀀𠀁𠀂" * 10
    assert double._pieces(lm, run, True, True) == []
    assert double._reach("龘靐齉鱻爩驫", 0, 6, [("gb18030", "utf-8")], {"gb18030": [6] * 7}) == {
        "gb18030": 0}


@pytest.mark.parametrize(("before", "damaged", "after", "right", "wrong"), [
    ("他说", "人民日报经济发展", "今天", "utf-8", "gb18030"),
    ("全国人", "经营者不得在标价之外", "一种", "utf-8", "gb18030"),
    ("第2", "数字电视节目", "我们", "gbk", "big5"),
    ("前幾年吃過", "日本學者編印的東洋文化", "謀略思", "big5", "gb18030"),
])
def test_clean_characters_beside_a_garbled_run_stay(before: str, damaged: str, after: str,
                                                    right: str, wrong: str) -> None:
    # the clean characters around the run read too (说 in GBK is UTF-8's ˵), but the line
    # reads better with them as written: only the garbled run is repaired
    line = before + damaged.encode(right).decode(wrong) + after
    text = f"{line}\n今天的天气很好，市民纷纷外出游玩。"
    fixed = apply_spans(text, repair(text, OpContext()), "mojibake.repair")[0]
    assert fixed.split("\n")[0] == before + damaged + after


def test_a_short_garbled_run_inside_a_clean_line_is_found() -> None:
    # a few characters of Big5 read as GBK between two clean clauses: the line is not full
    # of rare characters, but the run is dense with them (and with private-use characters)
    before, after = "據中央社報道，行政院長在立法院答詢時表示，", "，說明明年度總預算的編列情形。"
    for run in ("今天召開記者會", "行政院今天召開"):
        line = before + run.encode("big5").decode("gb18030") + after
        text = f"{line}\n行政院表示，明年度預算將以社會福利為重點。"
        fixed = apply_spans(text, repair(text, OpContext()), "mojibake.repair")[0]
        assert fixed.split("\n")[0] == before + run + after


def test_japanese_names_in_kana_beside_garbled_text_stay() -> None:
    # a page with garbled runs elsewhere: names written in kana are not CJK bytes read wrongly
    garbled = "據報道，" + "行政院今天召開記者會".encode("big5").decode("gb18030")
    names = "出演：山下やよい、黒川きらら、結城みさ、いろは"
    out = apply_spans(f"{garbled}\n{names}", repair(f"{garbled}\n{names}", OpContext()),
                      "mojibake.repair")[0]
    assert out.split("\n")[1] == names
