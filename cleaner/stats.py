"""Per-rule counts over a run: documents touched, edits, characters removed and added."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.document import CleanResult


@dataclass(slots=True)
class RuleCount:
    docs: int = 0
    edits: int = 0
    removed: int = 0
    added: int = 0


Digest = tuple[int, int, bool, tuple[tuple[str, int, int, int], ...]]


def digest(result: CleanResult) -> Digest:
    """What the counts need of a result: lengths, changed, and per rule that fired (in the order
    rules first fired) its edits, characters removed and characters added.

    Summed per rule, not listed per edit: a run journals one digest per document, and a
    document of clean news carries dozens of width edits that would otherwise be pickled,
    sent back from a worker and counted one by one.

    >>> from cleaner.document import Edit
    >>> r = CleanResult("d", "ab,,", "ab,", [Edit("p.comma", 2, 4, ",,", ",")])
    >>> digest(r)
    (4, 3, True, (('p.comma', 1, 2, 1),))
    """
    per_rule: dict[str, list[int]] = {}
    for e in result.edits:
        count = per_rule.get(e.rule)
        if count is None:
            per_rule[e.rule] = [1, len(e.old), len(e.new)]
        else:
            count[0] += 1
            count[1] += len(e.old)
            count[2] += len(e.new)
    return (len(result.original), len(result.text), result.changed,
            tuple((rule, *count) for rule, count in per_rule.items()))


@dataclass(slots=True)
class RunStats:
    """What a run did, rule by rule; cheap to update, merged across workers by summing."""

    docs: int = 0
    changed: int = 0
    problems: int = 0
    written: int = 0
    """Records written to a JSONL or Parquet output, those kept unchanged with an error too."""
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
        for rule, count_edits, removed, added in edits:
            count = self.rules.get(rule)
            if count is None:
                count = self.rules[rule] = RuleCount()
            count.docs += 1
            count.edits += count_edits
            count.removed += removed
            count.added += added

    def ordered(self, rule_order: list[str]) -> list[tuple[str, RuleCount]]:
        """Counts in pipeline order (rules that never fired are left out)."""
        rank = {rule: i for i, rule in enumerate(rule_order)}
        return sorted(self.rules.items(), key=lambda kv: rank.get(kv[0], len(rank)))
