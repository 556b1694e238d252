"""Evidence of mojibake: what garbled text shows and clean Chinese text does not.

Clean text is the common case, and ordinary Chinese news is full of characters that a naive
check mistakes for garbage: curly quotes, dashes, the ellipsis, the middle dot (all in the
cp1252 range), full-width brackets, a question mark typed as ASCII (``吗?``), icon-font glyphs
in the private-use area. None of them, alone, is evidence. What each kind of damage shows:

* UTF-8 read as Latin-1/cp1252 (:data:`UTF8_AS_LATIN`): *runs* in the byte shape of UTF-8,
  a lead ``â``–``ï`` and two continuation characters (``äº¬`` is 京), twice in a row; double
  UTF-8 shows ``Ã``/``Â`` each followed by a continuation character, three times in a row;
* GBK or Big5 read as Latin-1 (:data:`CJK_AS_LATIN`): three lead/trail pairs in a row
  (``ÈËÃñ``, ``¤¤¤å``) made of at least three different characters (``······`` is a leader
  line, not garbage);
* a GBK stream out of character alignment (:func:`qmark_evidence`, :func:`pua_evidence`): a
  ``?`` or a user-defined-area character with the converter's pinyin glued to it, or next to
  a run of characters Chinese news rarely uses;
* CJK double decodings: lines full of rare characters (``mojibake._rare_lines``).

Example::

    >>> precheck_latin("他说：“这是真的……”——记者 Orléan 报道·北京")
    False
    >>> precheck_latin("äººæ°‘æ—¥æŠ¥")
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from cleaner.ops.charlm import unigram_counts

PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
# An annotation may hold another one: a later key matched the bytes of a tone letter.
ANNOTATION = re.compile(rf"\(([{PINYIN}]{{1,7}})(?:\([{PINYIN}]{{1,7}}\)[{PINYIN}]{{0,6}})?\)")
TAIL = re.compile(rf"([{PINYIN}]{{1,7}})(?:\([{PINYIN}]{{1,7}}\)[{PINYIN}]{{0,6}})?\)")

# cp1252 characters for the bytes 0x80-0x9F, and those bytes as Latin-1 decodes them
_CP1252 = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
_CP1252 += "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
CONT = f"[\\x80-\\xbf{_CP1252}]"  # a UTF-8 continuation byte read as Latin-1 or cp1252
UTF8_AS_LATIN = re.compile(
    f"(?:[\\xe2-\\xef]{CONT}{CONT}){{2}}|(?:[\\xc2\\xc3]{CONT}){{3}}|[\\xe4-\\xe9]{CONT}{CONT}[\\xe4-\\xe9]"
)


def _high(codec: str, lo: int, hi: int) -> str:
    """What ``codec`` makes of the bytes ``lo``..``hi`` beyond Latin-1 (a regex class body)."""
    chars = bytes(range(lo, hi + 1)).decode(codec, errors="ignore")
    # quotes, dashes and the ellipsis are everyday Chinese punctuation, never evidence
    return "".join(re.escape(c) for c in chars if ord(c) > 0xFF and not 0x2010 <= ord(c) <= 0x2027)


# GBK lead bytes as Windows-1250 and MacRoman show them (ČËĂń, »À√Ò), and trail bytes
_LEAD_X = _high("cp1250", 0xA1, 0xFE) + _high("mac_roman", 0xA1, 0xFE)
_TRAIL_X = _high("cp1250", 0x80, 0xFE) + _high("mac_roman", 0x80, 0xFE)
# a GBK/Big5 lead byte and a trail byte, read as Latin-1/cp1252/cp1250/MacRoman (Big5 trails
# include ASCII)
_CJK_PAIR = f"[\\xa1-\\xfe{_LEAD_X}][\\x40-\\x7e\\xa1-\\xfe{_CP1252}\\x80-\\x9f{_TRAIL_X}]"
CJK_AS_LATIN = re.compile(f"(?:{_CJK_PAIR}){{3}}")
CJK_AS_LATIN_RUN = re.compile(f"(?:{_CJK_PAIR}){{3,}}")
"""A whole run of such pairs (what is listed when no reading of it is taken)."""
# Latin-1 and the cp1252 extras: which characters of a line a Western reading may explain
LATIN = re.compile(f"[\\x80-\\xff{_CP1252}]")

COMMON_CHARS = 4500
# punctuation and symbols are never rare, whatever the table says of them; nor are Hangul
# syllables, which no wrong CJK codec writes (GBK and Big5 have none), so that Korean text is
# not searched for garbled pieces
NOT_RARE = (
    "\\u00a0-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u2100-\\u24ff\\u25a0-\\u27bf"
    "\\u3000-\\u303f\\uff01-\\uff65\\ufe30-\\ufe6f\\uac00-\\ud7a3"
)
QUESTION_END = "吗嗎呢么麼吧啊嘛呀哪谁誰何?？"
CLOSERS = "”’」』）)》〉】\"' \t\r\n"
QMARK_RUN = 6  # characters after a "?" where the out-of-step run shows
RARE_NEAR = 2  # rare characters near a "?" or private-use character that make it evidence


# Japanese: hiragana in runs (okurigana and particles: された, について) that make a quarter of
# a line's wide characters, and no small kana where Japanese never writes one (a small vowel,
# or ゃゅょ after anything but an i-row kana). GBK or Big5 read with the other codec writes
# hiragana too (Big5's 中 read as GBK is ぃ), mostly one at a time among Hanzi and with small
# kana anywhere: of 93,210 People's Daily sentences read with a wrong CJK codec, 7 have the
# runs and the share and none passes the whole test; of 20 Japanese news sentences written for
# it, 16 pass, and a document where most lines that hold hiragana pass is Japanese throughout.
_HIRAGANA = "\u3041-\u309f"
_KATAKANA = "\u30a1-\u30fa\u30fc"  # the letters and the long-vowel mark ー
HIRAGANA = re.compile(f"[{_HIRAGANA}]")
HIRAGANA_RUN = re.compile(f"[{_HIRAGANA}]{{2,}}")
KANA = re.compile(f"[{_HIRAGANA}\u30a0-\u30ff]")  # hiragana, and the whole katakana block
KATAKANA_RUN = re.compile(f"[{_KATAKANA}]{{3,}}")
# a Japanese word in kana (山下やよい, 黒川きらら): three kana in a row are in 23 of 38,382
# lines of People's Daily read with a wrong CJK codec, so a line that reads whole may hold one,
# but a piece of a line that holds one is not read as CJK bytes (``double._pieces``)
KANA_WORD = re.compile(f"[{_HIRAGANA}{_KATAKANA}]{{3,}}")
_I_ROW = "きぎしじちぢにひびぴみりキギシジチヂニヒビピミリ"
NOT_JAPANESE_KANA = re.compile(f"[ぁぃぅぇぉゎ]|(?<![{_I_ROW}])[ゃゅょ]")
JA_RUNS = 2
JA_SHARE = 0.25


def japanese_line(line: str) -> bool:
    """Does ``line`` read as Japanese (see :data:`HIRAGANA_RUN`)?

    >>> japanese_line("東京都は二十日、新型ウイルスの感染者が確認されたと発表した。")
    True
    >>> japanese_line("いゅぇみ")  # Big5 bytes of 中文之心 read as GBK
    False
    >>> japanese_line("垦菠稱琌狥よゅて疭︹琌い瓣肚参ゅてい弘地")  # runs, but a stray small ゅ
    False
    """
    if len(HIRAGANA_RUN.findall(line)) < JA_RUNS or NOT_JAPANESE_KANA.search(line):
        return False
    wide = sum(1 for c in line if ord(c) > 0x7F)
    return len(HIRAGANA.findall(line)) >= JA_SHARE * wide


def katakana_word(line: str) -> bool:
    """Does ``line`` hold a word in katakana (three or more in a row, ``ー`` counted)?
    Japanese writes loanwords and names so (フォーカス台湾, a language menu's entry); a wrong
    CJK codec writes katakana too, but three in a row in 2 of the 93,210 sentences above, and
    never beside ``ー``.

    >>> katakana_word("Focus Taiwanフォーカス台湾Espanol"), katakana_word("他ぃ說ゅ")
    (True, False)
    """
    return any(not set(run) <= {"ー"} for run in KATAKANA_RUN.findall(line))


def japanese_document(text: str) -> bool:
    """Is ``text`` Japanese: two lines or more read as Japanese, and at least half of the
    lines that hold hiragana? Then its short lines (a headline with one particle) are
    Japanese too.

    >>> japanese_document("東京で地震\\n気象庁によると、揺れは震度四だった。\\n住民らは不安を募らせている。")
    True
    >>> japanese_document("东京发生地震\\n据日本气象厅消息，震度四级。")
    False
    """
    with_hiragana = [line for line in text.split("\n") if HIRAGANA.search(line)]
    found = sum(map(japanese_line, with_hiragana))
    return found >= 2 and 2 * found >= len(with_hiragana)


@lru_cache(maxsize=1)
def rare_pattern() -> re.Pattern[str]:
    """Characters outside the common vocabulary of Chinese news (either script)."""
    uni = unigram_counts()
    common = sorted(uni, key=lambda c: -uni[c])[:COMMON_CHARS]
    body = "".join(re.escape(c) for c in common if ord(c) > 0x7F)
    return re.compile(f"[^\\x00-\\x7f\\s{NOT_RARE}{body}]")


WIDE = re.compile(f"[^\\x00-\\x7f\\s{NOT_RARE}]")  # what a rare character is a share of

UDA_FIRST, UDA_LAST = 0xE000, 0xE864  # the private-use code points of GBK's user-defined area
_UDA = re.compile(f"[{chr(UDA_FIRST)}-{chr(UDA_LAST)}]")


def is_uda(ch: str) -> bool:
    """A private-use character a GBK decoder makes of a user-defined-area pair.

    Icon fonts use the rest of the private-use area (U+F075, U+F0D8 …); those have no GBK
    bytes and say nothing about the encoding.
    """
    return UDA_FIRST <= ord(ch) <= UDA_LAST


def is_private_use(ch: str) -> bool:
    """A character of the private-use area: a GBK user-defined pair's (:func:`is_uda`) or an
    icon font's (U+F075, U+F0D8): neither is a rare character of the text."""
    return "\ue000" <= ch <= "\uf8ff"


RARE_SHARE = 0.3  # share of uncommon characters in a line that suggests a CJK double decoding
RARE_MIN = 4
DENSE_DISTINCT = 2  # rare characters, not private-use ones, a dense run must hold


def rare_run(text: str, start: int, end: int, found: list[int]) -> bool:
    """Is the line ``text[start:end]`` full of characters Chinese news rarely uses, or does it
    hold a dense run of them? ``found``: the offsets of its rare characters, in order.

    Not one glyph repeated, nor icon glyphs beside a rare word (疙瘩：\ue004\ue004, \uf0d8
    高等教育出版社): private-use characters, a decoder's or an icon font's, are not rare
    characters of the text, except in a dense run (:func:`_dense`).

    >>> line = "据报道，緼チ单いァ烩旧说明"
    >>> rare_run(line, 0, len(line), [m.start() for m in rare_pattern().finditer(line)])
    True
    """
    if len(found) < RARE_MIN:
        return False
    distinct = sum(1 for c in {text[p] for p in found} if not is_private_use(c))
    if distinct >= RARE_MIN and len(found) >= RARE_SHARE * len(WIDE.findall(text, start, end)):
        return True
    return _dense(text, found)


def rare_line(line: str) -> bool:
    """:func:`rare_run` for one line on its own."""
    return rare_run(line, 0, len(line), [m.start() for m in rare_pattern().finditer(line)])


def _dense(text: str, found: list[int]) -> bool:
    """Do ``RARE_MIN`` different rare characters (offsets ``found``, of one line, in order)
    fall within twice as many characters, at least :data:`DENSE_DISTINCT` of them not
    private-use? A garbled run inside a line of clean text is that dense (``緼チ单いァ烩旧``
    between two clean clauses; Big5 read as GBK makes private-use characters of many codes);
    the rare words of a clean line, a name here and a place there, an icon glyph repeated
    beside one (疙瘩：\ue004\ue004), are not.

    >>> _dense("ab緼チ单いァ烩", [2, 3, 4, 5, 6, 7]), _dense("疙瘩：\ue004\ue004", [0, 1, 3, 4])
    (True, False)
    """
    for m in range(len(found) - RARE_MIN + 1):
        window = found[m : m + RARE_MIN]
        if window[-1] - window[0] < 2 * RARE_MIN:
            chars = {text[p] for p in window}
            if len(chars) == RARE_MIN \
                    and sum(1 for c in chars if not is_private_use(c)) >= DENSE_DISTINCT:
                return True
    return False


def has_uda(text: str) -> bool:
    """Whether ``text`` holds a character :func:`is_uda` accepts (one C-speed search, where a
    Python loop over a 160,000-character page took a tenth of a second)."""
    return _UDA.search(text) is not None


LATIN_LEAD = re.compile(f"[\xa1-\xfe{_LEAD_X}]")


def precheck_latin(text: str) -> bool:
    """Runs in the byte shape of CJK text read as Latin-1/cp1252 (a single é is not one)."""
    pos = 0
    while True:
        m = LATIN_LEAD.search(text, pos)  # every run starts with one; clean text has few
        if m is None:
            return False
        i = m.start()
        if UTF8_AS_LATIN.match(text, i):
            return True
        run = CJK_AS_LATIN.match(text, i)
        if run and len(set(run.group())) >= 3:
            return True
        pos = i + 1


def _rare_count(text: str) -> int:
    return len(rare_pattern().findall(text))


def qmark_evidence(text: str, i: int) -> bool:
    """Is the ``?`` at ``i`` evidence of a misaligned GBK stream?

    A legacy decoder writes ``?`` for a byte pair it cannot decode, and what follows is out
    of step until an ASCII byte realigns it. Evidence: the converter's pinyin glued to the
    ``?`` (``?shù)``), a user-defined-area character close by, or rare characters in the run
    right after it (``?!币虮簧磉叺``). A ``?`` that ends a question (``吗?``, ``?”``) or sits
    among ordinary characters (``控制?明星``) is text.
    """
    if TAIL.match(text, i + 1):
        return True
    before, after = _near(text, i, 2, QMARK_RUN)
    if has_uda(before + after):
        return True
    left = before[-1:] or "\n"
    right = after[:1] or "\n"
    if ord(left) < 0x80 and ord(right) < 0x80 and right not in "!?" and left != ",":
        return False  # "?" among ASCII: a URL, an English question
    if left in QUESTION_END or right in CLOSERS:
        # a question ends here: only a clearly garbled run after it says otherwise
        return _rare_count(after) >= RARE_NEAR + 1
    return _rare_count(before + after) >= RARE_NEAR


def _near(text: str, i: int, left: int, right: int) -> tuple[str, str]:
    """Up to ``left`` characters before ``i`` and ``right`` after it, within its line.

    A converter's annotation right before ``i`` is skipped: the character it annotates is
    what stands before the ``?`` (``經(jīng)?;`` is 經 then ``?``, not ``)`` then ``?``).

    >>> _near("經(jīng)?;ピL", 7, 1, 1), _near("ab?c", 2, 1, 1)
    (('經', ';'), ('b', 'c'))
    """
    start = i
    glued = _GLUED.search(text, max(0, i - 16), i)
    if glued:
        start = glued.start()
    before = text[max(0, start - left) : start].rsplit("\n", 1)[-1]
    after = text[i + 1 : i + 1 + right].split("\n", 1)[0]
    return before, after


_GLUED = re.compile(rf"(?<=[^\x00-\x7f])(?:{ANNOTATION.pattern})$")  # an annotation ending here


def pua_evidence(text: str, i: int) -> bool:
    """Is the private-use character at ``i`` evidence of a misaligned GBK stream?

    Out-of-step decoding makes user-defined-area pairs among rare characters and ``?``; a
    web page's icon glyph or bullet (``\\ue004中央人民政府``) stands among ordinary text.
    """
    if not is_uda(text[i]):
        return False
    if text[i - 1 : i] == text[i] or text[i + 1 : i + 2] == text[i]:
        return False  # the same glyph twice in a row is a bullet or icon row, not a byte pair
    before, after = _near(text, i, 3, 3)
    near = before + after
    if "?" in near:
        return True
    pua = len({c for c in near if is_uda(c)} - {text[i]})  # a repeated glyph is a bullet row
    rare = _rare_count(near) - sum(1 for c in near if is_uda(c))
    rare_after = _rare_count(after) - sum(1 for c in after if is_uda(c))
    # the decoder is out of step after it: rare characters follow (疙瘩 before a bullet is text)
    return rare_after >= 1 and rare + pua >= RARE_NEAR


WESTERN_CODECS = (
    "latin-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso-8859-2",
    "mac_roman", "cp437",
)
# characters clean Chinese text uses every day, although some codec makes them of a UTF-8 byte
EVERYDAY = "\u00a0\u00a7\u00b0\u00b1\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"


def _decoded(lo: int, hi: int, leave: str = "") -> str:
    """A regex class body: what any of :data:`WESTERN_CODECS` makes of the bytes ``lo``..``hi``."""
    chars = set()
    for codec in WESTERN_CODECS:
        chars.update(bytes(range(lo, hi + 1)).decode(codec, errors="ignore"))
    return "".join(re.escape(c) for c in sorted(chars - set(leave)))


@lru_cache(maxsize=1)
def _suspicious() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # a UTF-8 lead byte and a continuation byte, as some Western codec shows them (Ã´, Ð¾, √©),
    # (or a lost one, U+FFFD), a C1 control character (cp1252 punctuation read as Latin-1), or
    # Ã before a lower-case letter or a space (its soft hyphen or no-break space dropped); and
    # the characters such a match starts with, one class that ``re`` scans for at C speed
    lead, cont = _decoded(0xC2, 0xF4, EVERYDAY), _decoded(0x80, 0xBF)
    return (re.compile(f"[{lead}\\x80-\\x9f\u00c3]"),
            re.compile(f"[{lead}][{cont}\\ufffd]|[\\x80-\\x9f]|\u00c3[a-z ]"))


def suspicious(text: str) -> bool:
    """Does ``text`` hold a UTF-8 lead byte and continuation byte as some Western codec shows
    them (beyond the punctuation Chinese text uses every day)? An accented name is not one.

    >>> suspicious("他说：“这是真的……”——记者 Orléan 报道·北京"), suspicious("HÃ´tel")
    (False, True)
    """
    first, shape = _suspicious()
    start = first.search(text)
    while start is not None:
        if shape.match(text, start.start()):
            return True
        start = first.search(text, start.start() + 1)
    return False


TRIGGER = re.compile(r"[?\ue000-\ue864]")
CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")  # invisible bytes a converter may insert
INSERTED_HINT = re.compile("[,\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f][，。、；！？;!?,]")
CONVERTER_ANNOTATIONS = 3  # glued pinyin annotations that mark a document as the converter's


def converter_document(text: str) -> bool:
    """Does the whole document show the converter's hand?

    Pinyin glued after a ``?`` (``?shù)``), several annotations, or a byte inserted before
    every punctuation mark. In such a document every ``?`` next to CJK text is worth a look.
    """
    if any(TAIL.match(text, m.end()) for m in re.finditer(r"\?", text)):
        return True
    if len(ANNOTATION.findall(text)) >= CONVERTER_ANNOTATIONS:
        return True
    if not INSERTED_HINT.search(text):
        return False
    return inserted_byte(text) is not None


def triggers(text: str) -> list[int]:
    """Positions of ``?`` and private-use characters that are evidence of garbling."""
    out = []
    converter: bool | None = None
    for m in TRIGGER.finditer(text):
        i = m.start()
        if text[i] != "?":
            if pua_evidence(text, i):
                out.append(i)
            continue
        if qmark_evidence(text, i):
            out.append(i)
            continue
        before, after = _near(text, i, 1, 1)
        left, right = before[-1:] or " ", after[:1] or " "
        if ord(left) < 0x80 and ord(right) < 0x80 and right not in "!?" and left != ",":
            continue  # "?" among ASCII: a URL, an English question
        if left in QUESTION_END:
            continue  # a question ends here, and qmark_evidence saw no garble after it
        if converter is None:
            converter = converter_document(text)
        if converter:
            out.append(i)
    return out


def inserted_byte(text: str) -> str | None:
    """The byte the converter put before every ，。、；！？, if the document shows one.

    In such documents nearly every such mark is preceded by the same byte: a visible ``,``
    (``,,`` ``,。``) or an invisible control byte that survived.
    """
    best: str | None = None
    best_hits = 0
    for byte in {",", *CONTROL.findall(text)}:
        b = re.escape(byte)
        marks = re.findall(f"({b}?)[，。、；！？;!?]|({b}?){b}(?=[^{b}])", text)
        hits = sum(1 for a, c in marks if a or c)
        if len(marks) >= 4 and hits >= 3 and hits >= 0.5 * len(marks) and hits > best_hits:
            best, best_hits = byte, hits
    return best
