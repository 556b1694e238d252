"""Connected components of the duplicate graph on Ray Data, never gathering the edges.

Large-star / small-star (Kiveris et al., "Connected Components in MapReduce and Beyond", 2014):
each step is one shuffle of the edge list by node (:func:`by_partition`) and a vectorised pass
per partition. Large-star links every neighbour above a node to the smallest node it sees;
small-star links every node's smaller neighbours to the smallest of them. Alternating them
turns each component into a star around its smallest member in O(log² n) steps (a handful for
clusters of republished copies). The root is the smallest member, as with the local
:class:`~cleaner.dedup.clusters.UnionFind`, so both engines number clusters alike.

The loop stops when neither step changes an edge: then every node has at most one smaller
neighbour and a node with a larger neighbour has no smaller one, which is a forest of stars.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cleaner.engines.ray_shuffle import by_partition, segments


def _distinct(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((v, u))
    u, v = u[order], v[order]
    keep = np.r_[True, (u[1:] != u[:-1]) | (v[1:] != v[:-1])] if len(u) else np.empty(0, bool)
    return u[keep], v[keep]


def _large_star(group: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    u, v = _distinct(group["u"], group["v"])
    start, length = segments(u)
    smallest = np.minimum(np.minimum.reduceat(v, start), u[start]) if len(u) else u
    m = np.repeat(smallest, length)
    up = v > u
    return {"u": v[up], "v": m[up], "changed": m[up] != u[up]}


def _small_star(group: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    u, v = _distinct(group["u"], group["v"])  # v < u: the smaller neighbours of u
    start, length = segments(u)
    smallest = np.minimum.reduceat(v, start) if len(u) else v
    m = np.repeat(smallest, length)
    moved = v != m
    leaves = u[start]
    return {"u": np.r_[v[moved], leaves], "v": np.r_[m[moved], smallest],
            "changed": np.r_[np.ones(int(moved.sum()), bool), np.zeros(len(leaves), bool)]}


def _both_ways(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {"u": np.r_[batch["u"], batch["v"]], "v": np.r_[batch["v"], batch["u"]]}


def _downward(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {"u": np.maximum(batch["u"], batch["v"]), "v": np.minimum(batch["u"], batch["v"])}


def _changed(ds: Any) -> int:
    return int(ds.sum("changed") or 0)


def _roots(group: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    node, root = _distinct(group["node"], group["root"])
    return {"node": node, "root": root}


def _star_members(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {"node": np.r_[batch["u"], batch["v"]], "root": np.r_[batch["v"], batch["v"]]}


def components(edges: Any, partitions: int) -> tuple[Any, int]:
    """``(node, root)`` for every node on an edge (columns ``u``, ``v``), and the steps taken.

    ``root`` is the smallest node of the node's component."""
    steps = 0
    while True:
        large = by_partition(edges.map_batches(_both_ways, batch_format="numpy"), "u",
                             _large_star, partitions).materialize()
        small = by_partition(large.map_batches(_downward, batch_format="numpy"), "u",
                             _small_star, partitions).materialize()
        steps += 1
        done = _changed(large) == 0 and _changed(small) == 0
        edges = small.select_columns(["u", "v"])
        if done:
            break
    members = edges.map_batches(_star_members, batch_format="numpy")
    return by_partition(members, "node", _roots, partitions), steps
