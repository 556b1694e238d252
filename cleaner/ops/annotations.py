"""Hanyu pinyin glued after characters by Simplified→Traditional converters: ``區(qū)``, ``網(wǎng)``.

Converters that annotate "hard" characters do it dozens of times per document; a reporter who
glosses a rare place name (``亳(bó)州``) does it once. So the op only fires on a document
with at least ``min_per_doc`` annotations, and only on a parenthesis that holds one valid
toned pinyin syllable right after a Han character: ``(WHO)``, ``(PM2.5)``, ``(街道)`` never
qualify.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.text import CJK

_INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"]
_FINALS = ["a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "er",
           "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian",
           "iang", "iong", "ua", "uo", "uai", "uan", "uang", "ue", "van", "ueng"]


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """A permissive set of toneless syllables; what matters is rejecting English and codes."""
    return frozenset(i + f for i in _INITIALS for f in _FINALS) | {"ng", "hm", "hng", "n", "m"}


def plain_syllable(token: str) -> str:
    """``lián`` → ``lian``, ``lǜ`` → ``lv``: drop tone marks, spell ü as v."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.replace("u\u0308", "v").replace("ü", "v")


_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION_RE = re.compile(rf"\(([a-z{_TONE_MARKS}]{{1,6}})\)")
_HAN = re.compile(f"[{CJK}]")


def is_pinyin(token: str) -> bool:
    """One syllable, written in lower case, carrying a tone mark (converters always mark it)."""
    if not any(ch in _TONE_MARKS for ch in token):
        return False
    return plain_syllable(token) in _syllables()


def strip_pinyin(text: str, ctx: OpContext, min_per_doc: int = 2) -> list[Span]:
    """Remove converter pinyin annotations when the document carries enough of them."""
    if "(" not in text:
        return []
    spans: list[Span] = [(m.start(), m.end(), "") for m in ANNOTATION_RE.finditer(text)
                         if m.start() > 0 and _HAN.match(text, m.start() - 1)
                         and is_pinyin(m.group(1))]
    return spans if len(spans) >= min_per_doc else []
