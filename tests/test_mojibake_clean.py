"""Mojibake repair on clean text with the shapes real pages have: nothing to see, nothing done.

Real Chinese news is full of characters a naive check takes for garbage: curly quotes, dashes,
the ellipsis, the middle dot, full-width brackets after a name, accented Latin names, a ``?``
typed as ASCII, icon-font glyphs and bullets from the private-use area. None of them is
evidence of mojibake, so the pre-check says no and the repair changes nothing.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.ops.mojibake import precheck, repair
from cleaner.ops.mojibake.candidates import fold

SHAPES = [
    "他说：“我们会继续努力。”——这是记者在现场听到的。",
    "‘一带一路’倡议提出以来……合作不断深化。",
    "阿卜杜拉·阿布杜勒在会上发言，称双方关系‖稳定。",
    "王志刚（中国人民大学）、陈玖立（南开大学）分别作了报告。",
    "评论人：张晓峒（南开大学经济学院）韩立岩（北京航空航天大学）",
    "主  席：刘文忻（北京大学经济学院）",
    "法国学者A. Orléan与R. Boyer的“习俗演化”模型",
    "Müller先生和Élysée宫的代表出席了会议，咖啡馆Café René位于市中心。",
    "这真的是你想要的吗?但是他没有回答。",
    "今年的表现得?加明显，市场反应积极。",
    "娱乐圈受黑社会控制? 明星挨打事件回顾",
    "娱乐圈受黑社会控制?明星挨打事件簿(图) (2005-03-01)",
    "“为什么?”他问。“因为……”",
    "\uf075 中国人民大学 \uf0d8 高等教育出版社 \uf0d8 北京大学出版社",
    "\ue004中央人民政府成立后，下设新闻总署。\ue004据他回忆说，这里本来就很热闹。",
    "他心里有一点疙瘩：\ue004\ue004……",
    "他表示\ue0de会继续跟进\ue132此事。",
    "第一章 总则 ………………………… 1",
    "温度为25°C，误差±0.5°，面积约3×4米，价格￥120。",
    "股价上涨5%——这是今年以来最大涨幅 | 记者 李明",
]


def _fix(text: str) -> tuple[str, OpContext]:
    ctx = OpContext()
    return apply_spans(text, repair(text, ctx), "mojibake.repair")[0], ctx


def test_each_shape_has_no_evidence() -> None:
    for text in SHAPES:
        assert not precheck(text), text
        new, ctx = _fix(text)
        assert new == text
        assert "suspect_spans" not in ctx.meta


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=10), st.sampled_from(["", "\n"]))
# icon-font glyphs and a rare word repeated on one line: no line full of rare characters
@example(["\uf075 中国人民大学 \uf0d8 高等教育出版社 \uf0d8 北京大学出版社",
          *["他心里有一点疙瘩：\ue004\ue004……"] * 4], "")
def test_clean_shapes_unchanged(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    ctx = OpContext()
    assert not precheck(text)
    assert repair(text, ctx) == []
    assert "suspect_spans" not in ctx.meta


def test_clean_lines_next_to_garbled_ones_untouched() -> None:
    # a CJK double decoding elsewhere in the document opens the door; the clean lines,
    # names before full-width brackets included, must not go through it
    trad = "全市廣大黨員幹部提前結束春節假期返崗，投入疫情防控工作。"
    clean = "\n".join(SHAPES[3:6] + SHAPES[0:3])
    text = trad.encode("big5").decode("gb18030") + "\n" + clean
    new, _ctx = _fix(text)
    assert new == trad + "\n" + clean


def test_utf8_latin1_document_keeps_clean_lines() -> None:
    garbled = "人民日报记者报道，今天北京天气晴朗。".encode().decode("latin-1")
    clean = "\n".join(SHAPES[6:8] + SHAPES[0:2])
    new, _ctx = _fix(garbled + "\n" + clean)
    assert new == "人民日报记者报道，今天北京天气晴朗。\n" + clean


def test_shifted_gbk_garbage_is_listed_not_rewritten() -> None:
    # one byte lost from a GBK stream: the rest reads out of step, among private-use
    # characters; with no reading that reads as text, it is left and listed
    src = "公司发言人表示，没有接到过任何消费者的投诉，也不知道其使用的是否是正品。".encode("gbk")
    garbled = (src[:9] + src[10:]).decode("gb18030", errors="replace").replace("\ufffd", "?")
    new, ctx = _fix(garbled)
    if new != garbled:
        assert "没有接到过任何消费者的投诉" in new
    else:
        assert ctx.meta.get("suspect_spans")


def test_no_width_only_edits() -> None:
    # a converter document (annotations, lost bytes) that kept its full-width forms: the
    # repair may change characters but never only their width
    text = (
        "機關(guān)單位（試點）今天發布通知。\n"
        "當(dāng)?shù)貏?chuàng)新采用分段檢測，受控制?明星挨打事件簿(圖)\n"
        "記者問：真的嗎?他沒有回答。"
    )
    ctx = OpContext()
    for s, e, new, _conf in repair(text, ctx):
        old = text[s:e]
        assert "".join(fold(c) for c in new) != "".join(fold(c) for c in old), (old, new)


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20000, max_codepoint=0x2A6D6), min_size=1,
               max_size=400),
       st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x4DB5), max_size=200))
def test_rare_characters_are_never_repaired(ext_b: str, ext_a: str) -> None:
    # text full of characters news rarely uses (extension A and B, names, classical Chinese)
    # is not garbled: no repair, nothing listed
    for text in (ext_b + ext_a, ext_a + "\n" + ext_b,
                 "子曰：學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？",
                 "龔龑、爨䶮、𠮷野家、㛃媖、彧、翀、犇、淼、鑫、垚、燚、靐、龘等人出席了會議。"):
        ctx = OpContext()
        assert repair(text, ctx) == []
        assert "suspect_spans" not in ctx.meta


JAPANESE = [
    "東京都は二十日、新型ウイルスの感染者が新たに確認されたと発表した。",
    "大阪府の知事は記者会見で、万博の準備が順調に進んでいると述べた。",
    "気象庁によると、台風は明日の朝にかけて九州に接近する見込みだ。",
    "警察は男を窃盗の疑いで逮捕し、詳しい経緯を調べている。",
    "東京で地震",
    "円相場は一時、一ドル＝百五十円台まで下落した。",
]


def test_japanese_is_never_read_as_cjk_bytes() -> None:
    # Japanese kana are GBK codes too (いると is Big5's 中月午 read as GBK): text in Japanese,
    # its short lines included, stays as it is
    text = "\n".join(JAPANESE)
    ctx = OpContext()
    assert repair(text, ctx) == []
    for line in JAPANESE[:4]:
        assert repair(line, OpContext()) == []


def test_a_japanese_quote_in_chinese_news_stays() -> None:
    quote = "大阪府の知事は記者会見で、万博の準備が順調に進んでいると述べた。"
    text = f"据日本媒体报道，大阪府知事在记者会上表示：\n{quote}\n这是他今年第三次就此表态。"
    assert repair(text, OpContext()) == []


def test_big5_read_as_gbk_beside_a_japanese_line_is_still_repaired() -> None:
    clean = "他們還預計日元將繼續貶值，可能會在1美元兌換118日元至135日元之間浮動。"
    garbled = clean.encode("big5").decode("gb18030")
    assert "らじ" in garbled  # hiragana in runs, but written where Japanese never writes them
    text = f"{JAPANESE[0]}\n{garbled}"
    fixed = apply_spans(text, repair(text, OpContext()), "mojibake.repair")[0]
    assert fixed == f"{JAPANESE[0]}\n{clean}"


def test_a_katakana_word_in_a_language_menu_stays() -> None:
    # a Taiwanese portal's menu names its Japanese edition in katakana
    text = ("中央社 CNA\n繁體中文 English 日本語\nFocus Taiwanフォーカス台湾Espanol\n"
            "行政院今天召開記者會，說明明年度總預算的編列情形。")
    assert repair(text, OpContext()) == []


def test_korean_is_not_evidence_of_mojibake() -> None:
    # no wrong CJK codec writes Hangul syllables (GBK and Big5 have none): Korean text is not
    # searched for garbled pieces, and stays as it is
    text = "서울시는 20일 신규 확진자가 크게 늘었다고 발표했다.\n한국은행은 기준금리를 동결하기로 결정했다."
    assert not precheck(text)
    assert repair(text, OpContext()) == []
    for codec in ("gbk", "big5", "cp950", "gb18030"):
        assert all(len(ch.encode(codec, "ignore")) != 2 for ch in "서울시한국은행")
