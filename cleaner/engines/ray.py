"""Clean and deduplicate a Ray Data ``Dataset``: the local engine's operations, distributed.

Cleaning is ``map_batches`` over an actor pool, so the rule packs and models load once per
worker. Dedup follows the local :class:`~cleaner.dedup.Deduper` step by step, with the same
functions, and gives the same clusters, kept copies and similarities:

1. rows are signed with :func:`cleaner.dedup.sign` (by the cleaning actors, as they clean;
   otherwise in an actor pool); the signature table, in a few large blocks, is numbered in
   input order (the number is what clusters are named after and what breaks ties in the keep
   policy);
2. exact copies: a shuffle by key hash; the first document of each key is its representative;
3. the boilerplate histogram of (slot, value) counts is summed from per-batch histograms: a
   fixed 8 M counters whatever the corpus size, the only thing the driver adds up;
4. LSH: one row per (document, band) shuffled by band key; buckets of 2..cap give pairs, which a
   second shuffle makes distinct;
5. verification: two hash joins bring both signatures to each candidate pair, and
   :func:`~cleaner.dedup.core.verdict` decides;
6. clusters: distributed connected components (:mod:`cleaner.engines.ray_components`);
7. keep policy: a shuffle by cluster root, :func:`~cleaner.dedup.keep.kept_copies` and
   :func:`~cleaner.dedup.core.copy_similarity` per cluster;
8. the assignments are joined back onto the records and sorted into input order.

Faults: every step is Ray tasks or restartable actors over immutable blocks, so a worker that
dies is replaced and its task re-run (Ray retries), and the answer does not change. The driver
holds the plan and the block references: if it dies, the job's tasks, actors and objects go
with it, nothing is written (outputs are atomic), and the run starts again from the input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from cleaner.dedup.core import DedupConfig
from cleaner.dedup.keep import POLICIES
from cleaner.engines import ray_steps as steps
from cleaner.engines.ray_components import components
from cleaner.engines.ray_shuffle import (
    INDEX,
    beside,
    blocks_for,
    by_partition,
    numbered,
    partitions_for,
)
from cleaner.io.records import normalize_newlines

CLEAN_TEXT = "_clean_text"  # the clean text, when the output keeps the original
ADDED = ("cluster", "duplicate_of", "similarity")


def require_ray() -> Any:
    """Ray, with Ray Data keeping rows in input order; a clear error when it is missing."""
    try:
        import ray
        import ray.data
    except ImportError as exc:  # pragma: no cover - Ray is in the dev extra
        raise ImportError("the Ray engine needs Ray Data: pip install 'cleaner[ray]'") from exc
    _settle(ray.data.DataContext.get_current())
    return ray


def _settle(context: Any) -> None:
    """Rows in input order; grouping shuffles as tasks (no aggregator actors to start)."""
    from ray.data.context import ShuffleStrategy

    context.execution_options.preserve_order = True
    context.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED


def _ordered(ds: Any) -> Any:
    _settle(ds.context)
    return ds


def _workers() -> int:
    ray = require_ray()
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _pool(concurrency: int | None, cpus: float | None = None) -> dict[str, Any]:
    """The cleaning actors: a fixed pool, one per CPU (or ``concurrency``), each asking for the
    share of a CPU that leaves the reads theirs.

    Ray Data's autoscaler adds an actor only within the operator's share of the cluster, and a
    read task holds a whole CPU while it waits for the actors to catch up: on two CPUs a
    single JSONL file was read beside one cleaning actor until the read was done (half of a
    100,000-document run). A fixed pool runs every actor from the start, and since the actors
    ask for ``(cpus - reserve) / actors`` of a CPU each, ``reserve`` CPUs (one, or an eighth
    of a large cluster) stay free for the read tasks that feed them: a pool that took every
    CPU would leave the reads none, and wait for ever.

    >>> _pool(None, cpus=2), _pool(None, cpus=64)["num_cpus"], _pool(4, cpus=64)["num_cpus"]
    ({'concurrency': 2, 'num_cpus': 0.5}, 0.875, 1.0)
    """
    if cpus is None:
        cpus = float(require_ray().cluster_resources().get("CPU", 1))
    size = concurrency or max(1, int(cpus))
    reserve = max(1.0, cpus / 8)
    return {"concurrency": size, "num_cpus": max(0.0, min(1.0, (cpus - reserve) / size))}


class _Clean:
    """Cleans a batch; one :class:`~cleaner.Cleaner` per actor, built once."""

    def __init__(self, cleaner_kwargs: dict[str, Any], text_field: str, into: str,
                 with_edits: bool, with_block: bool, text_only: bool = False,
                 sign: dict[str, Any] | None = None) -> None:
        from cleaner.pipeline import Cleaner

        self.cleaner = Cleaner(**cleaner_kwargs)
        self.text_field, self.into, self.with_edits = text_field, into, with_edits
        self.with_block, self.text_only = with_block, text_only
        self.sign = steps.Sign(**sign) if sign else None

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        texts = batch.column(self.text_field).to_pylist() \
            if self.text_field in batch.column_names else [None] * batch.num_rows
        if self.text_only:  # dedup leaves out the rows without a text, as the local engine
            keep = [isinstance(text, str) for text in texts]
            if not all(keep):
                batch = batch.filter(pa.array(keep, pa.bool_()))
                texts = [text for text, kept in zip(texts, keep, strict=True) if kept]
        out, blocks = [], []
        for text in texts:
            if isinstance(text, str):
                result = self.cleaner.clean(normalize_newlines(text))
                out.append(result.text)
                blocks.append(result.record_block(self.with_edits))
            else:
                out.append(text)
                blocks.append({"error": f"no string field {self.text_field!r}"})
        batch = _set(batch, self.into, pa.array(out, pa.string()))
        if self.sign is not None:  # dedup's keys while the clean texts are at hand
            columns = self.sign.of(batch, [normalize_newlines(t) for t in out])
            for name, values in columns.items():
                kind = {"sig": pa.binary(), "id": pa.string(), "date": pa.string()}.get(name)
                batch = _set(batch, steps.SIGNED + name, pa.array(values, kind))
        if not self.with_block:
            return batch
        blob = [json.dumps(b, ensure_ascii=False, default=str) for b in blocks]
        return _set(batch, "cleaner", pa.array(blob, pa.string()))


def _set(table: Any, name: str, column: Any) -> Any:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, column)
    return table.append_column(name, column)


def clean(ds: Any, text_field: str = "text", cleaner_kwargs: dict[str, Any] | None = None,
          with_edits: bool = False, concurrency: int | None = None, into: str | None = None,
          with_block: bool = True, text_only: bool = False,
          sign: dict[str, Any] | None = None) -> Any:
    """``ds`` with the text column cleaned and a ``cleaner`` column (JSON text: rules fired,
    metadata from removed chrome), every other column kept, rows in order; ``text_only``
    leaves out the rows whose text is not a string (an error otherwise, kept unchanged).
    ``sign`` (:class:`~cleaner.engines.ray_steps.Sign`'s arguments) also adds dedup's keys of
    the clean texts, as columns named with :data:`~cleaner.engines.ray_steps.SIGNED`."""
    require_ray()
    return _ordered(ds).map_batches(
        # Batches of 1,024 rows: each is an output block, and the steps after cleaning (counting,
        # numbering, writing) run a task per block; 256 took ~5 s more at 100,000 documents.
        _Clean, batch_format="pyarrow", batch_size=1024,
        fn_constructor_kwargs={"cleaner_kwargs": cleaner_kwargs or {}, "text_field": text_field,
                               "into": into or text_field, "with_edits": with_edits,
                               "with_block": with_block, "text_only": text_only,
                               "sign": sign},
        **_pool(concurrency))


_clean_stage = clean  # ``dedup`` has a parameter named ``clean``


def dedup(ds: Any, text_field: str = "text", id_field: str = "id",
          config: DedupConfig | None = None, keep: str = "longest", priority: Sequence[str] = (),
          date_field: str = "date", source_field: str = "source", clean: bool = False,
          write_clean: bool = False, cleaner_kwargs: dict[str, Any] | None = None,
          partitions: int | None = None, concurrency: int | None = None,
          stats: dict[str, Any] | None = None) -> Any:
    """``ds`` with ``cluster``, ``duplicate_of`` and ``similarity``, as ``cleaner dedup`` writes.

    ``clean`` computes keys from the cleaned text (``write_clean`` also puts it in the text
    column, with the ``cleaner`` column, as ``cleaner run``); rows keep their order. Rows whose
    text is not a string are left out, as the local commands report and leave them out.
    ``stats``, when given, is filled with the local engine's counts."""
    if keep not in POLICIES:
        raise ValueError(f"unknown keep policy {keep!r}; choose one of {', '.join(POLICIES)}")
    require_ray()
    config = config or DedupConfig()
    workers = concurrency or _workers()
    key_text = text_field if write_clean or not clean else CLEAN_TEXT
    signing = {"config": config, "text_field": key_text, "id_field": id_field, "keep": keep,
               "priority": priority, "date_field": date_field, "source_field": source_field}
    if clean:  # the cleaning actors leave out the rows without a text themselves, and sign
        ds = _clean_stage(ds, text_field, cleaner_kwargs, concurrency=workers, into=key_text,
                          with_block=write_clean, text_only=True, sign=signing)
    else:
        ds = _ordered(ds).filter(lambda row: isinstance(row.get(text_field), str))
    records = ds.materialize()  # cleaned once; read twice: for the keys, and to write
    n = records.count()
    if n == 0:
        return records
    bands, rows = config.bands_rows
    parts = partitions or partitions_for(n * bands)
    if clean:
        docs = numbered(records, blocks_for(n, workers), steps.signed)
    else:
        docs = numbered(records.map_batches(
            steps.Sign, batch_format="pyarrow", batch_size=2000, concurrency=(1, workers),
            fn_constructor_kwargs=signing), blocks_for(n, workers))
    docs = docs.map_batches(steps.named, batch_format="pyarrow").materialize()
    exact = by_partition(docs.filter(lambda row: row["size"] > 0), "hash", steps.exact_reps,
                         parts).materialize()
    heads = exact.filter(lambda row: row["rep"] == row[INDEX]).materialize()
    n_heads = heads.count()
    cap = config.cap(n_heads)
    codes = steps.common_codes(heads, config.num_perm, cap) if n_heads \
        else np.empty(0, np.uint64)
    keyed = heads.map_batches(steps.band_rows(bands, rows, config.num_perm),
                              batch_format="numpy")
    cand = by_partition(by_partition(keyed, "key", steps.bucket_pairs(cap), parts), "pair",
                        steps.distinct_pairs, parts).materialize()
    n_cand = cand.count()
    edges = exact.filter(lambda row: row["rep"] != row[INDEX]).map_batches(
        lambda b: {"u": b["rep"], "v": b[INDEX]}, batch_format="numpy").materialize()
    n_exact, n_verified = edges.count(), 0
    if n_cand:
        table = docs.map_batches(steps.sig_table, batch_format="numpy")
        first = by_partition(table.union(cand.map_batches(steps.pair_rows, batch_format="numpy")),
                             "key", steps.first_side, parts)
        verified = by_partition(table.union(first), "key", steps.second_side(config, codes),
                                parts).materialize()
        n_verified = verified.count()
        edges = edges.union(verified)
    placed = docs.map_batches(steps.doc_rows, batch_format="numpy")
    if n_exact + n_verified:
        roots, _ = components(edges, parts)
        placed = placed.union(roots.map_batches(steps.root_rows, batch_format="numpy"))
    assigned = by_partition(by_partition(placed, INDEX, steps.with_root, parts), "root",
                            steps.keep(config, codes, keep), parts).sort(INDEX).materialize()
    if stats is not None:
        dups = assigned.filter(lambda r: r["duplicate_of"] is not None).count()
        stats.update({
            "documents": n, "kept": n - dups, "duplicates": dups, "exact_duplicates": n_exact,
            "clusters_with_copies": int(assigned.sum("has_copies") or 0),
            "candidate_pairs": n_cand, "verified_pairs": n_verified, "bands": bands,
            "rows": rows, "boilerplate_cap": cap, "boilerplate_values": len(codes)})
    drop = [c for c in records.columns()
            if c in (*ADDED, CLEAN_TEXT) or c.startswith(steps.SIGNED)]
    side = assigned.drop_columns([INDEX, "has_copies"]).map_batches(
        _finish, batch_format="pyarrow").materialize()
    return beside(records, side, drop=drop)


def _finish(batch: Any) -> Any:
    """Similarities rounded as the local engine reports them; none for kept copies."""
    import pyarrow as pa

    raw = batch.column("similarity").to_pylist()
    sim = pa.array([None if s is None or s != s else round(float(s), 4) for s in raw],
                   pa.float64())
    return batch.set_column(batch.column_names.index("similarity"), "similarity", sim)


def cluster_report(ds: Any, id_field: str = "id") -> list[dict[str, Any]]:
    """The clusters with copies of a :func:`dedup` result, as ``cleaner dedup --report`` lists
    them: by cluster, each with its kept copy, size and members (id, similarity) in input order.

    Two passes over the result, which the driver reads as a stream: the clusters that have
    copies (one small column), then the rows of those clusters only. The driver holds the
    clustered rows, never the corpus.
    """
    copied = ds.filter(lambda row: row["duplicate_of"] is not None).select_columns(["cluster"])
    wanted = {int(c) for batch in copied.iter_batches(batch_format="numpy")
              for c in batch["cluster"]}
    clusters: dict[int, dict[str, Any]] = {}
    if not wanted:
        return []
    columns = ["cluster", "duplicate_of", "similarity"]
    columns += [id_field] if id_field in ds.columns() else []
    for batch in ds.select_columns(columns).iter_batches(batch_format="pyarrow"):
        for row in batch.to_pylist():
            root = row["cluster"]
            if root not in wanted:
                continue
            entry = clusters.setdefault(root, {"cluster": root, "kept": None, "size": 0,
                                               "members": []})
            entry["size"] += 1
            entry["members"].append({"id": row.get(id_field), "similarity": row["similarity"]})
            if row["duplicate_of"] is None:
                entry["kept"] = row.get(id_field)
    return [clusters[root] for root in sorted(clusters)]

