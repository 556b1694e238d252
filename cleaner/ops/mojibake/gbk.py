"""Repair of GBK byte streams garbled out of character alignment.

A family of converters handled Traditional text as GBK bytes and changed it byte by byte:

1. pinyin was inserted after the bytes of a character with a byte-level find-and-replace
   that was not aligned to character boundaries, so ``(pinyin)`` could land between the trail
   byte of one character and the lead byte of the next;
2. sometimes one byte (a ``,`` or an invisible control byte) was inserted before every
   byte-level match of ，。、；！？, again also across character boundaries;
3. a legacy decoder turned a lead byte followed by an invalid byte, or a pair GBK leaves
   unassigned, into ``?``, swallowing both, and user-defined-area pairs into private-use
   characters (or dropped them);
4. full-width ASCII was folded to ASCII.

Once out of step, the decoder pairs the trail byte of one character with the lead byte of the
next and prints plausible-looking but wrong characters (``?!币虮簧磉叺`` for ``。”因被身邊``)
until an ASCII-range byte or another ``?`` puts it back in step. The repair inverts the
process on short windows around the evidence: each character of the window becomes the bytes
it could have come from (a ``?`` is a lost lead byte plus a swallowed byte, ``!`` may be the
folded ``！``, an annotation is dropped), and a beam search over byte readings, scored by
:mod:`cleaner.ops.charlm`, picks the most plausible original text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from cleaner.ops.charlm import CharLM, DocLM
from cleaner.ops.mojibake.beam import (
    HIDDEN,
    LOST,
    Alt,
    Marks,
    Token,
    beam_decode,
    merged_gap,
)
from cleaner.ops.mojibake.candidates import fold, readings, unassigned_firsts
from cleaner.ops.mojibake.evidence import ANNOTATION, TAIL, has_uda, rare_pattern, triggers
from cleaner.ops.mojibake.script import document_lm

INNER_QMARK = re.compile(r"[^\x00-\x7f]\?+[^\x00-\x7f”」』]")  # "?" inside CJK text
PUNCT = ",?!;、。，；！？"
MAX_WINDOW = 48
LOST_REAL = b"0123456789< "  # bytes a swallowing ``?`` is known to eat besides inserted ones
COST_FULLWIDTH = 0.7
COST_LOST_REAL = 2.0
COST_UNLIKELY_DROP = 8.0
COST_LOST_LEAD = 1.0
COST_DROP = 5.0  # dropping a visible ',' that the document does not show to be inserted
SUSPECT_PER_CHAR = -10.5  # a window the model finds this implausible (nats/char) is listed
VANISH_SHOWN = 12.0  # cost of a dropped user-defined-area pair where the document shows one kept
# ... and where it shows none: a decoder that dropped them left no trace, so the reading
# that restores the pair (少見的滯銷現象 where ``FE E4`` vanished out of step) must not pay
# much more than the model's doubt about it (6.0 lost 6 such pairs of 661 on dev and 2 of
# 677 on other sentences, for one near tie it now loses)
VANISH_UNSEEN = 4.0
MARGIN = 8.0  # a reading must beat the garbled text by this many nats to be applied
PLAUSIBLE_PER_CHAR = -10.0  # ... and read this well (nats/char; right repairs: -9 or better)
# A digit a "?" swallowed is written only if the text around it makes it this much (nats)
# more plausible than any other digit (the year in "?994年"; "9月" where the document's
# other dates are in September); otherwise it stays U+FFFD. At 2 nats, 3 lost digits of the
# 661 dev lines were guessed wrong (a 2 read as 1) and none right that 3 keeps.
DIGIT_MARGIN = 3.0


@dataclass(slots=True)
class Repair:
    start: int
    end: int
    new: str
    confidence: float
    guessed: int


@dataclass(slots=True)
class Unrepaired:
    start: int
    end: int
    reason: str


def _char_bytes(ch: str) -> bytes | None:
    o = ord(ch)
    try:
        if 0xE000 <= o <= 0xF8FF:
            data = ch.encode("gb18030")
            return data if len(data) == 2 else None
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


def tokenize(
    text: str, start: int, end: int, inserted: str | None, folded: bool = True
) -> list[Token] | None:
    """Byte readings of ``text[start:end]``; ``None`` if some character has no GBK bytes.

    ``folded`` says the converter folded full-width ASCII, so an ASCII character may stand
    for the two bytes of its full-width form; in a document that kept full-width forms it
    cannot (and the repair never changes a character's width: that is punctuation's job).
    """
    toks: list[Token] = []
    i = start
    while i < end:
        ch = text[i]
        m = ANNOTATION.match(text, i)
        if m and m.end() <= end:
            # A pinyin inserted out of step splits a character (its lead byte before the
            # pinyin, its trail byte after): the decoder, in step again after the ASCII,
            # pairs that trail byte with the next lead byte, and if the two make a
            # user-defined-area pair it drops them, as anywhere else (祖國的 is ``D7 E6 87
            # F8 B5 C4``; after 鎳(niè), read from ``E6 87``, ``F8 B5`` vanished).
            toks.append(Token(i, m.end(), [Alt(())], True, pinyin=m.group(1)))
            i = m.end()
            continue
        if ch == "?":
            tail = TAIL.match(text, i + 1)
            if tail and tail.end() <= end:
                toks.append(
                    Token(
                        i, tail.end(), [Alt((LOST,), COST_LOST_LEAD)], True, pinyin=tail.group(1)
                    )
                )
                i = tail.end()
                continue
            alts = [Alt((0x3F,))] + ([Alt((0xA3, 0xBF))] if folded else [])
            # The swallowed byte was an inserted one only if a punctuation code follows it,
            # since bytes were only inserted before those; otherwise it was real and is lost.
            nxt = text[i + 1] if i + 1 < len(text) else ""
            drop_cost = COST_LOST_LEAD if nxt and nxt in PUNCT + "、。" else COST_UNLIKELY_DROP
            alts.append(Alt((LOST,), drop_cost))
            alts.append(Alt((LOST,), COST_LOST_LEAD + COST_LOST_REAL, 1, then=LOST_REAL))
            # ... or two real bytes that make a code GBK leaves unassigned (out of step, the
            # trail byte ``FE`` of 會 or 二 and the lead byte of the next character, as in
            # ``FE 95``): the first byte, one of the few such codes start with, completes the
            # pending character, and the second, a lead byte, is lost as above
            alts.extend(
                Alt((x, LOST), COST_LOST_LEAD + COST_LOST_REAL, 1, after_lead=True)
                for x in unassigned_firsts()
            )
            toks.append(Token(i, i + 1, alts))
        elif ord(ch) < 0x80:
            alts = [Alt((ord(ch),))]
            if folded and 0x21 <= ord(ch) <= 0x7E:
                alts.append(Alt((0xA3, ord(ch) + 0x80), COST_FULLWIDTH))
            # Where the document shows the inserted byte, the op drops it everywhere itself.
            if ch == "," and inserted != "," and _may_be_inserted(text, i):
                alts.append(Alt((), COST_DROP))
            toks.append(Token(i, i + 1, alts))
        else:
            data = _char_bytes(ch)
            if data is None:
                return None
            toks.append(Token(i, i + 1, [Alt(tuple(data))], vanish=True))
        i += 1
    return toks


def _may_be_inserted(text: str, i: int) -> bool:
    """May the ``,`` at ``i`` be a byte the converter inserted before a punctuation code?

    Only if a punctuation mark (or what may be one) follows. A ``?`` with pinyin glued to it
    (``,?chàng)``) is not one: it is a lead byte that swallowed the ``(`` of a pinyin inserted
    right after it, and a punctuation code's first byte is always followed by its second.

    >>> _may_be_inserted("轉,。", 1), _may_be_inserted("轉,?huī)師", 1)
    (True, False)
    """
    nxt = text[i + 1 : i + 2]
    if not nxt or nxt not in PUNCT:
        return False
    return not (nxt == "?" and TAIL.match(text, i + 2))


def _is_unit_char(ch: str) -> bool:
    return ch != "\n" and ch != "\r"


def windows(text: str, found: list[int] | None = None) -> list[tuple[int, int]]:
    """Spans around garbling evidence (``found``, by default :func:`.evidence.triggers`)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for i in triggers(text) if found is None else found:
        # left: two characters of context, skipping annotations and candidate inserted bytes
        s = i
        ctx = 0
        while s > 0 and ctx < 2 and _is_unit_char(text[s - 1]):
            if text[s - 1] == ")":
                k = text.rfind("(", max(0, s - 9), s)
                if k >= 0 and ANNOTATION.fullmatch(text, k, s):
                    if s != i:
                        break
                    s = k
                    continue
            s -= 1
            if text[s] != ",":
                ctx += 1
        # right: through the out-of-step run to the byte that realigns it, then context
        e = i + 1
        if text[i] == "?":
            tail = TAIL.match(text, e)
            if tail:
                e = tail.end()
        while e < n and e - s < MAX_WINDOW and _is_unit_char(text[e]):
            m2 = ANNOTATION.match(text, e)
            if m2:
                e = m2.end()
                continue
            ch = text[e]
            e += 1
            if ch == "?":
                tail = TAIL.match(text, e)
                if tail:
                    e = tail.end()
            elif ord(ch) < 0x80 and ch != "!" and not _still_out(text, ch, e):
                break
        ctx = 0
        while e < n and ctx < 2 and _is_unit_char(text[e]):
            m2 = ANNOTATION.match(text, e)
            if m2:
                e = m2.end()
                continue
            if text[e] in "?" or 0xE000 <= ord(text[e]) <= 0xF8FF:
                break
            e += 1
            ctx += 1
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def _still_out(text: str, ch: str, e: int) -> bool:
    """Does the decoder stay out of step past the ASCII character ``ch`` (ending at ``e``)?

    A folded full-width character was two bytes, so the run goes on, as rare characters
    right after it show (``能?guǐ)虮3窒冗M`` for 能夠保持先進, where ``3`` was ``\uff13``).
    """
    return 0x21 <= ord(ch) <= 0x7E and rare_pattern().search(text, e, e + 2) is not None


def clean_parts(text: str, spans: list[tuple[int, int]]) -> str:
    """The document without its suspicious windows: what the language model may learn from."""
    parts = []
    pos = 0
    for s, e in spans:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return "\n".join(parts)


def marks(text: str, spans: list[tuple[int, int]]) -> Marks:
    """Which characters the converter annotates, as the document's clean text shows.

    Outside the garbled windows the decoder is in step: a character with its own pinyin
    glued after it is one the converter annotates, and it annotated every occurrence whose
    bytes it found intact; a character without one is not. Characters seen both ways (a
    reading the table lacks, an annotation of the text itself) count as neither.
    """
    table = readings()
    annotated: set[str] = set()
    plain: set[str] = set()
    pos = 0
    for s, e in [*spans, (len(text), len(text))]:
        # (the last character before a window may be out of step: it is neither)
        plain.update(_UNMARKED.findall(text, pos, s))
        for m in _MARKED.finditer(text, pos, s):
            a = ANNOTATION.match(text, m.end())
            if a is None:
                continue
            c = m.group()
            try:
                code = int.from_bytes(c.encode("gbk"), "big")
            except UnicodeEncodeError:
                continue
            if a.group(1) in table.get(code, ()):
                annotated.add(c)
        pos = e
    both = annotated & plain
    # A decoder that kept user-defined-area pairs (as private-use characters) dropped none.
    shown = has_uda(text)
    return Marks(
        frozenset(annotated - both),
        frozenset(plain - both),
        VANISH_SHOWN if shown else VANISH_UNSEEN,
    )


_HAN = "[\u3400-\u9fff\uf900-\ufaff]"
_UNMARKED = re.compile(_HAN + "(?=[^(])")
_MARKED = re.compile(_HAN + "(?=\\()")


def repair_spans(
    text: str,
    base: CharLM,
    inserted: str | None,
    fold_output: bool,
    taken: list[tuple[int, int]] | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> tuple[list[Repair], list[Unrepaired]]:
    """Repairs for every garbled window of ``text`` and the windows left as they are.

    ``spans`` are the windows if the caller has them (:func:`windows`). Windows that overlap
    ``taken`` (spans another repair already explains) are skipped.
    """
    repairs: list[Repair] = []
    left: list[Unrepaired] = []
    spans = windows(text) if spans is None else spans
    if taken:
        spans = [(s, e) for s, e in spans if not any(s < b and a < e for a, b in taken)]
    if not spans:
        return repairs, left
    lm = document_lm(base, clean_parts(text, spans))
    known = marks(text, spans)
    for s, e in spans:
        toks = tokenize(text, s, e, inserted, fold_output)
        if toks is None:
            left.append(Unrepaired(s, e, "gbk: characters outside GBK"))
            continue
        prev = _preceding(text, s)
        nxt = _following(text, e)
        after = ANNOTATION.match(text, e) is not None
        results = beam_decode(lm, toks, prev, fold_output, known, after, text[s - 1 : s])
        scored = sorted(
            ((sc + lm.score(nxt, (prev + out)[-2:]), out, g, gap) for sc, out, g, gap in results),
            reverse=True,
        )
        garbled = text[s:e]
        stripped = ANNOTATION.sub("", garbled)
        identity = lm.score(garbled + nxt, prev)
        if stripped:
            identity = max(identity, lm.score(stripped + nxt, prev))
        suspicious = has_uda(garbled) or (
            bool(INNER_QMARK.search(garbled))
            and identity / max(1, len(garbled)) < SUSPECT_PER_CHAR
        )
        if not scored or scored[0][1] in (garbled, stripped):
            if suspicious:
                left.append(Unrepaired(s, e, "gbk: no reading more plausible"))
            continue
        best, out, guessed, gap = scored[0]
        shown = settle_digits(lm, prev, out, nxt) if HIDDEN in out else out
        margin = MARGIN + 2.0 * guessed
        if best - identity < margin:
            if suspicious:
                left.append(Unrepaired(s, e, "gbk: repair not clearly better"))
            continue
        if _fold_all(out) in (_fold_all(garbled), _fold_all(stripped)):
            continue  # only widths differ: the punctuation stage decides widths
        if best / (len(out) + len(nxt)) < PLAUSIBLE_PER_CHAR:
            left.append(Unrepaired(s, e, "gbk: no reading reads as plausible text"))
            continue
        second = next((sc for sc, o, _g, _gap in scored[1:] if o != out), None)
        gap = min(20.0, merged_gap(best, gap, second))
        confidence = 1.0 / (1.0 + math.exp(-(gap - 1.0)))
        if guessed:
            confidence = min(confidence, 0.6)
        repairs.append(_trimmed(s, garbled, shown, round(max(0.05, confidence), 3), guessed))
    return repairs, left


def settle_digits(lm: DocLM, prev: str, out: str, nxt: str) -> str:
    r"""``out`` with each digit a ``?`` swallowed (written U+FFFD by the search) written out
    where one digit reads clearly better than every other, left U+FFFD where it does not.

    A lost digit is information the text no longer holds: ``控制在?24萬`` may have been 124,
    324 or 924 thousand, and a guessed number reads as a fact. Only the text around it can
    settle it, by :data:`DIGIT_MARGIN` nats (here, a lost comma's reading as a digit
    in ``1�.5%`` is one of many; after ``第`` a ``0`` is not a number's first digit).

    >>> from cleaner.ops.charlm import default_lm
    >>> lm = default_lm().adapted("")
    >>> settle_digits(lm, "控制", "在\ufffd24萬", "人,") == "在\ufffd24萬"
    True
    """
    chars = list(out)
    for i, c in enumerate(out):
        if c != HIDDEN:
            continue
        after = (out + nxt)[i + 1]
        ranked = sorted(
            (
                lm.score("".join(chars[:i]) + d + "".join(chars[i + 1 :]) + nxt, prev)
                + _shown(lm, d, after),
                d,
            )
            for d in "0123456789"
        )
        if ranked[-1][0] - ranked[-2][0] >= DIGIT_MARGIN:
            chars[i] = ranked[-1][1]
    return "".join(chars)


def _shown(lm: DocLM, digit: str, unit: str) -> float:
    """What the document's clean text says for ``digit`` right before a ``unit`` that is not
    a digit: how often it writes the pair (``9月`` seven times in a report of September's
    days), in nats. The model mixes the document's counts in only in part, too little for a
    lost digit to be settled by them.

    >>> from cleaner.ops.charlm import default_lm
    >>> lm = default_lm().adapted("9月1日,9月5日,9月以來")
    >>> round(_shown(lm, "9", "月"), 2), _shown(lm, "1", "月"), _shown(lm, "9", "1")
    (1.39, 0.0, 0.0)
    """
    return 0.0 if unit.isdigit() else math.log1p(lm.dbi.get(digit + unit, 0))


def _preceding(text: str, start: int) -> str:
    """The two characters before a window, annotations skipped (see :func:`_following`).

    >>> _preceding("龍(lóng)深知", 8)
    '龍深'
    >>> _preceding("深", 1)
    '\\n深'
    """
    return ("\n" + ANNOTATION.sub("", text[max(0, start - 24) : start]))[-2:]


def _following(text: str, end: int) -> str:
    """The two characters after a window, as the model should read them: an annotation the
    converter glued there is not text (``(m`` of ``麼(me)`` would make every reading look
    implausible), so it is skipped.

    >>> _following("什麼(me)企業(yè),都", 2)
    '企業'
    >>> _following("ab", 2)
    '\\n'
    """
    m = ANNOTATION.match(text, end)
    while m:
        end = m.end()
        m = ANNOTATION.match(text, end)
    return text[end : end + 2] or "\n"


def _fold_all(text: str) -> str:
    return "".join(fold(c) for c in text)


def _trimmed(start: int, old: str, new: str, confidence: float, guessed: int) -> Repair:
    """Shrink a replacement to the part that actually changes."""
    a = 0
    while a < len(old) and a < len(new) and old[a] == new[a]:
        a += 1
    b = 0
    while b < len(old) - a and b < len(new) - a and old[-1 - b] == new[-1 - b]:
        b += 1
    return Repair(start + a, start + len(old) - b, new[a : len(new) - b], confidence, guessed)
