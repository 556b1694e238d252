"""Rich renderables for one document's diff: header, legend, metadata, inline or side by side.

The renderables are built here and printed by the caller (the ``diff`` command, the HTML
export, the tests), so one rendering serves the terminal, the page and the assertions. Each
view picks its markers when it is rendered: with colour, removed text is struck through in
red and inserted text is green; on a console without colour (a pipe, ``NO_COLOR``) the same
changes read as ``[-removed-]{+inserted+}``, so nothing depends on seeing colour.

Chinese lines are laid out by rich's cell widths (a Han character is two cells) inside table
columns, so long lines wrap within their column and the line numbers and rule labels stay put.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from cleaner.review.rows import BlockRow, DocDiff, Hunk, LineRow, Part

STYLES = {
    "del": "red strike",
    "ins": "bold green",
    "suspect": "black on yellow",
    "elided": "dim italic",
    "equal": "",
}
PLAIN_MARKS = {"del": ("[-", "-]"), "ins": ("{+", "+}"), "suspect": ("[?", "?]"),
               "elided": ("", ""), "equal": ("", "")}
RULE_STYLE = "cyan"
BLOCK_STYLE = "bold red"


def plain(console: Console) -> bool:
    """Whether changes must be shown with text markers because colour is not shown."""
    return console.no_color or console.color_system is None


def parts_text(parts: Iterable[Part], use_marks: bool, skip: str = "") -> Text:
    text = Text()
    for part in parts:
        if part.kind == skip:
            continue
        if use_marks:
            left, right = PLAIN_MARKS[part.kind]
            text.append(f"{left}{part.text}{right}", STYLES[part.kind])
        else:
            text.append(part.text, STYLES[part.kind])
    return text


def rules_text(rules: Iterable[str]) -> Text:
    return Text("\n".join(rules), style=RULE_STYLE)


def header(diff: DocDiff) -> Rule:
    edits = sum(t.edits for t in diff.rules.values())
    title = Text.assemble((diff.id, "bold"),
                          f"  {diff.original_chars:,} → {diff.clean_chars:,} chars, "
                          f"{edits:,} edits by {len(diff.rules)} rule(s)")
    return Rule(title, align="left", style="blue")


def legend(diff: DocDiff, why: Mapping[str, str] | None = None) -> Group:
    """Which rules changed this document, how much, and why they exist; the style key."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("rule", style=RULE_STYLE, no_wrap=True)
    table.add_column("edits", justify="right")
    table.add_column("removed", justify="right")
    table.add_column("added", justify="right")
    if why:
        table.add_column("why", style="dim", overflow="fold")
    for rule, tally in diff.rules.items():
        row = [rule, f"{tally.edits:,}", f"{tally.removed:,}", f"{tally.added:,}"]
        if why:
            row.append(why.get(rule, ""))
        table.add_row(*row)
    return Group(table, KeyLine())


class KeyLine:
    """The style key; shows markers instead of colours on a console without colour."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marks = plain(console)
        text = Text("legend: ")
        for kind, label in (("del", "removed"), ("ins", "inserted or repaired"),
                            ("suspect", "suspect (kept, flagged)")):
            text.append_text(parts_text([Part(kind, label)], marks))
            text.append("  ")
        text.append("rule ids on the right", style=RULE_STYLE)
        yield text


def meta_panel(diff: DocDiff) -> RenderableType | None:
    """Facts taken from removed chrome, and the spans the repair stage was unsure of."""
    if not diff.meta and not diff.suspects:
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in diff.meta.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        grid.add_row(key, shown)
    for s in diff.suspects:
        where = f"{s.start}–{s.end}" if s.located else "not found in the original"
        grid.add_row(Text("suspect", style="yellow"),
                     Text.assemble((s.text, STYLES["suspect"]), f"  {s.reason} ({where})"))
    return Panel(grid, title="metadata", title_align="left", border_style="dim",
                 expand=False)


class DiffView:
    """The hunks of one document, inline (default) or side by side."""

    def __init__(self, diff: DocDiff, side_by_side: bool = False) -> None:
        self.diff = diff
        self.side_by_side = side_by_side

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marks = plain(console)
        table = Table(box=None, show_header=self.side_by_side, padding=(0, 1), expand=True,
                      show_edge=False, header_style="bold")
        width = len(str(self.diff.lines)) + 1
        table.add_column("#", justify="right", style="dim", no_wrap=True, width=width)
        if self.side_by_side:
            table.add_column("original", ratio=1, overflow="fold")
            table.add_column("cleaned", ratio=1, overflow="fold")
        else:
            table.add_column("text", ratio=1, overflow="fold")
        table.add_column("rule", max_width=28, overflow="fold")
        previous = 0
        for hunk in self.diff.hunks:
            if hunk.first > previous + 1:
                self._gap(table, previous + 1, hunk.first - 1)
            self._hunk_header(table, hunk)
            for row in hunk.rows:
                if isinstance(row, BlockRow):
                    self._block(table, row, marks)
                elif isinstance(row, LineRow):
                    self._line(table, row, marks)
            previous = hunk.last
        if self.diff.hidden_hunks:
            self._cells(table, "", Text(f"⋯ output cut here: {self.diff.hidden_hunks:,} more "
                                        "hunk(s) and what is left of this one not shown "
                                        "(see --max-hunks, --rule, --json)",
                                        style="dim italic"), Text())
        elif self.diff.hunks and previous < self.diff.lines:
            self._gap(table, previous + 1, self.diff.lines)
        yield table

    def _cells(self, table: Table, number: str, left: Text, rules: Text,
               right: Text | None = None) -> None:
        if self.side_by_side:
            table.add_row(number, left, right if right is not None else Text(), rules)
        else:
            table.add_row(number, left, rules)

    def _gap(self, table: Table, first: int, last: int) -> None:
        count = last - first + 1
        label = Text(f"⋯ {count:,} unchanged line{'s' if count != 1 else ''}", style="dim")
        self._cells(table, "", label, Text(), Text())

    def _hunk_header(self, table: Table, hunk: Hunk) -> None:
        """``@@ lines a–b @@`` and the rules of the hunk (counted, when there are few)."""
        text = Text(f"@@ lines {hunk.first}–{hunk.last} @@ ", style="bold blue")
        if len(hunk.rule_edits) <= 4:
            text.append(" · ".join(f"{r} ×{n}" for r, n in hunk.rule_edits.items()),
                        style=RULE_STYLE)
        else:
            text.append(f"{len(hunk.rule_edits)} rules, {sum(hunk.rule_edits.values()):,} "
                        "edits", style=RULE_STYLE)
        self._cells(table, "", text, Text(), Text())

    def _block(self, table: Table, row: BlockRow, marks: bool) -> None:
        count = row.last - row.first + 1
        title = Text(f"▌ removed block, lines {row.first}–{row.last} "
                     f"({count} line{'s' if count != 1 else ''}, {row.chars:,} chars)",
                     style=BLOCK_STYLE)
        self._cells(table, "", title, rules_text(row.rules), Text("(removed)", "dim italic"))
        for i, (number, line, rule) in enumerate(row.lines):
            if row.hidden and i == row.split:
                self._cells(table, "", Text(f"  ⋯ {row.hidden:,} more line(s)", "dim italic"),
                            Text())
            struck = parts_text([Part("del", line)], marks)
            self._cells(table, str(number), struck, Text(rule, style=RULE_STYLE))

    def _line(self, table: Table, row: LineRow, marks: bool) -> None:
        if not row.parts:  # an unchanged blank line: the line numbers show the step
            return
        if self.side_by_side:
            left = parts_text(row.parts, marks, skip="ins")
            right = parts_text(row.parts, marks, skip="del")
            table.add_row(str(row.number), left, right, rules_text(row.rules))
        else:
            table.add_row(str(row.number), parts_text(row.parts, marks), rules_text(row.rules))


def document_view(diff: DocDiff, side_by_side: bool = False,
                  why: Mapping[str, str] | None = None) -> Group:
    """Everything shown for one document, top to bottom."""
    items: list[RenderableType] = [header(diff)]
    if diff.source:
        items.append(Text(diff.source, style="dim"))
    panel = meta_panel(diff)
    if panel is not None:
        items.append(panel)
    if not diff.changed:
        items.append(Text("unchanged", style="dim italic"))
        return Group(*items)
    items.append(legend(diff, why))
    if diff.hunks:
        items.append(DiffView(diff, side_by_side))
    else:
        items.append(Text("no hunk matches the filter", style="dim italic"))
    return Group(*items)
