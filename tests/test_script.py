"""Script unification: the particle 著 → 着 only with the rule's word list."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.document import apply_spans
from cleaner.ops import OpContext
from cleaner.ops.script import convert

TRADITIONAL = "表達著對黨員志願者和基層黨組織的感激之情，這位著名作家的著作很顯著。"


def _converted(**params: object) -> str:
    text, _edits = apply_spans(TRADITIONAL, convert(TRADITIONAL, OpContext(), **params),
                               "script.convert")
    return text


def test_the_shipped_rule_fixes_the_particle_and_keeps_zhu_words():
    assert Cleaner().clean(TRADITIONAL).text == \
        "表达着对党员志愿者和基层党组织的感激之情，这位著名作家的著作很显著。"


def test_without_a_word_list_no_particle_is_guessed():
    assert _converted() == "表达著对党员志愿者和基层党组织的感激之情，这位著名作家的著作很显著。"


def test_a_pack_can_name_its_own_words():
    assert _converted(zhu_words=["著名 著作", "显著"]) == \
        "表达着对党员志愿者和基层党组织的感激之情，这位著名作家的著作很显著。"
    assert _converted(zhu_words=["著名"]) == \
        "表达着对党员志愿者和基层党组织的感激之情，这位著名作家的着作很显着。"
