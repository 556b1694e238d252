"""``cleaner diff --why``: each line a run of chrome took, with the family or shape that decided."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from cleaner import Cleaner
from cleaner.cli import build_parser
from cleaner.commands.diff import run
from cleaner.document import Edit
from cleaner.page.analysis import LineAnalysis
from cleaner.page.explain import explain_span, line_feature
from tests.chrome_text import BODY

PAGE = "\n".join(["首页 > 财经 > 正文", "• 财经", "• 娱乐", "学位新增三千个", BODY,
                  "相关新闻", "• 学位新增三千个", "• 五所学校九月启用", "版权所有 2019"])


def test_line_features_name_family_list_and_shape():
    page = LineAnalysis.of(PAGE).page
    assert [line_feature(page, i) for i in (0, 1, 3, 7)] == [
        "anchor: breadcrumb", "list context", "short line", "anchor: marker"]
    assert explain_span(page, 0, len(PAGE)).startswith("above the report / inside the report")


def test_run_edits_carry_why_and_line_rules_do_not():
    result = Cleaner().clean(PAGE)
    why = {e.rule: e.why for e in result.edits}
    assert why["chrome.head_run"] == "above the report: list context ×2"
    assert why["chrome.related_block"] == "below the report: anchor: marker, list context ×2"
    # a line of a family the run took is given to the family's rule, and says which run cut it
    assert why["chrome.copyright"] == \
        "cut by chrome.related_block; below the report: anchor: copyright"
    assert why["chrome.breadcrumb"] == ""


def test_why_is_in_the_record_only_when_there_is_one():
    plain = Edit("chrome.breadcrumb", 0, 3, "abc", "")
    assert "why" not in plain.to_dict()
    explained = Edit("chrome.tail_run", 0, 3, "abc", "", why="below the report: short line")
    assert Edit.from_dict(explained.to_dict()) == explained
    assert Edit.from_dict(plain.to_dict()) == plain


def test_diff_why_prints_what_decided(tmp_path: Path):
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": PAGE}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    args = build_parser().parse_args(["diff", str(path), "--why", "--workers", "1"])
    console = Console(record=True, width=120, file=io.StringIO(), highlight=False)
    assert run(args, console) == 0
    out = console.export_text()
    assert "why runs of chrome took these lines" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("chrome.head_run")
               and "list context" in line)
    assert "• 财经 (+1 line)" in row and "above the report: list context ×2" in row
    assert "cut by chrome.related_block; below the report: anchor: copyright" in out


def test_diff_without_why_prints_no_table(tmp_path: Path):
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": PAGE}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    args = build_parser().parse_args(["diff", str(path), "--workers", "1"])
    console = Console(record=True, width=120, file=io.StringIO(), highlight=False)
    assert run(args, console) == 0
    assert "why runs of chrome" not in console.export_text()
