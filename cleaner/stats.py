"""Per-rule counts over a run: documents touched, edits, characters removed and added."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleaner.document import CleanResult


@dataclass(slots=True)
class RuleCount:
    docs: int = 0
    edits: int = 0
    removed: int = 0
    added: int = 0


Digest = tuple[int, int, bool, list[tuple[str, int, int]]]


def digest(result: CleanResult) -> Digest:
    """What the counts need of a result: lengths, changed, (rule, removed, added) per edit."""
    return (len(result.original), len(result.text), result.changed,
            [(e.rule, len(e.old), len(e.new)) for e in result.edits])


@dataclass(slots=True)
class RunStats:
    """What a run did, rule by rule; cheap to update, merged across workers by summing."""

    docs: int = 0
    changed: int = 0
    problems: int = 0
    chars_in: int = 0
    chars_out: int = 0
    rules: dict[str, RuleCount] = field(default_factory=dict)

    def add(self, result: CleanResult) -> None:
        self.add_digest(digest(result))

    def add_digest(self, d: Digest) -> None:
        """Count one document from its :func:`digest` (what a run journal keeps of it)."""
        chars_in, chars_out, changed, edits = d
        self.docs += 1
        self.chars_in += chars_in
        self.chars_out += chars_out
        if changed:
            self.changed += 1
        per_rule: Counter[str] = Counter()
        for rule, removed, added in edits:
            count = self.rules.setdefault(rule, RuleCount())
            count.edits += 1
            count.removed += removed
            count.added += added
            per_rule[rule] += 1
        for rule in per_rule:
            self.rules[rule].docs += 1

    def ordered(self, rule_order: list[str]) -> list[tuple[str, RuleCount]]:
        """Counts in pipeline order (rules that never fired are left out)."""
        rank = {rule: i for i, rule in enumerate(rule_order)}
        return sorted(self.rules.items(), key=lambda kv: rank.get(kv[0], len(rank)))
