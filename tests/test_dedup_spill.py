"""Dedup with its per-document state on disk gives the in-memory answer, and cleans up."""

from __future__ import annotations

import gc
import json
import os
import random
from pathlib import Path

import numpy as np
import pytest

from cleaner.cli import main
from cleaner.commands import dedup as dedup_command
from cleaner.dedup import DedupConfig, Deduper, DocInfo
from cleaner.dedup.deduper import sign
from cleaner.dedup.outofcore import spilled_result
from cleaner.dedup.spill import DiskStrings, Runs, Scratch
from tests.realdups import real_corpus
from tests.test_dedup import corpus


def test_runs_merge_equals_one_sort_and_never_splits_a_key(tmp_path: Path):
    rng = np.random.default_rng(4)
    keys = np.concatenate([rng.integers(0, 40, 500), np.full(90, 17), rng.integers(0, 2**62, 300)])
    docs = rng.permutation(len(keys))
    runs = Runs(tmp_path, "t", run=64)
    for lo in range(0, len(keys), 37):
        runs.add(keys[lo : lo + 37], docs[lo : lo + 37])
    blocks = list(runs.groups(block=8))  # the group of 90+ equal keys is longer than a block
    assert len(blocks) > 1
    got_keys = np.concatenate([k for k, _ in blocks])
    got_docs = np.concatenate([d for _, d in blocks])
    order = np.lexsort((docs, keys))
    assert got_keys.tolist() == keys[order].tolist()
    assert got_docs.tolist() == docs[order].tolist()
    for (a, _), (b, _) in zip(blocks, blocks[1:], strict=False):
        assert a[-1] < b[0]
    assert not list(tmp_path.iterdir())  # the run files are gone once merged
    pairs = Runs(tmp_path, "p", run=50, distinct=True)
    for _ in range(3):  # the same pairs proposed by three bands
        pairs.add(keys, np.zeros(len(keys), np.int64))
    merged = np.concatenate([k for k, _ in pairs.groups(block=16)])
    assert np.unique(merged).tolist() == np.unique(keys).tolist()
    assert len(merged) < 3 * len(keys)  # repeats inside a run are dropped when it is sorted


def test_disk_strings_round_trip(tmp_path: Path):
    values = ["d1", "", "新华社", "x\udcff", "长" * 300]
    strings = DiskStrings(Scratch(tmp_path), "ids")
    strings.extend(values[:2])
    strings.extend([])
    strings.extend(values[2:])
    assert list(strings) == values and len(strings) == 5
    assert strings[2] == "新华社" and strings[-1] == values[-1]
    assert strings.take(np.array([4, 0])) == [values[4], "d1"]
    with pytest.raises(IndexError):
        strings[5]


def _infos(texts: list[str], seed: int) -> list[DocInfo]:
    rng = random.Random(seed)
    return [DocInfo(len(t), rng.choice([None, "2020-01-01", "2019-05-05", "2021-12-31"]),
                    rng.choice(["a", "b", "c", None])) for t in texts]


@pytest.mark.parametrize("keep", ["longest", "earliest", "source"])
def test_spilled_dedup_equals_in_memory_on_real_copies(tmp_path: Path, keep: str):
    cases = ((DedupConfig(), real_corpus(30, seed=5)),
             (DedupConfig(boilerplate_min_docs=3), corpus()))
    for config, (ids, texts) in cases:
        infos = _infos(texts, 1)
        memory = Deduper(config, keep=keep, priority=["b", "a"])
        disk = Deduper(config, keep=keep, priority=["b", "a"], spill=tmp_path)
        for lo in range(0, len(texts), 13):
            for d in (memory, disk):
                d.add(texts[lo : lo + 13], ids[lo : lo + 13], infos[lo : lo + 13])
        expected, got = memory.result(), disk.result()
        assert expected.stats["duplicates"] > 10
        assert list(got.assignments) == list(expected.assignments)
        assert got.stats == expected.stats and got.clusters == expected.clusters
        assert got.largest(4) == sorted(expected.clusters, key=lambda c: -c["size"])[:4]
        # many small sorted runs merged: the same answer
        assignments, stats = spilled_result(disk, run=7)
        assert list(assignments) == list(expected.assignments) and stats == expected.stats
    assert expected.stats["boilerplate_values"] > 0  # the guard was in play


def test_scratch_folder_lives_as_long_as_the_result(tmp_path: Path):
    ids, texts = real_corpus(8)
    result = Deduper(spill=tmp_path).dedup(texts, ids)
    gc.collect()
    assert len(list(tmp_path.iterdir())) == 1  # the result still reads its ids there
    assert [a.id for a in result.assignments] == ids
    del result
    gc.collect()
    assert not list(tmp_path.iterdir())


def test_cli_removes_the_scratch_of_a_killed_run(tmp_path: Path):
    ids, texts = real_corpus(10)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in zip(ids, texts, strict=True)), encoding="utf-8")
    stale = tmp_path / ".o.jsonl.cleaner-scratch"
    stale.mkdir()
    (stale / "sigs").write_bytes(b"left by a killed run")
    out = tmp_path / "o.jsonl"
    assert main(["dedup", str(src), "-o", str(out), "--no-clean"]) == 0
    assert not list(tmp_path.glob(".*"))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = Deduper().dedup(texts, ids).assignments
    assert [(r["id"], r["cluster"], r["duplicate_of"], r["similarity"]) for r in rows] == [
        (a.id, a.cluster, a.duplicate_of, a.similarity) for a in expected]


def _logged_sign(texts, config):
    """``sign``, noting which process ran it."""
    with open(os.environ["CLEANER_TEST_SIGNED_BY"], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return sign(texts, config)


def test_signing_in_a_worker_process_writes_the_same_bytes(tmp_path: Path, monkeypatch):
    ids, texts = real_corpus(12)
    rng = random.Random(3)
    dates = [f"1998-01-{rng.randint(1, 28):02d}" for _ in ids]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t, "date": d}, ensure_ascii=False) + "\n"
                           for i, t, d in zip(ids, texts, dates, strict=True)), encoding="utf-8")
    monkeypatch.setattr(dedup_command, "BATCH", 7)  # many batches in flight
    monkeypatch.setattr(dedup_command, "sign", _logged_sign)  # forked workers inherit it
    log = tmp_path / "signed-by"
    monkeypatch.setenv("CLEANER_TEST_SIGNED_BY", str(log))
    written, signers = {}, {}
    for workers in ("1", "2"):
        out, report = tmp_path / f"out{workers}.jsonl", tmp_path / f"report{workers}.json"
        assert main(["dedup", str(src), "-o", str(out), "--no-clean", "--keep", "earliest",
                     "--workers", workers, "--report", str(report)]) == 0
        written[workers] = out.read_bytes(), report.read_bytes()
        signers[workers] = set(log.read_text(encoding="utf-8").split())
        log.unlink()
    assert signers["1"] == {str(os.getpid())}
    assert len(signers["2"]) == 1 and str(os.getpid()) not in signers["2"]
    assert written["1"] == written["2"]
    rows = [json.loads(line) for line in written["2"][0].decode("utf-8").splitlines()]
    expected = Deduper(keep="earliest").dedup(
        texts, ids, [DocInfo(len(t), d) for t, d in zip(texts, dates, strict=True)])
    assert [(r["id"], r["cluster"], r["duplicate_of"], r["similarity"]) for r in rows] == [
        (a.id, a.cluster, a.duplicate_of, a.similarity) for a in expected.assignments]
    assert sum(r["duplicate_of"] is not None for r in rows) > 5
