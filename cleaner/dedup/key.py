"""The dedup key: what two copies of a story have in common once presentation is stripped.

Portals republish a report in another script, with other punctuation, their own dateline and
byline, full-width digits and stray spaces. None of that says whether two texts are the same
story, so the key removes it: Simplified script, NFKC, lower case, only letters and digits, no
datelines, bylines or ``来源`` credits, no inline pinyin annotations. The key is compared, hashed
and shingled, never shown: output always carries the cleaned text.

The key is computed from *cleaned* text (chrome already gone); the patterns here only catch what
a cleaner legitimately keeps (a dateline opening the first paragraph, a byline) and what differs
between copies of one story. Datelines, bylines and credits live at the head and the tail of a
report, so their patterns run on the first ``HEAD`` and the last ``TAIL`` characters only (in
either script, full-width or not), never over the body.

Two implementations compute the same key. :func:`dedup_key` is the reference for one text
(``unicodedata`` NFKC, OpenCC, ``re``). :func:`dedup_keys` does a whole batch as one code-point
array: a table lookup per character maps full-width forms to ASCII, lowers ASCII letters and
drops everything that is not a letter or a digit (a compiled loop, or numpy); the few documents
holding a character the table cannot settle alone (Traditional, other compatibility forms,
combining marks, characters beyond the BMP) take the reference path. The tests hold the two to
the same output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cleaner.lexicon import default_lexicon

HEAD = 200  # characters at the start of a text where datelines and bylines are looked for
TAIL = 150  # ... and at its end
_CUT = "\x00"  # marks a region cut inside a line, so that ^ and $ cannot match at the cut

# Inline pinyin annotations some portals add after each character: "区(qū)". The pattern opens
# with the parenthesis, so the search skips ahead at C speed, and looks back for the character.
_PINYIN = re.compile(
    r"[(（](?<=[\u4e00-\u9fff][(（])[a-zA-Zａ-ｚＡ-Ｚ\u00e0-\u01dc\u0300-\u036f]{1,8}[)）]"
)
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
    block = "".join(chr(c) for c in range(0x3400, 0xA000))
    converted = _t2s().convert(block)
    if len(converted) != len(block):  # pragma: no cover - OpenCC maps character to character
        return frozenset(block)
    return frozenset(a for a, b in zip(block, converted, strict=True) if a != b)


def to_simplified(text: str) -> str:
    """Simplified script via OpenCC, skipped for text without Traditional-only characters."""
    if _traditional_chars().isdisjoint(text):
        return text
    return _t2s().convert(text)


_FOUR_DIGITS = re.compile(r"\d\d\d\d")  # cheap tests that skip most regions


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Agency lead, printed date, credit line and credit word, from the lexicon
    (``rules/lexicon/dedup.toml``), compiled on first use."""
    lex = default_lexicon()
    return (lex.regex("agency_lead"), lex.regex("print_date"), lex.regex("credit_line"),
            re.compile(lex.alternation("credit")))


def _strip_region(text: str) -> str:
    lead, date, credit_line, credit_word = _patterns()
    text = lead.sub("", text)
    if _FOUR_DIGITS.search(text):
        text = date.sub("", text)
    if credit_word.search(text):
        text = credit_line.sub("", text)
    return text


def strip_ends(text: str) -> str:
    """Pinyin annotations removed everywhere; datelines, dates and bylines at head and tail.

    A region cut inside a line carries ``_CUT`` on the cut side, which no pattern crosses: a
    line-anchored pattern cannot take the cut for a line start or end. ``_CUT`` is not a word
    character, so the key drops it with the punctuation.
    """
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    n = len(text)
    if n <= HEAD + TAIL:
        return _strip_region(text)
    tail_at = n - TAIL
    head = text[:HEAD] if text[HEAD] == "\n" else text[:HEAD] + _CUT
    tail = text[tail_at:] if text[tail_at - 1] == "\n" else _CUT + text[tail_at:]
    return _strip_region(head) + text[HEAD:tail_at] + _strip_region(tail)


def _normalize(text: str, simplify: bool) -> str:
    key = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())
    return to_simplified(key) if simplify else key


def dedup_key(text: str, simplify: bool = True) -> str:
    """Normalise cleaned text for comparison only (the reference for one text).

    >>> dedup_key("新華社北京9月7日電（記者 張三）今天，ＡＢＣ 公司發布了區(qū)報告。")
    '今天abc公司发布了区报告'
    """
    return _normalize(strip_ends(text), simplify)


# ---------------------------------------------------------------- the batch path
_SLOW = np.uint32(0xFFFFFFFF)  # table value: this character needs the reference path
_EXPAND = np.uint32(0x80000000)  # table value flag: expands to two code points (see below)
_ASTRAL, _ASTRAL_END = 0x20000, 0x32400  # CJK extensions B to H and compatibility
_GOLD = np.uint64(0x9E3779B97F4A7C15)
_P = np.uint64(0x100000001B3)


@lru_cache(maxsize=1)
def char_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the key makes of every BMP character when it stands among simple ones.

    ``table[c]``: ``0`` dropped (not a letter or digit once normalised); ``_SLOW`` only the
    reference can tell (it composes or reorders with a neighbour, its case depends on context,
    or it expands to more than two characters); ``_EXPAND | i`` it becomes the two code points
    ``pairs[i]`` (``㎡`` → ``m2``, ``⑳`` → ``20``); otherwise the code point it becomes.
    ``traditional[c]``: the character is one OpenCC's t2s changes, so the key goes through t2s.
    ``astral[c - ASTRAL]``: a character of the supplementary ideographic planes that the key
    keeps as it is (the other characters beyond the BMP take the reference path).
    """
    composes = {0x3099, 0x309A, 0x03A3}  # kana voicing marks; capital sigma lowers by context
    composes.update(range(0x1161, 0x1176))  # Hangul medial vowels join an initial
    composes.update(range(0x11A8, 0x11C3))  # Hangul finals join a syllable
    for c in range(0x10000):
        s = chr(c)
        d = unicodedata.decomposition(s)
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                composes.add(int(parts[1], 16))
        if unicodedata.combining(s):
            composes.add(c)
    table = np.zeros(0x10000, dtype=np.uint32)
    pairs: list[tuple[int, int]] = []
    for c in range(0x10000):
        if 0xD800 <= c <= 0xDFFF or c in composes:
            table[c] = 0 if 0xD800 <= c <= 0xDFFF else _SLOW  # lone surrogates are no words
            continue
        s = chr(c)
        m = unicodedata.normalize("NFKC", s)
        if any(ord(x) in composes or unicodedata.normalize("NFKC", x) != x for x in m):
            table[c] = _SLOW
            continue
        word = "".join(x for x in m.lower() if x.isalnum())
        if len(m.lower()) != len(m) or len(word) > 2 or (
            len(word) == 2 and _traditional_chars().intersection(word)
        ):
            table[c] = _SLOW
        elif len(word) == 2:
            table[c] = _EXPAND | np.uint32(len(pairs))
            pairs.append((ord(word[0]), ord(word[1])))
        elif word:
            table[c] = ord(word)
    traditional = np.zeros(0x10000, dtype=np.bool_)
    traditional[[ord(x) for x in _traditional_chars()]] = True
    astral = np.zeros(_ASTRAL_END - _ASTRAL, dtype=np.bool_)
    for c in range(_ASTRAL, _ASTRAL_END):
        x = chr(c)
        astral[c - _ASTRAL] = (x.isalnum() and unicodedata.normalize("NFKC", x) == x
                               and not unicodedata.combining(x) and x.lower() == x)
    return table, np.array(pairs, dtype=np.uint32).reshape(-1, 2), traditional, astral


def _build_kernels():  # pragma: no cover - exercised only where numba is installed
    import numba

    @numba.njit(cache=True, nogil=True)
    def map_kernel(cps, offsets, table, pairs, traditional, astral, out, out_offsets, flags):
        w = 0
        for d in range(len(offsets) - 1):
            out_offsets[d] = w
            for i in range(offsets[d], offsets[d + 1]):
                c = cps[i]
                if c > 0xFFFF:
                    if 0x20000 <= c < 0x32400 and astral[c - 0x20000]:
                        out[w] = c
                        w += 1
                    else:
                        flags[d] |= 1
                    continue
                m = table[c]
                if m == 0:
                    continue
                if m == 0xFFFFFFFF:
                    flags[d] |= 1
                elif m & 0x80000000:
                    out[w] = pairs[m & 0x7FFFFFFF, 0]
                    out[w + 1] = pairs[m & 0x7FFFFFFF, 1]
                    w += 2
                else:
                    if m <= 0xFFFF and traditional[m]:
                        flags[d] |= 2
                    out[w] = m
                    w += 1
        out_offsets[len(offsets) - 1] = w
        return w

    @numba.njit(cache=True, nogil=True)
    def hash_kernel(cps, offsets, hashes):
        for d in range(len(offsets) - 1):
            start = offsets[d]
            total = np.uint64(0)
            for i in range(start, offsets[d + 1]):
                x = np.uint64(cps[i]) * _P + np.uint64(i - start + 1) * _GOLD
                x ^= x >> np.uint64(33)
                x *= np.uint64(0xFF51AFD7ED558CCD)
                x ^= x >> np.uint64(33)
                x *= np.uint64(0xC4CEB9FE1A85EC53)
                x ^= x >> np.uint64(33)
                total += x
            h = total ^ (np.uint64(offsets[d + 1] - start) * _GOLD)
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xFF51AFD7ED558CCD)
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xC4CEB9FE1A85EC53)
            h ^= h >> np.uint64(33)
            hashes[d] = h
        return hashes

    return map_kernel, hash_kernel


_KERNELS = None


def _kernels():
    global _KERNELS
    if _KERNELS is None:
        try:
            _KERNELS = _build_kernels()
        except ImportError:
            _KERNELS = False
    return _KERNELS


def _fmix(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


def _doc_numbers(offsets: np.ndarray, total: int) -> np.ndarray:
    return np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))[:total]


def hash_codepoints(cps: np.ndarray, offsets: np.ndarray, compiled: bool = True) -> np.ndarray:
    """A signed 64-bit hash of each key: the sum of mixed (character, position) terms, mixed
    with the length. Equal keys are exact duplicates, found before MinHash."""
    docs = len(offsets) - 1
    hashes = np.zeros(docs, dtype=np.uint64)
    kernels = _kernels() if compiled else False
    if kernels:
        kernels[1](cps, offsets, hashes)
        return hashes.view(np.int64)
    if len(cps):
        doc = _doc_numbers(offsets, len(cps))
        pos = np.arange(len(cps), dtype=np.uint64) - offsets[doc].astype(np.uint64) + np.uint64(1)
        with np.errstate(over="ignore"):
            terms = _fmix(cps.astype(np.uint64) * _P + pos * _GOLD)
            nonempty = np.flatnonzero(np.diff(offsets) > 0)
            hashes[nonempty] = np.add.reduceat(terms, offsets[nonempty])
    with np.errstate(over="ignore"):
        hashes ^= np.diff(offsets).astype(np.uint64) * _GOLD
        return _fmix(hashes).view(np.int64)


def key_hash(key: str) -> int:
    """The 64-bit hash :func:`dedup_keys` gives a key (for one key given as a string)."""
    cps = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    return int(hash_codepoints(cps, np.array([0, len(cps)], dtype=np.int64))[0])


def _encode(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = "".join(texts).encode("utf-32-le", "surrogatepass")
    return np.frombuffer(data, dtype=np.uint32), offsets


@dataclass
class Keys:
    """A batch of keys as one code-point array: key ``i`` is ``cps[offsets[i]:offsets[i+1]]``."""

    cps: np.ndarray
    offsets: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self.cps[self.offsets[i] : self.offsets[i + 1]].tobytes().decode("utf-32-le")

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)


def _map_numpy(cps, offsets, table, pairs, traditional, astral):
    """The numpy twin of the compiled ``map_kernel``."""
    docs = len(offsets) - 1
    doc = _doc_numbers(offsets, len(cps))
    mapped = table[np.minimum(cps, 0xFFFF)]
    big = cps > 0xFFFF
    inside = (cps >= _ASTRAL) & (cps < _ASTRAL_END)
    ok = big & inside
    ok[ok] = astral[cps[ok] - _ASTRAL]
    mapped[big] = _SLOW
    mapped[ok] = cps[ok]
    flags = np.zeros(docs, dtype=np.uint8)
    flags[np.unique(doc[mapped == _SLOW])] |= 1
    keep = (mapped != 0) & (mapped != _SLOW)
    mapped, doc = mapped[keep], doc[keep]
    flags[np.unique(doc[traditional[np.minimum(mapped, 0xFFFF)] & (mapped <= 0xFFFF)])] |= 2
    wide = (mapped & _EXPAND) != 0
    width = np.where(wide, 2, 1)
    out = np.empty(int(width.sum()), dtype=np.uint32)
    at = np.cumsum(width) - width
    out[at[~wide]] = mapped[~wide]
    two = pairs[(mapped[wide] & ~_EXPAND).astype(np.int64)]
    out[at[wide]], out[at[wide] + 1] = two[:, 0], two[:, 1]
    counts = np.zeros(docs + 1, dtype=np.int64)
    np.add.at(counts, doc + 1, width)
    return out, np.cumsum(counts), flags


def dedup_keys(texts: Sequence[str], simplify: bool = True, compiled: bool = True) -> Keys:
    """Keys of a batch of texts, equal to ``[dedup_key(t) for t in texts]``, with their hashes."""
    pre = [strip_ends(t) for t in texts]
    cps, offsets = _encode(pre)
    table, pairs, traditional, astral = char_tables()
    kernels = _kernels() if compiled else False
    docs = len(pre)
    if kernels:
        out = np.empty(2 * len(cps), dtype=np.uint32)
        out_offsets = np.empty(docs + 1, dtype=np.int64)
        flags = np.zeros(docs, dtype=np.uint8)
        used = kernels[0](cps, offsets, table, pairs, traditional, astral, out,
                          out_offsets, flags)
        out = out[:used]
    else:
        out, out_offsets, flags = _map_numpy(cps, offsets, table, pairs, traditional, astral)
    if not simplify:
        flags &= 1
    redo = np.flatnonzero(flags)
    if len(redo):
        lengths = np.diff(out_offsets)
        pieces = [out[out_offsets[d] : out_offsets[d + 1]] for d in range(docs)]
        for d in redo:
            if flags[d] & 1:  # the reference path
                key = _normalize(pre[d], simplify)
            else:  # simple characters, some Traditional: t2s on the key
                key = _t2s().convert(out[out_offsets[d] : out_offsets[d + 1]].tobytes()
                                     .decode("utf-32-le"))
            pieces[d] = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            lengths[d] = len(pieces[d])
        out = np.concatenate(pieces) if pieces else out
        out_offsets = np.zeros(docs + 1, dtype=np.int64)
        np.cumsum(lengths, out=out_offsets[1:])
    out = np.ascontiguousarray(out, dtype=np.uint32)
    return Keys(out, out_offsets, hash_codepoints(out, out_offsets, compiled))
