"""The Ray Data plumbing the distributed dedup is built from: row numbers, hash partitions.

Every grouping step (exact keys, LSH bands, distinct pairs, connected components, keep policy)
is one :func:`by_partition`: each row gets a partition number from a hash of its key, Ray Data's
shuffle (``groupby`` on that number) brings a partition's rows to one task, and the task works
on the whole partition with numpy (a sort and a few vectorised passes) instead of calling
Python once per group. Rows with equal keys always meet, and the number of partitions bounds
what one task holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from cleaner.dedup.minhash import _fmix

INDEX = "_idx"  # the global row number the engine adds: input order, 0-based
# Band rows per hash partition (~32 MB of keys a reduce task holds). Every shuffle of a run uses
# the same width; at 100,000 documents on two CPUs, 3 partitions instead of 12 took the dedup
# stages after signing from 15.9 to 12.5 s.
ROWS_PER_PARTITION = 1_000_000
ROWS_PER_BLOCK = 100_000


def partitions_for(rows: int, per_partition: int = ROWS_PER_PARTITION) -> int:
    """How many hash partitions keep each near ``per_partition`` rows (at least one)."""
    return max(1, math.ceil(rows / per_partition))


def blocks_for(rows: int, workers: int, per_block: int = ROWS_PER_BLOCK) -> int:
    """How many blocks the signature table is cut into before the shuffles: two per worker,
    more when a block would pass ``per_block`` rows.

    A sort shuffle costs per input block (a sample and a map task each, and the reduce
    concatenates a piece of every block), so the table is kept in a few large blocks: at
    100,000 rows on two CPUs a shuffle of 44 blocks of signatures took ~2.6 s, of 8 blocks
    ~0.8 s.

    >>> blocks_for(100_000, 2), blocks_for(10**9, 1600)
    (4, 10000)
    """
    return max(1, 2 * workers, math.ceil(rows / per_block))


def part_of(keys: np.ndarray, partitions: int) -> np.ndarray:
    """Partition number of each key: a 64-bit mix, so neighbouring keys spread out."""
    with np.errstate(over="ignore"):
        mixed = _fmix(np.asarray(keys).astype(np.int64).view(np.uint64).copy())
    return (mixed % np.uint64(partitions)).astype(np.int64)


def by_partition(ds: Any, key: str, fn: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]],
                 partitions: int) -> Any:
    """``fn`` applied to all rows of each hash partition of ``key`` (numpy batches).

    ``fn`` sees every row whose ``key`` falls in the partition at once, ``_part`` included."""

    def tag(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        batch["_part"] = part_of(batch[key], partitions)
        return batch

    def call(group: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return fn(group)

    tagged = ds.map_batches(tag, batch_format="numpy")
    return tagged.groupby("_part", num_partitions=partitions).map_groups(
        call, batch_format="numpy")


def numbered(ds: Any, blocks: int,
             pick: Callable[[Any], Any] | None = None) -> Any:
    """``ds``'s rows (``pick`` of each block, a pyarrow table) in ``blocks`` blocks of about
    equal rows, in order, with :data:`INDEX` numbering them from 0.

    The blocks are counted by tasks and gathered and numbered from their offsets by tasks, so
    the driver handles block references and one count per block, never rows; one layer of
    tasks does what a map, a repartition and a numbering pass did (three Ray Data stages)."""
    import ray

    @ray.remote
    def gather(offset: int, *tables: Any) -> Any:
        import pyarrow as pa

        table = pa.concat_tables([pick(t) if pick else t for t in tables],
                                 promote_options="default")
        return table.append_column(INDEX, pa.array(
            np.arange(offset, offset + table.num_rows, dtype=np.int64)))

    refs = ds.to_arrow_refs()
    offsets = _block_rows(refs)
    cuts = np.unique(np.r_[0, np.searchsorted(
        offsets[1:], np.linspace(0, offsets[-1], max(1, blocks) + 1)[1:-1], side="right"),
        len(refs)])
    return ray.data.from_arrow_refs([
        gather.remote(int(offsets[lo]), *refs[lo:hi])
        for lo, hi in zip(cuts[:-1], cuts[1:], strict=True) if hi > lo])


def _block_rows(refs: list[Any]) -> np.ndarray:
    """Row offsets of the blocks: ``[0, n0, n0 + n1, ...]``, counted by tasks."""
    import ray

    @ray.remote
    def rows(table: Any) -> int:
        return table.num_rows

    return np.r_[0, np.cumsum(ray.get([rows.remote(r) for r in refs]))].astype(np.int64)


def beside(left: Any, right: Any, drop: Sequence[str] = ()) -> Any:
    """``right``'s columns beside ``left``'s (less the columns ``drop`` names), row by row:
    both hold the same rows in the same order. Each of ``left``'s blocks gets the slice of
    ``right`` at its offsets in a task, so nothing is shuffled and the driver sees block
    references and counts only."""
    import ray

    @ray.remote
    def merge(table: Any, lo: int, hi: int, first: int, *parts: Any) -> Any:
        import pyarrow as pa

        table = table.drop_columns(list(drop))
        side = pa.concat_tables(parts).slice(lo - first, hi - lo)
        for name in side.column_names:
            table = table.append_column(name, side.column(name))
        return table

    lrefs, rrefs = left.to_arrow_refs(), right.to_arrow_refs()
    loff, roff = _block_rows(lrefs), _block_rows(rrefs)
    if loff[-1] != roff[-1]:
        raise ValueError(f"{loff[-1]} rows beside {roff[-1]}")
    out = []
    for b, ref in enumerate(lrefs):
        lo, hi = int(loff[b]), int(loff[b + 1])
        i = min(int(np.searchsorted(roff, lo, side="right")) - 1, len(rrefs) - 1)
        j = int(np.searchsorted(roff, hi, side="left"))
        parts = [rrefs[k] for k in range(max(i, 0), max(j, i + 1))]
        out.append(merge.remote(ref, lo, hi, int(roff[max(i, 0)]), *parts))
    return ray.data.from_arrow_refs(out)


def segments(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and lengths of the runs of equal values in sorted ``keys``."""
    if len(keys) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return start, np.diff(np.r_[start, len(keys)])


def pack_sigs(sigs: np.ndarray) -> np.ndarray:
    """Signature rows as bytes objects: one binary column survives every shuffle and join."""
    sigs = np.ascontiguousarray(sigs)
    width = sigs.shape[1] * sigs.dtype.itemsize
    raw = sigs.tobytes()
    return np.array([raw[i * width:(i + 1) * width] for i in range(len(sigs))], dtype=object)


def unpack_sigs(column: np.ndarray, width: int, dtype: type) -> np.ndarray:
    """The inverse of :func:`pack_sigs`: ``(rows, width)`` of ``dtype``."""
    if len(column) == 0:
        return np.empty((0, width), dtype)
    return np.frombuffer(b"".join(column), dtype=dtype).reshape(len(column), width)
