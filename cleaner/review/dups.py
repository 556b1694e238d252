"""The near-duplicate view: each kept document beside each of its duplicates, differences lit.

Dedup output is every input record written back with ``cluster`` (shared by the members),
``duplicate_of`` (the kept record's id, or null for the kept record) and ``similarity`` (to
the kept record). Reviewing a threshold means reading what two documents the deduper called
"the same" actually differ in, so the two texts are aligned line by line and, inside lines
that differ, character by character: identical stretches collapse to a count, the passages
only one side has are highlighted.

Line alignment comes first because it is cheap on long texts (lines hash); the character
diff runs only on the differing line blocks, and a block longer than ``CHAR_DIFF_LIMIT`` is
highlighted whole instead, so a pair of huge documents cannot stall the view.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from cleaner.io import InputProblem, Record
from cleaner.review.render import parts_text, plain
from cleaner.review.rows import Part

CHAR_DIFF_LIMIT = 5_000


@dataclass(slots=True)
class Member:
    id: str
    text: str
    duplicate_of: str | None
    similarity: float | None


@dataclass(slots=True)
class Cluster:
    id: str
    kept: Member | None
    duplicates: list[Member] = field(default_factory=list)


def read_clusters(records: Iterable[Record | InputProblem], problems: list[InputProblem]
                  ) -> tuple[list[Cluster], int]:
    """Clusters that hold duplicates, in the order they first appear; and the record count."""
    by_cluster: dict[str, list[Member]] = {}
    total = 0
    for rec in records:
        if isinstance(rec, InputProblem):
            problems.append(rec)
            continue
        total += 1
        f = rec.fields
        if "cluster" not in f:
            problems.append(InputProblem(rec.source, "no 'cluster' field (not dedup output)"))
            continue
        if f["cluster"] is None:
            continue
        sim = f.get("similarity")
        dup = f.get("duplicate_of")
        by_cluster.setdefault(str(f["cluster"]), []).append(Member(
            rec.id, rec.text, None if dup is None else str(dup),
            float(sim) if isinstance(sim, int | float) else None))
    clusters: list[Cluster] = []
    for cid, members in by_cluster.items():
        dups = [m for m in members if m.duplicate_of is not None]
        if not dups:
            continue
        kept_ids = {m.duplicate_of for m in dups}
        kept = next((m for m in members if m.duplicate_of is None and m.id in kept_ids),
                    next((m for m in members if m.duplicate_of is None), None))
        clusters.append(Cluster(cid, kept, dups))
    return clusters, total


def sample_clusters(clusters: list[Cluster], n: int | None, seed: int) -> list[Cluster]:
    if n is None or n >= len(clusters):
        return clusters
    picked = sorted(random.Random(seed).sample(range(len(clusters)), n))
    return [clusters[i] for i in picked]


# -- aligning two texts ------------------------------------------------------------------

Pair = tuple[list[Part], list[Part]]  # one row: kept side, duplicate side


def pair_rows(kept: str, dup: str, context: int = 1) -> list[Pair | int]:
    """Rows of (kept parts, duplicate parts); an int row is a run of identical lines."""
    a, b = kept.split("\n"), dup.split("\n")
    rows: list[Pair | int] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            lines = a[i1:i2]
            head = context if n > 0 else 0
            tail = context if n < len(codes) - 1 else 0
            if len(lines) > head + tail + 1:
                rows.extend(([Part("equal", x)], [Part("equal", x)]) for x in lines[:head])
                rows.append(len(lines) - head - tail)
                rows.extend(([Part("equal", x)], [Part("equal", x)])
                            for x in lines[len(lines) - tail:])
            else:
                rows.extend(([Part("equal", x)], [Part("equal", x)]) for x in lines)
        elif tag == "replace":
            rows.extend(_char_rows("\n".join(a[i1:i2]), "\n".join(b[j1:j2])))
        elif tag == "delete":
            rows.extend(([Part("del", x)], []) for x in a[i1:i2])
        else:
            rows.extend(([], [Part("ins", x)]) for x in b[j1:j2])
    return rows


def _char_rows(old: str, new: str) -> list[Pair]:
    """One row for a differing block, the differing characters highlighted on each side."""
    if len(old) > CHAR_DIFF_LIMIT or len(new) > CHAR_DIFF_LIMIT:
        return [([Part("del", old)], [Part("ins", new)])]
    left: list[Part] = []
    right: list[Part] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(Part("equal", old[i1:i2]))
            right.append(Part("equal", new[j1:j2]))
            continue
        if i2 > i1:
            left.append(Part("del", old[i1:i2]))
        if j2 > j1:
            right.append(Part("ins", new[j1:j2]))
    return [(left, right)]


def differing_chars(rows: list[Pair | int]) -> tuple[int, int]:
    """Characters only the kept side has, and only the duplicate has."""
    only_kept = sum(len(p.text) for r in rows if not isinstance(r, int)
                    for p in r[0] if p.kind == "del")
    only_dup = sum(len(p.text) for r in rows if not isinstance(r, int)
                   for p in r[1] if p.kind == "ins")
    return only_kept, only_dup


# -- rendering ---------------------------------------------------------------------------

class PairView:
    """The kept document beside one duplicate."""

    def __init__(self, kept: Member, dup: Member, context: int = 1) -> None:
        self.kept, self.dup = kept, dup
        self.rows = pair_rows(kept.text, dup.text, context)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marks = plain(console)
        sim = "?" if self.dup.similarity is None else f"{self.dup.similarity:.2f}"
        only_kept, only_dup = differing_chars(self.rows)
        table = Table(expand=True, header_style="bold", show_lines=False,
                      caption=f"similarity {sim} · {only_kept:,} characters only in the kept "
                              f"document, {only_dup:,} only in the duplicate",
                      caption_justify="left")
        table.add_column(f"kept: {self.kept.id}", ratio=1, overflow="fold")
        table.add_column(f"duplicate: {self.dup.id}  (similarity {sim})", ratio=1,
                         overflow="fold")
        for row in self.rows:
            if isinstance(row, int):
                gap = Text(f"⋯ {row:,} identical line(s)", style="dim")
                table.add_row(gap, gap.copy())
                continue
            table.add_row(parts_text(row[0], marks), parts_text(row[1], marks))
        yield table


def cluster_view(cluster: Cluster, context: int = 1) -> Group:
    kept = cluster.kept
    title = Text.assemble(("cluster ", "bold"), (cluster.id, "bold"),
                          f" · kept {kept.id if kept else '(missing)'} · "
                          f"{len(cluster.duplicates)} duplicate(s)")
    items: list[RenderableType] = [Rule(title, align="left", style="blue")]
    if kept is None:
        items.append(Text("the kept record is not in this file; showing duplicates alone",
                          style="yellow"))
        kept = Member("(missing)", "", None, None)
    for dup in cluster.duplicates:
        items.append(PairView(kept, dup, context))
    return Group(*items)


def dups_summary(clusters: list[Cluster], total: int, shown: int) -> Text:
    dups = sum(len(c.duplicates) for c in clusters)
    sims = [d.similarity for c in clusters for d in c.duplicates if d.similarity is not None]
    low = f", lowest similarity {min(sims):.2f}" if sims else ""
    return Text(f"{total:,} record(s), {len(clusters):,} cluster(s) with duplicates, "
                f"{dups:,} duplicate(s){low}; {shown:,} cluster(s) shown", style="bold")


def cluster_dict(cluster: Cluster) -> dict[str, Any]:
    """The ``--json`` form of a cluster: per duplicate, the differing passages."""
    out: dict[str, Any] = {"cluster": cluster.id,
                           "kept": cluster.kept.id if cluster.kept else None,
                           "duplicates": []}
    for dup in cluster.duplicates:
        rows = pair_rows(cluster.kept.text if cluster.kept else "", dup.text, 0)
        diffs = [{"kept": "".join(p.text for p in r[0] if p.kind == "del"),
                  "duplicate": "".join(p.text for p in r[1] if p.kind == "ins")}
                 for r in rows if not isinstance(r, int)
                 and any(p.kind != "equal" for p in (*r[0], *r[1]))]
        out["duplicates"].append({"id": dup.id, "similarity": dup.similarity,
                                  "differences": diffs})
    return out
