"""Parquet in and out: real files written and read by pyarrow, through the real commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from cleaner import Cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.io import InputProblem, count_inputs, read_records  # noqa: E402
from cleaner.io.parquet import ParquetWriter  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402
from tests.realdups import real_corpus  # noqa: E402


def _seed_table() -> pa.Table:
    paths = sorted((SEEDS / "input").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return pa.table({
        "id": pa.array(range(len(texts)), pa.int64()),
        "text": texts,
        "published": pa.array([dt.datetime(2024, 1, i + 1) for i in range(len(texts))],
                              pa.timestamp("s")),
        "tags": pa.array([["news", str(i)] for i in range(len(texts))]),
    })


def test_clean_parquet_keeps_every_column_and_its_type(tmp_path: Path):
    table = _seed_table()
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, row_group_size=2)  # several row groups: read batch by batch
    assert count_inputs([src]) == table.num_rows
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 0
    got, stored = pq.read_table(out), pq.read_schema(src)
    assert got.column_names == ["id", "text", "published", "tags", "cleaner"]
    for name in ("id", "published", "tags"):
        assert got.schema.field(name).type == stored.field(name).type
        assert got.column(name).to_pylist() == table.column(name).to_pylist()
    assert got.schema.field("cleaner").type == pa.string()
    cleaner = Cleaner()
    expected = [cleaner.clean(t).text for t in table.column("text").to_pylist()]
    assert got.column("text").to_pylist() == expected
    block = json.loads(got.column("cleaner")[1].as_py())
    assert block["meta"]["editor"] == "罗昱、高红霞"


def test_directory_dataset_streams_every_file_in_order(tmp_path: Path):
    ids, texts = real_corpus(10)
    folder = tmp_path / "ds"
    (folder / "part=b").mkdir(parents=True)
    half = len(ids) // 2
    pq.write_table(pa.table({"id": ids[:half], "text": texts[:half]}), folder / "a.parquet",
                   row_group_size=3)
    pq.write_table(pa.table({"id": ids[half:], "text": texts[half:]}),
                   folder / "part=b" / "b.parquet")
    (folder / "_SUCCESS").write_text("")
    records = list(read_records([folder]))
    assert [r.id for r in records] == ids
    assert [r.text for r in records] == texts
    assert records[0].source.endswith("a.parquet:1")


def test_row_without_text_is_a_problem_and_passes_through(tmp_path: Path):
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["正文。", None]}), src)
    items = list(read_records([src]))
    assert isinstance(items[1], InputProblem) and items[1].where.endswith("in.parquet:2")
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 1
    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[1]["text"] is None and "error" in json.loads(rows[1]["cleaner"])


def test_parquet_to_jsonl_and_back(tmp_path: Path):
    src = tmp_path / "in.parquet"
    pq.write_table(_seed_table(), src)
    jsonl, back = tmp_path / "out.jsonl", tmp_path / "back.parquet"
    assert main(["clean", str(src), "-o", str(jsonl), "--workers", "1"]) == 0
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["published"] == "2024-01-01T00:00:00" and rows[0]["tags"] == ["news", "0"]
    assert main(["clean", str(jsonl), "-o", str(back), "--workers", "1"]) == 0
    assert pq.read_table(back).column("text").to_pylist() == [r["text"] for r in rows]


def test_dedup_and_run_on_parquet_equal_jsonl(tmp_path: Path):
    ids, texts = real_corpus()
    src_pq, src_js = tmp_path / "in.parquet", tmp_path / "in.jsonl"
    pq.write_table(pa.table({"id": ids, "text": texts, "n": list(range(len(ids)))}), src_pq)
    src_js.write_text("".join(json.dumps({"id": i, "text": t, "n": n}, ensure_ascii=False) + "\n"
                              for n, (i, t) in enumerate(zip(ids, texts, strict=True))),
                      encoding="utf-8")
    for command in ("dedup", "run"):
        out_pq, out_js = tmp_path / f"{command}.parquet", tmp_path / f"{command}.jsonl"
        assert main([command, str(src_pq), "-o", str(out_pq), "--workers", "1"]) == 0
        assert main([command, str(src_js), "-o", str(out_js), "--workers", "1"]) == 0
        got = pq.read_table(out_pq).to_pylist()
        want = [json.loads(line) for line in out_js.read_text(encoding="utf-8").splitlines()]
        for row in got:
            if isinstance(row.get("cleaner"), str):
                row["cleaner"] = json.loads(row["cleaner"])
        assert got == want
        assert sum(r["duplicate_of"] is None for r in got) == 30


def test_diff_reviews_parquet_output(tmp_path: Path, capsys):
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(_seed_table(), src)
    assert main(["clean", str(src), "-o", str(out), "--edits", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["diff", str(out), "--json"]) == 0
    hunks = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hunks) == 5 and any(h["hunks"] for h in hunks)


def test_writer_refuses_a_column_the_schema_lacks(tmp_path: Path):
    target = tmp_path / "x.parquet"
    with pytest.raises(ValueError, match="surprise"), ParquetWriter(target, batch_rows=1) as w:
        w.write({"id": "a", "text": "x"})
        w.write({"id": "b", "text": "y", "surprise": 1})
    assert not target.exists() and not list(tmp_path.iterdir())
