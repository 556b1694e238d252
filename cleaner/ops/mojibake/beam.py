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

import math
from dataclasses import dataclass, field

from cleaner.ops.charlm import DocLM
from cleaner.ops.mojibake.candidates import (
    any_cands,
    ascii_group,
    best_of,
    doc_memo,
    lead_cands,
    leads_after,
    read_as,
    readings,
    tables,
    trail_cands,
    uda_cands,
    uda_whole,
)

LOST = -1  # a byte that was lost: a lead byte a legacy decoder swallowed into "?"
WILD = -2  # pending state: a lost lead byte that the next byte will determine
NONE = -1  # no pending lead byte
BEAM = 64
# states this far (nats) below the best are dropped (the Witten-Bell model scores readings
# closer together than the old constant smoothing: 16 keeps as many states as 18 did, and
# as many right readings)
THRESHOLD = 16.0
COST_VANISH = 7.0
VANISH_STATES = 3
# Right after a lost lead byte that the converter's pinyin pinned down, the pending state is
# the best of the beam only because it has not paid for its character yet; pairs that vanished
# after it (吸引 is ``CE FC D2 FD``: out of step, ``FC D2`` and ``FD C1`` both vanish after
# the ``?`` that swallowed ``CE``) are searched from more states, down to this many nats below
# what the beam keeps, and kept until the next byte lets them compete on equal terms.
VANISH_STATES_AFTER = 6
VANISH_SLACK = 8.0
VANISH_TRAILS = 5
VANISH_RUN = 2  # user-defined-area pairs that may vanish in a row
PINYIN_MISS = 12.0  # the bytes before an inserted pinyin do not spell a character with it
ANNOTATION_MISS = 6.0  # a character the converter annotates, with no annotation after it
UNANNOTATED = 6.0  # an inserted pinyin read as a character the document shows unannotated
OWES = 1  # state flag: the last character is one the converter annotates; its pinyin is due
SPLIT = 2  # state flag: a pinyin was inserted after the pending lead byte (the key was broken)
NEG_INF = float("-inf")
# A swallowed byte that was a digit is written as this until the whole window is read (see
# ``gbk.settle_digits``): readings that differ only in a lost digit are one reading to the
# search, so the choice between them is made once, with the text on both sides.
HIDDEN = "\ufffd"


@dataclass(slots=True)
class Alt:
    """One byte reading of a piece of garbled text; :data:`LOST` marks an unknown byte."""

    data: tuple[int, ...]
    cost: float = 0.0
    guessed: int = 0  # bytes that are truly lost and had to be guessed
    # ASCII bytes of which one follows ``data``: one reading per byte, scored together
    then: bytes = b""
    # ``data`` starts with the trail byte of a pending character: read only from states
    # with a lead byte pending (from the others it would make a rare lead byte's row)
    after_lead: bool = False


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
    feed = _Feed(lm, doc_memo(lm, fold_output), tables(fold_output)[0], fold_output, marks, pinyin,
                 final)
    for (pend, last, _code), (sc, out, g, code, fl, gap) in beam.items():
        sc -= alt.cost
        floor = top - THRESHOLD - slack
        if sc < floor:
            break
        if alt.after_lead and pend == NONE:
            continue
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
            return self.extend(reading, trail_cands(self.lm, self.memo, b, last, self.fold_output),
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
            cands = lead_cands(self.lm, self.memo, pend, last, self.fold_output)
        else:
            cands = any_cands(self.lm, self.memo, last, self.fold_output)
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
        extra = memo[key] = best_of(lm, last, read_as(pend, pinyin, fold_output))
    plain = marks.plain
    if plain:
        extra = [x for x in extra if x[1] not in plain]
    if not extra:
        return cands
    return sorted(set(cands).union(extra), reverse=True)


def _fan(lm: DocLM, frontier: list, then: bytes, floor: float) -> list:
    """Every reading of ``frontier`` followed by each of the ASCII bytes ``then`` in turn
    (scored at once); readings below ``floor`` are dropped. A digit is written
    :data:`HIDDEN` (the model still reads it as the digit)."""
    chars, ids, outside = ascii_group(then)
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
                shown = HIDDEN if c.isdigit() else c
                out.append((NONE, (last + c)[-2:], s, text + shown, g, ord(c), 0, gap))
    return out


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
            hits = leads_after(code & 0xFF, pinyin)
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


def _vanish_options(lm: DocLM, memo: dict, pend: int, last: str, fold_output: bool) -> list:
    """The best :data:`VANISH_TRAILS` (log-prob, code, character) that complete the pending
    character ``pend`` (or, if its lead byte was lost, any character) with the first byte of
    a vanished user-defined-area pair."""
    key = ("vanish", pend, last)
    options = memo.get(key)
    if options is None:
        if pend >= 0:
            group, firsts, outside = uda_cands(pend, fold_output)
            codes = [pend << 8 | x for x in firsts]
            outside = [(c, pend << 8 | x) for c, x in outside]
        else:
            group, codes, outside = uda_whole(fold_output)
        options = []
        if group.chars:
            lps = lm.cond_many(last, group).tolist()
            options = list(zip(lps, codes, group.chars, strict=True))
        options += [(lm.cond(last, c), code, c) for c, code in outside]
        options.sort(reverse=True)
        options = memo[key] = options[:VANISH_TRAILS]
    return options


def add_vanished(
    lm: DocLM, beam: Beam, fold_output: bool, floor: float, marks: Marks = NO_MARKS,
    width: int = 0,
) -> set:
    """Let the best out-of-step states lose a user-defined-area pair the decoder dropped.

    The pair was the trail byte of one character and the lead byte of the next: the first
    completes the pending character, the second becomes the new pending lead byte (any lead
    byte: the user-defined area admits nearly all of them after a suitable first byte).
    A state whose lead byte is itself lost (a pair vanished just before, or a ``?`` swallowed
    it) may lose the next pair too: characters whose trail bytes start such pairs come in
    runs (吸引 is ``CE FC D2 FD``: out of step, ``FC D2`` and ``FD C1`` both vanish).
    Readings below ``floor`` are not added; ``width`` states (:data:`VANISH_STATES` if 0) are
    taken on at each step. Returns the keys of the best states added.
    """
    states = sorted(
        ((k, v) for k, v in beam.items() if k[0] != NONE), key=lambda kv: kv[1][0], reverse=True
    )[: width or VANISH_STATES]
    added: set = set()
    for _run in range(VANISH_RUN):
        states = _vanish(lm, beam, states, fold_output, floor, marks, width or VANISH_STATES)
        added.update(k for k, _v in states)
    return added


def _vanish(
    lm: DocLM, beam: Beam, states: list, fold_output: bool, floor: float, marks: Marks,
    width: int,
) -> list:
    """:func:`add_vanished` for ``states``; returns the states it added."""
    memo = doc_memo(lm, fold_output)
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
    return added[:width]


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
        added: set = set()
        if tok.vanish:
            pinned = bool(tok.pinyin) and tok.alts[0].data == (LOST,)
            added = add_vanished(
                lm, nb, fold_output, floor - VANISH_SLACK if pinned else floor, marks,
                VANISH_STATES_AFTER if pinned else VANISH_STATES,
            )
        ranked = sorted(nb.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
        beam = {k: v for k, v in ranked if v[0] >= floor or k in added}
    done = [(v[0], v[1], v[2], v[5]) for (pend, _last, _code), v in beam.items() if pend == NONE]
    done.sort(key=lambda v: v[0], reverse=True)
    return done


def _annotation(tok: Token) -> bool:
    """Is ``tok`` an annotation alone (its pinyin and no bytes)?"""
    return bool(tok.pinyin) and all(not a.data for a in tok.alts)
