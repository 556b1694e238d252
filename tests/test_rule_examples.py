"""Every example in every default rule pack, one test each: the rule alone must produce it."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rules import load_rules

RULESET = load_rules()
CASES = [(rule, i, ex) for rule in RULESET.rules for i, ex in enumerate(rule.examples, start=1)]


@pytest.fixture(scope="module")
def rule_cleaner() -> Cleaner:
    return Cleaner(RULESET)


def test_every_rule_has_examples():
    missing = [rule.id for rule in RULESET.rules if not rule.examples]
    assert missing == []


@pytest.mark.parametrize(("rule", "index", "example"), CASES,
                         ids=[f"{rule.id}#{i}" for rule, i, _ in CASES])
def test_rule_example(rule_cleaner, rule, index, example):
    got, edits, _ = rule_cleaner.apply_rule(rule, example.input)
    assert got == example.output
    assert all(e.rule == rule.id for e in edits)
