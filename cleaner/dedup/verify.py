"""Verification of candidate pairs, with a guard against shared boilerplate.

LSH proposes pairs; this module decides. A pair is a duplicate when its estimated Jaccard
similarity reaches the threshold, or when the shorter document is almost entirely contained in
the longer one (an excerpt, or a copy with its last paragraphs trimmed).

The boilerplate guard works on signature values: a value that one signature slot takes in a
large share of the corpus (``cap`` documents or more) comes from text many documents share, a
disclaimer, a bulletin template, not from a story. Agreement on such a value is not evidence, so
slots where both documents hold common values are left out, and the similarity is the agreement
on the remaining, informative slots. When too few informative slots remain, the two documents
are mostly template and are not duplicates (identical keys are still caught as exact copies).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from cleaner.dedup.store import Signatures

_S32 = np.uint64(32)


def slot_codes(sigs: np.ndarray) -> np.ndarray:
    """``slot << 32 | value`` for every entry, as uint64: one code per (slot, value)."""
    slots = np.arange(sigs.shape[-1], dtype=np.uint64) << _S32
    return slots | sigs.astype(np.uint64)


def common_codes(sigs: np.ndarray | Signatures, cap: int, rows: np.ndarray | None = None,
                 group: int = 8) -> np.ndarray:
    """Sorted codes of (slot, value) pairs held by at least ``cap`` of the given signatures
    (of ``rows`` of them), read ``group`` slots at a time."""
    store = Signatures.of(sigs)
    found = [np.empty(0, np.uint64)]
    for lo in range(0, store.width, group):
        cols = store.columns(lo, min(lo + group, store.width), rows)
        for j, col in enumerate(cols.T):
            if col.dtype.itemsize <= 2:
                counts = np.bincount(col, minlength=1 << (8 * col.dtype.itemsize))
                common = np.flatnonzero(counts >= cap).astype(np.uint64)
            else:
                values, counts = np.unique(col, return_counts=True)
                common = values[counts >= cap].astype(np.uint64)
            found.append((np.uint64(lo + j) << _S32) | common)
    return np.sort(np.concatenate(found))


def common_mask(common: np.ndarray, width: int, bits: int = 16) -> np.ndarray:
    """``(width, 2**bits)`` booleans: which (slot, value) codes of ``common`` are common."""
    mask = np.zeros((width, 1 << bits), dtype=bool)
    mask[(common >> _S32).astype(np.int64), (common & np.uint64((1 << bits) - 1)).astype(
        np.int64)] = True
    return mask


def count_codes(chunks: Iterable[np.ndarray], wanted: np.ndarray) -> np.ndarray:
    """How many signatures in ``chunks`` hold each code of sorted ``wanted``, streaming."""
    counts = np.zeros(len(wanted), dtype=np.int64)
    if len(wanted) == 0:
        return counts
    for sigs in chunks:
        codes = slot_codes(sigs).ravel()
        pos = np.searchsorted(wanted, codes)
        pos[pos == len(wanted)] = 0
        hit = wanted[pos] == codes
        counts += np.bincount(pos[hit], minlength=len(wanted))
    return counts


def similarity(
    sig_a: np.ndarray,
    sig_b: np.ndarray,
    size_a: np.ndarray,
    size_b: np.ndarray,
    common: np.ndarray,
    min_informative: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Estimated (Jaccard, containment of the shorter in the longer) for rows of pairs.

    ``common`` is sorted codes from :func:`common_codes` or, for many calls, their
    :func:`common_mask`.

    Containment comes from the Jaccard estimate and the shingle counts:
    ``|A∩B| = J (|A| + |B|) / (1 + J)``, divided by the smaller set.
    """
    equal = sig_a == sig_b
    if common.ndim == 2 or (len(common) and sig_a.dtype.itemsize <= 2):
        mask = common if common.ndim == 2 else common_mask(common, sig_a.shape[1],
                                                           8 * sig_a.dtype.itemsize)
        slot = np.arange(sig_a.shape[1])
        informative = ~(mask[slot, sig_a] & mask[slot, sig_b])
    elif len(common):
        informative = ~(np.isin(slot_codes(sig_a), common) & np.isin(slot_codes(sig_b), common))
    else:
        informative = None
    if informative is None:
        slots = np.full(len(equal), equal.shape[1])
        agree = equal.sum(axis=1)
    else:
        slots = informative.sum(axis=1)
        agree = (equal & informative).sum(axis=1)
    jac = np.where(slots > 0, agree / np.maximum(slots, 1), 0.0)
    jac[slots < min_informative * sig_a.shape[1]] = 0.0
    small = np.minimum(size_a, size_b).astype(np.float64)
    inter = jac * (size_a + size_b) / (1.0 + jac)
    cont = np.clip(np.where(small > 0, inter / np.maximum(small, 1.0), 0.0), 0.0, 1.0)
    return jac, cont


def excerpt_jaccard(containment: float, length_ratio: float) -> float:
    """The Jaccard similarity of an excerpt ``length_ratio`` as long as the full text.

    LSH must be tuned low enough to propose such pairs: ``J = c r / (1 + r - c r)``.
    """
    inter = containment * length_ratio
    return inter / (1.0 + length_ratio - inter)
