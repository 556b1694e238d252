"""The review tools: edit composition, hunks, and what a person sees in the rendering."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from cleaner.document import CleanResult, Edit, apply_spans
from cleaner.review.align import align, original_spans, undo
from cleaner.review.dups import Member, PairView, pair_rows
from cleaner.review.html import render_html
from cleaner.review.hunks import diff_result, display_changes
from cleaner.review.render import document_view
from cleaner.review.rows import BlockRow, LineRow, Options
from cleaner.review.summary import summary_table
from cleaner.stats import RunStats

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "input"


def console(color_system: str | None = "truecolor") -> Console:
    return Console(record=True, width=100, color_system=color_system, force_terminal=True,
                   file=io.StringIO(), highlight=False)


def run_steps(text: str, steps: list[tuple[str, list[tuple[int, int, str]]]]
              ) -> tuple[str, list[Edit]]:
    edits: list[Edit] = []
    for step, (rule, spans) in enumerate(steps):
        text, new = apply_spans(text, spans, rule, step)
        edits.extend(new)
    return text, edits


def rebuild(original: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for c in align(edits, len(original)).changes:
        out += [original[pos:c.start], c.new]
        pos = c.end
    return "".join(out) + original[pos:]


# -- composing edits ----------------------------------------------------------------------

def test_chain_is_attributed_to_the_original_span() -> None:
    # ,, → , (double comma) then , → ， (width): one change, two rules, original ",,"
    clean, edits = run_steps("甲,,乙", [("p.double", [(1, 3, ",")]), ("p.width", [(1, 2, "，")])])
    assert clean == "甲，乙"
    (change,) = align(edits, 5).changes
    assert (change.start, change.end, change.new) == (1, 3, "，")
    assert change.rules == ("p.double", "p.width")
    assert [(s, e) for s, e, _ in original_spans(edits)] == [(1, 3), (1, 3)]


def test_original_spans_shift_past_earlier_removals() -> None:
    original = "區(qū)業(yè)很好"
    clean, edits = run_steps(original, [
        ("pinyin", [(1, 5, ""), (6, 10, "")]),
        ("script", [(0, 2, "区业")]),
    ])
    assert clean == "区业很好"
    spans = original_spans(edits)
    assert [original[s:e] for s, e, _ in spans[:2]] == ["(qū)", "(yè)"]
    # the conversion saw 區業; in the original that stretch holds the first annotation too
    assert spans[2][:2] == (0, 6)
    assert rebuild(original, edits) == clean


def test_random_edit_chains_rebuild_the_clean_text() -> None:
    rng = random.Random(7)
    for _ in range(1500):
        text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 25)))
        current, edits = text, []
        for step in range(rng.randint(1, 5)):
            spans, pos = [], 0
            while pos <= len(current) and rng.random() < 0.7:
                s = rng.randint(pos, len(current))
                e = rng.randint(s, min(len(current), s + 4))
                spans.append((s, e, "".join(rng.choice("XY\n") for _ in range(rng.randint(0, 3)))))
                pos = e + 1 if e == s else e
            current, new = apply_spans(current, spans, f"r{step}", step)
            edits.extend(new)
        assert rebuild(text, edits) == current
        assert undo(current, edits) == text
        for (s, e, edit) in original_spans(edits):
            assert 0 <= s <= e <= len(text)
            if edit.step == edits[0].step:  # first application: spans are exact
                assert text[s:e] == edit.old


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_seed_changes_compose_to_the_clean_text(path: Path, cleaner) -> None:
    original = path.read_text(encoding="utf-8")
    result = cleaner.clean(original, path.stem)
    assert rebuild(original, result.edits) == result.text
    assert undo(result.text, result.edits) == original


# -- hunks --------------------------------------------------------------------------------

def make_result(original: str, steps: list[tuple[str, list[tuple[int, int, str]]]],
                meta: dict | None = None) -> CleanResult:
    clean, edits = run_steps(original, steps)
    return CleanResult("doc", original, clean, edits, dict(meta or {}))


RELATED = "\n".join(["正文第一段，内容很长。", "正文第二段。", "相关新闻"] +
                    [f"- 标题新闻第{i}条" for i in range(40)])


def test_removed_list_is_one_block_not_forty_hunks() -> None:
    cut = RELATED.index("\n相关新闻")
    result = make_result(RELATED, [("chrome.related_block", [(cut, len(RELATED), "")])])
    diff = diff_result(result, Options(context=1))
    (hunk,) = diff.hunks
    blocks = [r for r in hunk.rows if isinstance(r, BlockRow)]
    assert len(blocks) == 1
    block = blocks[0]
    assert (block.first, block.last) == (3, 43)
    assert block.rules == ("chrome.related_block",)
    assert len(block.lines) == 8 and block.hidden == 41 - 8
    assert block.lines[0][1] == "相关新闻"


def test_trimmed_change_and_line_parts() -> None:
    original = "第一段\n\n\n\n第二段,完"
    result = make_result(original, [("layout.blank_lines", [(3, 7, "\n\n")]),
                                    ("punctuation.width", [(8, 9, "，")])])
    changes = display_changes(original, result.edits)
    assert [(c.old, c.new) for c in changes] == [("\n\n", ""), (",", "，")]
    diff = diff_result(result, Options(context=0))
    rows = [r for h in diff.hunks for r in h.rows if isinstance(r, LineRow) and r.changed]
    assert rows[-1].text("old") == "第二段,完" and rows[-1].text("new") == "第二段，完"


def test_context_and_rule_filter() -> None:
    lines = [f"第{i}行。" for i in range(30)]
    original = "\n".join(lines)
    a, b = original.index("第3行"), original.index("第25行")
    result = make_result(original, [("r.one", [(a, a + 1, "甲")]), ("r.two", [(b, b + 1, "乙")])])
    diff = diff_result(result, Options(context=2))
    assert [(h.first, h.last) for h in diff.hunks] == [(2, 6), (24, 28)]
    only = diff_result(result, Options(context=2, rule="r.two"))
    assert [h.rules for h in only.hunks] == [("r.two",)]
    everything = diff_result(result, Options(all_lines=True))
    assert [(h.first, h.last) for h in everything.hunks] == [(1, 30)]


def test_huge_document_is_bounded() -> None:
    body = "这是一段很长的正文。" * 200_000  # 2 million characters on one line
    original = "首页>>新闻>>正文\n" + body + "\n相关新闻\n" + "\n".join(f"- 新闻{i}" for i in range(50_000))
    head_end = original.index("\n") + 1
    tail = original.index("\n相关新闻")
    result = make_result(original, [("chrome.related_block", [(tail, len(original), "")]),
                                    ("chrome.breadcrumb", [(0, head_end, "")])])
    diff = diff_result(result)
    rendered = console(None)
    rendered.print(document_view(diff))
    text = rendered.export_text()
    assert "unchanged characters" not in text or len(text) < 20_000
    assert "more line(s)" in text and len(text) < 20_000


# -- rendering ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_001(cleaner) -> CleanResult:
    path = SEEDS / "001_2dca93d985c67243.txt"
    return cleaner.clean(path.read_text(encoding="utf-8"), path.stem)


def test_inline_view_names_rules_and_strikes_chrome(seed_001: CleanResult) -> None:
    con = console("truecolor")
    con.print(document_view(diff_result(seed_001)))
    text = con.export_text(clear=False)
    for rule in seed_001.rules_fired:  # every rule that changed the document is named
        assert rule in text
    assert "removed block, lines 1–" in text  # the head chrome, as one block
    assert "人民網(wǎng)>>四川頻道>>綜合欄目" in text  # the removed breadcrumb, as it was
    assert "人民网-四川频道" in text  # metadata kept from the removed dateline
    svg = con.export_svg(clear=False)
    assert "line-through" in svg  # removed text is struck through
    html = con.export_html(inline_styles=True)
    assert "line-through" in html and "人民網(wǎng)" in html


def test_plain_console_reads_without_colour(seed_001: CleanResult) -> None:
    con = console(None)
    con.print(document_view(diff_result(seed_001), side_by_side=False))
    text = con.export_text()
    assert "[-人民網(wǎng)-]" in text
    assert "[-瀘-]{+泸+}" in text or "[-瀘縣-]{+泸县+}" in text


def test_side_by_side_puts_clean_text_in_its_own_column(seed_001: CleanResult) -> None:
    con = console("standard")
    con.print(document_view(diff_result(seed_001), side_by_side=True))
    lines = con.export_text().splitlines()
    header = next(line for line in lines if "original" in line and "cleaned" in line)
    col = cell_len(header[:header.index("cleaned")])
    row = next(line for line in lines if "交通卡口管控" in line and "泸县" in line)
    # the cleaned text starts in the cleaned column, counted in cells (a Han character is 2)
    assert cell_len(row[:row.index("泸县")]) == col
    assert cell_len(row[:row.index("瀘縣")]) < col
    assert all(cell_len(line) <= 100 for line in lines)


def test_repaired_and_suspect_spans_are_shown() -> None:
    original = "最可愛的人?!币虮簧磉叺抗疫事跡\n另一段"
    result = make_result(original, [("mojibake.repair", [(5, 12, "。”因被身邊的")])],
                         meta={"suspect_spans": [{"start": 18, "end": 21, "text": "另一段",
                                                  "reason": "low-confidence GBK"}]})
    con = console(None)
    con.print(document_view(diff_result(result)))
    text = con.export_text()
    assert "{+。”因被身邊的+}" in text and "mojibake.repair" in text
    assert "low-confidence GBK" in text and "[?另一段?]" in text


def test_summary_table_figures(cleaner) -> None:
    stats = RunStats()
    for path in sorted(SEEDS.glob("*.txt")):
        stats.add(cleaner.clean(path.read_text(encoding="utf-8"), path.stem))
    con = console("standard")
    con.print(summary_table(stats, cleaner.ruleset.ids, shown=5, selected="chrome.byline"))
    text = con.export_text()
    assert "5 document(s) cleaned" in text
    byline = next(line for line in text.splitlines() if "chrome.byline" in line)
    count = stats.rules["chrome.byline"]
    assert f"│ {count.docs:>4} │" in byline.replace("  ", " ") or str(count.removed) in byline


def test_dups_pair_highlights_the_difference() -> None:
    kept = "第一行\n同一段落的文字。\n第三行"
    dup = "第一行\n同一段落的文字（转载）。\n第三行\n责任编辑：张三"
    rows = pair_rows(kept, dup)
    con = console(None)
    con.print(PairView(Member("a", kept, None, None), Member("b", dup, "a", 0.87)))
    text = con.export_text()
    assert "{+（转载）+}" in text and "{+责任编辑：张三+}" in text
    assert "similarity 0.87" in text and len(rows) == 4


def test_html_page_is_self_contained(seed_001: CleanResult) -> None:
    page = render_html([document_view(diff_result(seed_001))], "review <001>")
    assert page.startswith("<!DOCTYPE html>") and "<title>review &lt;001&gt;</title>" in page
    assert seed_001.rules_fired[-1] in page and "<script" not in page and "http" not in page.lower()
