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
from cleaner.dedup.store import Signatures

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


def band_key(cols: np.ndarray, band: int) -> np.ndarray:
    """One band's uint64 key per row of ``cols`` (that band's values): a 64-bit hash of the
    values, band number mixed in."""
    with np.errstate(over="ignore"):
        h = np.full(cols.shape[0], np.uint64(band + 1) * np.uint64(0x9E3779B97F4A7C15))
        for col in cols.T:
            h = _fmix(h * _P + col.astype(np.uint64))
    return h


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(docs, bands)`` int64 keys, as :func:`band_key` gives them band by band."""
    keys = np.empty((sigs.shape[0], bands), dtype=np.uint64)
    for b in range(bands):
        keys[:, b] = band_key(sigs[:, b * rows : (b + 1) * rows], b)
    return keys.view(np.int64)


def pairs_in_runs(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """All pairs within each run ``order[start:start+size]``, as an ``(m, 2)`` array, vectorised."""
    if len(starts) == 0:
        return np.empty((0, 2), dtype=order.dtype)
    ends = np.repeat(starts + sizes, sizes)
    pos = np.arange(len(ends)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pos += np.repeat(starts, sizes)
    after = ends - pos - 1  # partners after each position in its run
    left = np.repeat(pos, after)
    first = np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + (np.arange(len(left)) - first)
    return np.stack([order[left], order[right]], axis=1)


def bucket_pairs(
    keys: np.ndarray, max_bucket: int, blocked: np.ndarray | None = None
) -> np.ndarray:
    """Pairs of positions in ``keys`` (one band) sharing a key, from buckets of 2..max_bucket,
    packed as ``min << 32 | max`` (int64)."""
    order = np.argsort(keys)
    sorted_keys = keys[order]
    edges = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    del sorted_keys
    starts = np.concatenate([[0], edges])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    keep = (sizes >= 2) & (sizes <= max_bucket)
    if blocked is not None and len(blocked):
        keep &= ~np.isin(keys[order[starts]].view(np.int64), blocked)
    pairs = pairs_in_runs(order, starts[keep], sizes[keep]).astype(np.int64)
    return (pairs.min(axis=1) << 32) | pairs.max(axis=1)


def unpack(packed: np.ndarray) -> np.ndarray:
    """Packed pairs as an ``(m, 2)`` int64 array."""
    return np.stack([packed >> 32, packed & 0xFFFFFFFF], axis=1)


def candidate_pairs(
    keys: np.ndarray, max_bucket: int, blocked: np.ndarray | None = None
) -> np.ndarray:
    """Distinct pairs ``(i, j)``, ``i < j``, sharing a band key, from buckets of 2..max_bucket.

    A bucket holding more than ``max_bucket`` documents is shared by a large part of the corpus:
    boilerplate or a template, not a story, so it proposes no pairs (documents that really are
    copies meet in their other bands). ``blocked`` lists keys known to be that full elsewhere
    (in a persistent index).
    """
    found = np.empty(0, np.int64)
    for b in range(keys.shape[1]):
        found = np.union1d(found, bucket_pairs(keys[:, b].view(np.uint64), max_bucket, blocked))
    return unpack(found)


def banded_pairs(
    sigs: Signatures,
    rows: np.ndarray,
    bands: int,
    width: int,
    max_bucket: int,
    blocked: np.ndarray | None = None,
    new: np.ndarray | None = None,
) -> np.ndarray:
    """:func:`candidate_pairs` among signature rows ``rows`` (document numbers, ascending),
    band by band: one key per document at a time, never the whole ``(docs, bands)`` table.
    Returns sorted distinct pairs of document numbers, packed as ``i << 32 | j``; with ``new``
    only pairs touching a new document."""
    found = np.empty(0, np.int64)
    if len(rows) < 2:
        return found
    for b in range(bands):
        keys = band_key(sigs.columns(b * width, (b + 1) * width, rows), b)
        pos = bucket_pairs(keys, max_bucket, blocked)
        del keys
        pairs = (rows[pos >> 32].astype(np.int64) << 32) | rows[pos & 0xFFFFFFFF]
        if new is not None and len(pairs):
            pairs = pairs[new[pairs >> 32] | new[pairs & 0xFFFFFFFF]]
        found = np.union1d(found, pairs)
    return found


def iter_chunks(pairs: np.ndarray, size: int = 4096) -> Iterator[np.ndarray]:
    """Pairs in chunks, so verifying millions of candidates stays within a bounded memory."""
    for start in range(0, len(pairs), size):
        yield pairs[start : start + size]
