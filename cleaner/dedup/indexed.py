"""A run checked against a dedup index batch by batch, in input order.

Each batch must see the batches before it (a copy of a document earlier in the same run is a
copy too), so checking is sequential whichever engine cleaned the text; both the local and the
Ray command run it through this one class, so their output, report and index agree.
"""

from __future__ import annotations

from cleaner.dedup.deduper import DedupResult
from cleaner.dedup.index import DedupIndex
from cleaner.dedup.keep import DocInfo

BATCH = 2000  # documents signed and checked together: the batch a first pass flushes


class IndexedRun:
    """A run's batches checked against an index in order: their assignments and summed stats,
    and at the end the result ``cleaner dedup --index`` reports (every engine uses this)."""

    def __init__(self, index: DedupIndex) -> None:
        self.index = index
        self.assignments: list = []
        self.stats: dict[str, int] = {}

    def add(self, texts: list[str], ids: list[str], infos: list[DocInfo]) -> list:
        part = self.index.add(texts, ids, infos)
        self.assignments.extend(part.assignments)
        for k, v in part.stats.items():
            self.stats[k] = self.stats.get(k, 0) + v if k != "indexed" else v
        return list(part.assignments)

    def result(self) -> DedupResult:
        assignments, stats = self.assignments, self.stats
        stats["documents"] = len(assignments)
        clusters: dict[int, list] = {}
        for a in assignments:
            clusters.setdefault(a.cluster, []).append(a)
        report = [{"cluster": c, "kept": next((m.duplicate_of for m in ms if m.duplicate_of),
                                              ms[0].id),
                   "size": len(ms), "members": [{"id": m.id, "similarity": m.similarity}
                                                for m in ms]}
                  for c, ms in sorted(clusters.items()) if any(not m.kept for m in ms)]
        stats["kept"] = sum(a.kept for a in assignments)
        return DedupResult(assignments, report, stats)
