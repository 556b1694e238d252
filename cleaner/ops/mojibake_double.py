"""Repair of classic double decodings: bytes in one encoding read as another.

``浜烘皯鏃ユ姤`` is UTF-8 read as GBK, ``ÈËÃñÈÕ±¨`` GBK read as Latin-1, and so on. Each is
undone by encoding the text back with the codec it was wrongly read with and decoding the bytes
with the right one; both steps must succeed strictly. A reading is taken only when the
language model finds it clearly more plausible, so clean text (where such a round trip is
either impossible or produces nonsense) is never touched. UTF-8 read as Latin-1/cp1252, and
double-encoded UTF-8, are ftfy's domain and go through ``ftfy.fix_encoding``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.ops.charlm import DocLM

# (name, codec the text was wrongly decoded with, codec the bytes really were in)
KINDS: list[tuple[str, str, str]] = [
    ("utf8_as_gbk", "gb18030", "utf-8"),
    ("utf8_as_big5", "big5", "utf-8"),
    ("gbk_as_latin1", "latin-1", "gbk"),
    ("gbk_as_cp1252", "cp1252", "gbk"),
    ("big5_as_latin1", "latin-1", "big5"),
    ("big5_as_cp1252", "cp1252", "big5"),
    ("big5_as_gbk", "gb18030", "big5"),
    ("gbk_as_big5", "big5", "gbk"),
]
# Latin-1 and the cp1252 extras: the alphabet of Chinese bytes read as a Western encoding
LATIN = re.compile(
    r"[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013-\u203a\u20ac\u2122]"
)
RUN = re.compile(r"[^\x00-\x7f]+(?:[\x21-\x7e]{1,2}[^\x00-\x7f]+)*")
GAIN_PER_CHAR = 2.0  # nats per character a reading must gain over the garbled text
GAIN_TOTAL = 8.0
MAX_RUN = 120


@dataclass(slots=True)
class DoubleRepair:
    start: int
    end: int
    new: str
    kind: str
    confidence: float


def _per_char(lm: DocLM, text: str) -> float:
    return lm.score(text) / max(1, len(text))


def _better(lm: DocLM, old: str, new: str) -> float | None:
    """The per-character gain of ``new`` over ``old``, if it is clearly more plausible."""
    if not new or new == old or "\ufffd" in new:
        return None
    if sum(1 for c in new if 0xE000 <= ord(c) <= 0xF8FF or ord(c) < 0x20 and c not in "\n\t"):
        return None
    gain = _per_char(lm, new) - _per_char(lm, old)
    total = lm.score(new) - lm.score(old)
    if gain >= GAIN_PER_CHAR and (total >= GAIN_TOTAL or gain * len(new) >= GAIN_TOTAL):
        return gain
    return None


def _try_kinds(lm: DocLM, piece: str, latin: bool) -> tuple[str, str, float] | None:
    best: tuple[str, str, float] | None = None
    for name, wrong, right in KINDS:
        if ("latin" in name or "cp1252" in name) != latin:
            continue
        try:
            new = piece.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        gain = _better(lm, piece, new)
        if gain is not None and (best is None or gain > best[2]):
            best = (new, name, gain)
    if latin:
        import ftfy

        new = ftfy.fix_encoding(piece)
        gain = _better(lm, piece, new)
        if gain is not None and (best is None or gain > best[2]):
            best = (new, "utf8_as_latin1", gain)
    return best


def repair_lines(text: str, lm: DocLM, rare: bool) -> list[DoubleRepair]:
    """Repairs per line, or per non-ASCII run of a line when the whole line does not decode."""
    out: list[DoubleRepair] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        latin = bool(LATIN.search(line))
        if not latin and not rare:
            continue
        if not latin and line.isascii():
            continue
        whole = _try_kinds(lm, line, latin)
        if whole:
            new, kind, gain = whole
            out.append(DoubleRepair(start, start + len(line), new, kind, _conf(gain)))
            continue
        pattern = re.compile(r"[\x80-\xff][\x20-\xff]*[\x80-\xff]|[\x80-\xff]") if latin else RUN
        for m in pattern.finditer(line):
            for a, b, new, kind, gain in _pieces(lm, m.group(), latin):
                out.append(DoubleRepair(start + m.start() + a, start + m.start() + b, new, kind,
                                        _conf(gain)))
    return out


def _pieces(lm: DocLM, run: str, latin: bool) -> list[tuple[int, int, str, str, float]]:
    """Greedy longest garbled pieces of a run that mixes garbled and clean text."""
    got = _try_kinds(lm, run, latin)
    if got:
        return [(0, len(run), *got)]
    out = []
    n = min(len(run), MAX_RUN)
    i = 0
    while i < n - 1:
        for j in range(n, i + 1, -1):
            got = _try_kinds(lm, run[i:j], latin)
            if got:
                out.append((i, j, *got))
                i = j
                break
        else:
            i += 1
    return out


def _conf(gain: float) -> float:
    return round(min(0.99, 0.5 + gain / 10.0), 3)
