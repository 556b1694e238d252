"""Converter pinyin annotations: removed in every style, real parentheticals kept.

An annotation is decided by the reading table (is the syllable a reading of the character
before it?), so the tests build annotated text from that table in the three styles converters
write, and mix it with the parentheticals real news carries: abbreviations, measurements,
names, English words, Chinese glosses.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.ops.annotations import annotations, strip_pinyin
from cleaner.ops.pinyin import STYLES, readings, reads_as, styled

SENTENCES = [
    "當地創新驅動發展戰略取得實質進展。",
    "他們說什麼都不怕，那麼我們就開始吧。",
    "網絡安全監管部門對這些問題進行了調查。",
    "記者從區委宣傳部了解到，該項目已經完成。",
    "經濟運行總體平穩，質量效益穩步提升。",
]
# parentheticals that real Chinese news carries and that must stay, whatever the document
REAL = [
    "(WHO)", "(PM2.5)", "(COVID-19)", "(GDP)", "(iPhone)", "(Li Wei)", "(Smith)", "(2019)",
    "(图)", "(街道)", "(溫明霞)", "(記者 王芳)", "(ok)", "(see)", "(a)", "(b)", "(vs)",
    "（NASA）", "（见图）", "(mRNA)", "(5G)", "(km)", "(kg)", "(me too)",
]
def annotate(text: str, style: str) -> str:
    """Every character of ``text`` that Simplification changes, followed by its reading."""
    table = readings()
    out = []
    for ch in text:
        out.append(ch)
        pys = table.get(ch)
        if pys and ch in "當創驅發戰實質進們說麼開網絡監管門對問題進調記區經濟運總穩質效":
            out.append(f"({styled(pys[0], style, pys)})")
    return "".join(out)


def _strip(text: str) -> str:
    return apply_spans(text, strip_pinyin(text, OpContext()), "annotations.pinyin")[0]


def test_reading_table_knows_neutral_tones_and_every_style() -> None:
    assert reads_as("們", "men") and reads_as("麼", "me") and reads_as("麼", "me5")
    assert reads_as("區", "qū") and reads_as("區", "qu1") and reads_as("綠", "lǜ")
    assert not reads_as("我", "me") and not reads_as("區", "WHO") and not reads_as("區", "qu9")


def test_every_style_is_removed() -> None:
    clean = "".join(SENTENCES)
    for style in STYLES:
        annotated = annotate(clean, style)
        assert annotated != clean
        assert _strip(annotated) == clean, style


def test_single_gloss_is_the_authors() -> None:
    text = "安徽亳(bó)州的芍药花开了。他们(men)都来看。"
    assert _strip("安徽亳(bó)州的芍药花开了。") == "安徽亳(bó)州的芍药花开了。"
    assert _strip(text) == "安徽亳州的芍药花开了。他们都来看。"  # two: a converter's document


def test_latin_word_before_parenthesis_is_not_a_character() -> None:
    text = "他说“Tell (me) more”，他們(men)笑了，什麼(me)也沒說。"
    assert _strip(text) == "他说“Tell (me) more”，他們笑了，什麼也沒說。"


def test_gloss_that_is_not_the_reading_stays() -> None:
    assert annotations("我(me)和你(you)，龍(dragon)") == []


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(REAL)), min_size=1, max_size=6),
    st.sampled_from(STYLES),
    st.booleans(),
)
def test_real_parentheticals_stay(parts: list[tuple[str, str]], style: str, annotated: bool) -> None:
    """Clean text with real parentheticals after characters and words is unchanged; in a
    converter's document only the annotations go and every real parenthetical stays."""
    clean = "".join(s[:-1] + real + s[-1] for s, real in parts)
    if not annotated:
        assert strip_pinyin(clean, OpContext()) == []
        return
    assert _strip(annotate(clean, style)) == clean
