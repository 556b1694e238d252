"""Run every rule's examples: the rule alone must turn each input into its output."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.pipeline import Cleaner
from cleaner.rules import Rule, RuleSet


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: Rule
    index: int
    input: str
    expected: str
    got: str


def check_rule(cleaner: Cleaner, rule: Rule) -> list[ExampleFailure]:
    failures = []
    for i, example in enumerate(rule.examples, start=1):
        got, _, _ = cleaner.apply_rule(rule, example.input)
        if got != example.output:
            failures.append(ExampleFailure(rule, i, example.input, example.output, got))
    return failures


def check_rules(ruleset: RuleSet) -> tuple[int, list[ExampleFailure]]:
    """Return (examples run, failures) over every rule of the set."""
    cleaner = Cleaner(ruleset)
    failures: list[ExampleFailure] = []
    count = 0
    for rule in ruleset.rules:
        count += len(rule.examples)
        failures += check_rule(cleaner, rule)
    return count, failures
