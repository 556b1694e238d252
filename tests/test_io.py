"""Reading and writing: encodings, bad input named by file and line, atomic outputs."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from cleaner.io import (
    InputProblem,
    JsonlWriter,
    Record,
    atomic_writer,
    decode_bytes,
    read_records,
    write_records,
)

TEXT = "人民网四川频道报道：成都市锦江区沙河街道的党员干部下沉一线，协助核酸检测超过三千人次。" * 3


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16", "utf-8-sig"])
def test_legacy_encodings_are_detected_and_named(tmp_path: Path, encoding: str):
    big5_text = "人民網四川頻道報導：成都市錦江區的黨員幹部下沉一線，協助核酸檢測。" * 3
    source = TEXT if encoding != "big5" else big5_text
    path = tmp_path / "doc.txt"
    path.write_bytes(source.encode(encoding))
    [record] = list(read_records([path]))
    assert isinstance(record, Record)
    assert record.text == source
    expected = {"utf-8-sig": "utf-8", "utf-16": "utf-16"}.get(encoding, encoding)
    assert record.encoding.replace("_", "-") == expected


def test_binary_file_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [problem] = list(read_records([path]))
    assert isinstance(problem, InputProblem)
    assert str(path) in str(problem)
    assert "binary" in problem.message or "encoding" in problem.message


def test_undecodable_bytes_are_reported_not_guessed(tmp_path: Path):
    with pytest.raises(ValueError):
        decode_bytes(bytes([0x00, 0xFF, 0x00, 0xFE]) * 50 + b"\x00\x81", "x")


def test_broken_jsonl_lines_are_reported_and_others_survive(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "第一篇。"}, ensure_ascii=False) + "\n"
        + '{"id": "b", "text": "broken\n'
        + json.dumps({"id": "c", "body": "no text field"}) + "\n"
        + "\n"
        + json.dumps({"id": "d", "text": "第四篇。"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    items = list(read_records([path]))
    assert [type(i).__name__ for i in items] == ["Record", "InputProblem", "InputProblem", "Record"]
    assert items[1].where == f"{path}:2" and "broken JSON" in items[1].message
    assert items[1].raw == '{"id": "b", "text": "broken'
    assert items[2].where == f"{path}:3" and items[2].fields == {"id": "c", "body": "no text field"}
    assert [items[0].id, items[3].id] == ["a", "d"]


def test_huge_document_is_reported(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "字" * 1000}) + "\n", encoding="utf-8")
    [problem] = list(read_records([path], max_chars=100))
    assert isinstance(problem, InputProblem) and "too large" in problem.message
    assert problem.fields is not None  # kept, so the writer can pass it through


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_round_trip_in_every_compression(tmp_path: Path, suffix: str):
    path = tmp_path / f"out{suffix}"
    rows = [{"id": str(i), "text": f"第{i}篇。", "extra": {"k": i}} for i in range(50)]
    assert write_records(path, rows) == 50
    back = [r for r in read_records([path])]
    assert [r.fields for r in back] == rows


def test_atomic_writer_leaves_nothing_on_failure(tmp_path: Path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_ctrl_c_the_moment_the_temporary_file_appears_leaves_nothing(tmp_path: Path,
                                                                       monkeypatch):
    """A Ctrl-C handled by another thread (a progress bar's) is raised in the writer at any
    instruction, also right after the file was created and before its name was returned; the
    writer must still know the name and remove the file."""
    real_open = os.open

    def open_then_interrupted(path, flags, mode=0o777, **kwargs):
        fd = real_open(path, flags, mode, **kwargs)
        os.close(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt), atomic_writer(tmp_path / "out.txt") as handle:
        handle.write("never")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_jsonl_writer_keeps_old_file_until_complete(tmp_path: Path):
    target = tmp_path / "out.jsonl.gz"
    write_records(target, [{"id": "old"}])
    with pytest.raises(KeyboardInterrupt), JsonlWriter(target) as writer:
        writer.write({"id": "new"})
        raise KeyboardInterrupt
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        assert json.loads(handle.read()) == {"id": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl.gz"]


def test_directory_is_walked_in_order_and_hidden_files_skipped(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("二", encoding="utf-8")
    (tmp_path / "1.txt").write_text("一", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    records = list(read_records([tmp_path]))
    assert [r.rel_path for r in records] == ["1.txt", "b/2.txt"]
    assert [r.id for r in records] == ["1", "b/2"]


def test_missing_input_is_a_problem_not_a_crash(tmp_path: Path):
    [problem] = list(read_records([tmp_path / "nope.txt"]))
    assert isinstance(problem, InputProblem) and "no such file" in problem.message


def test_a_ctrl_c_while_the_file_object_is_made_stays_a_ctrl_c(tmp_path: Path, monkeypatch):
    """The file exists and its object was made (and closed by the interrupted code) when the
    Ctrl-C arrives: the writer removes the file and re-raises the Ctrl-C, never an error of
    its own about a descriptor it no longer has."""
    from cleaner.io import atomic

    def made_then_interrupted(*args, **kwargs):
        open(*args, **kwargs).close()
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "open", made_then_interrupted, raising=False)
    with pytest.raises(KeyboardInterrupt), atomic_writer(tmp_path / "out.txt") as handle:
        handle.write("never")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
