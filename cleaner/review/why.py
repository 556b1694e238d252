"""What decided each removal of a run of chrome: the table ``cleaner diff --why`` prints.

A rule id says which rule removed a line; for a run of chrome (a head or tail run, a
related-news truncation) it does not say why *that* line went with it. The pipeline records
on each such edit what the page model saw (:mod:`cleaner.page.explain`): the line's anchor
family, the list it stands in, or its shape, and where it stands against the report.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from cleaner.document import Edit
from cleaner.review.render import RULE_STYLE

MAX_SHOWN = 40


def removed_lines(old: str) -> str:
    """The first removed line, clipped, and how many more went with it.

    >>> removed_lines("\\n相关新闻\\n• 学位新增三千个\\n")
    '相关新闻 (+1 line)'
    """
    lines = [line.strip() for line in old.split("\n") if line.strip()]
    if not lines:
        return ""
    first = lines[0] if len(lines[0]) <= MAX_SHOWN else lines[0][:MAX_SHOWN] + "…"
    more = len(lines) - 1
    return first + (f" (+{more} line{'s' if more > 1 else ''})" if more else "")


def why_table(edits: Iterable[Edit], rule: str | None = None) -> Table | None:
    """One row per explained removal (of ``rule`` only, when given): rule, lines, why."""
    rows = [e for e in edits if e.why and (rule is None or e.rule == rule)]
    if not rows:
        return None
    table = Table(title="why runs of chrome took these lines", title_justify="left",
                  box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("rule", style=RULE_STYLE, no_wrap=True)
    table.add_column("removed", overflow="fold")
    table.add_column("why", style="dim", overflow="fold")
    for e in rows:
        table.add_row(e.rule, Text(removed_lines(e.old)), e.why)
    return table
