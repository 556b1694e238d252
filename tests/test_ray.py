"""The Ray engine on a real local cluster (two CPUs): the same answer as the local engine.

One cluster is shared by the module; the corpus is real news with planted copies
(:mod:`tests.realdups`), so exact copies, script variants, edits and trimmed excerpts all meet
in the distributed LSH, verification, connected components and keep policy.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
psutil = pytest.importorskip("psutil")

import cleaner.ray as cray  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.dedup import Deduper  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402
from tests.realdups import real_corpus  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


def _kill_a_worker_once(stop: threading.Event, killed: list[int]) -> None:
    """SIGKILL the first Ray Data worker of this test's own cluster (our child processes)."""
    me = psutil.Process()
    while not stop.is_set() and not killed:
        for proc in me.children(recursive=True):
            try:
                title = " ".join(proc.cmdline())
            except psutil.Error:
                continue
            if "MapWorker" in title or "ray::MapBatches" in title:
                os.kill(proc.pid, signal.SIGKILL)
                killed.append(proc.pid)
                return
        time.sleep(0.05)


def test_run_with_ray_equals_local_even_when_a_worker_dies(cluster, tmp_path: Path):
    ids, texts = real_corpus()
    dates = [None if i % 4 == 0 else f"2024-03-{1 + i % 9:02d}" for i in range(len(ids))]
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ids, "text": texts, "date": dates}), src, row_group_size=16)
    local, distributed = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    options = ["--keep", "earliest", "--workers", "1"]
    assert main(["run", str(src), "-o", str(local), *options,
                 "--report", str(tmp_path / "local.json")]) == 0
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_a_worker_once, args=(stop, killed))
    killer.start()
    try:
        assert main(["run", str(src), "-o", str(distributed), "--engine", "ray",
                     *options, "--report", str(tmp_path / "ray.json")]) == 0
    finally:
        stop.set()
        killer.join()
    assert killed, "no Ray worker was running to be killed"
    want = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]
    got = [json.loads(line) for line in distributed.read_text(encoding="utf-8").splitlines()]
    assert got == want  # texts, cleaner blocks, clusters, kept copies, similarities
    assert sum(r["duplicate_of"] is None for r in got) == 30
    assert any(0 < (r["similarity"] or 1) < 1 for r in got)  # near, not only exact, copies
    report = json.loads((tmp_path / "ray.json").read_text(encoding="utf-8"))
    assert report == json.loads((tmp_path / "local.json").read_text(encoding="utf-8"))
    assert report["clusters"] and report["stats"]["duplicates"] == len(got) - 30


def test_run_with_index_on_ray_writes_the_local_engines_index(cluster, tmp_path: Path):
    ids, texts = real_corpus(24, seed=9)
    dates = [None if i % 5 == 0 else f"2024-05-{1 + i % 7:02d}" for i in range(len(ids))]
    half = len(ids) // 2
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    for path, part in ((first, slice(None, half)), (second, slice(half, None))):
        pq.write_table(pa.table({"id": ids[part], "text": texts[part], "date": dates[part]}),
                       path, row_group_size=8)
    options = ["--keep", "earliest", "--workers", "1"]
    assert main(["run", str(first), "-o", str(tmp_path / "a.jsonl"), "--index",
                 str(tmp_path / "local.sqlite"), *options]) == 0
    (tmp_path / "ray.sqlite").write_bytes((tmp_path / "local.sqlite").read_bytes())
    outputs = {}
    for engine in ("local", "ray"):  # the second batch, checked against the first
        out = tmp_path / f"{engine}.jsonl"
        assert main(["run", str(second), "-o", str(out), "--index",
                     str(tmp_path / f"{engine}.sqlite"), "--engine", engine, *options,
                     "--report", str(tmp_path / f"{engine}.json")]) == 0
        outputs[engine] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert outputs["ray"] == outputs["local"]
    earlier = set(ids[:half])
    assert any(r["duplicate_of"] in earlier for r in outputs["ray"])  # matched the first batch
    dumps = [list(sqlite3.connect(tmp_path / f"{e}.sqlite").iterdump()) for e in ("local", "ray")]
    assert dumps[0] == dumps[1] and len(dumps[0]) > len(ids)
    assert (tmp_path / "ray.json").read_text("utf-8") == (tmp_path / "local.json").read_text("utf-8")


@pytest.mark.parametrize("partitions", [None, 5])
def test_dedup_api_equals_deduper_with_stats(cluster, partitions):
    """Also with every shuffle cut into several hash partitions (a small corpus fits one)."""
    ids, texts = real_corpus(24, seed=3)
    ds = ray.data.from_items([{"id": i, "text": t, "n": k}
                              for k, (i, t) in enumerate(zip(ids, texts, strict=True))])
    stats: dict = {}
    rows = cray.dedup(ds, stats=stats, partitions=partitions).take_all()
    local = Deduper().dedup(texts, ids)
    assert [(r["id"], r["n"], r["cluster"], r["duplicate_of"], r["similarity"]) for r in rows] \
        == [(a.id, k, a.cluster, a.duplicate_of, a.similarity)
            for k, a in enumerate(local.assignments)]
    assert stats == local.stats


def test_clean_api_keeps_columns_and_order(cluster):
    texts = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "input").glob("*.txt"))]
    ds = ray.data.from_items([{"doc": k, "text": t} for k, t in enumerate(texts)])
    rows = cray.clean(ds).take_all()
    cleaner = Cleaner()
    assert [r["doc"] for r in rows] == list(range(len(texts)))
    assert [r["text"] for r in rows] == [cleaner.clean(t).text for t in texts]
    assert json.loads(rows[1]["cleaner"])["meta"]["editor"] == "罗昱、高红霞"


def test_clean_a_parquet_dataset_directory_on_ray_equals_local(cluster, tmp_path: Path):
    """A dataset of several Parquet files is read as one list of files (Ray's file listing
    then checks each path's filesystem, which imports fsspec's HTTP support)."""
    ids, texts = real_corpus(12, seed=5)
    folder = tmp_path / "dataset"
    folder.mkdir()
    for k in range(3):
        part = slice(k * len(ids) // 3, (k + 1) * len(ids) // 3)
        pq.write_table(pa.table({"id": ids[part], "text": texts[part]}),
                       folder / f"part-{k}.parquet")
    local, distributed = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert main(["clean", str(folder), "-o", str(local), "--workers", "1"]) == 0
    assert main(["clean", str(folder), "-o", str(distributed), "--engine", "ray",
                 "--workers", "1"]) == 0
    want = local.read_text(encoding="utf-8").splitlines()
    assert distributed.read_text(encoding="utf-8").splitlines() == want
    assert len(want) == len(ids)


def test_run_from_jsonl_with_unnamed_rows_equals_local(cluster, tmp_path: Path):
    """Rows without an id are named by their row number, and the cleaning actors sign what
    they clean: both as the local engine does, and the lines are the local engine's bytes."""
    ids, texts = real_corpus(16, seed=11)
    src = tmp_path / "in.jsonl"
    rows = [{"id": None if k % 3 == 0 else i, "text": t} for k, (i, t) in
            enumerate(zip(ids, texts, strict=True))]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        assert main(["run", str(src), "-o", str(out), "--engine", engine,
                     "--workers", "1"]) == 0
        outputs[engine] = out.read_bytes()
    assert outputs["ray"] == outputs["local"]
    got = [json.loads(line) for line in outputs["ray"].decode("utf-8").splitlines()]
    assert len(got) == len(ids) and any(r["duplicate_of"] for r in got)
    assert {r["cluster"] for r in got if r["id"] is None} - {None}


def test_jsonl_is_read_in_chunks_as_whole_lines(cluster, tmp_path: Path):
    """Lines longer than a chunk, a blank line, CRLF endings, a last line without a newline,
    gzip, and a field only one row has: every row as ``json.loads`` reads it, in order."""
    import gzip

    from cleaner.engines.ray_jsonl import read_jsonl

    rows = [{"id": f"r{k}", "text": "新闻" * (k * 7 % 50)} for k in range(40)]
    rows[3]["source"] = "人民网"
    raw = "".join(json.dumps(r, ensure_ascii=False) + ("\r\n" if k % 5 else "\n")
                  for k, r in enumerate(rows)).encode("utf-8")
    raw = raw.replace(b"\n", b"\n\n", 1).rstrip(b"\r\n")
    plain, packed = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    plain.write_bytes(raw)
    packed.write_bytes(gzip.compress(raw))
    for path in (plain, packed):
        for chunk in (64, 1 << 20):
            got = read_jsonl(str(path), chunk_bytes=chunk).take_all()
            # one table: a field another row has reads as None
            assert [{k: v for k, v in r.items() if v is not None} for r in got] == rows
            assert got[3]["source"] == "人民网"


def test_a_broken_jsonl_line_is_named_by_file_and_line(cluster, tmp_path: Path, capsys):
    from cleaner.engines.ray_jsonl import read_jsonl

    src = tmp_path / "broken.jsonl"
    src.write_text('{"id": 1, "text": "好"}\n\n{"id": 2, "text": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.jsonl:3: broken JSON \(Expecting value"):
        read_jsonl(str(src)).take_all()
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--engine", "ray", "--workers", "1"]) == 2
    assert not out.exists()
    assert "error: " + str(src) + ":3: broken JSON (Expecting value" \
        in " ".join(capsys.readouterr().err.split())
