"""The dedup key: what two copies of a story have in common once presentation is stripped.

Portals republish a report in another script, with other punctuation, their own dateline and
byline, full-width digits and stray spaces. None of that says whether two texts are the same
story, so the key removes it: Simplified script, NFKC, lower case, only letters and digits, no
datelines, bylines or ``来源`` credits, no inline pinyin annotations. The key is compared, hashed
and shingled, never shown: output always carries the cleaned text.

The key is computed from *cleaned* text (chrome already gone); the patterns here only catch what
a cleaner legitimately keeps (a dateline opening the first paragraph, a byline) and what differs
between copies of one story.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# A dateline or agency lead: "新华社北京9月7日电（记者 张三）", "本报讯", "中新网3月2日电".
_DATELINE = re.compile(
    r"(?:^|(?<=\n))\s*(?:[\u4e00-\u9fff]{1,12}(?:社|网|报|台|讯|电视台|日报|晚报)"
    r"[\u4e00-\u9fff]{0,8}?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯)|本报讯|本报[\u4e00-\u9fff]{0,6}讯)"
)
# Bylines and credits: "（记者 张三 李四）", "记者 张三 通讯员 李四", "来源：人民网", "责任编辑：王五".
_BYLINE = re.compile(
    r"[（(]\s*(?:记者|通讯员|实习生|作者)[^（）()\n]{0,40}[）)]"
    r"|(?:^|(?<=\n))[^\n]{0,16}(?:记者|通讯员|作者|编辑|责编|来源|撰文|摄影|校对)"
    r"\s*[:：]?\s*[^\n]{0,40}(?=\n|$)"
)
# Dates and times as printed in datelines: "2022年09月23日14:54", "2022-02-11 07:03".
_DATETIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
# Inline pinyin annotations some portals add after each character: "区(qū)".
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Z\u00e0-\u01dc\u0300-\u036f]{1,8}[)）]")
# Everything that is not a letter or a digit: punctuation, symbols, spaces, controls.
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _t2s():
    """The OpenCC Traditional→Simplified converter, built once (it loads dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters t2s changes: a document with none of them needs no conversion (most of them)."""
    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    converted = _t2s().convert(block)
    if len(converted) != len(block):  # pragma: no cover - OpenCC maps character to character
        return frozenset(block)
    return frozenset(a for a, b in zip(block, converted, strict=True) if a != b)


def to_simplified(text: str) -> str:
    """Simplified script via OpenCC, skipped for text without Traditional-only characters."""
    if _traditional_chars().isdisjoint(text):
        return text
    return _t2s().convert(text)


def dedup_key(text: str, simplify: bool = True) -> str:
    """Normalise cleaned text for comparison only.

    >>> dedup_key("新華社北京9月7日電（記者 張三）今天，ＡＢＣ 公司發布了區(qū)報告。")
    '今天abc公司发布了区报告'
    """
    text = unicodedata.normalize("NFKC", text)
    if simplify:
        text = to_simplified(text)
    text = _PINYIN.sub("", text)
    text = _DATELINE.sub("", text)
    text = _DATETIME.sub("", text)
    text = _BYLINE.sub("", text)
    return _NOT_WORD.sub("", text).lower()


def key_hash(key: str) -> int:
    """A signed 64-bit hash of the key: equal keys are exact duplicates, found before MinHash."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)
