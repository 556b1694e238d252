"""The data model every stage shares: a document, the edits made to it, and the result.

An :class:`Edit` is the unit of accountability. Every change a rule makes is one edit, recorded
against the text that rule saw (not the original), so a rule never needs to know what ran
before it. :func:`apply_spans` is the only way stages change text: it turns a list of
non-overlapping replacements into the new text plus the edits, so no stage can change text
without leaving a record. Mapping a sequence of edits back onto
the original text is what review tools need; :mod:`cleaner.review.align` does it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from operator import itemgetter
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``text[start:end]`` (in the text the rule saw) was ``old`` and became ``new``.

    ``step`` numbers the rule applications in a cleaning run; edits with the same step were
    made by one pass of one rule on the same text, so their spans do not overlap (a rule that
    cuts a run of chrome attributes each line's edit to the rule of that line's family).
    ``confidence`` is 1.0 for deterministic rules and lower for repairs that chose between
    readings (mojibake). ``why`` says, for lines a run of chrome removed, what the page model
    saw in them (see :mod:`cleaner.page.explain`), and for a line the line model removed, its
    probability and the features that decided (:mod:`cleaner.ops.linemodel`); empty for other
    edits, and then left out of the record.
    """

    rule: str
    start: int
    end: int
    old: str
    new: str
    step: int = 0
    confidence: float = 1.0
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.why:
            del data["why"]
        return data

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

    def record_block(self, with_edits: bool = False) -> dict[str, Any]:
        """The ``cleaner`` object written beside the clean text in every record format."""
        block: dict[str, Any] = {"rules": self.rules_fired, "meta": self.meta}
        if with_edits:
            block["edits"] = [e.to_dict() for e in self.edits]
        return block


Span = tuple[int, int, str] | tuple[int, int, str, float]
"""A replacement request against the current text: ``(start, end, new_text[, confidence])``."""


_START_END = itemgetter(0, 1)


def apply_spans(text: str, spans: list[Span], rule: str, step: int = 0) -> tuple[str, list[Edit]]:
    """Apply non-overlapping replacements to ``text`` and return the new text and its edits.

    Spans may come in any order; overlapping spans are a programming error in the rule that
    produced them and raise ``ValueError`` rather than silently corrupting text.
    """
    if not spans:
        return text, []
    ordered = sorted(spans, key=_START_END)
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
