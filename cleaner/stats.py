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
        self.docs += 1
        self.chars_in += len(result.original)
        self.chars_out += len(result.text)
        if result.changed:
            self.changed += 1
        per_rule: Counter[str] = Counter()
        for edit in result.edits:
            count = self.rules.setdefault(edit.rule, RuleCount())
            count.edits += 1
            count.removed += len(edit.old)
            count.added += len(edit.new)
            per_rule[edit.rule] += 1
        for rule in per_rule:
            self.rules[rule].docs += 1

    def ordered(self, rule_order: list[str]) -> list[tuple[str, RuleCount]]:
        """Counts in pipeline order (rules that never fired are left out)."""
        rank = {rule: i for i, rule in enumerate(rule_order)}
        return sorted(self.rules.items(), key=lambda kv: rank.get(kv[0], len(rank)))
