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
        self.parent = np.arange(n, dtype=np.int64)

    def grow(self, n: int) -> None:
        """Add singletons up to ``n`` elements."""
        old = len(self.parent)
        if n > old:
            self.parent = np.concatenate([self.parent, np.arange(old, n, dtype=np.int64)])

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
        for a, b in pairs:
            self.union(int(a), int(b))

    def roots(self) -> np.ndarray:
        """The root of every element, vectorised pointer jumping until stable."""
        parent = self.parent
        while True:
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                return parent.copy()
            parent = nxt
