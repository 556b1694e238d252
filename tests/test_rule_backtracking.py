"""Default line patterns stay fast on the lines text-mode page renderings produce.

A w3m dump indents a line with hundreds of spaces; a pattern that starts with several optional
parts each preceded by ``\\s*`` tries every split of those spaces (cubic time: seconds per
line), so the leading ``\\s*`` of such patterns is possessive (``\\s*+``). These tests check
that indented lines are still recognised; ``scripts/bench.py --only worst`` measures the cost.
"""

from __future__ import annotations

from cleaner.rules import load_rules


def test_indented_byline_still_recognised() -> None:
    rules = load_rules()
    assert rules.by_id("chrome.byline").pattern.search(" " * 800 + "本报记者 张三 报道")
    assert rules.by_id("chrome.photographer").pattern.search(" " * 800 + "记者 张三 摄")
    assert not rules.by_id("chrome.byline").pattern.search(" " * 800 + "记者来到现场，看到很多人。")
