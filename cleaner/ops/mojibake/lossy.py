"""UTF-8 read as GBK or Big5 by a forgiving decoder: repair, with the lost bytes guessed.

A decoder that meets a byte it cannot pair (a lead byte before ASCII, a line end, or a byte
outside its ranges) writes ``U+FFFD`` or ``?`` for that one byte and goes on. The classic case
is an odd-length tail: ``测试了`` is nine UTF-8 bytes, GBK pairs eight of them and the last one
(the final byte of 了) becomes ``?``: ``娴嬭瘯浜?``. Everything else round-trips exactly, so
the repair is certain except for the characters that lost a byte.

A lost byte is one of at most 64 continuation bytes (or 16 lead bytes), so the character it
belonged to is one of a few dozen; :func:`decode` runs a small beam search over the UTF-8
reading, enumerates those characters where a byte is missing and lets the language model
choose. :func:`resolve` then keeps a guess only where the model is sure of it in its context
(:data:`GUESS_MARGIN`); elsewhere the character is written as ``U+FFFD``, which says honestly
that a character was lost, and the caller lists every guessed or lost character as suspect.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

from cleaner.ops.charlm import DocLM, unigram_counts

LOST = -1
BEAM = 24
THRESHOLD = 15.0  # states this far (nats) below the best are dropped
KEEP = 12
CANDIDATES = 24  # characters a lost byte may complete, by frequency
COST_LOST_QMARK = 1.5  # a "?" is a lost byte rather than a real question mark
LEADS = tuple(range(0xE2, 0xEA)) + (0xEF,)  # lead bytes of CJK text and its punctuation
GUESS_MARGIN = 2.5  # nats a guessed character must lead its runner-up by, in context
MAX_LOST_SHARE = 0.2  # more lost bytes than this per character: too little left to go on


@dataclass(slots=True)
class Hole:
    """A character of the output that lost a byte: where, and what its bytes allow."""

    index: int
    pattern: tuple[int, ...]


@dataclass(slots=True)
class LossyReading:
    text: str
    score: float
    holes: list[Hole]


def tokens(piece: str, wrong: str) -> list[list[tuple[tuple[int, ...], float]]] | None:
    """Byte readings of each character of ``piece`` as ``wrong`` encoded it; ``None`` if some
    character cannot come from that codec."""
    out: list[list[tuple[tuple[int, ...], float]]] = []
    for ch in piece:
        if ch == "\ufffd":
            out.append([((LOST,), 0.0)])
        elif ch == "?":
            out.append([((0x3F,), 0.0), ((LOST,), COST_LOST_QMARK)])
        else:
            try:
                data = ch.encode(wrong)
            except UnicodeEncodeError:
                return None
            if wrong == "gb18030" and len(data) == 4:
                return None  # four-byte GB18030 never comes out of a misread UTF-8 stream
            out.append([(tuple(data), 0.0)])
    return out


def _need(lead: int) -> int:
    if lead == LOST or 0xE0 <= lead <= 0xEF:
        return 3
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


@lru_cache(maxsize=4096)
def _complete(pattern: tuple[int, ...]) -> tuple[str, ...]:
    """Characters whose UTF-8 bytes fit ``pattern`` (``LOST`` matches any allowed byte)."""
    options: list[bytes] = [b""]
    for i, b in enumerate(pattern):
        if b != LOST:
            options = [o + bytes((b,)) for o in options]
        elif i == 0:
            options = [o + bytes((x,)) for o in options for x in LEADS]
        else:
            options = [o + bytes((x,)) for o in options for x in range(0x80, 0xC0)]
    chars = []
    for o in options:
        try:
            c = o.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(c) == 1 and c.isprintable():
            chars.append(c)
    # the most frequent few: a lost byte is far likelier to belong to a common character
    uni = unigram_counts()
    chars.sort(key=lambda c: -uni.get(c, 0))
    return tuple(chars[:CANDIDATES])


# beam: (pending bytes, last two chars) -> (score, output, holes)
State = tuple[tuple[int, ...], str]
Value = tuple[float, str, tuple[Hole, ...]]


def decode(
    lm: DocLM, toks: list[list[tuple[tuple[int, ...], float]]], prev: str = "\n", nxt: str = "\n"
) -> LossyReading | None:
    """The most plausible UTF-8 reading of the byte readings ``toks`` between ``prev`` and
    ``nxt`` (the text around them, which often decides a lost final byte: 。 before a line end)."""
    beam: dict[State, Value] | None = {((), prev[-2:]): (0.0, "", ())}
    cache: dict[tuple[tuple[int, ...], str], list[tuple[float, str]]] = {}
    i = 0
    while i < len(toks) and beam:
        if len(beam) == 1 and LOST not in next(iter(beam))[0] and _certain(toks[i]):
            j = i + 1
            while j < len(toks) and _certain(toks[j]):
                j += 1
            beam = _run(lm, beam, toks[i:j])
            i = j
            continue
        nb = _feed_token(lm, beam, toks[i], cache)
        i += 1
        if not nb:
            return None
        floor = max(v[0] for v in nb.values()) - THRESHOLD
        beam = dict(sorted(((k, v) for k, v in nb.items() if v[0] >= floor), key=lambda kv: -kv[1][0])[:BEAM])
    if beam is None:
        return None
    done = [(v[0] + lm.score(nxt, last), v[1], v[2]) for (pend, last), v in beam.items() if not pend]
    if not done:
        return None
    sc, out, holes = max(done, key=lambda v: v[0])
    return LossyReading(out, sc, list(holes))


# a reading in the middle of a token: (pending bytes, last two chars, score, output, holes)
Reading = tuple[tuple[int, ...], str, float, str, tuple[Hole, ...]]


def _feed_token(
    lm: DocLM, beam: dict[State, Value], alts: list[tuple[tuple[int, ...], float]], cache: dict
) -> dict[State, Value]:
    """Every state of ``beam`` through each byte reading of one token (the best per state)."""
    nb: dict[State, Value] = {}
    for data, cost in alts:
        frontier = [(k[0], k[1], v[0] - cost, v[1], v[2]) for k, v in beam.items()]
        for b in data:
            frontier = [r for reading in frontier for r in _step(lm, cache, reading, b)]
        for pend, last, sc, out, holes in frontier:
            old = nb.get((pend, last))
            if old is None or sc > old[0]:
                nb[(pend, last)] = (sc, out, holes)
    return nb


def _step(lm: DocLM, cache: dict, reading: Reading, b: int) -> list[Reading]:
    """The readings ``reading`` becomes with one more byte ``b`` (:data:`LOST`: unknown)."""
    pend, last, sc, out, holes = reading
    if not pend:  # a character starts here
        if b == LOST:
            return [((LOST,), last, sc, out, holes)]
        if b < 0x80:
            return [_with_char(lm, reading, chr(b))]
        return [((b,), last, sc, out, holes)] if _need(b) else []
    if b != LOST and not 0x80 <= b <= 0xBF:
        return []  # a character cut short: not a UTF-8 reading
    pat = pend + (b,)
    if len(pat) < _need(pat[0]):
        return [(pat, last, sc, out, holes)]
    if LOST not in pat:
        try:
            return [_with_char(lm, reading, bytes(pat).decode("utf-8"))]
        except UnicodeDecodeError:
            return []
    key = (pat, last)
    cands = cache.get(key)
    if cands is None:
        cands = cache[key] = sorted(((lm.cond(last, c), c) for c in _complete(pat)), reverse=True)[:KEEP]
    hole = Hole(len(out), pat)
    return [((), (last + c)[-2:], sc + lp, out + c, holes + (hole,)) for lp, c in cands]


def _with_char(lm: DocLM, reading: Reading, c: str) -> Reading:
    """``reading`` with the complete character ``c`` appended and scored."""
    _pend, last, sc, out, holes = reading
    return ((), (last + c)[-2:], sc + lm.cond(last, c), out + c, holes)


def _certain(alts: list[tuple[tuple[int, ...], float]]) -> bool:
    return len(alts) == 1 and LOST not in alts[0][0]


def _run(
    lm: DocLM, beam: dict[State, Value], toks: list[list[tuple[tuple[int, ...], float]]]
) -> dict[State, Value] | None:
    """The one state of ``beam`` through tokens that each have one reading and no lost byte.

    The common case (everything but the few characters around a lost byte): the bytes are
    decoded at once, and ``None`` says the one reading is not UTF-8 (the beam would die).
    """
    ((pend, last), (sc, out, holes)), = beam.items()
    data = bytearray(pend)
    for alts in toks:
        b, cost = alts[0]
        data += bytes(b)
        sc -= cost
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        text = dec.decode(bytes(data), final=False)
    except UnicodeDecodeError:
        return None
    rest = dec.getstate()[0]
    cond = lm.cond
    for c in text:
        sc += cond(last, c)
        last = (last + c)[-2:]
    return {(tuple(rest), last): (sc, out + text, holes)}


def resolve(lm: DocLM, reading: LossyReading, prev: str, nxt: str) -> tuple[str, list[Hole], list[Hole]]:
    """(text, guessed holes, holes left as U+FFFD): keep a guess only where it is clear."""
    text = list(reading.text)
    guessed: list[Hole] = []
    lost: list[Hole] = []
    full = prev + reading.text + nxt
    for hole in reading.holes:
        i = hole.index + len(prev)
        left = full[max(0, i - 2) : i]
        right = full[i + 1 : i + 3]
        scored = sorted(
            ((lm.score(c + right, left), c) for c in _complete(hole.pattern)), reverse=True
        )
        top = scored[0][1] if scored else ""
        clear = len(scored) == 1 or len(scored) > 1 and scored[0][0] - scored[1][0] >= GUESS_MARGIN
        if top == text[hole.index] and clear:
            guessed.append(hole)
        else:
            text[hole.index] = "\ufffd"
            lost.append(hole)
    return "".join(text), guessed, lost


def lost_count(piece: str) -> int:
    return piece.count("\ufffd") + piece.count("?")


def plausible_share(piece: str) -> bool:
    """Few enough lost bytes for the rest of the bytes to pin the text down."""
    return lost_count(piece) <= MAX_LOST_SHARE * max(1, len(piece)) + 1
