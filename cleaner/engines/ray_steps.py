"""The per-batch and per-partition steps of the Ray dedup, each a numpy pass over arrays.

Each function here is what one Ray Data task runs on one batch or one hash partition
(:func:`~cleaner.engines.ray_shuffle.by_partition`); each calls the same function the local
engine calls (:func:`~cleaner.dedup.sign`, :func:`~cleaner.dedup.lsh.band_key`,
:func:`~cleaner.dedup.lsh.pairs_in_runs`, :func:`~cleaner.dedup.core.verdict`,
:func:`~cleaner.dedup.keep.kept_copies`, :func:`~cleaner.dedup.core.copy_similarity`), which is
why the two engines agree. Lookups (a pair's signatures, a document's cluster root) are joins
done the same way: the table rows and the asking rows are shuffled together by key and each
partition answers with one ``searchsorted``, as Ray tasks, with no actors to start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from cleaner.dedup.core import DedupConfig, copy_similarity, verdict
from cleaner.dedup.deduper import sign
from cleaner.dedup.keep import DocInfo, date_ranks, kept_copies, primary_ranks
from cleaner.dedup.lsh import band_key, pairs_in_runs
from cleaner.dedup.minhash import STORED, STORED_BITS
from cleaner.dedup.verify import common_mask
from cleaner.engines.ray_shuffle import INDEX, pack_sigs, segments, unpack_sigs
from cleaner.io.records import normalize_newlines

Batch = dict[str, np.ndarray]


class Sign:
    """Dedup keys and compact signatures for a batch, plus what the keep policy compares."""

    def __init__(self, config: DedupConfig, text_field: str, id_field: str, keep: str,
                 priority: Sequence[str], date_field: str, source_field: str) -> None:
        self.config, self.text_field, self.id_field = config, text_field, id_field
        self.keep, self.priority = keep, tuple(priority)
        self.date_field, self.source_field = date_field, source_field

    def __call__(self, batch: Any) -> Batch:
        texts = [normalize_newlines(t) for t in batch.column(self.text_field).to_pylist()]
        return self.of(batch, texts)

    def of(self, batch: Any, texts: list[str]) -> Batch:
        """The columns for ``texts``, the keys of ``batch``'s rows (a pyarrow table): what a
        cleaning actor calls on the texts it has just cleaned, so they are not read again."""
        def column(name: str) -> list[Any]:
            return batch.column(name).to_pylist() if name in batch.column_names \
                else [None] * batch.num_rows

        sigs, sizes, hashes = sign(texts, self.config)
        infos = [DocInfo.of(len(t), d, s) for t, d, s in zip(
            texts, column(self.date_field), column(self.source_field), strict=True)]
        # A row without an id is named by its row number, which the table gets once signed.
        ids = [None if i is None else str(i) for i in column(self.id_field)]
        return {"id": np.array(ids, dtype=object), "sig": pack_sigs(sigs),
                "size": sizes.astype(np.int64), "hash": hashes,
                "length": np.array([i.length for i in infos], np.int64),
                "rank": primary_ranks(infos, self.keep, self.priority).astype(np.int64),
                "date": np.array([i.date or "" for i in infos], dtype=object)}


SIGNED = "_signed_"  # the prefix of the columns a cleaning actor adds when it signs too


def signed(batch: Any) -> Any:
    """The signature columns a cleaning actor added to ``batch``, without their prefix."""
    names = [c for c in batch.column_names if c.startswith(SIGNED)]
    return batch.select(names).rename_columns([c[len(SIGNED):] for c in names])


def named(table: Any) -> Any:
    """Rows without an id named as the local engine names them: by row number, from 1 (a
    pyarrow table with :data:`INDEX`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = table.column("id")
    if ids.null_count == 0:
        return table
    number = pc.cast(pc.add(table.column(INDEX), 1), pa.string())
    return table.set_column(table.column_names.index("id"), "id",
                            pc.if_else(pc.is_null(ids), number, pc.cast(ids, pa.string())))


def exact_reps(group: Batch) -> Batch:
    """The representative (first document) of every key hash in the partition."""
    order = np.lexsort((group[INDEX], group["hash"]))
    idx, h = group[INDEX][order], group["hash"][order]
    start, length = segments(h)
    return {INDEX: idx, "rep": np.repeat(idx[start], length), "sig": group["sig"][order]}


def band_rows(bands: int, rows: int, width: int):
    """One row per (document, band): the band key as the local engine computes it."""
    def emit(batch: Batch) -> Batch:
        sigs = unpack_sigs(batch["sig"], width, STORED)
        keys = [band_key(sigs[:, b * rows:(b + 1) * rows], b).view(np.int64)
                for b in range(bands)]
        return {"key": np.concatenate(keys) if keys else np.empty(0, np.int64),
                "band": np.repeat(np.arange(bands, dtype=np.int64), len(sigs)),
                INDEX: np.tile(batch[INDEX], bands)}
    return emit


def bucket_pairs(cap: int):
    """Pairs ``a << 32 | b`` within each (band, key) bucket of 2..cap documents."""
    def pairs(group: Batch) -> Batch:
        order = np.lexsort((group[INDEX], group["key"], group["band"]))
        idx, key, band = group[INDEX][order], group["key"][order], group["band"][order]
        new = np.r_[True, (key[1:] != key[:-1]) | (band[1:] != band[:-1])]
        start = np.flatnonzero(new)
        size = np.diff(np.r_[start, len(idx)])
        ok = (size >= 2) & (size <= cap)
        found = pairs_in_runs(idx, start[ok], size[ok]).astype(np.int64)
        return {"pair": (found[:, 0] << 32) | found[:, 1]}
    return pairs


def distinct_pairs(group: Batch) -> Batch:
    return {"pair": np.unique(group["pair"])}


def histogram(width: int):
    """Counts of (slot, value) codes in a batch of signatures, sparse."""
    def count(batch: Batch) -> Batch:
        sigs = unpack_sigs(batch["sig"], width, STORED).astype(np.uint32)
        codes = (np.arange(width, dtype=np.uint32) << STORED_BITS) | sigs
        values, counts = np.unique(codes, return_counts=True)
        return {"code": values.astype(np.int64), "count": counts.astype(np.int64)}
    return count


def common_codes(heads: Any, width: int, cap: int) -> np.ndarray:
    """Sorted ``slot << 32 | value`` codes held by at least ``cap`` representatives: the
    per-batch histograms summed into one fixed array of ``width × 2**16`` counters."""
    total = np.zeros(width << STORED_BITS, np.int64)
    for batch in heads.map_batches(histogram(width), batch_format="numpy").iter_batches(
            batch_format="numpy", batch_size=1 << 20):
        np.add.at(total, batch["code"], batch["count"])
    common = np.flatnonzero(total >= cap).astype(np.uint64)
    return np.sort(((common >> np.uint64(STORED_BITS)) << np.uint64(32))
                   | (common & np.uint64((1 << STORED_BITS) - 1)))


def mask_of(codes: np.ndarray, width: int) -> np.ndarray:
    """What the local engine passes as ``common``: the mask when there are common values."""
    return common_mask(codes, width, STORED_BITS) if len(codes) else codes


# -- lookups: table rows (``other == -1``) and asking rows shuffled together by ``key`` ----

def sig_table(batch: Batch) -> Batch:
    n = len(batch[INDEX])
    return {"key": batch[INDEX], "other": np.full(n, -1, np.int64), "sig": batch["sig"],
            "size": batch["size"], "sig2": np.full(n, b"", dtype=object),
            "size2": np.full(n, -1, np.int64)}


def pair_rows(batch: Batch) -> Batch:
    n = len(batch["pair"])
    return {"key": batch["pair"] >> 32, "other": batch["pair"] & 0xFFFFFFFF,
            "sig": np.full(n, b"", dtype=object), "size": np.full(n, -1, np.int64),
            "sig2": np.full(n, b"", dtype=object), "size2": np.full(n, -1, np.int64)}


def _lookup(group: Batch) -> tuple[Batch, np.ndarray, np.ndarray]:
    """The asking rows, and the table's ``sig`` and ``size`` for each of their keys."""
    table = group["other"] == -1
    keys = group["key"][table]
    order = np.argsort(keys)
    pos = order[np.searchsorted(keys, group["key"][~table], sorter=order)]
    asking = {k: v[~table] for k, v in group.items() if k != "_part"}
    return asking, group["sig"][table][pos], group["size"][table][pos]


def first_side(group: Batch) -> Batch:
    """Attach ``a``'s signature to each pair and re-key it by ``b``."""
    asking, sig, size = _lookup(group)
    return {"key": asking["other"], "other": asking["key"], "sig": asking["sig"],
            "size": asking["size"], "sig2": sig, "size2": size}


def second_side(config: DedupConfig, codes: np.ndarray):
    """Attach ``b``'s signature and keep the pairs :func:`verdict` joins: edges ``u < v``."""
    def check(group: Batch) -> Batch:
        asking, sig_b, size_b = _lookup(group)
        sa = unpack_sigs(asking["sig2"], config.num_perm, STORED)
        sb = unpack_sigs(sig_b, config.num_perm, STORED)
        ok, _ = verdict(sa, sb, asking["size2"], size_b, mask_of(codes, config.num_perm),
                        config)
        return {"u": asking["other"][ok], "v": asking["key"][ok]}
    return check


def root_rows(batch: Batch) -> Batch:
    """Cluster roots shaped like signed documents, so both shuffle together."""
    n = len(batch["node"])
    blank = np.full(n, "", dtype=object)
    zero = np.zeros(n, np.int64)
    return {INDEX: batch["node"], "id": blank, "sig": np.full(n, b"", dtype=object),
            "size": zero, "hash": zero, "length": zero, "rank": zero, "date": blank,
            "root": batch["root"]}


def doc_rows(batch: Batch) -> Batch:
    return {**batch, "root": np.full(len(batch[INDEX]), -1, np.int64)}


def with_root(group: Batch) -> Batch:
    """Every document with its cluster root (itself when it is on no edge)."""
    is_doc = group["root"] == -1
    docs = {k: v[is_doc] for k, v in group.items() if k not in ("_part", "root")}
    roots = np.array(docs[INDEX])
    order = np.argsort(roots)
    at = order[np.searchsorted(roots, group[INDEX][~is_doc], sorter=order)]
    roots[at] = group["root"][~is_doc]
    return {**docs, "root": roots}


def keep(config: DedupConfig, codes: np.ndarray, policy: str):
    """Kept copy and similarity for every member of the clusters in the partition."""
    def choose(group: Batch) -> Batch:
        order = np.argsort(group[INDEX], kind="stable")
        g = {k: v[order] for k, v in group.items()}
        idx = g[INDEX]
        roots = np.searchsorted(idx, g["root"])
        primary = date_ranks(list(g["date"])) if policy == "earliest" else g["rank"]
        kept = kept_copies(roots, primary, g["length"])
        dup = np.flatnonzero(kept != np.arange(len(idx)))
        sim = np.full(len(idx), np.nan, np.float32)
        sigs = unpack_sigs(g["sig"][dup], config.num_perm, STORED)
        k = kept[dup]
        ksigs = unpack_sigs(g["sig"][k], config.num_perm, STORED)
        sim[dup] = copy_similarity(sigs, ksigs, g["size"][dup], g["size"][k],
                                   g["hash"][dup] == g["hash"][k],
                                   mask_of(codes, config.num_perm), config)
        dup_of = np.full(len(idx), None, dtype=object)
        dup_of[dup] = g["id"][k]
        has_copies = np.zeros(len(idx), np.int64)
        has_copies[roots[dup]] = 1  # counted once per cluster, at its root
        return {INDEX: idx, "cluster": g["root"], "duplicate_of": dup_of, "similarity": sim,
                "has_copies": has_copies}
    return choose
