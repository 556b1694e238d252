"""Mojibake from the wild: the decoding chains bug reports, PDFs, consoles and mirrors show.

Each case is made here by running the chain on clean text (never copied from another suite):
GBK read as Windows-1250, MacRoman or Latin-1; UTF-8 read as Latin-1/cp1252 in Chinese and in
European text; UTF-8 whose soft hyphen byte was dropped; UTF-8 read as GBK with the last byte
lost. Text in other scripts that merely looks odd must come through unchanged, never as Hanzi.
"""

from __future__ import annotations

import pytest

from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.ops.mojibake import repair
from cleaner.pipeline import Cleaner

CHINESE = ["人民日报记者报道北京新闻", "他们今天在北京召开了会议", "全市广大党员干部提前返岗"]
EUROPEAN = ["Le Schtroumpf conseille des gâteaux à la crème", "Straße und Fußgänger in München",
            "Ñandú y pingüino en la Península"]
HAN = range(0x4E00, 0xA000)


def fix(text: str) -> str:
    return apply_spans(text, repair(text, OpContext()), "mojibake")[0]


@pytest.mark.parametrize("codec", ["cp1250", "mac_roman", "latin-1"])
@pytest.mark.parametrize("clean", CHINESE)
def test_gbk_read_as_a_western_codec(codec: str, clean: str) -> None:
    assert fix(clean.encode("gbk").decode(codec)) == clean


@pytest.mark.parametrize("clean", CHINESE + EUROPEAN)
def test_utf8_read_as_cp1252_anywhere(clean: str) -> None:
    garbled = clean.encode("utf-8").decode("cp1252", errors="replace")
    if "\ufffd" in garbled:
        pytest.skip("a byte cp1252 leaves undefined")
    assert fix(garbled) == clean
    assert fix(f"记者报道：{garbled}") == f"记者报道：{clean}"


def test_european_mojibake_line_in_a_chinese_document() -> None:
    text = "本报讯 昨天举行了发布会。\nLa rÃ©union a eu lieu Ã  Paris.\n会议持续了两个小时。"
    assert fix(text) == "本报讯 昨天举行了发布会。\nLa réunion a eu lieu à Paris.\n会议持续了两个小时。"


def test_dropped_soft_hyphen_given_back() -> None:
    clean = "中文新闻报道"
    garbled = clean.encode("utf-8").decode("latin-1").replace("\u00ad", "")
    assert garbled != clean.encode("utf-8").decode("latin-1")
    assert fix(garbled) == clean


def test_utf8_read_as_gbk_with_lost_final_byte() -> None:
    clean = "我们今天去公园散步吧。"
    garbled = clean.encode("utf-8").decode("gb18030", errors="replace").replace("\ufffd", "?")
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Η ανατροφή των παιδιών είναι δύσκολη υπόθεση",
        "Ученые обсудили новые методы исследования",
        "Müller und Café René — 3×4 m, ±0,5 °C",
        "Résumé: naïve coöperation, façade, jalapeño",
        "Ōtsuka Ēriku and Āø on the Ħal Far road",
        "记者 José Müller 报道·北京",
        # mojibake past repair: two high bytes of it read as Big5 make 研 or a full-width T
        "ã¢â‚¬ and ã‚â¬ãƒâ€š again",
        "Ã¢â‚¬Å¡ the rest ã‚â¬ãƒ",
    ],
)
def test_other_scripts_never_become_han(text: str) -> None:
    out = Cleaner(script="keep", punctuation="keep").clean(text).text
    assert out == text
    assert not any(ord(c) in HAN for c in out if c not in text)


@pytest.mark.parametrize("latin", ["法国学者A. Orléan与R. Boyer提出的理论", "Orléan与Boyer",
                                   "在Zürich和São Paulo举行"])
@pytest.mark.parametrize("codec", ["big5", "utf-8"])
def test_accented_latin_words_beside_cjk_garble_stay(latin: str, codec: str) -> None:
    # GBK decodes the Big5 bytes of 谷 as é: a garbled document opens the CJK readings, but a
    # Latin letter with a diacritic inside an ASCII word is a word, never garble
    clean = "全市廣大黨員幹部提前結束春節假期返崗，投入疫情防控工作。"
    garbled = clean.encode(codec).decode("gb18030" if codec == "big5" else "latin-1")
    assert fix(garbled + "\n" + latin) == clean + "\n" + latin


@pytest.mark.parametrize("name", ["周德武", "致读者", "王小明"])
def test_a_short_gbk_as_latin1_line_is_read_as_cjk_bytes_not_by_ftfy(name: str) -> None:
    # ftfy reads the bytes Ü µ (DC B5) of 周 as UTF-8: a Syriac letter inside Latin-1 garble;
    # the whole line reads as GBK
    report = "正文第一段写得很长，内容丰富，这是新闻报道的正文。"
    assert fix(f"{report}\n{name.encode('gbk').decode('latin-1')}") == f"{report}\n{name}"


def test_a_latin1_line_after_a_rare_line_is_still_repaired() -> None:
    # a line of rare characters sends the first line through the piece search; the lines
    # after it are still asked whether they are CJK bytes read as Latin-1
    rare = "𠀀𠀁𠀂𠀃𠀄𠀅 龘靐齉爩"
    garbled = "新华社记者周德武报道".encode("gbk").decode("latin-1")
    assert fix(f"{rare}\n{garbled}") == f"{rare}\n新华社记者周德武报道"


def test_ftfy_reading_two_bytes_of_a_gbk_as_latin1_line_is_not_taken() -> None:
    # 张河燕 read as Latin-1 is ÕÅºÓÑà; ftfy reads Åº (C5 BA) as UTF-8 ź and leaves ÓÑà. The
    # model finds 张河燕 too unlikely alone for the whole line, so the CJK family reads the
    # piece it is sure of (张河) and leaves the last two bytes
    garbled = "张河燕".encode("gbk").decode("latin-1")
    got = fix(f"正文第一段写得很长，内容丰富，这是新闻报道的正文。\n{garbled}")
    assert "ź" not in got
    assert got.endswith("\n张河Ñà")


def test_a_gbk_as_latin1_run_no_reading_takes_is_listed_not_guessed() -> None:
    garbled = "龘靐齉".encode("gbk").decode("latin-1")  # rare characters: no reading is sure
    text = f"{CHINESE[0]}\n{garbled}"
    ctx = OpContext()
    assert apply_spans(text, repair(text, ctx), "mojibake")[0] == text
    assert [s["text"] for s in ctx.meta["suspect_spans"]] == [garbled]
