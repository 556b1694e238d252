"""One-shot near-duplicate detection for pipelines: documents in, cluster assignments out.

:class:`Deduper` streams: ``add`` turns each batch into keys and signatures at once and keeps
only arrays (signature, shingle count, key hash, length, what the keep policy compares) and the
ids in one UTF-8 buffer per batch: about 300 bytes per document (256 of them the compact
signature) and no Python object per document, so memory grows with the number of documents,
not with their text. ``result`` links, clusters and applies the keep policy, all on arrays, and
never copies the signatures: its working memory is a few dozen bytes per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.core import DedupConfig, copy_similarity, exact_groups, link
from cleaner.dedup.keep import POLICIES, DocInfo, date_ranks, kept_copies, primary_ranks
from cleaner.dedup.key import dedup_keys
from cleaner.dedup.lsh import iter_chunks
from cleaner.dedup.minhash import STORED, compact, signatures_of
from cleaner.dedup.spill import Column, DiskSignatures, DiskStrings, Scratch
from cleaner.dedup.store import Assignment, Assignments, Signatures, Strings
from cleaner.dedup.verify import common_codes, common_mask

__all__ = ["Assignment", "DedupResult", "Deduper", "sign"]


@dataclass
class DedupResult:
    """Assignments in input order, plus the clusters with more than one member and counts."""

    assignments: Sequence[Assignment]
    clusters: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        """A JSON-ready cluster report."""
        return {"stats": self.stats, "clusters": self.clusters}

    def largest(self, count: int) -> list[dict[str, Any]]:
        """The ``count`` largest clusters of the report (the first listed among equals)."""
        return sorted(self.clusters, key=lambda c: -c["size"])[:count]


class _LazyResult(DedupResult):
    """A result whose cluster report is built from the arrays only when asked for."""

    def __init__(self, assignments: Assignments, stats: dict[str, Any]) -> None:
        self.assignments = assignments
        self.stats = stats

    @cached_property
    def clusters(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return self._clusters(None)

    def largest(self, count: int) -> list[dict[str, Any]]:
        """As :meth:`DedupResult.largest`, without building the other clusters' entries."""
        if "clusters" in self.__dict__:
            return super().largest(count)
        roots, sizes = np.unique(self.assignments.members()[1], return_counts=True)
        top = roots[np.argsort(-sizes, kind="stable")[:count]]
        return sorted(self._clusters(top), key=lambda c: -c["size"])

    def _clusters(self, only: np.ndarray | None) -> list[dict[str, Any]]:
        """The report's entries of every cluster with copies (or of the clusters ``only``)."""
        a = self.assignments
        docs, cluster, kept_copy = a.members()
        if only is not None:
            pick = np.isin(cluster, only)
            docs, cluster, kept_copy = docs[pick], cluster[pick], kept_copy[pick]
        order = np.lexsort((docs, cluster))
        docs, cluster, kept_copy = docs[order], cluster[order], kept_copy[order]
        out = []
        bounds = np.flatnonzero(np.diff(cluster)) + 1
        for group in np.split(np.arange(len(docs)), bounds) if len(docs) else []:
            kept = int(docs[group][kept_copy[group] < 0][0])
            out.append({
                "cluster": int(cluster[group[0]]),
                "kept": a.ids[kept],
                "size": len(group),
                "members": [{"id": m.id, "similarity": m.similarity}
                            for m in (a[int(i)] for i in docs[group])],
            })
        return out


def sign(texts: Sequence[str], config: DedupConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keys, then compact signatures, shingle counts and key hashes for a batch of clean texts."""
    keys = dedup_keys(texts, config.simplify)
    sigs, sizes = signatures_of(keys.cps, keys.offsets, config.ngram, config.num_perm,
                                config.seed)
    return compact(sigs), sizes.astype(np.int32), keys.hashes


def clean_texts(texts: Sequence[str]) -> list[str]:
    """Run the cleaning pipeline, so keys are computed from what users will see."""
    from cleaner.pipeline import Cleaner

    return [r.text for r in Cleaner().clean_batch(list(texts))]


class Deduper:
    """Find copies of the same story in a corpus.

    >>> d = Deduper()
    >>> r = d.dedup(["今天北京天气晴朗，气温二十度。" * 5, "今天北京天氣晴朗，氣溫二十度。" * 5])
    >>> [(a.cluster, a.duplicate_of) for a in r.assignments]
    [(0, None), (0, '0')]
    """

    def __init__(
        self,
        config: DedupConfig | None = None,
        keep: str = "longest",
        priority: Sequence[str] = (),
        clean: bool = False,
        spill: str | Path | bool | None = None,
    ) -> None:
        if keep not in POLICIES:
            raise ValueError(f"unknown keep policy {keep!r}; choose one of {', '.join(POLICIES)}")
        self.config = config or DedupConfig()
        self.keep = keep
        self.priority = tuple(priority)
        self.clean = clean
        self.scratch: Scratch | None = None
        if spill is None:
            self.sigs: Signatures | DiskSignatures = Signatures(self.config.num_perm, STORED)
            self._parts: dict[str, Any] = {
                "sizes": [], "hashes": [], "lengths": [], "primary": []}
            self.ids: Strings | DiskStrings = Strings()
            self._dates: Strings | DiskStrings = Strings()
            return
        self.scratch = scratch = Scratch(None if spill is True else spill)
        self.sigs = DiskSignatures(scratch / "sigs", self.config.num_perm, STORED)
        self._parts = {name: Column(scratch / name, dtype) for name, dtype in
                       (("sizes", np.int32), ("hashes", np.int64), ("lengths", np.int32),
                        ("primary", np.int32))}
        self.ids = DiskStrings(scratch, "ids")
        self._dates = DiskStrings(scratch, "dates")

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        infos: Sequence[DocInfo] | None = None,
    ) -> None:
        """Sign a batch of documents (clean text unless the Deduper was built with ``clean``)."""
        if self.clean:
            texts = clean_texts(texts)
        if infos is None:
            infos = [DocInfo(len(t)) for t in texts]
        self.add_signed(sign(texts, self.config), ids, infos)

    def add_signed(
        self,
        signed: tuple[np.ndarray, np.ndarray, np.ndarray],
        ids: Sequence[str] | None,
        infos: Sequence[DocInfo],
    ) -> None:
        """Add a batch already signed by :func:`sign` with this deduper's config (in another
        process, say): what :meth:`add` stores, without computing it."""
        sigs, sizes, hashes = signed
        start = len(self.ids)
        ids = [str(i) for i in ids] if ids is not None else [
            str(start + i) for i in range(len(infos))
        ]
        parts = self._parts
        self.sigs.append(sigs)
        parts["sizes"].append(sizes)
        parts["hashes"].append(hashes)
        parts["lengths"].append(np.fromiter((i.length for i in infos), np.int32, len(infos)))
        if self.keep == "source":
            parts["primary"].append(primary_ranks(infos, self.keep, self.priority))
        self.ids.extend(ids)
        if self.keep == "earliest":
            self._dates.extend([i.date or "" for i in infos])

    def column(self, name: str) -> Column:
        """A spilled deduper's per-document column: ``sizes`` (shingle counts), ``hashes``
        (key hashes), ``lengths`` or ``primary`` (what the keep policy compares)."""
        if self.scratch is None:
            raise ValueError("only a deduper built with spill= keeps its columns on disk")
        return self._parts[name]

    @property
    def folder(self) -> Path:
        """Where a spilled deduper keeps its files."""
        if self.scratch is None:
            raise ValueError("only a deduper built with spill= keeps its columns on disk")
        return self.scratch.folder

    def dates_of(self, docs: np.ndarray) -> list[str]:
        """The dates of documents ``docs`` (the empty string when undated)."""
        if isinstance(self._dates, DiskStrings):
            return self._dates.take(docs)
        return [self._dates[int(i)] for i in docs]

    def _array(self, name: str) -> np.ndarray:
        chunks = self._parts[name]
        if len(chunks) > 1:
            chunks[:] = [np.concatenate(chunks)]
        if chunks:
            return chunks[0]
        return np.zeros(len(self.ids), np.int32 if name != "hashes" else np.int64)

    def arrays(self) -> tuple[Signatures, np.ndarray, np.ndarray]:
        """Signatures (a block store), shingle counts and key hashes of everything added."""
        return self.sigs, self._array("sizes"), self._array("hashes")

    def result(self) -> DedupResult:
        """Link, cluster and choose the kept copies for everything added so far.

        Everything works on the stored arrays without copying them: signatures are read a few
        slots (common values, band keys) or a few thousand pairs (verification) at a time."""
        if self.scratch is not None:
            from cleaner.dedup.outofcore import spilled_result

            return _LazyResult(*spilled_result(self))
        sigs, sizes, hashes = self.arrays()
        n = len(self.ids)
        groups = exact_groups(hashes, sizes)
        reps = groups[1]
        cap = self.config.cap(len(reps))
        common = common_codes(sigs, cap, reps) if len(reps) else np.empty(0, np.uint64)
        edges = link(sigs, sizes, hashes, common, cap, self.config, groups=groups)
        del groups, reps
        uf = UnionFind(n)
        uf.union_pairs(edges.pairs)
        roots = uf.roots()
        del uf
        primary = self._array("primary")
        if self.keep == "earliest":
            primary = date_ranks(self._dates)
        kept = kept_copies(roots, primary, self._array("lengths")) if n else roots
        del primary
        dup = np.flatnonzero(kept != np.arange(n))
        sim = np.full(n, np.nan, dtype=np.float32)
        mask = common_mask(common, sigs.width, 8 * sigs.dtype.itemsize) \
            if len(common) and sigs.dtype.itemsize <= 2 else common
        for d in iter_chunks(dup):
            k = kept[d]
            sim[d] = copy_similarity(sigs.take(d), sigs.take(k), sizes[d], sizes[k],
                                     hashes[d] == hashes[k], mask, self.config)
        del mask
        kept_copy = np.where(kept == np.arange(n), -1, kept).astype(np.int32 if n < 2**31
                                                                     else np.int64)
        del kept
        roots = roots.astype(kept_copy.dtype)
        assignments = Assignments(self.ids, roots, kept_copy, sim)
        bands, rows = self.config.bands_rows
        stats = {
            "documents": n,
            "kept": n - len(dup),
            "duplicates": len(dup),
            "exact_duplicates": edges.exact,
            "clusters_with_copies": len(np.unique(roots[dup])),
            "candidate_pairs": edges.candidates,
            "verified_pairs": len(edges.pairs) - edges.exact,
            "bands": bands,
            "rows": rows,
            "boilerplate_cap": cap,
            "boilerplate_values": len(common),
        }
        return _LazyResult(assignments, stats)

    def dedup(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        infos: Sequence[DocInfo] | None = None,
    ) -> DedupResult:
        """One call: add a batch and return the result."""
        self.add(texts, ids, infos)
        return self.result()
