"""Readings of Chinese characters, to tell a converter's pinyin from a real parenthetical.

The table is pypinyin's (MIT; its data is mozillazg's pinyin-data, MIT), shipped as
``cleaner/data/pinyin.txt.gz`` and rebuilt by ``python scripts/build_charlm.py --pinyin-only``:
one line per character, its readings with tone marks, the commonest first. It is read lazily,
once per process, only when a document shows something that could be pinyin.

Converters write a reading in one of three styles: with tone marks (``區(qū)``), without a
mark for the neutral tone or altogether (``他們(men)``, ``什麼(me)``), or with a tone number
(``區(qu1)``). :func:`syllable` reduces any of them to the bare spelling, which is what is
compared: a token is a reading of a character when their bare spellings agree.

>>> reads_as("們", "men"), reads_as("區", "qū"), reads_as("區", "qu1"), reads_as("我", "me")
(True, True, True, False)
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "pinyin.txt.gz"
# letters a reading may be spelled with, in any style (ê and the syllabic nasals included)
LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
TOKEN = re.compile(f"[{LETTERS}]{{1,6}}[0-5]?")
_TONE_DIGIT = re.compile("[0-5]$")


@lru_cache(maxsize=1)
def readings() -> dict[str, tuple[str, ...]]:
    """Character → its readings with tone marks (commonest first)."""
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            ch, _, pys = line.rstrip("\n").partition("\t")
            out[ch] = tuple(pys.split(","))
    return out


def syllable(token: str) -> str | None:
    """The bare spelling of one pinyin syllable in any style, ü written as v; ``None`` if
    ``token`` is not shaped like one (capitals, digits inside, too long).

    >>> syllable("lǜ"), syllable("Lü"), syllable("men5"), syllable("qū"), syllable("PM2.5")
    ('lv', None, 'men', 'qu', None)
    """
    if not TOKEN.fullmatch(token):
        return None
    token = _TONE_DIGIT.sub("", token)
    decomposed = unicodedata.normalize("NFD", token)
    # ü keeps its diaeresis (a combining mark like the tones): spell it v first
    decomposed = decomposed.replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=16384)
def bare_readings(ch: str) -> frozenset[str]:
    """The bare spellings (:func:`syllable`) of the readings of ``ch``; empty if it has none."""
    return frozenset(s for r in readings().get(ch, ()) if (s := syllable(r)) is not None)


@lru_cache(maxsize=1)
def gbk_readings() -> dict[str, tuple[str, ...]]:
    """:func:`readings` of the two-byte GBK characters of the CJK blocks, in GBK code order
    (what a byte-level converter working in GBK could annotate)."""
    out = []
    for ch, pys in readings().items():
        if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
            continue
        try:
            data = ch.encode("gbk")
        except UnicodeEncodeError:
            continue
        if len(data) == 2:
            out.append((data, ch, pys))
    return {ch: pys for _data, ch, pys in sorted(out)}


STYLES = ("marks", "neutral", "numbers", "bare")
_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def styled(reading: str, style: str, all_readings: tuple[str, ...] = ()) -> str:
    """``reading`` as a converter of ``style`` writes it (to make test and evaluation text).

    ``marks``: tone marks; ``neutral``: a character with a neutral-tone reading among
    ``all_readings`` is annotated with it, unmarked, the rest with tone marks; ``numbers``:
    tone numbers, 5 for the neutral tone; ``bare``: no tones.

    >>> [styled("qū", s, ("qū",)) for s in STYLES], styled("mén", "neutral", ("mén", "men"))
    (['qū', 'qū', 'qu1', 'qu'], 'men')
    """
    if style == "neutral":
        return next((r for r in all_readings if syllable(r) == r), reading)
    if style == "marks":
        return reading
    bare = syllable(reading) or reading
    if style == "bare":
        return bare
    tone = next((_TONES[c] for c in unicodedata.normalize("NFD", reading) if c in _TONES), "5")
    return bare + tone


def reads_as(ch: str, token: str) -> bool:
    """Is ``token`` (in any style) a reading of the character ``ch``?"""
    bare = syllable(token)
    return bare is not None and bare in bare_readings(ch)
