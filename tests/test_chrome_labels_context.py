"""A one-word label is judged by its neighbours: between two lines the chrome stage cut it goes,
next to a line that stays it stays (the context pass of jusText)."""

from __future__ import annotations

from cleaner.ops.context import removed_lines
from tests.chrome_text import BODY, P1, P2, P3
from tests.test_chrome_clean_news import assert_untouched


def test_the_lines_a_stage_cut_are_found_around_each_kept_line():
    assert removed_lines("甲\n乙\n丙\n丁", ["乙", "丁"]) == [(True, True), (True, False)]
    assert removed_lines("甲\n乙\n丙", ["甲", "乙", "丙"]) == [(False, False)] * 3
    assert removed_lines("甲\n乙", ["甲改", "乙"]) == [None, (True, False)]


def test_a_label_between_two_cut_lines_goes(cleaner):
    text = "\n".join([BODY, "[icon3]", "法国", "Copyright © 2019 某某网 版权所有"])
    assert cleaner.clean(text).text == BODY


def test_a_label_next_to_the_report_or_a_kept_line_stays(cleaner):
    # (a channel's name alone there is its label: chrome.section_label, tests/test_section_label.py)
    assert_untouched(cleaner, "\n".join(["春运", P1, P2, P3]))
    assert_untouched(cleaner, "\n".join([P1, P2, P3, "北京", "2023年5月"]))
    # a label that stands next to a line the stage keeps stays, even with chrome on its other side
    text = "\n".join([P1, P2, P3, "（完）", "北京", "版权所有 © 某某网 未经授权禁止转载"])
    assert "北京" in cleaner.clean(text).text


def test_single_characters_and_bare_numbers_are_never_taken(cleaner):
    rule = next(r for r in cleaner.ruleset.rules if r.id == "chrome.context_labels")
    for label in ("东", "2023", "法国"):
        text = "\n".join([BODY, "分享到：微信 微博", label, "打印本页 关闭窗口"])
        got, _, _ = cleaner.apply_rule(rule, text)
        assert (label in got.split("\n")) is (label != "法国"), label
