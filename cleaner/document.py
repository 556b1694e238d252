"""The data model every stage shares: a document, the edits made to it, and the result.

An :class:`Edit` is the unit of accountability. Every change a rule makes is one edit, recorded
against the text that rule saw (not the original), so a rule never needs to know what ran
before it. :func:`apply_spans` is the only way stages change text: it turns a list of
non-overlapping replacements into the new text plus the edits, so no stage can change text
without leaving a record. :func:`original_spans` maps a sequence of edits back onto the
original text, which is what review tools need.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``text[start:end]`` (in the text the rule saw) was ``old`` and became ``new``.

    ``step`` numbers the rule applications in a cleaning run; edits with the same step were
    made by one pass of one rule on the same text, so their spans do not overlap.
    ``confidence`` is 1.0 for deterministic rules and lower for repairs that chose between
    readings (mojibake).
    """

    rule: str
    start: int
    end: int
    old: str
    new: str
    step: int = 0
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        return cls(**data)


@dataclass(slots=True)
class Doc:
    """A document as it enters the cleaner: an id, its text, and whatever metadata it carried."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CleanResult:
    """What cleaning one document returns.

    ``meta`` holds the facts extracted from removed chrome (author, source, editor,
    published time, photo credit …) and notes from stages (``encoding``, ``suspect_spans``).
    """

    id: str
    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def rules_fired(self) -> list[str]:
        """Rule ids that changed this document, in the order they first fired."""
        return list(dict.fromkeys(e.rule for e in self.edits))

    @property
    def changed(self) -> bool:
        return self.text != self.original


Span = tuple[int, int, str] | tuple[int, int, str, float]
"""A replacement request against the current text: ``(start, end, new_text[, confidence])``."""


def apply_spans(text: str, spans: list[Span], rule: str, step: int = 0) -> tuple[str, list[Edit]]:
    """Apply non-overlapping replacements to ``text`` and return the new text and its edits.

    Spans may come in any order; overlapping spans are a programming error in the rule that
    produced them and raise ``ValueError`` rather than silently corrupting text.
    """
    if not spans:
        return text, []
    ordered = sorted(spans, key=lambda s: (s[0], s[1]))
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for span in ordered:
        start, end, new = span[0], span[1], span[2]
        confidence = span[3] if len(span) > 3 else 1.0  # type: ignore[misc]
        if start < pos:
            raise ValueError(f"rule {rule}: overlapping edits at {start}")
        old = text[start:end]
        if old == new:
            continue
        parts.append(text[pos:start])
        parts.append(new)
        edits.append(Edit(rule, start, end, old, new, step, confidence))
        pos = end
    parts.append(text[pos:])
    return "".join(parts), edits


def original_spans(edits: list[Edit]) -> list[tuple[int, int, Edit]]:
    """Map every edit onto the coordinates of the original text.

    Edits are recorded against the text their rule saw. Replaying them in order, this keeps
    a list of the changes made so far and shifts each later span back through them. An edit
    that falls inside text inserted by an earlier edit is attributed to that earlier edit's
    original span. Returns ``(orig_start, orig_end, edit)`` per edit, in application order.
    """
    # Each applied change: (cur_start, cur_end_after, orig_start, orig_end) in the coordinate
    # system of the text after that step; kept sorted by position.
    applied: list[tuple[int, int, int, int]] = []
    out: list[tuple[int, int, Edit]] = []
    for step_edits in _group_by_step(edits):
        mapped: list[tuple[int, int, Edit]] = []
        for e in step_edits:
            mapped.append((_to_orig(e.start, applied, False), _to_orig(e.end, applied, True), e))
        out.extend(mapped)
        applied = _advance(applied, step_edits)
    return out


def _group_by_step(edits: list[Edit]) -> list[list[Edit]]:
    groups: list[list[Edit]] = []
    for e in edits:
        if groups and groups[-1][0].step == e.step and groups[-1][0].rule == e.rule:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def _to_orig(pos: int, applied: list[tuple[int, int, int, int]], is_end: bool) -> int:
    shift = 0
    for cur_start, cur_end, orig_start, orig_end in applied:
        if pos < cur_start or (pos == cur_start and not is_end):
            break
        if pos <= cur_end and pos >= cur_start:
            return orig_end if is_end else orig_start
        shift = orig_end - cur_end
    return pos + shift


def _advance(applied: list[tuple[int, int, int, int]],
             step_edits: list[Edit]) -> list[tuple[int, int, int, int]]:
    """Re-express earlier changes in the coordinates of the text after ``step_edits``."""
    result: list[tuple[int, int, int, int]] = []
    for e in step_edits:
        o_start = _to_orig(e.start, applied, False)
        o_end = _to_orig(e.end, applied, True)
        result.append((e.start, e.start + len(e.new), o_start, o_end))
    # Positions of the new changes are in pre-step coordinates; shift them by the growth of
    # the earlier edits of this same step, then merge with the surviving old changes.
    shifted: list[tuple[int, int, int, int]] = []
    delta = 0
    for (cs, _ce, os_, oe), e in zip(result, step_edits, strict=True):
        start = cs + delta
        shifted.append((start, start + len(e.new), os_, oe))
        delta += len(e.new) - (e.end - e.start)
    merged: list[tuple[int, int, int, int]] = []
    for old in applied:
        cs, ce, os_, oe = old
        # drop changes swallowed by a new edit; shift the rest
        d = 0
        swallowed = False
        for e in step_edits:
            if e.end <= cs:
                d += len(e.new) - (e.end - e.start)
            elif e.start < ce or (e.start <= cs and e.end >= ce):
                swallowed = True
                break
        if not swallowed:
            merged.append((cs + d, ce + d, os_, oe))
    merged.extend(shifted)
    merged.sort()
    return merged
