"""The per-rule summary shown above a corpus diff: what each rule did across the documents.

Counts come from :class:`cleaner.stats.RunStats`, the same tally ``cleaner clean`` prints, so
the two commands never disagree about what a rule removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from cleaner.stats import RunStats

if TYPE_CHECKING:
    from cleaner.dedup.deduper import DedupResult


def summary_table(stats: RunStats, rule_order: list[str], shown: int,
                  selected: str | None = None, scanned_note: str = "") -> Table:
    """Documents touched, edits, characters removed and added, per rule in pipeline order.

    ``shown`` is how many documents the review below the table shows; ``selected`` (the
    ``--rule`` filter) is highlighted so its line is found at a glance.
    """
    title = (f"{stats.docs:,} document(s) cleaned{scanned_note}, {stats.changed:,} changed, "
             f"{stats.chars_in:,} → {stats.chars_out:,} characters; {shown:,} shown below")
    return rule_table(stats, rule_order, title, selected)


def rule_table(stats: RunStats, rule_order: list[str], title: str,
               selected: str | None = None) -> Table:
    """The per-rule table itself, shared with the summary ``cleaner clean`` prints."""
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("rule")
    table.add_column("docs", justify="right")
    table.add_column("edits", justify="right")
    table.add_column("chars removed", justify="right")
    table.add_column("chars added", justify="right")
    for rule, count in stats.ordered(rule_order):
        style = "bold reverse" if rule == selected else ""
        table.add_row(rule, f"{count.docs:,}", f"{count.edits:,}", f"{count.removed:,}",
                      f"{count.added:,}", style=style)
    return table


def dedup_table(result: DedupResult) -> Table:
    """What ``cleaner dedup`` prints at the end of a run: its counts and the biggest clusters
    (read without building every cluster's entry, which a million-document run cannot afford)."""
    s = result.stats
    table = Table(title=f"dedup: {s.get('documents', 0)} document(s), "
                        f"{s.get('duplicates', 0)} duplicate(s)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in s.items():
        table.add_row(key.replace("_", " "), str(value))
    biggest = result.largest(5)
    for c in biggest:
        table.add_row(f"cluster {c['cluster']} (kept {c['kept']})", f"{c['size']} copies")
    return table
