"""The whole mojibake analysis of one text: every repair, tagged with its family, at once.

The damage families interact (a window of misaligned GBK is never read as a double decoding,
a double decoding's span is never searched for misaligned bytes), so they are decided
together, once per text, by :func:`analyse`. Each rule of the stage (see
:mod:`cleaner.ops.mojibake.fixes`) then takes its own family's spans from the :class:`Plan`;
what a disabled rule would have repaired is simply left.

Clean text is the common case, so :func:`precheck` decides with a few C-speed regex scans
whether the text shows any evidence of garbling at all (see
:mod:`cleaner.ops.mojibake.evidence`: curly quotes, dashes, ``吗?`` or an icon glyph are not
evidence); only then does the language model score anything.

Example::

    >>> from cleaner.ops import OpContext
    >>> repair("當(dāng)?shù)貏?chuàng)新", OpContext())
    [(1, 21, '地創', 1.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.charlm import default_lm
from cleaner.ops.mojibake.beam import HIDDEN
from cleaner.ops.mojibake.candidates import prepare as prepare_tables
from cleaner.ops.mojibake.double import repair_lines
from cleaner.ops.mojibake.evidence import (
    CJK_AS_LATIN_RUN,
    CONTROL,
    RARE_MIN,
    inserted_byte,
    precheck_latin,
    rare_pattern,
    rare_run,
    suspicious,
    triggers,
)
from cleaner.ops.mojibake.gbk import PUNCT, clean_parts, repair_spans, windows
from cleaner.ops.mojibake.western import repair_lines as repair_western

LOST_RUN = re.compile("\ufffd(?:[^\n\ufffd]{0,8}\ufffd)*")  # nearby U+FFFD are one suspect span
# A misaligned-GBK repair whose reading beats another by less than 1 nat (confidence 0.5) is
# applied but listed: on held-out dev text about half of such repairs are wrong somewhere.
NEAR_TIE = 0.5


def _rare_lines(text: str) -> bool:
    """True if some line is full of characters Chinese news rarely uses, or holds a dense
    run of them (:func:`cleaner.ops.mojibake.evidence.rare_run`)."""
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
        if rare_run(text, start, end, found[k:j]):
            return True
        k = j
    return False


def precheck(text: str) -> bool:
    """Cheap test: does this text show evidence of mojibake at all?"""
    if text.isascii():
        return False
    if "\ufffd" in text or CONTROL.search(text) or precheck_latin(text) or suspicious(text):
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


FAMILIES = ("double_decoding", "lost_bytes", "latin1", "misaligned_gbk", "inserted_byte")


UNCOVERING = frozenset({"double_decoding", "lost_bytes", "latin1"})
"""Families whose repair undoes a whole decoding, under which another may show (GBK read as
Latin-1 inside UTF-8 read as GBK): once they have taken their spans the text is analysed again.
The misaligned-GBK search leaves its unrepaired windows as they were, and searching them again
would find what it found."""


@dataclass(slots=True)
class Plan:
    """Repairs of one text by family, with the notes and suspect spans that go with them.

    ``text`` is the text the spans refer to; :meth:`take` hands out one family's spans and
    moves the plan on to the text that results once they are applied.
    """

    text: str
    spans: dict[str, list[Span]] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)
    suspects: list[dict[str, Any]] = field(default_factory=list)
    moved: bool = False  # a decoding was undone: the text may show a layer it hid (see fixes._plan)

    def take(self, family: str) -> list[Span]:
        """The spans of ``family``; the plan then refers to the text with them applied."""
        mine = sorted(self.spans.pop(family, []), key=lambda s: s[0])
        if not mine:
            return []
        parts, pos, shifts = [], 0, []
        for s in mine:
            parts.append(self.text[pos : s[0]])
            parts.append(s[2])
            shifts.append((s[1], len(s[2]) - (s[1] - s[0])))
            pos = s[1]
        parts.append(self.text[pos:])
        self.text = "".join(parts)
        self.moved = self.moved or family in UNCOVERING
        for fam, spans in self.spans.items():
            self.spans[fam] = [_shifted(s, shifts) for s in spans]
        return mine


def _shifted(span: Span, shifts: list[tuple[int, int]]) -> Span:
    """``span`` moved by the length changes of the applied spans that end before it."""
    delta = sum(d for end, d in shifts if end <= span[0])
    return (span[0] + delta, span[1] + delta, *span[2:])  # type: ignore[return-value]


def repair(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Spans that repair mojibake of every family in ``text``; notes go to ``ctx.meta``.

    ``params``: ``min_confidence`` (default 0.0) drops misaligned-GBK repairs below it (they
    are listed as suspect instead).
    """
    plan = analyse(text, float(params.get("min_confidence", 0.0)))
    publish(plan, ctx)
    return sorted((s for spans in plan.spans.values() for s in spans), key=lambda s: s[0])


def publish(plan: Plan, ctx: OpContext) -> None:
    """Put the plan's suspect spans and notes into the document's metadata."""
    if plan.suspects:
        # a later pass over the same document (after script conversion, say) finds the same
        # spans again at the same places: list each once, as first found (in the original)
        listed = ctx.meta.setdefault("suspect_spans", [])
        seen = {(s["start"], s["end"], s["reason"]) for s in listed}
        listed.extend(s for s in plan.suspects if (s["start"], s["end"], s["reason"]) not in seen)
    if plan.notes:
        ctx.meta["mojibake"] = _merged(ctx.meta.get("mojibake", {}), plan.notes)


def _merged(old: Any, new: Any) -> Any:
    """Notes of a later analysis of the same document added to the earlier ones: counts add
    up, new keys join, an earlier word stays.

    >>> _merged({"double": {"kind": "utf8_as_gbk", "kinds": {"utf8_as_gbk": 3}, "spans": 3}},
    ...         {"double": {"kind": "gbk_as_latin1", "kinds": {"gbk_as_latin1": 2}, "spans": 2}})
    {'double': {'kind': 'utf8_as_gbk', 'kinds': {'utf8_as_gbk': 3, 'gbk_as_latin1': 2}, 'spans': 5}}
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = _merged(old[key], value) if key in old else value
        return out
    if type(old) is int and type(new) is int:
        return old + new
    return old


def analyse(text: str, min_conf: float = 0.0) -> Plan:
    """Every repair of ``text``, by family, with the notes and suspects (see :class:`Plan`)."""
    plan = Plan(text)
    if text.isascii():
        return plan
    # precheck(), with what it finds kept for the repair
    latin = precheck_latin(text)
    found = triggers(text)
    rare = _rare_lines(text)
    western = suspicious(text)
    if not (found or rare or latin or western or "\ufffd" in text or CONTROL.search(text)):
        return plan
    base = default_lm()
    suspects = plan.suspects
    notes = plan.notes
    spans = plan.spans

    wins = windows(text, found)
    misaligned = [(s, e) for s, e in wins if "?" in text[s:e]]
    # UTF-8 read as a Western codec first (ftfy), in any language: a line it explains is not
    # read as CJK bytes (Arabic or French mojibake must never become Han)
    wests = repair_western(text, base.adapted(""), misaligned) if western else []
    taken: list[tuple[int, int]] = [(w.start, w.end) for w in wests]
    doubles = [*wests, *repair_lines(text, base.adapted(""), rare, misaligned, latin, taken)]
    if doubles:
        kinds: dict[str, int] = {}
        for d in doubles:
            spans.setdefault(d.family, []).append((d.start, d.end, d.new, d.confidence))
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
        spans.setdefault("misaligned_gbk", []).append((r.start, r.end, r.new, r.confidence))
        taken.append((r.start, r.end))
        if r.guessed:
            guessed += r.guessed
            reason = f"gbk: {r.guessed} lost byte(s) guessed as {r.new!r}"
            if hidden := r.new.count(HIDDEN):
                reason += f"; {hidden} digit(s) left as U+FFFD"
            suspects.append(_suspect(text, r.start, r.end, reason))
        elif r.confidence < NEAR_TIE:
            suspects.append(_suspect(text, r.start, r.end, f"gbk: near tie, read as {r.new!r}"))
    for u in left:
        if not _overlaps(u.start, u.end, taken):
            suspects.append(_suspect(text, u.start, u.end, u.reason))
            taken.append((u.start, u.end))
    suspects.extend(_replacement_chars(text, taken))
    if latin:
        suspects.extend(_latin_left(text, taken))
    if repairs:
        notes["gbk"] = {"windows": len(repairs), "guessed_bytes": guessed}
    if inserted:
        dropped = _inserted_spans(text, inserted, taken)
        if dropped:
            spans["inserted_byte"] = dropped
        notes["inserted_byte"] = {"byte": inserted, "dropped": len(dropped)}
        if inserted == ",":
            notes["inserted_byte"]["left_to"] = "punctuation"
    return plan


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


def _latin_left(text: str, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Runs in the byte shape of CJK text read as Latin-1 that no family repaired (no reading
    read clearly better: a short name alone, bytes lost on the way): listed, never guessed.

    >>> [s["text"] for s in _latin_left("正文。\\nÕÅºÓÑà", [])]
    ['ÕÅºÓÑà']
    """
    out = []
    for m in CJK_AS_LATIN_RUN.finditer(text):
        if len(set(m.group())) >= 3 and not _overlaps(m.start(), m.end(), taken):
            out.append(_suspect(text, m.start(), m.end(),
                                "latin1: CJK bytes read as Latin-1, no reading clearly better"))
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def _suspect(text: str, start: int, end: int, reason: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], "reason": reason}


__all__ = ["Plan", "analyse", "precheck", "prepare", "publish", "repair", "clean_parts"]
