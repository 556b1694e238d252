"""What an unknown byte of a garbled GBK window may have been, for :mod:`.beam`'s search.

The GBK code tables (every two-byte code and its character, by lead and by trail byte), cut to
the characters likely enough to be worth enumerating, plus the document's own rarer ones; the
characters a whole lost character may be after a given one; the characters a pinyin inserted
by the converter reads as; and the completions of a user-defined-area pair the decoder dropped.
Each list is scored by the document's language model at once (:meth:`DocLM.cond_many`) and the
best :data:`KEEP` are memoised per document, since they depend only on the state.

Kept apart from the search itself so that each reads on its own: the search asks "which
characters could stand here, best first" and never how the tables are built.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
from typing import TYPE_CHECKING

from cleaner.ops.charlm import DocLM, Group, default_lm
from cleaner.ops.pinyin import gbk_readings

if TYPE_CHECKING:  # numpy is imported where it is used: clean text never needs it
    import numpy as np


KEEP = 16  # completions kept per state when an unknown byte is enumerated


COMMON_CHARS = 2500


LIKELY_CHARS = 6000  # characters a lost byte may complete (by frequency), besides the document's


SUCCESSORS = 96  # candidates per previous character where a whole character was lost


def fold(ch: str) -> str:
    """Full-width ASCII (U+FF01–FF5E) to ASCII, as the converter did."""
    o = ord(ch)
    return chr(o - 0xFEE0) if 0xFF01 <= o <= 0xFF5E else ch


@lru_cache(maxsize=2)
def tables(fold_output: bool) -> tuple[dict[int, str], list[list], list[list], list[str]]:
    """(code → char, lead → [(trail, char)], trail → [(lead, char)], common chars).

    The lead and trail lists, which a lost byte is enumerated over, hold only the
    :data:`LIKELY_CHARS` most frequent characters; a document's own rarer characters are
    added per document (:func:`doc_pairs`).
    """
    code_char: dict[int, str] = {}
    by_lead: list[list] = [[] for _ in range(256)]
    by_trail: list[list] = [[] for _ in range(256)]
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            c = fold(ch) if fold_output else ch
            code_char[lead << 8 | trail] = c
    uni = default_lm().uni
    # ties keep code order (a set would order them by string hash, differently per process)
    ranked = sorted(dict.fromkeys(code_char.values()), key=lambda c: -uni.get(c, 0))
    likely = set(ranked[:LIKELY_CHARS])
    for code, c in code_char.items():
        if c in likely:
            by_lead[code >> 8].append((code & 0xFF, c))
            by_trail[code & 0xFF].append((code >> 8, c))
    return code_char, by_lead, by_trail, ranked[:COMMON_CHARS]


@lru_cache(maxsize=1)
def unassigned_firsts() -> tuple[int, ...]:
    """First bytes of the two-byte codes GBK leaves unassigned (outside the user-defined
    area, which a decoder reads as private-use characters or drops).

    A legacy decoder writes such a pair as one ``?``, like a lead byte before an invalid
    byte, but here both bytes were real: out of step, the trail byte of one character and
    the lead byte of the next (``FE 95`` of 會會). Only a few bytes start such codes.

    >>> [hex(b) for b in unassigned_firsts()]
    ['0xa2', '0xa8', '0xa9', '0xfe']
    """
    firsts = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F or lead in firsts:
                continue
            pair = bytes((lead, trail))
            try:
                pair.decode("gbk")
                continue
            except UnicodeDecodeError:
                pass
            try:
                ch = pair.decode("gb18030")
            except UnicodeDecodeError:
                ch = ""
            if not (len(ch) == 1 and 0xE000 <= ord(ch) <= 0xF8FF):
                firsts.add(lead)
    return tuple(sorted(firsts))


@lru_cache(maxsize=2)
def likely_chars(fold_output: bool) -> frozenset[str]:
    return frozenset(c for row in tables(fold_output)[1] for _t, c in row)


def doc_pairs(lm: DocLM, fold_output: bool) -> tuple[dict[int, list], dict[int, list]]:
    """The document's characters outside the likely ones, by lead byte and by trail byte."""
    memo = lm.__dict__.setdefault("_gbk_pairs", {})
    got = memo.get(fold_output)
    if got is None:
        code_char = tables(fold_output)[0]
        likely = likely_chars(fold_output)
        leads: dict[int, list] = {}
        trails: dict[int, list] = {}
        for c in lm.duni:
            if c in likely or ord(c) < 0x80:
                continue
            try:
                data = c.encode("gbk")
            except UnicodeEncodeError:
                continue
            if len(data) == 2 and code_char.get(data[0] << 8 | data[1]) == c:
                leads.setdefault(data[0], []).append((data[1], c))
                trails.setdefault(data[1], []).append((data[0], c))
        got = memo[fold_output] = (leads, trails)
    return got


@lru_cache(maxsize=2)
def common_ids(fold_output: bool) -> frozenset[int]:
    """Table ids of the :data:`COMMON_CHARS` commonest characters (:func:`tables`)."""
    index = default_lm().index
    return frozenset(index[c] for c in tables(fold_output)[3] if c in index)


_SUCCESSORS: dict[bool, dict[str, list[str]]] = {True: {}, False: {}}


def usual_successors(prev: str, fold_output: bool) -> list[str]:
    """The common characters the base model has seen after ``prev``, most frequent first
    (ties go to the larger character), at most :data:`SUCCESSORS`; built from the bigram
    table's row of ``prev`` when first asked for and kept for the process."""
    memo = _SUCCESSORS[fold_output]
    found = memo.get(prev)
    if found is None:
        lm = default_lm()
        first = lm.index.get(prev)
        found = []
        if first is not None:
            chars, common = lm.chars, common_ids(fold_output)
            row = sorted(((n, ord(chars[j]), j) for j, n in lm.bi.row(first).items()
                          if j in common), reverse=True)
            found = [chars[j] for _n, _point, j in row[:SUCCESSORS]]
        memo[prev] = found
    return found


def prepare(fold_output: bool = True) -> None:
    """Build the per-process tables of the search (the first garbled document would pay).
    The lists by byte and by previous character are built when first asked for."""
    default_lm().unigram_probs()
    readings()
    tables(fold_output)
    common_ids(fold_output)


@lru_cache(maxsize=1)
def readings() -> dict[int, frozenset[str]]:
    """GBK code → the pinyin readings of its character (:func:`cleaner.ops.pinyin.gbk_readings`)."""
    return {
        int.from_bytes(ch.encode("gbk"), "big"): frozenset(pys) for ch, pys in gbk_readings().items()
    }


def uda_seconds(first: int) -> range:
    """Second bytes that make a user-defined-area pair with ``first`` and can lead a char."""
    if 0xAA <= first <= 0xAF or 0xF8 <= first <= 0xFE:
        return range(0xA1, 0xFF)
    if 0xA1 <= first <= 0xA7:
        return range(0x81, 0xA1)
    return range(0)


UDA_FIRSTS = [b for b in range(0x81, 0xFF) if len(uda_seconds(b))]


def doc_memo(lm: DocLM, fold_output: bool) -> dict:
    """Per-document memo of enumerated completions: they depend only on the state and the
    document's model, so every window of a document shares them."""
    memos = lm.__dict__.setdefault("_gbk_memo", {})
    memo = memos.get(fold_output)
    if memo is None:
        memo = memos[fold_output] = {}
    return memo


# per byte: the characters in the model's table (scored at once), their codes, and the
# (character, code) pairs outside the table (scored one by one)
Cands = tuple[Group, list[int], list[tuple[str, int]]]


@lru_cache(maxsize=1024)
def code_group(fold_output: bool, by: str, byte: int) -> Cands:
    """The lead (``by="lead"``) or trail list of :func:`tables` for one byte, ready for
    :meth:`DocLM.cond_many` (built when first asked for: a document meets few bytes)."""
    _code_char, by_lead, by_trail, _common = tables(fold_output)
    if by == "lead":
        return as_cands([(c, byte << 8 | t) for t, c in by_lead[byte]])
    return as_cands([(c, ld << 8 | byte) for ld, c in by_trail[byte]])


def as_cands(pairs: list[tuple[str, int]]) -> Cands:
    index = default_lm().index
    inside = [(c, code) for c, code in pairs if c in index and fold(c) == c]
    outside = [(c, code) for c, code in pairs if not (c in index and fold(c) == c)]
    group = default_lm().group([c for c, _code in inside])
    return group, [code for _c, code in inside], outside


def best_of(lm: DocLM, last: str, *parts: Cands) -> list:
    """The best :data:`KEEP` (log-prob, character, code) of ``parts`` after ``last``, best
    first (ties go to the larger character, as tuples compare)."""
    import numpy as np

    scored = []
    cond = lm.cond
    for group, codes, outside in parts:
        if group.chars:
            lps = lm.cond_many(last, group)
            if len(lps) > KEEP:
                kth = np.partition(lps, len(lps) - KEEP)[len(lps) - KEEP]
                top = np.flatnonzero(lps >= kth).tolist()
            else:
                top = range(len(lps))
            chars = group.chars
            values = lps.tolist()
            scored += [(values[j], chars[j], codes[j]) for j in top]
        scored += [(cond(last, c), c, code) for c, code in outside]
    return heapq.nlargest(KEEP, scored)


def lead_cands(lm: DocLM, memo: dict, pend: int, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters with lead byte ``pend`` after ``last``, best first."""
    key = (pend, last)
    cands = memo.get(key)
    if cands is None:
        extra = [(c, pend << 8 | t) for t, c in doc_pairs(lm, fold_output)[0].get(pend, [])]
        cands = memo[key] = best_of(lm, last, code_group(fold_output, "lead", pend), as_cands(extra))
    return cands


def trail_cands(lm: DocLM, memo: dict, trail: int, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters with trail byte ``trail`` after ``last``, best first."""
    key = ("wild", trail, last)
    cands = memo.get(key)
    if cands is None:
        extra = [(c, ld << 8 | trail) for ld, c in doc_pairs(lm, fold_output)[1].get(trail, [])]
        cands = memo[key] = best_of(lm, last, code_group(fold_output, "trail", trail), as_cands(extra))
    return cands


def any_cands(lm: DocLM, memo: dict, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters after ``last`` when both bytes were lost
    (among :func:`shortlist`)."""
    key = ("any", last)
    cands = memo.get(key)
    if cands is None:
        prev = last[-1:] if last else "\n"
        static = usual_after(prev, fold_output)
        seen = static[0].pos
        extra = [(c, 0) for c in doc_successors(lm, prev) if c not in seen]
        cands = memo[key] = best_of(lm, last, static, as_cands(extra))
    return cands


@lru_cache(maxsize=8192)
def usual_after(prev: str, fold_output: bool) -> Cands:
    """The part of :func:`shortlist` that does not depend on the document."""
    common = tables(fold_output)[3]
    out = dict.fromkeys(common[:SUCCESSORS])
    out.update(dict.fromkeys(usual_successors(prev, fold_output)))
    return as_cands([(c, 0) for c in out])


def doc_successors(lm: DocLM, prev: str) -> list[str]:
    return [k[1] for k in lm.dbi if k[0] == prev and k[1] in lm.duni]


@lru_cache(maxsize=1)
def codes_by_reading() -> dict[str, tuple[int, ...]]:
    """Pinyin → the GBK codes of the characters read so."""
    out: dict[str, list[int]] = {}
    for code, pys in readings().items():
        for py in pys:
            out.setdefault(py, []).append(code)
    return {py: tuple(codes) for py, codes in out.items()}


@lru_cache(maxsize=4096)
def read_as(pend: int, pinyin: str, fold_output: bool) -> Cands:
    """Characters read ``pinyin`` with lead byte ``pend`` (any lead byte if ``pend`` < 0)."""
    code_char = tables(fold_output)[0]
    codes = codes_by_reading().get(pinyin, ())
    return as_cands(
        [(code_char[cd], cd) for cd in codes if cd in code_char and (pend < 0 or cd >> 8 == pend)]
    )


@lru_cache(maxsize=8)
def ascii_group(data: bytes) -> tuple[list[str], np.ndarray, list[str]]:
    """The characters of ASCII bytes ``data``: those in the model's table (with ids), the rest."""
    index = default_lm().index
    chars = [chr(b) for b in data if chr(b) in index]
    return chars, default_lm().ids(chars), [chr(b) for b in data if chr(b) not in index]


@lru_cache(maxsize=4096)
def leads_after(first: int, pinyin: str) -> tuple[int, ...]:
    """Second bytes that make, with ``first``, a character read ``pinyin``."""
    table = readings()
    return tuple(t for t in range(0x81, 0xFF) if pinyin in table.get(first << 8 | t, ()))


@lru_cache(maxsize=512)
def uda_cands(pend: int, fold_output: bool) -> Cands:
    """Characters ``pend`` makes with the first byte of a user-defined-area pair (codes: that
    byte)."""
    code_char = tables(fold_output)[0]
    return as_cands([(code_char[pend << 8 | x], x) for x in UDA_FIRSTS if pend << 8 | x in code_char])


@lru_cache(maxsize=2)
def uda_whole(fold_output: bool) -> Cands:
    """Likely characters whose trail byte can start a user-defined-area pair: what a
    character whose lead byte was lost may be when the pair after it vanished."""
    _code_char, by_lead, _by_trail, _common = tables(fold_output)
    firsts = set(UDA_FIRSTS)
    return as_cands(
        [(c, lead << 8 | t) for lead in range(0x81, 0xFF) for t, c in by_lead[lead] if t in firsts]
    )
