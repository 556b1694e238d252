"""The Hugging Face recipe on a real ``datasets.Dataset``: map with worker processes, mark copies."""

from __future__ import annotations

import json

import pytest

datasets = pytest.importorskip("datasets")

from cleaner import Cleaner  # noqa: E402
from cleaner.dedup import Deduper  # noqa: E402
from cleaner.hf import clean_batch, mark_duplicates  # noqa: E402
from tests.realdups import real_corpus  # noqa: E402


def test_map_with_processes_then_mark_duplicates(tmp_path):
    ids, texts = real_corpus(16, seed=11)
    ds = datasets.Dataset.from_dict({"id": ids, "text": texts, "n": list(range(len(ids)))})
    cleaned = ds.map(clean_batch, batched=True, batch_size=8, num_proc=2,
                     fn_kwargs={"script": "s"}, cache_file_name=str(tmp_path / "map.arrow"))
    cleaner = Cleaner(script="s")
    expected = [cleaner.clean(t).text for t in texts]
    assert cleaned["text"] == expected and cleaned["n"] == list(range(len(ids)))
    assert all("rules" in json.loads(b) for b in cleaned["cleaner"])
    marked = mark_duplicates(cleaned, batch_size=7)
    local = Deduper().dedup(expected, ids)
    assert list(zip(marked["cluster"], marked["duplicate_of"], marked["similarity"],
                    strict=True)) == [(a.cluster, a.duplicate_of, a.similarity)
                                      for a in local.assignments]
    kept = marked.filter(lambda row: row["duplicate_of"] is None)
    assert len(kept) == 16
