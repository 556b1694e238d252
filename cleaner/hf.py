"""Hugging Face ``datasets``: clean inside ``Dataset.map`` and mark near-duplicates on a Dataset.

>>> from datasets import load_dataset  # doctest: +SKIP
>>> from cleaner.hf import clean_batch, mark_duplicates  # doctest: +SKIP
>>> ds = load_dataset("json", data_files="news.jsonl", split="train")  # doctest: +SKIP
>>> ds = ds.map(clean_batch, batched=True, num_proc=8)  # doctest: +SKIP
>>> ds = mark_duplicates(ds)  # doctest: +SKIP
>>> ds.filter(lambda row: row["duplicate_of"] is None).to_parquet("clean.parquet")  # doctest: +SKIP

:func:`clean_batch` is a ``batched=True`` map function: each worker process builds one
:class:`~cleaner.Cleaner` (rule packs and models load once per process, on its first batch)
and replaces the text column, adding ``cleaner`` as a JSON string, as the Parquet writer does
(a string, because a map's output features must be the same for every batch, and the
metadata keys are not). :func:`mark_duplicates` streams the Dataset through
:class:`~cleaner.dedup.Deduper` (a few hundred bytes per row, in batches) and adds
``cluster``, ``duplicate_of`` and ``similarity``: the same answer as ``cleaner dedup
--no-clean`` on the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from cleaner.dedup import DedupConfig, Deduper, DocInfo


@lru_cache(maxsize=4)
def _cleaner(options: tuple[tuple[str, Any], ...]) -> Any:
    from cleaner.pipeline import Cleaner

    return Cleaner(**{k: list(v) if isinstance(v, tuple) else v for k, v in options})


def clean_batch(batch: dict[str, list[Any]], text_field: str = "text", with_edits: bool = False,
                **cleaner_kwargs: Any) -> dict[str, list[Any]]:
    """A ``Dataset.map(batched=True)`` function: the batch with clean text and ``cleaner``.

    ``cleaner_kwargs`` go to :class:`~cleaner.Cleaner` (``extra_packs``, ``disable``,
    ``script``, ``punctuation``); pass them with ``fn_kwargs``. A row whose text is not a string
    is left as it is, with the reason in its ``cleaner`` column."""
    options = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                           for k, v in cleaner_kwargs.items()))
    cleaner = _cleaner(options)
    texts, blocks = [], []
    for text in batch[text_field]:
        if isinstance(text, str):
            result = cleaner.clean(text)
            texts.append(result.text)
            blocks.append(result.record_block(with_edits))
        else:
            texts.append(text)
            blocks.append({"error": f"no string field {text_field!r}"})
    return {**batch, text_field: texts,
            "cleaner": [json.dumps(b, ensure_ascii=False) for b in blocks]}


def mark_duplicates(ds: Any, text_field: str = "text", id_field: str = "id",
                    config: DedupConfig | None = None, keep: str = "longest",
                    priority: Sequence[str] = (), date_field: str = "date",
                    source_field: str = "source", batch_size: int = 2000) -> Any:
    """``ds`` with ``cluster``, ``duplicate_of`` (id of the kept row, ``None`` when kept) and
    ``similarity`` columns; ids default to the row number (from 1, as JSONL lines)."""
    deduper = Deduper(config, keep=keep, priority=priority)
    columns = [c for c in (text_field, id_field, date_field, source_field) if c in ds.column_names]
    start = 0
    for batch in ds.select_columns(columns).iter(batch_size=batch_size):
        texts = [t if isinstance(t, str) else "" for t in batch[text_field]]
        n = len(texts)
        ids = [str(v) if v is not None else str(start + k + 1)
               for k, v in enumerate(batch.get(id_field, [None] * n))]
        dates = batch.get(date_field, [None] * n)
        sources = batch.get(source_field, [None] * n)
        infos = [DocInfo.of(len(t), d, s)
                 for t, d, s in zip(texts, dates, sources, strict=True)]
        deduper.add(texts, ids, infos)
        start += n
    assignments = deduper.result().assignments
    for name in ("cluster", "duplicate_of", "similarity"):
        if name in ds.column_names:
            ds = ds.remove_columns(name)
    rows = list(assignments)
    ds = ds.add_column("cluster", [a.cluster for a in rows])
    ds = ds.add_column("duplicate_of", [a.duplicate_of for a in rows])
    return ds.add_column("similarity", [a.similarity for a in rows])
