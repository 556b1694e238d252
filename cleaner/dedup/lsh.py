"""Locality-sensitive hashing: bands of the signature, and the candidate pairs they give.

The signature is cut into ``bands`` bands of ``rows`` values; two documents become a candidate
pair when all values of at least one band agree, which happens with probability
``1 - (1 - s**rows)**bands`` for Jaccard similarity ``s``. (``bands``, ``rows``) are chosen as
datasketch's ``MinHashLSH`` chooses them: the pair minimising the weighted area of false
positives below the threshold plus false negatives above it. Everything here is a sort over
arrays of band keys, with no dict of buckets, which is what keeps 200,000 documents at a few
seconds and a few hundred bytes each.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from cleaner.dedup.minhash import _fmix

_P = np.uint64(0x100000001B3)


def _probability(s: np.ndarray, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - s**rows) ** bands


def optimal_params(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """(bands, rows) with ``bands * rows <= num_perm`` minimising weighted FP + FN area."""
    best, best_err = (1, num_perm), float("inf")
    lo = np.linspace(0.0, threshold, 201)
    hi = np.linspace(threshold, 1.0, 201)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = np.trapezoid(_probability(lo, bands, rows), lo)
            fn = np.trapezoid(1.0 - _probability(hi, bands, rows), hi)
            err = fp_weight * fp + fn_weight * fn
            if err < best_err - 1e-12:
                best, best_err = (bands, rows), err
    return best


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(docs, bands)`` int64 keys: a 64-bit hash of each band's values, band number mixed in."""
    keys = np.empty((sigs.shape[0], bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for b in range(bands):
            h = np.full(sigs.shape[0], np.uint64(b + 1) * np.uint64(0x9E3779B97F4A7C15))
            for col in sigs[:, b * rows : (b + 1) * rows].T:
                h = _fmix(h * _P + col.astype(np.uint64))
            keys[:, b] = h
    return keys.view(np.int64)


def pairs_in_runs(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """All pairs within each run ``order[start:start+size]``, as an ``(m, 2)`` array, vectorised."""
    if len(starts) == 0:
        return np.empty((0, 2), dtype=np.int64)
    pos = np.concatenate([np.arange(s, s + z) for s, z in zip(starts, sizes, strict=True)])
    ends = np.repeat(starts + sizes, sizes)
    after = ends - pos - 1  # partners after each position in its run
    left = np.repeat(pos, after)
    first = np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + (np.arange(len(left)) - first)
    return np.stack([order[left], order[right]], axis=1)


def candidate_pairs(
    keys: np.ndarray, max_bucket: int, blocked: np.ndarray | None = None
) -> np.ndarray:
    """Distinct pairs ``(i, j)``, ``i < j``, sharing a band key, from buckets of 2..max_bucket.

    A bucket holding more than ``max_bucket`` documents is shared by a large part of the corpus:
    boilerplate or a template, not a story, so it proposes no pairs (documents that really are
    copies meet in their other bands). ``blocked`` lists keys known to be that full elsewhere
    (in a persistent index).
    """
    found = [np.empty((0, 2), dtype=np.int64)]
    for b in range(keys.shape[1]):
        col = keys[:, b]
        order = np.argsort(col, kind="stable")
        sorted_keys = col[order]
        edges = np.flatnonzero(np.diff(sorted_keys)) + 1
        starts = np.concatenate([[0], edges])
        sizes = np.diff(np.concatenate([starts, [len(col)]]))
        keep = (sizes >= 2) & (sizes <= max_bucket)
        if blocked is not None and len(blocked):
            keep &= ~np.isin(sorted_keys[starts], blocked)
        found.append(pairs_in_runs(order, starts[keep], sizes[keep]))
    pairs = np.concatenate(found)
    pairs = np.sort(pairs, axis=1)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def iter_chunks(pairs: np.ndarray, size: int = 200_000) -> Iterator[np.ndarray]:
    """Pairs in chunks, so verifying millions of candidates stays within a bounded memory."""
    for start in range(0, len(pairs), size):
        yield pairs[start : start + size]
