"""Beam search over the byte readings of a garbled GBK window (see :mod:`cleaner.ops.mojibake.gbk`).

Each token of a window offers byte readings (:class:`Alt`); the search feeds them to a strict
GBK decoder that runs in the *original* alignment, scores every completed character with the
language model and keeps the best states. A state is the pending lead byte (if the decoder is
in the middle of a character) and the last two characters, all a trigram model needs; of
paths that reach the same state only the best is kept.

Three kinds of byte are unknown and are enumerated rather than guessed blindly:

* the lead byte a ``?`` swallowed (:data:`LOST`), constrained by the pinyin that was inserted
  after it, since the converter only inserted ``(shù)`` after two bytes that spell 數;
* a whole character when two such bytes meet, among the common characters;
* a user-defined-area pair the decoder dropped without a trace (:func:`add_vanished`).

The converter's pinyin is evidence both ways (:class:`Marks`, read from the document's clean
text by ``gbk.marks``): a lost byte right before an inserted ``(wù)`` is enumerated
among the characters read so, a reading whose pinyin the document shows the converter never
inserts (the character appears unannotated) is unlikely, and so is a character the converter
annotates elsewhere but that is followed here directly by other bytes.

Speed: states are fed best first, and a reading that falls below what the beam's own pruning
would keep is dropped as soon as it does (later bytes only lower a score), so the pruning is
the same as feeding everything and pruning at the end. The candidates of an unknown byte are
scored at once over arrays (:meth:`DocLM.cond_many`), best :data:`KEEP` memoised per document.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from cleaner.ops.charlm import DocLM, Group, default_lm
from cleaner.ops.pinyin import gbk_readings

if TYPE_CHECKING:  # numpy is imported where it is used: clean text never needs it
    import numpy as np

LOST = -1  # a byte that was lost: a lead byte a legacy decoder swallowed into "?"
WILD = -2  # pending state: a lost lead byte that the next byte will determine
NONE = -1  # no pending lead byte
BEAM = 64
# states this far (nats) below the best are dropped (the Witten-Bell model scores readings
# closer together than the old constant smoothing: 16 keeps as many states as 18 did, and
# as many right readings)
THRESHOLD = 16.0
KEEP = 16  # completions kept per state when an unknown byte is enumerated
COMMON_CHARS = 2500
LIKELY_CHARS = 6000  # characters a lost byte may complete (by frequency), besides the document's
SUCCESSORS = 96  # candidates per previous character where a whole character was lost
COST_VANISH = 7.0
VANISH_STATES = 3
VANISH_TRAILS = 5
VANISH_RUN = 2  # user-defined-area pairs that may vanish in a row
PINYIN_MISS = 12.0  # the bytes before an inserted pinyin do not spell a character with it
ANNOTATION_MISS = 6.0  # a character the converter annotates, with no annotation after it
UNANNOTATED = 6.0  # an inserted pinyin read as a character the document shows unannotated
OWES = 1  # state flag: the last character is one the converter annotates; its pinyin is due
SPLIT = 2  # state flag: a pinyin was inserted after the pending lead byte (the key was broken)
NEG_INF = float("-inf")


@dataclass(slots=True)
class Alt:
    """One byte reading of a piece of garbled text; :data:`LOST` marks an unknown byte."""

    data: tuple[int, ...]
    cost: float = 0.0
    guessed: int = 0  # bytes that are truly lost and had to be guessed
    # ASCII bytes of which one follows ``data``: one reading per byte, scored together
    then: bytes = b""


@dataclass(frozen=True, slots=True)
class Marks:
    """What the document's clean text shows of the converter's dictionary.

    ``annotated``: characters seen with their pinyin glued after them (the converter annotates
    every occurrence whose bytes it found intact); ``plain``: characters seen without one.
    """

    annotated: frozenset[str] = frozenset()
    plain: frozenset[str] = frozenset()
    vanish_cost: float = COST_VANISH  # of a user-defined-area pair the decoder dropped


NO_MARKS = Marks()


@dataclass(slots=True)
class Token:
    start: int
    end: int
    alts: list[Alt] = field(default_factory=list)
    vanish: bool = False  # a user-defined-area pair may have vanished right after this token
    pinyin: str = ""  # the pinyin inserted right after this token's bytes, if any


def fold(ch: str) -> str:
    """Full-width ASCII (U+FF01–FF5E) to ASCII, as the converter did."""
    o = ord(ch)
    return chr(o - 0xFEE0) if 0xFF01 <= o <= 0xFF5E else ch


@lru_cache(maxsize=2)
def tables(fold_output: bool) -> tuple[dict[int, str], list[list], list[list], list[str]]:
    """(code → char, lead → [(trail, char)], trail → [(lead, char)], common chars).

    The lead and trail lists, which a lost byte is enumerated over, hold only the
    :data:`LIKELY_CHARS` most frequent characters; a document's own rarer characters are
    added per document (:func:`_doc_pairs`).
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


@lru_cache(maxsize=2)
def _likely(fold_output: bool) -> frozenset[str]:
    return frozenset(c for row in tables(fold_output)[1] for _t, c in row)


def _doc_pairs(lm: DocLM, fold_output: bool) -> tuple[dict[int, list], dict[int, list]]:
    """The document's characters outside the likely ones, by lead byte and by trail byte."""
    memo = lm.__dict__.setdefault("_gbk_pairs", {})
    got = memo.get(fold_output)
    if got is None:
        code_char = tables(fold_output)[0]
        likely = _likely(fold_output)
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
def _successors(fold_output: bool) -> dict[str, list[str]]:
    """Common characters by the character they follow, most frequent first (base model; ties
    go to the larger character). One sort over the bigram table's arrays."""
    import numpy as np

    lm = default_lm()
    n = lm.vocab
    chars = list(lm.index)
    common = [lm.index[c] for c in tables(fold_output)[3] if c in lm.index]
    first, second = np.divmod(lm.bi_keys, n)
    keep = np.isin(second, common)
    first, second, counts = first[keep], second[keep], lm.bi_counts[keep].astype(np.int64)
    points = np.array([ord(c) for c in chars], dtype=np.int64)[second]
    # one key sorts by first character, then count and character both descending (a code
    # point fits in 21 bits; keys are unique, so any sort gives this order)
    bits = int(counts.max(initial=1)).bit_length()
    order = np.argsort(first << (bits + 21) | ((1 << bits) - 1 - counts) << 21 | (0x1FFFFF - points))
    first, second = first[order], second[order]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    rank = np.arange(len(first)) - np.repeat(starts, np.diff(np.r_[starts, len(first)]))
    first, second = first[rank < SUCCESSORS], second[rank < SUCCESSORS]
    out: dict[str, list[str]] = {}
    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        row = out.get(chars[a])
        if row is None:
            row = out[chars[a]] = []
        row.append(chars[b])
    return out


def prepare(fold_output: bool = True) -> None:
    """Build the per-process tables of the search (the first garbled document would pay)."""
    default_lm().unigram_probs()
    readings()
    _groups(fold_output)
    _successors(fold_output)


@lru_cache(maxsize=1)
def readings() -> dict[int, frozenset[str]]:
    """GBK code → the pinyin readings of its character (:func:`cleaner.ops.pinyin.gbk_readings`)."""
    return {
        int.from_bytes(ch.encode("gbk"), "big"): frozenset(pys) for ch, pys in gbk_readings().items()
    }


def _uda_seconds(first: int) -> range:
    """Second bytes that make a user-defined-area pair with ``first`` and can lead a char."""
    if 0xAA <= first <= 0xAF or 0xF8 <= first <= 0xFE:
        return range(0xA1, 0xFF)
    if 0xA1 <= first <= 0xA7:
        return range(0x81, 0xA1)
    return range(0)


UDA_FIRSTS = [b for b in range(0x81, 0xFF) if len(_uda_seconds(b))]

# beam value: (score, output, guessed bytes, raw code of the last character, flags, gap); the
# gap is how far below it the best path with another output that reached the same state was
# (paths that meet in a state go on with the same scores, so only the best is kept: the gap
# is what says how clear that choice was)
Value = tuple[float, str, int, int, int, float]
# beam key: (pending lead byte, last two characters, raw code of the last character); the
# code tells apart readings that print the same text from different bytes (a folded "," from
# "，"), which a pinyin inserted next reads differently
Beam = dict[tuple[int, str, int], Value]


def _put(beam: Beam, state: tuple[int, str], value: Value) -> None:
    key = (*state, value[3])
    old = beam.get(key)
    if old is None:
        beam[key] = value
        return
    win, lose = (value, old) if value[0] > old[0] else (old, value)
    rival = lose[0] if lose[1] != win[1] else lose[0] - lose[5]
    gap = win[0] - rival
    beam[key] = win if gap >= win[5] else (*win[:5], gap)


def merged_gap(best: float, gap: float, second: float | None) -> float:
    """How far the best reading is ahead of any other: the gap carried by its state or the
    next best finished state, whichever is closer.

    >>> merged_gap(-40.0, 2.5, -41.0), merged_gap(-40.0, 0.5, None)
    (1.0, 0.5)
    """
    return gap if second is None else min(gap, best - second)


def _memo(lm: DocLM, fold_output: bool) -> dict:
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


@lru_cache(maxsize=2)
def _groups(fold_output: bool) -> tuple[list[Cands], list[Cands]]:
    """The lead and trail lists of :func:`tables`, ready for :meth:`DocLM.cond_many`."""
    _code_char, by_lead, by_trail, _common = tables(fold_output)
    return (
        [_cands([(c, lead << 8 | t) for t, c in by_lead[lead]]) for lead in range(256)],
        [_cands([(c, ld << 8 | trail) for ld, c in by_trail[trail]]) for trail in range(256)],
    )


def _cands(pairs: list[tuple[str, int]]) -> Cands:
    index = default_lm().index
    inside = [(c, code) for c, code in pairs if c in index and fold(c) == c]
    outside = [(c, code) for c, code in pairs if not (c in index and fold(c) == c)]
    group = default_lm().group([c for c, _code in inside])
    return group, [code for _c, code in inside], outside


def _best(lm: DocLM, last: str, *parts: Cands) -> list:
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


def _lead_cands(lm: DocLM, memo: dict, pend: int, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters with lead byte ``pend`` after ``last``, best first."""
    key = (pend, last)
    cands = memo.get(key)
    if cands is None:
        extra = [(c, pend << 8 | t) for t, c in _doc_pairs(lm, fold_output)[0].get(pend, [])]
        cands = memo[key] = _best(lm, last, _groups(fold_output)[0][pend], _cands(extra))
    return cands


def _trail_cands(lm: DocLM, memo: dict, trail: int, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters with trail byte ``trail`` after ``last``, best first."""
    key = ("wild", trail, last)
    cands = memo.get(key)
    if cands is None:
        extra = [(c, ld << 8 | trail) for ld, c in _doc_pairs(lm, fold_output)[1].get(trail, [])]
        cands = memo[key] = _best(lm, last, _groups(fold_output)[1][trail], _cands(extra))
    return cands


def _any_cands(lm: DocLM, memo: dict, last: str, fold_output: bool) -> list:
    """The best :data:`KEEP` characters after ``last`` when both bytes were lost
    (among :func:`shortlist`)."""
    key = ("any", last)
    cands = memo.get(key)
    if cands is None:
        prev = last[-1:] if last else "\n"
        static = _usual_after(prev, fold_output)
        seen = static[0].pos
        extra = [(c, 0) for c in _doc_successors(lm, prev) if c not in seen]
        cands = memo[key] = _best(lm, last, static, _cands(extra))
    return cands


@lru_cache(maxsize=8192)
def _usual_after(prev: str, fold_output: bool) -> Cands:
    """The part of :func:`shortlist` that does not depend on the document."""
    common = tables(fold_output)[3]
    out = dict.fromkeys(common[:SUCCESSORS])
    out.update(dict.fromkeys(_successors(fold_output).get(prev, ())))
    return _cands([(c, 0) for c in out])


def _doc_successors(lm: DocLM, prev: str) -> list[str]:
    return [k[1] for k in lm.dbi if k[0] == prev and k[1] in lm.duni]


def _feed(
    lm: DocLM,
    beam: Beam,
    alt: Alt,
    fold_output: bool,
    out_beam: Beam,
    top: float,
    slack: float,
    marks: Marks = NO_MARKS,
    pinyin: str = "",
) -> float:
    """Run every state of ``beam`` through the bytes of ``alt`` into ``out_beam``.

    Returns the best score put so far (``top`` is the best before this call). States go
    best first (``beam`` is ordered so), one at a time through all the bytes; a reading that
    falls more than :data:`THRESHOLD` (+ ``slack``, what evidence applied after feeding may
    still take from the best) below ``top`` is dropped at once, since later bytes only lower
    a score and the beam's own pruning would drop it anyway.

    ``pinyin`` is the pinyin inserted right after these bytes: a lost last byte is then
    enumerated among the characters read so, too (the likeliest alone may all miss it).
    A character that ``marks`` shows the converter annotates and that other bytes follow
    directly loses :data:`ANNOTATION_MISS`; one that ends the bytes owes its pinyin
    (:data:`OWES`, settled by :func:`beam_decode`).
    """
    final = len(alt.data) - 1 if not alt.then else -1
    feed = _Feed(lm, _memo(lm, fold_output), tables(fold_output)[0], fold_output, marks, pinyin,
                 final)
    for (pend, last, _code), (sc, out, g, code, fl, gap) in beam.items():
        sc -= alt.cost
        floor = top - THRESHOLD - slack
        if sc < floor:
            break
        frontier = [
            (pend, last, sc, out, g + alt.guessed, code, fl & SPLIT if alt.data else fl, gap)
        ]
        for k, b in enumerate(alt.data):
            frontier = [e for reading in frontier for e in feed.step(reading, b, k, floor)]
            if not frontier:
                break
        if alt.then:
            frontier = _fan(lm, frontier, alt.then, floor)
        for reading in frontier:
            _put(out_beam, reading[:2], reading[2:])
            if reading[2] > top:
                top = reading[2]
    return top


# a reading in the middle of :func:`_feed`: (pending lead byte, last two characters, score,
# output, guessed bytes, raw code of the last character, flags, gap)
Reading = tuple[int, str, float, str, int, int, int, float]


@dataclass(slots=True)
class _Feed:
    """What every byte fed by :func:`_feed` is read with: the model, the tables, the evidence."""

    lm: DocLM
    memo: dict
    code_char: dict[int, str]
    fold_output: bool
    marks: Marks
    pinyin: str  # inserted right after the bytes fed
    final: int  # position of the last byte fed, -1 if ASCII bytes follow them (``Alt.then``)

    def step(self, reading: Reading, b: int, k: int, floor: float) -> list[Reading]:
        """The readings ``reading`` becomes with byte ``b`` (the ``k``-th fed), down to ``floor``."""
        pend, last, sc, out, g, code, fl, gap = reading
        if b == LOST:
            if pend == NONE:  # a lost lead byte: the next byte will say which
                return [(WILD, last, sc, out, g, code, 0, gap)]
            return self.extend(reading, self.lost_cands(pend, last, k), k, floor)
        if pend == WILD:
            return self.extend(reading, _trail_cands(self.lm, self.memo, b, last, self.fold_output),
                               k, floor)
        if pend == NONE and b >= 0x80:  # a lead byte (or a byte GBK never writes)
            return [(b, last, sc, out, g, code, 0, gap)] if 0x81 <= b <= 0xFE else []
        cd = pend << 8 | b if pend >= 0 else b
        c = self.code_char.get(cd) if pend >= 0 else chr(b)
        if c is None:
            return []
        s, owes = self.charge(c, sc + self.lm.cond(last, c), fl, k)
        return [(NONE, (last + c)[-2:], s, out + c, g, cd, owes, gap)] if s >= floor else []

    def lost_cands(self, pend: int, last: str, k: int) -> list:
        """The characters a lost byte may complete after lead byte ``pend`` (or, with both
        bytes lost, any), best first; before an inserted pinyin, those read so too."""
        if pend >= 0:
            cands = _lead_cands(self.lm, self.memo, pend, last, self.fold_output)
        else:
            cands = _any_cands(self.lm, self.memo, last, self.fold_output)
        if self.pinyin and k == self.final:
            cands = _with_reading(self.lm, self.memo, pend, last, self.pinyin, cands, self.marks,
                                  self.fold_output)
        return cands

    def extend(self, reading: Reading, cands: list, k: int, floor: float) -> list[Reading]:
        """``reading`` followed by each of ``cands`` (log-prob, character, code; best first)."""
        _pend, last, sc, out, g, _code, fl, gap = reading
        nxt = []
        for lp, c, cd in cands:
            s = sc + lp
            if s < floor:
                break
            s, owes = self.charge(c, s, fl, k)
            if s >= floor:
                nxt.append((NONE, (last + c)[-2:], s, out + c, g, cd, owes, gap))
        return nxt

    def charge(self, c: str, s: float, fl: int, k: int) -> tuple[float, int]:
        """(score, flags) of character ``c`` read at byte ``k``: one the converter annotates
        owes its pinyin, and pays :data:`ANNOTATION_MISS` if other bytes follow it directly
        (unless the pinyin split its bytes: then it owes none)."""
        if c in self.marks.annotated and not fl & SPLIT:
            if k != self.final:
                return s - ANNOTATION_MISS, 0
            if not self.pinyin:
                return s, OWES
        return s, 0


@lru_cache(maxsize=1)
def _by_reading() -> dict[str, tuple[int, ...]]:
    """Pinyin → the GBK codes of the characters read so."""
    out: dict[str, list[int]] = {}
    for code, pys in readings().items():
        for py in pys:
            out.setdefault(py, []).append(code)
    return {py: tuple(codes) for py, codes in out.items()}


@lru_cache(maxsize=4096)
def _read_as(pend: int, pinyin: str, fold_output: bool) -> Cands:
    """Characters read ``pinyin`` with lead byte ``pend`` (any lead byte if ``pend`` < 0)."""
    code_char = tables(fold_output)[0]
    codes = _by_reading().get(pinyin, ())
    return _cands(
        [(code_char[cd], cd) for cd in codes if cd in code_char and (pend < 0 or cd >> 8 == pend)]
    )


def _with_reading(
    lm: DocLM, memo: dict, pend: int, last: str, pinyin: str, cands: list, marks: Marks,
    fold_output: bool,
) -> list:
    """``cands`` and the best characters read ``pinyin`` (with lead byte ``pend``), best first.

    Characters the document shows unannotated are left out: the converter inserted this
    pinyin after the bytes of a character it annotates.
    """
    key = ("read", pend, last, pinyin)
    extra = memo.get(key)
    if extra is None:
        extra = memo[key] = _best(lm, last, _read_as(pend, pinyin, fold_output))
    plain = marks.plain
    if plain:
        extra = [x for x in extra if x[1] not in plain]
    if not extra:
        return cands
    return sorted(set(cands).union(extra), reverse=True)


def _fan(lm: DocLM, frontier: list, then: bytes, floor: float) -> list:
    """Every reading of ``frontier`` followed by each of the ASCII bytes ``then`` in turn
    (scored at once); readings below ``floor`` are dropped."""
    chars, ids, outside = _ascii_group(then)
    ready = [f for f in frontier if f[0] == NONE]  # a pending lead byte takes no ASCII byte
    if not ready:
        return []
    grid = lm.cond_grid([f[1] for f in ready], chars, ids) if chars else [[] for _f in ready]
    cond = lm.cond
    out = []
    for (_pend, last, sc, text, g, _code, _fl, gap), row in zip(ready, grid, strict=True):
        scored = list(zip(row, chars, strict=True)) + [(cond(last, c), c) for c in outside]
        for lp, c in scored:
            s = sc + lp
            if s >= floor:
                out.append((NONE, (last + c)[-2:], s, text + c, g, ord(c), 0, gap))
    return out


@lru_cache(maxsize=8)
def _ascii_group(data: bytes) -> tuple[list[str], np.ndarray, list[str]]:
    """The characters of ASCII bytes ``data``: those in the model's table (with ids), the rest."""
    index = default_lm().index
    chars = [chr(b) for b in data if chr(b) in index]
    return chars, default_lm().ids(chars), [chr(b) for b in data if chr(b) not in index]


@lru_cache(maxsize=4096)
def _leads_after(first: int, pinyin: str) -> tuple[int, ...]:
    """Second bytes that make, with ``first``, a character read ``pinyin``."""
    table = readings()
    return tuple(t for t in range(0x81, 0xFF) if pinyin in table.get(first << 8 | t, ()))


def _check_pinyin(beam: Beam, pinyin: str, marks: Marks = NO_MARKS) -> Beam:
    """Apply the evidence of an inserted pinyin to every state.

    The converter inserted it after two bytes that spell a character with that reading: the
    last character (decoder in step) or the last trail byte and the pending lead byte. A lost
    pending lead byte is resolved here from the readings. The character must be one the
    converter annotates: one the document shows without its pinyin costs :data:`UNANNOTATED`.
    A pending character is split by the pinyin (:data:`SPLIT`): the converter could not have
    found its bytes, so it owes no pinyin of its own.
    """
    table = readings()
    code_char = tables(False)[0]
    plain = marks.plain
    out: Beam = {}
    for (pend, last, _code), (sc, o, g, code, _fl, gap) in beam.items():
        if pend == WILD:
            first = (code & 0xFF) << 8
            hits = _leads_after(code & 0xFF, pinyin)
            if plain:
                hits = tuple(t for t in hits if code_char[first | t] not in plain)
            if hits:
                for t in hits:
                    _put(out, (t, last), (sc, o, g, code, SPLIT, gap))
            else:
                _put(out, (pend, last), (sc - PINYIN_MISS, o, g, code, SPLIT, gap))
            continue
        key = code if pend == NONE else ((code & 0xFF) << 8 | pend)
        c = code_char.get(key)
        if c is None or pinyin not in table.get(key, ()):
            sc -= PINYIN_MISS
        elif c in plain:
            sc -= UNANNOTATED
        _put(out, (pend, last), (sc, o, g, code, 0 if pend == NONE else SPLIT, gap))
    return out


@lru_cache(maxsize=512)
def _uda_cands(pend: int, fold_output: bool) -> Cands:
    """Characters ``pend`` makes with the first byte of a user-defined-area pair (codes: that
    byte)."""
    code_char = tables(fold_output)[0]
    return _cands([(code_char[pend << 8 | x], x) for x in UDA_FIRSTS if pend << 8 | x in code_char])


@lru_cache(maxsize=2)
def _uda_whole(fold_output: bool) -> Cands:
    """Likely characters whose trail byte can start a user-defined-area pair: what a
    character whose lead byte was lost may be when the pair after it vanished."""
    _code_char, by_lead, _by_trail, _common = tables(fold_output)
    firsts = set(UDA_FIRSTS)
    return _cands(
        [(c, lead << 8 | t) for lead in range(0x81, 0xFF) for t, c in by_lead[lead] if t in firsts]
    )


def _vanish_options(lm: DocLM, memo: dict, pend: int, last: str, fold_output: bool) -> list:
    """The best :data:`VANISH_TRAILS` (log-prob, code, character) that complete the pending
    character ``pend`` (or, if its lead byte was lost, any character) with the first byte of
    a vanished user-defined-area pair."""
    key = ("vanish", pend, last)
    options = memo.get(key)
    if options is None:
        if pend >= 0:
            group, firsts, outside = _uda_cands(pend, fold_output)
            codes = [pend << 8 | x for x in firsts]
            outside = [(c, pend << 8 | x) for c, x in outside]
        else:
            group, codes, outside = _uda_whole(fold_output)
        options = []
        if group.chars:
            lps = lm.cond_many(last, group).tolist()
            options = list(zip(lps, codes, group.chars, strict=True))
        options += [(lm.cond(last, c), code, c) for c, code in outside]
        options.sort(reverse=True)
        options = memo[key] = options[:VANISH_TRAILS]
    return options


def add_vanished(
    lm: DocLM, beam: Beam, fold_output: bool, floor: float, marks: Marks = NO_MARKS
) -> None:
    """Let the best out-of-step states lose a user-defined-area pair the decoder dropped.

    The pair was the trail byte of one character and the lead byte of the next: the first
    completes the pending character, the second becomes the new pending lead byte (any lead
    byte: the user-defined area admits nearly all of them after a suitable first byte).
    A state whose lead byte is itself lost (a pair vanished just before, or a ``?`` swallowed
    it) may lose the next pair too: characters whose trail bytes start such pairs come in
    runs (吸引 is ``CE FC D2 FD``: out of step, ``FC D2`` and ``FD C1`` both vanish).
    Readings below ``floor`` (what the beam keeps) are not added.
    """
    states = sorted(
        ((k, v) for k, v in beam.items() if k[0] != NONE), key=lambda kv: kv[1][0], reverse=True
    )[:VANISH_STATES]
    for _run in range(VANISH_RUN):
        states = _vanish(lm, beam, states, fold_output, floor, marks)


def _vanish(
    lm: DocLM, beam: Beam, states: list, fold_output: bool, floor: float, marks: Marks
) -> list:
    """:func:`add_vanished` for ``states``; returns the states it added."""
    memo = _memo(lm, fold_output)
    annotated = marks.annotated
    added: list = []
    for (pend, last, _code), (score, out, guessed, _raw, fl, gap) in states:
        if score - marks.vanish_cost < floor:
            break
        for lp, code, c in _vanish_options(lm, memo, pend, last, fold_output):
            # the second byte is left to the next byte to determine, like a lost lead byte
            sc = score + lp - marks.vanish_cost
            if sc < floor:
                break
            if c in annotated and not fl & SPLIT:
                sc -= ANNOTATION_MISS  # the pair follows its bytes directly: no pinyin between
                if sc < floor:
                    continue
            value = (sc, out + c, guessed + 2, code, 0, gap)
            _put(beam, (WILD, (last + c)[-2:]), value)
            added.append(((WILD, (last + c)[-2:], code), value))
    added.sort(key=lambda kv: kv[1][0], reverse=True)
    return added[:VANISH_STATES]


def beam_decode(
    lm: DocLM,
    toks: list[Token],
    prev: str,
    fold_output: bool,
    marks: Marks = NO_MARKS,
    annotated_after: bool = False,
    raw_prev: str | None = None,
) -> list[tuple[float, str, int, float]]:
    """Best readings of the window, as (score, text, guessed bytes, gap), best first; the
    gap is how far ahead of other readings that met it on the way the reading is.

    ``marks``: what the document shows of the converter's dictionary; ``annotated_after``:
    the text right after the window is an annotation (what the window's last character owes).
    ``prev`` is the model's context; ``raw_prev`` the character right before the window as
    written (its bytes, when an annotation ends there), if it differs.
    """
    last = prev[-1:] if raw_prev is None else raw_prev[-1:]
    try:
        code = int.from_bytes(last.encode("gbk"), "big")
    except UnicodeEncodeError:
        code = 0
    beam: Beam = {(NONE, prev[-2:], code): (0.0, "", 0, code, 0, math.inf)}
    for i, tok in enumerate(toks):
        nb: Beam = {}
        top = NEG_INF
        slack = PINYIN_MISS if tok.pinyin else 0.0
        for alt in tok.alts:
            top = _feed(lm, beam, alt, fold_output, nb, top, slack, marks, tok.pinyin)
        if tok.pinyin:
            nb = _check_pinyin(nb, tok.pinyin, marks)
        if not nb:
            return []
        if marks.annotated:
            paid = annotated_after if i + 1 == len(toks) else _annotation(toks[i + 1])
            if not paid:
                for key, v in nb.items():
                    if v[4] & OWES:
                        nb[key] = (v[0] - ANNOTATION_MISS, v[1], v[2], v[3], 0, v[5])
        floor = max(v[0] for v in nb.values()) - THRESHOLD
        if tok.vanish:
            add_vanished(lm, nb, fold_output, floor, marks)
        ranked = sorted(nb.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
        beam = {k: v for k, v in ranked if v[0] >= floor}
    done = [(v[0], v[1], v[2], v[5]) for (pend, _last, _code), v in beam.items() if pend == NONE]
    done.sort(key=lambda v: v[0], reverse=True)
    return done


def _annotation(tok: Token) -> bool:
    """Is ``tok`` an annotation alone (its pinyin and no bytes)?"""
    return bool(tok.pinyin) and all(not a.data for a in tok.alts)
