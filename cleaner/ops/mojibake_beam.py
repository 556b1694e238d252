"""Beam search over the byte readings of a garbled GBK window (see :mod:`mojibake_gbk`).

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
"""

from __future__ import annotations

import gzip
import heapq
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cleaner.ops.charlm import DocLM, default_lm

LOST = -1  # a byte that was lost: a lead byte a legacy decoder swallowed into "?"
WILD = -2  # pending state: a lost lead byte that the next byte will determine
NONE = -1  # no pending lead byte
BEAM = 64
THRESHOLD = 18.0  # states this far (nats) below the best are dropped
KEEP = 16  # completions kept per state when an unknown byte is enumerated
COMMON_CHARS = 2500
LIKELY_CHARS = 6000  # characters a lost byte may complete (by frequency), besides the document's
SUCCESSORS = 96  # candidates per previous character where a whole character was lost
COST_VANISH = 7.0
VANISH_STATES = 3
VANISH_TRAILS = 5
PINYIN_MISS = 6.0  # the bytes before an inserted pinyin do not spell a character with it
DATA = Path(__file__).resolve().parent.parent / "data" / "gbk_pinyin.txt.gz"


@dataclass(slots=True)
class Alt:
    """One byte reading of a piece of garbled text; :data:`LOST` marks an unknown byte."""

    data: tuple[int, ...]
    cost: float = 0.0
    guessed: int = 0  # bytes that are truly lost and had to be guessed


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
    ranked = sorted(set(code_char.values()), key=lambda c: -uni.get(c, 0))
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
    """Common characters by the character they follow, most frequent first (base model)."""
    common = set(tables(fold_output)[3])
    by_first: dict[str, list[tuple[int, str]]] = {}
    for key, n in default_lm().bi.items():
        if key[1] in common:
            by_first.setdefault(key[0], []).append((n, key[1]))
    return {p: [c for _n, c in sorted(v, reverse=True)[:SUCCESSORS]] for p, v in by_first.items()}


def shortlist(lm: DocLM, last: str, fold_output: bool) -> list[str]:
    """Characters worth scoring where both bytes of a character were lost.

    Scoring all common characters in every state is the slow path of the search; the best
    completions are, in practice, among the usual successors of the previous character (in
    the base model and in the document) and the most frequent characters overall.
    """
    common = tables(fold_output)[3]
    prev = last[-1:] if last else "\n"
    out = dict.fromkeys(common[:SUCCESSORS])
    out.update(dict.fromkeys(_successors(fold_output).get(prev, ())))
    out.update(dict.fromkeys(k[1] for k in lm.dbi if k[0] == prev and k[1] in lm.duni))
    return list(out)


@lru_cache(maxsize=1)
def readings() -> dict[int, frozenset[str]]:
    """GBK code → the pinyin readings of its character (built by ``scripts/build_charlm.py``)."""
    out: dict[int, frozenset[str]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            ch, _, pys = line.rstrip("\n").partition("\t")
            code = int.from_bytes(ch.encode("gbk"), "big")
            out[code] = frozenset(pys.split(","))
    return out


def _uda_seconds(first: int) -> range:
    """Second bytes that make a user-defined-area pair with ``first`` and can lead a char."""
    if 0xAA <= first <= 0xAF or 0xF8 <= first <= 0xFE:
        return range(0xA1, 0xFF)
    if 0xA1 <= first <= 0xA7:
        return range(0x81, 0xA1)
    return range(0)


UDA_FIRSTS = [b for b in range(0x81, 0xFF) if len(_uda_seconds(b))]

# beam value: (score, output, guessed bytes, raw code of the last character)
Value = tuple[float, str, int, int]
Beam = dict[tuple[int, str], Value]


def _put(beam: Beam, key: tuple[int, str], value: Value) -> None:
    old = beam.get(key)
    if old is None or value[0] > old[0]:
        beam[key] = value


def _feed(
    lm: DocLM, beam: Beam, alt: Alt, fold_output: bool, out_beam: Beam, memo: dict
) -> None:
    """Run every state of ``beam`` through the bytes of ``alt`` into ``out_beam``.

    ``memo`` keeps the enumerated completions of a lost byte per state, shared by the
    alternatives of one token, which all start by enumerating the same lost byte.
    """
    code_char, by_lead, by_trail, common = tables(fold_output)
    doc_leads, doc_trails = _doc_pairs(lm, fold_output)
    cond = lm.cond
    frontier = [(k[0], k[1], v[0] - alt.cost, v[1], v[2] + alt.guessed, v[3]) for k, v in beam.items()]
    for b in alt.data:
        nxt = []
        for pend, last, sc, out, g, code in frontier:
            if b == LOST:
                if pend >= 0:
                    cands = memo.get((pend, last))
                    if cands is None:
                        pairs = by_lead[pend] + doc_leads.get(pend, [])
                        cands = heapq.nlargest(
                            KEEP, ((cond(last, c), c, pend << 8 | t) for t, c in pairs)
                        )
                        memo[(pend, last)] = cands
                    nxt.extend(
                        (NONE, (last + c)[-2:], sc + lp, out + c, g, cd) for lp, c, cd in cands
                    )
                elif pend == NONE:
                    nxt.append((WILD, last, sc, out, g, code))
                else:
                    cands = memo.get(("any", last))
                    if cands is None:
                        cands = heapq.nlargest(
                            KEEP, ((cond(last, c), c) for c in shortlist(lm, last, fold_output))
                        )
                        memo[("any", last)] = cands
                    nxt.extend((NONE, (last + c)[-2:], sc + lp, out + c, g, 0) for lp, c in cands)
            elif pend == WILD:
                cands = memo.get(("wild", b, last))
                if cands is None:
                    pairs = by_trail[b] + doc_trails.get(b, [])
                    cands = heapq.nlargest(
                        KEEP, ((cond(last, c), c, ld << 8 | b) for ld, c in pairs)
                    )
                    memo[("wild", b, last)] = cands
                nxt.extend((NONE, (last + c)[-2:], sc + lp, out + c, g, cd) for lp, c, cd in cands)
            elif pend >= 0:
                c = code_char.get(pend << 8 | b)
                if c is not None:
                    nxt.append((NONE, (last + c)[-2:], sc + cond(last, c), out + c, g, pend << 8 | b))
            elif b < 0x80:
                c = chr(b)
                nxt.append((NONE, (last + c)[-2:], sc + cond(last, c), out + c, g, b))
            elif 0x81 <= b <= 0xFE:
                nxt.append((b, last, sc, out, g, code))
        frontier = nxt
        if not frontier:
            return
    for pend, last, sc, out, g, code in frontier:
        _put(out_beam, (pend, last), (sc, out, g, code))


def _check_pinyin(beam: Beam, pinyin: str) -> Beam:
    """Apply the evidence of an inserted pinyin to every state.

    The converter inserted it after two bytes that spell a character with that reading: the
    last character (decoder in step) or the last trail byte and the pending lead byte. A lost
    pending lead byte is resolved here from the readings.
    """
    table = readings()
    code_char = tables(False)[0]
    out: Beam = {}
    for (pend, last), (sc, o, g, code) in beam.items():
        if pend == WILD:
            prev = code & 0xFF
            hits = [
                t for t in range(0x81, 0xFF)
                if pinyin in table.get(prev << 8 | t, ())
            ]
            if hits:
                for t in hits:
                    _put(out, (t, last), (sc, o, g, code))
            else:
                _put(out, (pend, last), (sc - PINYIN_MISS, o, g, code))
            continue
        key = code if pend == NONE else ((code & 0xFF) << 8 | pend)
        ok = pinyin in table.get(key, ()) and key in code_char
        _put(out, (pend, last), (sc if ok else sc - PINYIN_MISS, o, g, code))
    return out


def add_vanished(lm: DocLM, beam: Beam, fold_output: bool) -> None:
    """Let the best out-of-step states lose a user-defined-area pair the decoder dropped.

    The pair was the trail byte of one character and the lead byte of the next: the first
    completes the pending character, the second becomes the new pending lead byte (any lead
    byte: the user-defined area admits nearly all of them after a suitable first byte).
    """
    code_char = tables(fold_output)[0]
    states = sorted(
        ((k, v) for k, v in beam.items() if k[0] >= 0), key=lambda kv: kv[1][0], reverse=True
    )[:VANISH_STATES]
    for (pend, last), (score, out, guessed, _code) in states:
        options = []
        for x in UDA_FIRSTS:
            c = code_char.get(pend << 8 | x)
            if c is not None:
                options.append((lm.cond(last, c), x, c))
        options.sort(reverse=True)
        for lp, x, c in options[:VANISH_TRAILS]:
            # the second byte is left to the next byte to determine, like a lost lead byte
            value = (score + lp - COST_VANISH, out + c, guessed + 2, pend << 8 | x)
            _put(beam, (WILD, (last + c)[-2:]), value)


def beam_decode(
    lm: DocLM, toks: list[Token], prev: str, fold_output: bool
) -> list[tuple[float, str, int]]:
    """Best readings of the window, as (score, text, guessed bytes), best first."""
    try:
        code = int.from_bytes(prev[-1:].encode("gbk"), "big")
    except UnicodeEncodeError:
        code = 0
    beam: Beam = {(NONE, prev[-2:]): (0.0, "", 0, code)}
    for tok in toks:
        nb: Beam = {}
        memo: dict = {}
        for alt in tok.alts:
            _feed(lm, beam, alt, fold_output, nb, memo)
        if tok.pinyin:
            nb = _check_pinyin(nb, tok.pinyin)
        if tok.vanish:
            add_vanished(lm, nb, fold_output)
        if nb:
            floor = max(v[0] for v in nb.values()) - THRESHOLD
            ranked = sorted(nb.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
            nb = {k: v for k, v in ranked if v[0] >= floor}
        beam = nb
        if not beam:
            return []
    done = [(v[0], v[1], v[2]) for (pend, _last), v in beam.items() if pend == NONE]
    done.sort(key=lambda v: v[0], reverse=True)
    return done
