"""The ``mojibake`` stage: repair text that went through the wrong byte decoding.

Two families of damage are repaired (see :mod:`cleaner.ops.mojibake_double` and
:mod:`cleaner.ops.mojibake_gbk`): classic double decodings (UTF-8 read as GBK, GBK read as
Latin-1 …), and GBK streams knocked out of character alignment by byte-level converters.
Every repair is an edit with a confidence; a window that looks garbled but has no reading
clearly more plausible is left as it is and listed in ``ctx.meta["suspect_spans"]``.

Clean text is the common case, so :func:`precheck` decides with a few C-speed regex scans
whether the text shows any evidence of garbling at all (see
:mod:`cleaner.ops.mojibake_evidence`: curly quotes, dashes, ``吗?`` or an icon glyph are not
evidence); only then does the language model score anything.

Example::

    >>> from cleaner.ops import OpContext
    >>> repair("當(dāng)?shù)貏?chuàng)新", OpContext())
    [(1, 21, '地創', 1.0)]
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.charlm import default_lm
from cleaner.ops.mojibake_beam import prepare as prepare_tables
from cleaner.ops.mojibake_double import repair_lines
from cleaner.ops.mojibake_evidence import (
    CONTROL,
    WIDE,
    inserted_byte,
    is_uda,
    precheck_latin,
    rare_pattern,
    triggers,
)
from cleaner.ops.mojibake_gbk import PUNCT, clean_parts, repair_spans, windows

RARE_SHARE = 0.3  # share of uncommon characters in a line that suggests a CJK double decoding
RARE_MIN = 4
LOST_RUN = re.compile("\ufffd(?:[^\n\ufffd]{0,8}\ufffd)*")  # nearby U+FFFD are one suspect span


def _rare_lines(text: str) -> bool:
    """True if some line is full of characters Chinese news rarely uses."""
    found = [m.start() for m in rare_pattern().finditer(text)]
    if len(found) < RARE_MIN:
        return False
    k = 0
    while k < len(found):
        start = text.rfind("\n", 0, found[k]) + 1
        end = text.find("\n", found[k])
        end = len(text) if end < 0 else end
        j = k
        while j < len(found) and found[j] < end:
            j += 1
        if (
            j - k >= RARE_MIN
            and j - k >= RARE_SHARE * len(WIDE.findall(text, start, end))
            # not one glyph repeated, nor icon glyphs beside a rare word (疙瘩：\ue004\ue004)
            and sum(1 for c in {text[p] for p in found[k:j]} if not is_uda(c)) >= RARE_MIN
        ):
            return True
        k = j
    return False


def precheck(text: str) -> bool:
    """Cheap test: does this text show evidence of mojibake at all?"""
    if text.isascii():
        return False
    if "\ufffd" in text or CONTROL.search(text) or precheck_latin(text):
        return True
    return bool(triggers(text)) or _rare_lines(text)


def prepare() -> None:
    """Load the model and build every table the repair uses, once per process.

    Optional: the first garbled document builds what it needs (about a second); a worker
    pool or a benchmark calls this first so that no document pays for it.
    """
    rare_pattern()
    for fold_output in (True, False):
        prepare_tables(fold_output)


def repair(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Spans that repair mojibake in ``text``; notes go to ``ctx.meta``.

    ``params``: ``min_confidence`` (default 0.0) drops repairs below it (they are listed as
    suspect instead).
    """
    min_conf = float(params.get("min_confidence", 0.0))
    if text.isascii():
        return []
    # precheck(), with what it finds kept for the repair
    latin = precheck_latin(text)
    found = triggers(text)
    rare = _rare_lines(text)
    if not (found or rare or latin or "\ufffd" in text or CONTROL.search(text)):
        return []
    base = default_lm()
    suspects: list[dict[str, Any]] = []
    spans: list[Span] = []
    notes: dict[str, Any] = {}

    wins = windows(text, found)
    misaligned = [(s, e) for s, e in wins if "?" in text[s:e]]
    doubles = repair_lines(text, base.adapted(""), rare, misaligned, latin)
    taken: list[tuple[int, int]] = []
    if doubles:
        kinds: dict[str, int] = {}
        for d in doubles:
            spans.append((d.start, d.end, d.new, d.confidence))
            taken.append((d.start, d.end))
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
            if d.guessed or d.lost:
                reason = f"{d.kind}: lost byte(s)"
                if d.guessed:
                    reason += f"; guessed {d.guessed!r}"
                if d.lost:
                    reason += f"; {d.lost} character(s) left as U+FFFD"
                suspects.append(_suspect(text, d.start, d.end, reason))
        covered = sum(d.end - d.start for d in doubles)
        kind = max(kinds, key=lambda k: kinds[k])
        scope = "document" if covered >= 0.8 * len(text.strip()) else "spans"
        notes["double"] = {"scope": scope, "kind": kind, "kinds": kinds, "spans": len(doubles)}

    fold = not any(0xFF01 <= ord(c) <= 0xFF5E for c in text)
    inserted = inserted_byte(text)
    repairs, left = repair_spans(text, base, inserted, fold, taken, wins)
    guessed = 0
    for r in repairs:
        if _overlaps(r.start, r.end, taken):
            continue
        if r.confidence < min_conf:
            suspects.append(_suspect(text, r.start, r.end, "gbk: low confidence repair"))
            continue
        spans.append((r.start, r.end, r.new, r.confidence))
        taken.append((r.start, r.end))
        if r.guessed:
            guessed += r.guessed
            suspects.append(
                _suspect(text, r.start, r.end, f"gbk: {r.guessed} lost byte(s) guessed as {r.new!r}")
            )
    for u in left:
        if not _overlaps(u.start, u.end, taken):
            suspects.append(_suspect(text, u.start, u.end, u.reason))
            taken.append((u.start, u.end))
    suspects.extend(_replacement_chars(text, taken))
    if repairs:
        notes["gbk"] = {"windows": len(repairs), "guessed_bytes": guessed}
    if inserted:
        dropped = _inserted_spans(text, inserted, taken)
        spans.extend(dropped)
        notes["inserted_byte"] = {"byte": inserted, "dropped": len(dropped)}
        if inserted == ",":
            notes["inserted_byte"]["left_to"] = "punctuation"
    if suspects:
        ctx.meta.setdefault("suspect_spans", []).extend(suspects)
    if notes:
        ctx.meta["mojibake"] = notes
    return spans


def _inserted_spans(text: str, byte: str, taken: list[tuple[int, int]]) -> list[Span]:
    """Drop an invisible byte the converter put before every punctuation mark.

    A visible ``,`` at a character boundary (``,,`` ``,。``) is the punctuation stage's to
    remove (``punctuation.double_comma``, ``punctuation.stray_comma``); only a byte that a
    reader cannot see, and so no character-level rule can own, is dropped here. Commas that
    a byte-level view alone explains (inside a garbled window) go with the window's repair.
    """
    if byte == ",":
        return []
    out: list[Span] = []
    for m in re.finditer(re.escape(byte) + f"(?=[{re.escape(PUNCT)}])", text):
        if not _overlaps(m.start(), m.end(), taken):
            out.append((m.start(), m.end(), "", 0.9))
    return out


def _replacement_chars(text: str, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """U+FFFD that no repair explains: bytes were lost before this text was made.

    Nothing around them is touched (a half repair would hide the loss); each run is listed,
    with a few characters of context, so a reviewer can find it.
    """
    out = []
    for m in LOST_RUN.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            s, e = max(0, m.start() - 4), min(len(text), m.end() + 4)
            out.append(_suspect(text, s, e, "replacement character: bytes lost upstream"))
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def _suspect(text: str, start: int, end: int, reason: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], "reason": reason}


__all__ = ["precheck", "prepare", "repair", "clean_parts"]
