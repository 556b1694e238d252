"""Clusters from verified pairs: union-find over document numbers.

Union by the smaller root keeps every cluster's root at its earliest member, so a cluster's
number is the position of its first document in input order: stable across runs and the same
whether documents arrive in one batch or in several (the persistent index relies on this).
"""

from __future__ import annotations

import numpy as np


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving; ``root`` is always the smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int32 if n < 2**31 else np.int64)


    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return int(x)

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = (ra, rb) if ra < rb else (rb, ra)
        self.parent[hi] = lo
        return lo

    def union_pairs(self, pairs: np.ndarray) -> None:
        """Union every pair ``(a, b)``, vectorised: hook the larger root of each pair that is
        still apart under the smaller one, flatten, repeat until no pair is apart."""
        pairs = np.asarray(pairs)
        if len(pairs) == 0:
            return
        a, b = pairs[:, 0].astype(self.parent.dtype), pairs[:, 1].astype(self.parent.dtype)
        while True:
            self.parent = self.roots()
            ra, rb = self.parent[a], self.parent[b]
            apart = ra != rb
            if not apart.any():
                return
            ra, rb, a, b = ra[apart], rb[apart], a[apart], b[apart]
            np.minimum.at(self.parent, np.maximum(ra, rb), np.minimum(ra, rb))

    def roots(self) -> np.ndarray:
        """The root of every element, vectorised pointer jumping until stable."""
        parent = self.parent
        while True:
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                return parent.copy()
            parent = nxt
