"""Pinyin that Simplified→Traditional converters glue after characters: ``區(qū)``, ``他們(men)``.

An annotation is one syllable in parentheses that is a *reading of the character right before
it* (:func:`cleaner.ops.pinyin.reads_as`, pypinyin's table for every character), in any of the
styles converters write: tone marks (``區(qū)``), the neutral tone or all tones unmarked
(``他們(men)``, ``什麼(me)``), tone numbers (``區(qu1)``). Deciding by the reading, not by the
shape of a toned vowel, keeps what only looks like pinyin: ``(WHO)``, ``(PM2.5)``, a name, an
English ``(me)`` after a Latin word, a gloss whose syllable is not the character's reading.

Converters annotate dozens of characters per document; a reporter who glosses a rare place name
(``亳(bó)州``) does it once. So the op fires only in a document that carries at least
``min_per_doc`` annotations, and then removes every one of them.

>>> from cleaner.ops import OpContext
>>> text = "他們(men)在區(qū)裏開會，世界衛生組織(WHO)說什麼(me)都不怕。"
>>> [text[s:e] for s, e, _new in strip_pinyin(text, OpContext())]
['(men)', '(qū)', '(me)']
>>> strip_pinyin("安徽亳(bó)州的芍药花开了。", OpContext())
[]
"""

from __future__ import annotations

import re

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.pinyin import LETTERS, reads_as
from cleaner.text import CJK

# a Han character, then one syllable-shaped token in ASCII or full-width parentheses; the
# pattern starts with the parenthesis (the Han character before it is a look-behind inside),
# so ``re`` scans for the parentheses at C speed instead of trying every position
CANDIDATE = re.compile(f"\\((?<=[{CJK}]\\()([{LETTERS}]{{1,6}}[0-5]?)\\)"
                       f"|（(?<=[{CJK}]（)([{LETTERS}]{{1,6}}[0-5]?)）")


def annotations(text: str) -> list[tuple[int, int]]:
    """Spans of the parentheses after a character that hold one of its readings.

    >>> annotations("區(qū)域和網(wang3)絡，好的(ok)")
    [(1, 5), (8, 15)]
    """
    if "(" not in text and "（" not in text:
        return []
    out = []
    for m in CANDIDATE.finditer(text):
        token = m.group(1) or m.group(2)
        if reads_as(text[m.start() - 1], token):
            out.append((m.start(), m.end()))
    return out


def strip_pinyin(text: str, ctx: OpContext, min_per_doc: int = 2) -> list[Span]:
    """Remove converter pinyin annotations when the document carries enough of them."""
    found = annotations(text)
    if len(found) < min_per_doc:
        return []
    return [(s, e, "") for s, e in found]
