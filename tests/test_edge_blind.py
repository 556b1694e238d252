"""Blank lines at a text's edges change no chrome rule's answer, so a rule that found nothing
in a text is not asked again when only its blank edges were trimmed (``layout.ends`` at the end
of a pass): the claim must hold of every rule it is made for, and skipping must change nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.ops import OpContext
from tests.test_outside_report import _same, clean_without, pages

edges = st.tuples(st.integers(0, 3), st.integers(0, 3))


def _spans(cleaner: Cleaner, rule, text: str):
    ctx = OpContext(lexicon=cleaner.ruleset.lexicon, options=cleaner.options.as_dict())
    return cleaner._spans(rule, text, ctx)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages, edges, edges)
def test_blank_edges_change_no_rule_s_finding_nothing(text, before, after):
    cleaner = Cleaner()
    inner = text.strip("\n")
    one = "\n" * before[0] + inner + "\n" * before[1]
    other = "\n" * after[0] + inner + "\n" * after[1]
    for rule in cleaner.rules:
        if rule.id in cleaner._edge_blind:
            assert bool(_spans(cleaner, rule, one)) == bool(_spans(cleaner, rule, other)), rule.id


def _plain(cleaner: Cleaner, text: str):
    return clean_without(cleaner, "_edge_blind", text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages, edges)
def test_skipping_on_trimmed_edges_changes_nothing(text, around):
    cleaner = Cleaner()
    text = "\n" * around[0] + text + "\n" * around[1]
    _same(cleaner.clean(text), _plain(cleaner, text))


def test_a_report_with_a_blank_last_line_is_read_by_the_chrome_rules_once(monkeypatch):
    from tests.chrome_text import BODY

    cleaner = Cleaner()
    asked: list[str] = []
    spans = cleaner._spans
    monkeypatch.setattr(cleaner, "_spans", lambda rule, text, ctx: (
        asked.append(rule.id) if rule.stage == "chrome" else None) or spans(rule, text, ctx))
    assert cleaner.clean(BODY + "\n").text == BODY
    once = len(asked)
    asked.clear()
    assert _plain(cleaner, BODY + "\n").text == BODY
    assert once < len(asked)
    assert "chrome.repeated_lines" in cleaner._edge_blind
    assert not any(r.kind == "replace" for r in cleaner.rules if r.id in cleaner._edge_blind)
