"""What a reviewer reads of one document: rows of lines, hunks, tallies and the view's limits.

Plain frozen data, shared by the layout (:mod:`cleaner.review.hunks`) and every view of it
(the terminal, the HTML page, ``--json``), so each view shows the same thing and none of them
needs the layout's machinery to read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """``original[start:end] == old`` became ``new`` (at ``out_start`` in the clean text)."""

    start: int
    end: int
    old: str
    new: str
    rules: tuple[str, ...]
    edits: tuple[int, ...]
    out_start: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "old": self.old, "new": self.new,
                "rules": list(self.rules), "out_start": self.out_start}


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of one displayed line: ``kind`` is equal, del, ins, suspect or elided."""

    kind: str
    text: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LineRow:
    number: int  # 1-based line of the original
    parts: tuple[Part, ...]
    rules: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return any(p.kind in ("del", "ins") for p in self.parts)

    def text(self, side: str) -> str:
        """The line as it was (``old``) or as it became (``new``), markers left out."""
        skip = "ins" if side == "old" else "del"
        return "".join(p.text for p in self.parts if p.kind != skip)


@dataclass(frozen=True, slots=True)
class BlockRow:
    """Whole lines removed together; ``lines`` holds (number, text, rule) of those shown."""

    first: int
    last: int
    lines: tuple[tuple[int, str, str], ...]
    rules: tuple[str, ...]
    chars: int
    hidden: int = 0  # lines not shown (elided from the middle of a long block)
    split: int = 0  # where in ``lines`` the elided lines were (when ``hidden``)


Row = LineRow | BlockRow


@dataclass(slots=True)
class Hunk:
    first: int
    last: int
    rows: list[Row]
    changes: list[Change]
    rule_edits: dict[str, int]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self.rule_edits)


@dataclass(frozen=True, slots=True)
class RuleTally:
    edits: int = 0
    removed: int = 0
    added: int = 0


@dataclass(frozen=True, slots=True)
class Suspect:
    start: int
    end: int
    text: str
    reason: str
    located: bool  # whether the span was found in the original


@dataclass(slots=True)
class DocDiff:
    """Everything shown for one document."""

    id: str
    source: str
    original_chars: int
    clean_chars: int
    lines: int
    rules: dict[str, RuleTally]
    hunks: list[Hunk]
    meta: dict[str, Any] = field(default_factory=dict)
    suspects: list[Suspect] = field(default_factory=list)
    hidden_hunks: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.rules)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` form: hunks with their changes in original coordinates."""
        return {
            "id": self.id, "source": self.source,
            "chars": {"original": self.original_chars, "clean": self.clean_chars},
            "rules": {r: {"edits": t.edits, "removed": t.removed, "added": t.added}
                      for r, t in self.rules.items()},
            "meta": self.meta,
            "suspect_spans": [{"start": s.start, "end": s.end, "text": s.text,
                               "reason": s.reason} for s in self.suspects],
            "hunks": [{"lines": [h.first, h.last], "rules": h.rule_edits,
                       "changes": [c.to_dict() for c in h.changes]} for h in self.hunks],
            "hidden_hunks": self.hidden_hunks,
        }


@dataclass(frozen=True, slots=True)
class Options:
    """How much to show. ``None`` limits mean unlimited (what ``--json`` uses)."""

    context: int = 2
    all_lines: bool = False
    rule: str | None = None
    max_hunks: int | None = 200
    max_rows: int | None = 2000  # rows per document; a longer view is cut (and says so)
    max_block_lines: int | None = 8
    max_equal: int | None = 400  # longer unchanged stretches inside a line are elided
    max_change: int | None = 2000  # longer removed or inserted text is elided
