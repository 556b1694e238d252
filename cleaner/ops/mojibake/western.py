"""UTF-8 read as a Western single-byte codec, wherever it is: delegated to ftfy.

Chinese news carries English names, quotes and symbols, and multilingual corpora go through
the same tool, so ``HÃ´tel`` or ``â€œquotedâ€`` is repaired in any line, not only next to
Chinese text. ftfy (``ftfy.fix_encoding``) is right for this family in every language it
knows, and careful not to touch text that only looks odd (``NESTLÉ®``, ``4288×…``); it is
called only on lines that hold a character some Western codec makes of a UTF-8 byte
(``evidence.suspicious``, one C-speed scan) and that ftfy's own badness check flags.

Guards: ftfy's reading must leave nothing that still looks garbled (GBK read as Latin-1 is the
CJK families' to read), a line's repair that *adds* Han characters must also read clearly
better to the character model (``double._better``) — never Greek or Arabic made Han — and a
UTF-8 character whose soft hyphen (byte 0xAD, invisible, often dropped by whatever handled the
text) is missing is given it back only when the model agrees (``ä¸æ–‡`` is ``中文``).

>>> from cleaner.ops.charlm import default_lm
>>> [(r.start, r.end, r.new) for r in repair_lines("Le HÃ´tel de Police", default_lm().adapted(""))]
[(4, 6, 'ô')]
"""

from __future__ import annotations

import re

from cleaner.ops.charlm import DocLM
from cleaner.ops.mojibake.double import DoubleRepair, _better, _try_kinds, lines
from cleaner.ops.mojibake.evidence import CONT, precheck_latin, suspicious
from cleaner.ops.mojibake.gbk import _trimmed

KIND = "utf8_as_western"
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
HIGH_RUN = re.compile("[\u00a1-\u00ff]{3}")
"""Three Latin-1 letters or signs in a row: what CJK bytes read as Latin-1 look like."""
SOFT_HYPHEN_GAP = re.compile(f"([\u00e0-\u00ef])({CONT})(?!{CONT})")


def restore_soft_hyphens(line: str) -> str:
    """Give back the byte 0xAD (a soft hyphen, invisible) where a three-byte UTF-8 character
    read as Latin-1/cp1252 shows only two bytes: it was dropped as an empty character.

    >>> restore_soft_hyphens("ä¸æ–‡")
    'ä¸\\xadæ–‡'
    """
    return SOFT_HYPHEN_GAP.sub("\\1\\2\u00ad", line)


def _fix(line: str, lm: DocLM) -> tuple[str, float] | None:
    """ftfy's reading of ``line`` and a confidence, if it is a repair this family accepts."""
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(line) and not SOFT_HYPHEN_GAP.search(line):
        return None
    new = ftfy.fix_encoding(line)
    if new == line or len(HAN.findall(new)) > len(HAN.findall(line)):
        # new Han characters: only if they read as Chinese (never Greek or French made Han)
        best = new if new != line else None
        restored = ftfy.fix_encoding(restore_soft_hyphens(line))
        gains = [(g, c) for c in (best, restored) if c and (g := _better(lm, line, c)) is not None]
        if not gains:
            return None
        gain, new = max(gains)
        return new, round(min(0.99, 0.5 + gain / 10.0), 3)
    if is_bad(new) or precheck_latin(new):
        return None  # still garbled: ftfy's reading is not the whole story (GBK read as Latin-1)
    if precheck_latin(line) and (HIGH_RUN.search(new)
                                 or _try_kinds(lm, line, True, False, lossy=False) is not None):
        # the line has the shape of CJK bytes read as Latin-1: ftfy's reading of two of its
        # bytes is chance (ÖÜµÂÎä is 周德武, not Ö + a Syriac ܵ + ÂÎä), and so is one that
        # leaves a run of such bytes unexplained (ÕÅºÓÑà is not ÕźÓÑà)
        return None
    return new, 0.9


def repair_lines(
    text: str, lm: DocLM, taken: list[tuple[int, int]] | None = None
) -> list[DoubleRepair]:
    """ftfy's repairs of the lines of ``text`` that no other family touched (``taken``)."""
    if not suspicious(text):
        return []
    taken = taken or []
    out: list[DoubleRepair] = []
    for start, line in lines(text):
        if line.isascii() or not suspicious(line):
            continue
        if any(s < start + len(line) and start < e for s, e in taken):
            continue
        got = _fix(line, lm)
        if got is None:
            continue
        r = _trimmed(start, line, *got, 0)
        out.append(DoubleRepair(r.start, r.end, r.new, KIND, r.confidence, family="latin1"))
    return out
