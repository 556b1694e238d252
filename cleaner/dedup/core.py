"""Configuration and the linking step shared by one-shot dedup and the persistent index.

``link`` takes signatures and returns verified edges: exact duplicates first (equal key hashes,
one sort), then LSH candidates among the distinct keys, verified. Both :class:`Deduper` and
:class:`~cleaner.dedup.index.DedupIndex` call it, which is why indexing A then checking B
finds the same pairs as deduplicating A+B at once.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cached_property

import numpy as np

from cleaner.dedup.lsh import banded_pairs, iter_chunks, optimal_params, unpack
from cleaner.dedup.store import Signatures
from cleaner.dedup.verify import common_mask, excerpt_jaccard, similarity


@dataclass(frozen=True)
class DedupConfig:
    """Every knob of near-duplicate detection, with the defaults measured in the README.

    ``threshold``: estimated Jaccard of character ``ngram`` sets for two copies to be joined.
    ``containment``/``min_length_ratio``: an excerpt at least ``min_length_ratio`` as long as
    the full text, and ``containment`` contained in it, is a copy too.
    ``boilerplate_share``/``boilerplate_min_docs``: a signature value held by this share of the
    distinct documents (and at least this many) is boilerplate and proves nothing.
    """

    threshold: float = 0.5
    containment: float = 0.85
    min_length_ratio: float = 0.4
    ngram: int = 5
    num_perm: int = 128
    seed: int = 1
    boilerplate_share: float = 0.005
    boilerplate_min_docs: int = 50
    min_informative: float = 0.25
    simplify: bool = True

    @cached_property
    def lsh_threshold(self) -> float:
        """The Jaccard the bands are tuned for: low enough to propose excerpts as well."""
        return min(self.threshold, excerpt_jaccard(self.containment, self.min_length_ratio))

    @cached_property
    def bands_rows(self) -> tuple[int, int]:
        return optimal_params(self.lsh_threshold, self.num_perm)

    def cap(self, distinct_docs: int) -> int:
        """How many documents must share a value for it to count as boilerplate."""
        return max(self.boilerplate_min_docs, math.ceil(self.boilerplate_share * distinct_docs))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Edges:
    """Verified pairs ``(i, j)`` with their similarity, and counts of what was looked at."""

    pairs: np.ndarray
    scores: np.ndarray
    exact: int
    candidates: int


def exact_groups(key_hashes: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each document's representative (first document with the same key) and the sorted
    representatives; empty keys stand alone and are no one's representative. One stable sort;
    document numbers are int32 below 2**31 documents."""
    n = len(key_hashes)
    idx = np.int32 if n < 2**31 else np.int64
    rep = np.arange(n, dtype=idx)
    order = np.flatnonzero(sizes > 0).astype(idx)
    order = order[np.argsort(key_hashes[order], kind="stable")]
    h = key_hashes[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = h[1:] != h[:-1]
    del h
    heads = order[start]
    rep[order] = heads[np.cumsum(start) - 1]
    return rep, np.sort(heads)


def verify_pairs(
    pairs: np.ndarray,
    sigs: np.ndarray | Signatures,
    sizes: np.ndarray,
    common: np.ndarray,
    config: DedupConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs that pass verification and their similarity ``max(Jaccard, containment)``.

    ``pairs`` is ``(m, 2)`` or packed ``i << 32 | j``; they are read a few thousand at a time,
    so memory stays bounded however many candidates there are."""
    store = Signatures.of(sigs)
    if common.ndim == 1 and len(common) and store.dtype.itemsize <= 2:
        common = common_mask(common, store.width, 8 * store.dtype.itemsize)
    kept, scores = [np.empty((0, 2), np.int64)], [np.empty(0)]
    for chunk in iter_chunks(pairs):
        if chunk.ndim == 1:
            chunk = unpack(chunk)
        a, b = chunk[:, 0], chunk[:, 1]
        ok, score = verdict(store.take(a), store.take(b), sizes[a], sizes[b], common, config)
        kept.append(chunk[ok])
        scores.append(score[ok])
    return np.concatenate(kept), np.concatenate(scores)


def verdict(sig_a: np.ndarray, sig_b: np.ndarray, size_a: np.ndarray, size_b: np.ndarray,
            common: np.ndarray, config: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """Which candidate pairs are copies, and their similarity ``max(Jaccard, containment)``:
    the one decision every engine makes, so they all join the same pairs."""
    jac, cont = similarity(sig_a, sig_b, size_a, size_b, common, config.min_informative)
    ratio = np.minimum(size_a, size_b) / np.maximum(np.maximum(size_a, size_b), 1)
    ok = (jac >= config.threshold) | (
        (cont >= config.containment) & (ratio >= config.min_length_ratio)
    )
    return ok, np.maximum(jac, np.where(cont >= config.containment, cont, 0.0))


def link(
    sigs: np.ndarray | Signatures,
    sizes: np.ndarray,
    key_hashes: np.ndarray,
    common: np.ndarray,
    cap: int,
    config: DedupConfig,
    new: np.ndarray | None = None,
    blocked: np.ndarray | None = None,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
) -> Edges:
    """Verified edges among documents; with ``new`` only edges touching a new document.

    ``groups`` is :func:`exact_groups` of ``key_hashes`` and ``sizes`` when already computed.
    Band keys are built one band at a time and candidates are verified in chunks, so what this
    holds beyond its inputs is a few bytes per document plus the candidate pairs.
    """
    rep, reps = groups if groups is not None else exact_groups(key_hashes, sizes)
    exact_members = np.flatnonzero(rep != np.arange(len(rep)))
    exact = np.stack([rep[exact_members], exact_members], axis=1)
    del rep, exact_members
    if new is not None:
        exact = exact[new[exact[:, 0]] | new[exact[:, 1]]]
    store = Signatures.of(sigs)
    bands, rows = config.bands_rows
    cand = banded_pairs(store, reps, bands, rows, cap, blocked, new)
    pairs, scores = verify_pairs(cand, store, sizes, common, config)
    return Edges(
        pairs=np.concatenate([exact, pairs]),
        scores=np.concatenate([np.ones(len(exact)), scores]),
        exact=len(exact),
        candidates=len(cand),
    )


def copy_similarity(sig_d: np.ndarray, sig_k: np.ndarray, size_d: np.ndarray,
                    size_k: np.ndarray, same_key: np.ndarray, common: np.ndarray,
                    config: DedupConfig) -> np.ndarray:
    """The similarity reported for duplicates ``d`` of kept copies ``k``: 1.0 for the same
    non-empty key, otherwise the :func:`verdict` score."""
    score = verdict(sig_d, sig_k, size_d, size_k, common, config)[1]
    return np.where(same_key & (size_d > 0), 1.0, score)
