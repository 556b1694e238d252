"""MinHash signatures over character n-grams, computed for a whole batch at once.

Chinese has no spaces, so a shingle is ``n`` consecutive characters of the dedup key. Each
n-gram is hashed with a polynomial over its code points (a rolling hash: no Python string per
shingle, which is what caps pure-Python MinHash near 5,000 docs/s) and mixed with MurmurHash3's
64-bit finaliser.

The sketch is *one-permutation* MinHash with optimal densification (Li, Owen & Zhang 2012;
Shrivastava 2017): the hash picks one of ``num_perm`` bins and the rest of its bits are the value;
each bin keeps its minimum (the bin is the high 32 bits scaled to ``num_perm`` by a
multiply and shift, not a division). Two signatures agree in a bin with probability equal to the Jaccard
similarity of the shingle sets, exactly as with ``num_perm`` independent permutations, but each
shingle is hashed once instead of ``num_perm`` times, which is where the speed comes from. Bins a
short document leaves empty borrow the value of a non-empty bin chosen by a fixed sequence that
depends only on the bin number, so two documents borrow alike and the estimate stays unbiased.

The compiled kernel (numba, when installed) and the numpy reference compute the same signatures;
the tests hold them to that. Values are 32 bits: ``EMPTY`` marks a document with no shingles.

What dedup stores is :func:`compact`: the low ``STORED_BITS`` = 16 bits of each value (b-bit
MinHash, Li & König 2010). The minimum of a bin is small, so its high bits carry little; its low
bits are uniform. Two different values agree by chance with probability 2**-16, which raises the
agreement of two signatures from ``J`` to ``J + (1 - J) / 65536``: nothing at the thresholds
dedup uses, for half the bytes (256 per document at 128 slots instead of 512). Bands are cut
from the compact values too: a band of three slots is 48 bits, and unrelated documents meet in
one with probability 2**-48.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

EMPTY = np.uint32(0xFFFFFFFF)
_P = np.uint64(0x100000001B3)  # odd multiplier of the polynomial n-gram hash
_C1 = np.uint64(0xFF51AFD7ED558CCD)
_C2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)
_DENSIFY = np.uint64(0x9E3779B97F4A7C15)
_MAX_TRIES = 1024
STORED_BITS = 16
STORED = np.uint16  # the dtype of stored signature values


def _fmix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3 fmix64 on a uint64 array (in place and returned)."""
    h ^= h >> _S33
    h *= _C1
    h ^= h >> _S33
    h *= _C2
    h ^= h >> _S33
    return h


@lru_cache(maxsize=8)
def _densify_order(num_perm: int, seed: int) -> np.ndarray:
    """For each bin, the fixed sequence of bins an empty bin tries to borrow from."""
    i = np.arange(num_perm, dtype=np.uint64)[:, None]
    t = np.arange(1, _MAX_TRIES + 1, dtype=np.uint64)[None, :]
    with np.errstate(over="ignore"):
        x = _fmix((i * np.uint64(_MAX_TRIES + 1) + t) * _DENSIFY ^ np.uint64(seed))
    return (x % np.uint64(num_perm)).astype(np.int64)


def codepoints(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """All keys as one uint32 code-point array plus offsets: one encode for the whole batch."""
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    cps = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
    return cps, offsets


def shingle_hashes(key: str, n: int, seed: int = 0) -> np.ndarray:
    """Mixed 64-bit hashes of every character n-gram (the whole key if shorter than ``n``)."""
    c = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(c) == 0:
        return np.empty(0, dtype=np.uint64)
    m = min(n, len(c))
    count = len(c) - m + 1
    h = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(m):
            h *= _P
            h += c[t : t + count]
        return _fmix(h ^ np.uint64(seed))


def _signatures_numpy(
    cps: np.ndarray, offsets: np.ndarray, n: int, num_perm: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Reference implementation: one document at a time, numpy per document."""
    docs = len(offsets) - 1
    sigs = np.full((docs, num_perm), EMPTY, dtype=np.uint32)
    sizes = np.zeros(docs, dtype=np.int64)
    order = _densify_order(num_perm, seed)
    for d in range(docs):
        key = cps[offsets[d] : offsets[d + 1]].tobytes().decode("utf-32-le")
        h = shingle_hashes(key, n, seed)
        sizes[d] = len(h)
        if len(h) == 0:
            continue
        bins = (((h >> _S32) * np.uint64(num_perm)) >> _S32).astype(np.int64)
        vals = (h & _LOW32).astype(np.uint32)
        row = sigs[d]
        np.minimum.at(row, bins, vals)
        filled = np.zeros(num_perm, dtype=bool)
        filled[bins] = True
        for b in np.flatnonzero(~filled):
            src = order[b][filled[order[b]]]
            row[b] = row[src[0]] if len(src) else row[np.flatnonzero(filled)[0]]
    return sigs, sizes


def _build_kernel():  # pragma: no cover - exercised only where numba is installed
    import numba

    @numba.njit(cache=True, nogil=True)
    def kernel(cps, offsets, n, num_perm, seed, order, sigs, sizes):
        k = np.uint64(num_perm)
        filled = np.zeros(num_perm, dtype=np.bool_)
        for d in range(len(offsets) - 1):
            start = offsets[d]
            length = offsets[d + 1] - start
            if length == 0:
                sizes[d] = 0
                continue
            m = n if length >= n else length
            count = length - m + 1
            sizes[d] = count
            row = sigs[d]
            filled[:] = False
            top = np.uint64(1)  # P ** (m - 1): what the leaving character weighs
            for _ in range(m - 1):
                top *= _P
            r = np.uint64(0)
            for t in range(m - 1):
                r = r * _P + np.uint64(cps[start + t])
            for i in range(start, start + count):
                r = r * _P + np.uint64(cps[i + m - 1])
                h = r ^ seed
                r -= np.uint64(cps[i]) * top
                h ^= h >> _S33
                h *= _C1
                h ^= h >> _S33
                h *= _C2
                h ^= h >> _S33
                b = np.int64(((h >> _S32) * k) >> _S32)
                v = np.uint32(h & _LOW32)
                if not filled[b] or v < row[b]:
                    row[b] = v
                    filled[b] = True
            for b in range(num_perm):
                if filled[b]:
                    continue
                done = False
                for t in range(order.shape[1]):
                    j = order[b, t]
                    if filled[j]:
                        row[b] = row[j]
                        done = True
                        break
                if not done:
                    for j in range(num_perm):
                        if filled[j]:
                            row[b] = row[j]
                            break
        return sigs

    return kernel


_KERNEL = None


def has_compiled_kernel() -> bool:
    """Whether the numba kernel is available (numba installed and compiling)."""
    global _KERNEL
    if _KERNEL is None:
        try:
            _KERNEL = _build_kernel()
        except ImportError:
            _KERNEL = False
    return _KERNEL is not False


def signatures(
    keys: Sequence[str], n: int = 5, num_perm: int = 128, seed: int = 1, compiled: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures ``(len(keys), num_perm) uint32`` and shingle counts for a batch of keys.

    The shingle count (n-grams, repeats included) stands in for the set size when estimating
    containment; it needs no extra pass.
    """
    cps, offsets = codepoints(keys)
    return signatures_of(cps, offsets, n, num_perm, seed, compiled)


def signatures_of(
    cps: np.ndarray, offsets: np.ndarray, n: int = 5, num_perm: int = 128, seed: int = 1,
    compiled: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`signatures` of keys given as one code-point array and its offsets."""
    keys = offsets[:-1]
    if compiled and has_compiled_kernel():
        sigs = np.full((len(keys), num_perm), EMPTY, dtype=np.uint32)
        sizes = np.zeros(len(keys), dtype=np.int64)
        _KERNEL(cps, offsets, n, num_perm, np.uint64(seed), _densify_order(num_perm, seed),
                sigs, sizes)
        return sigs, sizes
    return _signatures_numpy(cps, offsets, n, num_perm, seed)


def compact(sigs: np.ndarray) -> np.ndarray:
    """The stored form of signatures: the low ``STORED_BITS`` bits of every value."""
    return sigs.astype(STORED)


def jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of signature rows (broadcasts over pairs)."""
    return np.mean(a == b, axis=-1)
