"""One-shot near-duplicate detection for pipelines: documents in, cluster assignments out.

:class:`Deduper` streams: ``add`` turns each batch into keys and signatures at once and keeps
only those (a few hundred bytes per document: signature, shingle count, key hash, length, id),
so memory grows with the number of documents, not with their text. ``result`` links, clusters
and applies the keep policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.core import DedupConfig, link
from cleaner.dedup.keep import DocInfo, choose
from cleaner.dedup.key import dedup_key, key_hash
from cleaner.dedup.minhash import signatures
from cleaner.dedup.verify import common_codes, similarity


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one document landed: its cluster, the kept copy it duplicates, how similar."""

    id: str
    cluster: int
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def kept(self) -> bool:
        return self.duplicate_of is None


@dataclass
class DedupResult:
    """Assignments in input order, plus the clusters with more than one member and counts."""

    assignments: list[Assignment]
    clusters: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        """A JSON-ready cluster report."""
        return {"stats": self.stats, "clusters": self.clusters}


def sign(texts: Sequence[str], config: DedupConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keys, then signatures, shingle counts and key hashes for a batch of clean texts."""
    keys = [dedup_key(t, config.simplify) for t in texts]
    sigs, sizes = signatures(keys, config.ngram, config.num_perm, config.seed)
    return sigs, sizes, np.fromiter((key_hash(k) for k in keys), np.int64, len(keys))


def clean_texts(texts: Sequence[str]) -> list[str]:
    """Run the cleaning pipeline, so keys are computed from what users will see."""
    from cleaner.pipeline import Cleaner

    return [r.text for r in Cleaner().clean_batch(list(texts))]


def assign(
    ids: Sequence[str],
    roots: np.ndarray,
    sigs: np.ndarray,
    sizes: np.ndarray,
    key_hashes: np.ndarray,
    kept_of: dict[int, int],
    common: np.ndarray,
    config: DedupConfig,
    docs: Iterable[int],
) -> list[Assignment]:
    """Assignments for ``docs``: similarity of each duplicate to the kept copy of its cluster."""
    out = []
    for d in docs:
        root = int(roots[d])
        keep = kept_of.get(root, d)
        if keep == d:
            out.append(Assignment(ids[d], root))
            continue
        if key_hashes[d] == key_hashes[keep] and sizes[d] > 0:
            sim = 1.0
        else:
            jac, cont = similarity(sigs[d : d + 1], sigs[keep : keep + 1], sizes[d : d + 1],
                                   sizes[keep : keep + 1], common, config.min_informative)
            sim = float(max(jac[0], cont[0] if cont[0] >= config.containment else 0.0))
        out.append(Assignment(ids[d], root, ids[keep], round(sim, 4)))
    return out


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
    ) -> None:
        self.config = config or DedupConfig()
        self.keep = keep
        self.priority = tuple(priority)
        self.clean = clean
        self._sigs: list[np.ndarray] = []
        self._sizes: list[np.ndarray] = []
        self._hashes: list[np.ndarray] = []
        self.ids: list[str] = []
        self.infos: list[DocInfo] = []

    def add(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        infos: Sequence[DocInfo] | None = None,
    ) -> None:
        """Sign a batch of documents (clean text unless the Deduper was built with ``clean``)."""
        if self.clean:
            texts = clean_texts(texts)
        start = len(self.ids)
        ids = [str(i) for i in ids] if ids is not None else [
            str(start + i) for i in range(len(texts))
        ]
        sigs, sizes, hashes = sign(texts, self.config)
        self._sigs.append(sigs)
        self._sizes.append(sizes)
        self._hashes.append(hashes)
        self.ids.extend(ids)
        self.infos.extend(infos if infos is not None else [DocInfo(len(t)) for t in texts])

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Signatures, shingle counts and key hashes of everything added so far."""
        k = self.config.num_perm
        if len(self._sigs) > 1:
            self._sigs = [np.concatenate(self._sigs)]
            self._sizes = [np.concatenate(self._sizes)]
            self._hashes = [np.concatenate(self._hashes)]
        if not self._sigs:
            return np.empty((0, k), np.uint32), np.empty(0, np.int64), np.empty(0, np.int64)
        return self._sigs[0], self._sizes[0], self._hashes[0]

    def result(self) -> DedupResult:
        """Link, cluster and choose the kept copies for everything added so far."""
        sigs, sizes, hashes = self.arrays()
        n = len(self.ids)
        distinct = np.unique(hashes[sizes > 0])
        cap = self.config.cap(len(distinct))
        first = np.unique(hashes, return_index=True)[1]
        reps = first[sizes[first] > 0]
        common = common_codes(sigs[reps], cap) if len(reps) else np.empty(0, np.uint64)
        edges = link(sigs, sizes, hashes, common, cap, self.config)
        uf = UnionFind(n)
        uf.union_pairs(edges.pairs)
        roots = uf.roots()
        members: dict[int, list[int]] = {}
        for d in np.flatnonzero(roots != np.arange(n)):
            members.setdefault(int(roots[d]), [int(roots[d])]).append(int(d))
        kept_of = {r: choose(m, self.infos, self.keep, self.priority) for r, m in members.items()}
        assignments = assign(self.ids, roots, sigs, sizes, hashes, kept_of, common, self.config,
                             range(n))
        clusters = [
            {
                "cluster": r,
                "kept": self.ids[kept_of[r]],
                "size": len(m),
                "members": [
                    {"id": a.id, "similarity": a.similarity}
                    for a in (assignments[i] for i in m)
                ],
            }
            for r, m in sorted(members.items())
        ]
        duplicates = sum(1 for a in assignments if a.duplicate_of is not None)
        bands, rows = self.config.bands_rows
        stats = {
            "documents": n,
            "kept": n - duplicates,
            "duplicates": duplicates,
            "exact_duplicates": edges.exact,
            "clusters_with_copies": len(members),
            "candidate_pairs": edges.candidates,
            "verified_pairs": len(edges.pairs) - edges.exact,
            "bands": bands,
            "rows": rows,
            "boilerplate_cap": cap,
            "boilerplate_values": len(common),
        }
        return DedupResult(assignments, clusters, stats)

    def dedup(
        self,
        texts: Sequence[str],
        ids: Sequence[str] | None = None,
        infos: Sequence[DocInfo] | None = None,
    ) -> DedupResult:
        """One call: add a batch and return the result."""
        self.add(texts, ids, infos)
        return self.result()
