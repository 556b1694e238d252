"""The dedup result computed from state on disk: memory flat in the number of documents.

The same steps as :meth:`Deduper.result` in memory, in the same order and with the same
decisions (``verdict``, ``copy_similarity``, the keep policy's sort), so the answer is the same
assignment for assignment; only where the per-document arrays live differs:

- exact copies: key hashes grouped by an external sort (:class:`~.spill.Runs`);
- boilerplate values: slot histograms counted over signature chunks (a fixed table);
- LSH: each band's keys of the distinct documents grouped by an external sort, the pairs of
  every bucket of 2..cap sent to another external sort that makes them distinct;
- candidates verified a few thousand at a time, reading their signatures from disk;
- clusters: union-find over the documents that have a verified edge, numbered densely, so what
  it holds grows with the copies found, not with the corpus; the keep policy reads lengths,
  sources or dates of those members only (ranking dates among members orders them as ranking
  them among all documents does).

What stays in memory besides fixed-size buffers: the exact and verified edges and the members
of clusters with copies (about 0.1 of each per document on news), nothing per document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.core import DedupConfig, copy_similarity, verdict
from cleaner.dedup.keep import date_ranks
from cleaner.dedup.lsh import band_key, iter_chunks, pairs_in_runs, unpack
from cleaner.dedup.spill import RUN, Column, DiskSignatures, Runs, group_bounds
from cleaner.dedup.store import Assignment, Assignments
from cleaner.dedup.verify import common_mask

if TYPE_CHECKING:
    from cleaner.dedup.deduper import Deduper

_S32 = np.uint64(32)


class SparseAssignments(Assignments):
    """Assignments of ``n`` documents from the members of clusters with copies only: sorted
    document numbers ``docs`` with their ``cluster``, ``kept_copy`` and ``similarity``;
    everyone else is a cluster of their own, kept."""

    def __init__(self, ids: Any, n: int, docs: np.ndarray, cluster: np.ndarray,
                 kept_copy: np.ndarray, similarity: np.ndarray) -> None:
        super().__init__(ids, cluster, kept_copy, similarity)
        self.n = n
        self.docs = docs

    def __len__(self) -> int:
        return self.n

    def _at(self, i: int, doc_id: str) -> Assignment:
        j = int(np.searchsorted(self.docs, i))
        if j == len(self.docs) or self.docs[j] != i:
            return Assignment(doc_id, i)
        k = int(self.kept_copy[j])
        if k < 0:
            return Assignment(doc_id, int(self.cluster[j]))
        return Assignment(doc_id, int(self.cluster[j]), self.ids[k],
                          round(float(self.similarity[j]), 4))

    def _make(self, i: int) -> Assignment:
        return self._at(i, self.ids[i])

    def __iter__(self) -> Iterator[Assignment]:
        """In input order, walking the sorted members beside the ids (no search per document:
        this feeds the output of every record)."""
        members = iter(zip(self.docs.tolist(), self.cluster.tolist(), self.kept_copy.tolist(),
                           self.similarity.tolist(), strict=True))
        member = next(members, None)
        for i, doc_id in enumerate(self.ids):
            if member is None or member[0] != i:
                yield Assignment(doc_id, i)
                continue
            _, cluster, kept, similarity = member
            yield Assignment(doc_id, cluster) if kept < 0 else Assignment(
                doc_id, cluster, self.ids[kept], round(similarity, 4))
            member = next(members, None)

    def members(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.docs, self.cluster, self.kept_copy


def _exact(hashes: Column, sizes: Column, runs: Runs) -> tuple[np.ndarray, np.ndarray, int]:
    """Exact pairs ``(first document with the key, later one)``, the later ones (sorted: they
    take no part in LSH), and how many distinct non-empty keys there are."""
    for lo, h in hashes.chunks():
        keep = np.flatnonzero(sizes.read(lo, lo + len(h)) > 0)
        runs.add(h[keep], keep + lo)
    pairs, distinct = [np.empty((0, 2), np.int64)], 0
    for keys, docs in runs.groups():
        starts, counts = group_bounds(keys)
        distinct += len(starts)
        heads = np.repeat(docs[starts], counts)
        later = docs != heads
        pairs.append(np.stack([heads[later], docs[later]], axis=1))
    exact = np.concatenate(pairs)
    return exact, np.sort(exact[:, 1]), distinct


def _distinct_rows(lo: int, sizes: np.ndarray, copies: np.ndarray) -> np.ndarray:
    """Positions in a chunk starting at ``lo`` of the documents LSH looks at."""
    rows = np.flatnonzero(sizes > 0)
    return rows[~np.isin(rows + lo, copies)]


def _common(sigs: DiskSignatures, sizes: Column, copies: np.ndarray, cap: int,
            group: int = 32) -> np.ndarray:
    """Sorted ``slot << 32 | value`` codes held by at least ``cap`` distinct documents."""
    bits = 8 * sigs.dtype.itemsize
    found = [np.empty(0, np.uint64)]
    for first in range(0, sigs.width, group):
        last = min(first + group, sigs.width)
        counts = np.zeros((last - first, 1 << bits), np.int64)
        for lo, chunk in sigs.chunks():
            rows = _distinct_rows(lo, sizes.read(lo, lo + len(chunk)), copies)
            for j in range(first, last):
                counts[j - first] += np.bincount(chunk[rows, j], minlength=1 << bits)
        for j in range(first, last):
            values = np.flatnonzero(counts[j - first] >= cap).astype(np.uint64)
            found.append((np.uint64(j) << _S32) | values)
    return np.sort(np.concatenate(found))


def _candidates(d: Deduper, copies: np.ndarray, cap: int, run: int) -> Runs:
    """Distinct candidate pairs (packed ``i << 32 | j``) of all bands, as sorted runs."""
    bands, width = d.config.bands_rows
    pairs = Runs(d.folder, "pairs", run, distinct=True)
    for b in range(bands):
        keys = Runs(d.folder, f"band{b}", run, np.uint64)
        for lo, chunk in d.sigs.chunks():
            rows = _distinct_rows(lo, d.column("sizes").read(lo, lo + len(chunk)), copies)
            keys.add(band_key(chunk[rows, b * width : (b + 1) * width], b), rows + lo)
        for k, docs in keys.groups():
            starts, counts = group_bounds(k)
            keep = (counts >= 2) & (counts <= cap)
            found = pairs_in_runs(docs, starts[keep], counts[keep])
            packed = (found.min(axis=1) << 32) | found.max(axis=1)
            pairs.add(packed, np.zeros(len(packed), np.int64))
    return pairs


def _verified(d: Deduper, pairs: Runs, mask: np.ndarray) -> tuple[np.ndarray, int]:
    """The candidate pairs that pass :func:`verdict`, and how many distinct candidates."""
    kept, candidates = [np.empty((0, 2), np.int64)], 0
    for keys, _docs in pairs.groups():
        distinct = keys[group_bounds(keys)[0]]
        candidates += len(distinct)
        for chunk in iter_chunks(unpack(distinct)):
            a, b = chunk[:, 0], chunk[:, 1]
            ok, _score = verdict(d.sigs.take(a), d.sigs.take(b), d.column("sizes").take(a),
                                 d.column("sizes").take(b), mask, d.config)
            kept.append(chunk[ok])
    return np.concatenate(kept), candidates


def _kept(d: Deduper, docs: np.ndarray, roots: np.ndarray) -> np.ndarray:
    """The kept member of each member's cluster, as :func:`~.keep.kept_copies` chooses it."""
    if d.keep == "earliest":
        primary = date_ranks(d.dates_of(docs))
    elif d.keep == "source":
        primary = d.column("primary").take(docs)
    else:
        primary = np.zeros(len(docs), np.int64)
    lengths = d.column("lengths").take(docs).astype(np.int64)
    order = np.lexsort((docs, -lengths, primary, roots))
    first = np.ones(len(order), dtype=bool)
    first[1:] = roots[order][1:] != roots[order][:-1]
    kept = np.empty_like(docs)
    kept[order] = docs[order][first][np.cumsum(first) - 1]
    return kept


def _similarities(d: Deduper, dup: np.ndarray, kept: np.ndarray, mask: np.ndarray,
                  config: DedupConfig) -> np.ndarray:
    sim = np.empty(len(dup), np.float32)
    for lo in range(0, len(dup), 4096):
        a, b = dup[lo : lo + 4096], kept[lo : lo + 4096]
        same = d.column("hashes").take(a) == d.column("hashes").take(b)
        sim[lo : lo + 4096] = copy_similarity(d.sigs.take(a), d.sigs.take(b), d.column("sizes").take(a),
                                              d.column("sizes").take(b), same, mask, config)
    return sim


def spilled_result(d: Deduper, run: int = RUN) -> tuple[SparseAssignments, dict[str, Any]]:
    """Assignments and stats of everything ``d`` spilled, equal to the in-memory result."""
    n = len(d.ids)
    sigs = d.sigs
    if sigs.dtype.itemsize > 2:
        raise ValueError("spilled dedup stores compact (16-bit) signatures")
    sizes = d.column("sizes")
    exact, copies, distinct = _exact(d.column("hashes"), sizes, Runs(d.folder, "exact", run))
    cap = d.config.cap(distinct)
    common = _common(sigs, sizes, copies, cap) if distinct else np.empty(0, np.uint64)
    mask = common_mask(common, sigs.width, 8 * sigs.dtype.itemsize) if len(common) else common
    verified, candidates = _verified(d, _candidates(d, copies, cap, run), mask)
    edges = np.concatenate([exact, verified])
    docs = np.unique(edges)
    uf = UnionFind(len(docs))
    uf.union_pairs(np.searchsorted(docs, edges))
    roots = docs[uf.roots()]
    del uf, edges
    kept = _kept(d, docs, roots)
    is_dup = kept != docs
    sim = np.full(len(docs), np.nan, np.float32)
    sim[is_dup] = _similarities(d, docs[is_dup], kept[is_dup], mask, d.config)
    kept_copy = np.where(is_dup, kept, -1)
    bands, rows = d.config.bands_rows
    stats = {
        "documents": n,
        "kept": n - int(is_dup.sum()),
        "duplicates": int(is_dup.sum()),
        "exact_duplicates": len(exact),
        "clusters_with_copies": len(np.unique(roots[is_dup])),
        "candidate_pairs": candidates,
        "verified_pairs": len(verified),
        "bands": bands,
        "rows": rows,
        "boilerplate_cap": cap,
        "boilerplate_values": len(common),
    }
    return SparseAssignments(d.ids, n, docs, roots, kept_copy, sim), stats
