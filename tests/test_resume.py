"""Interrupted runs and the dedup index: killed runs resume to the uninterrupted output, the
index and the output agree after any interruption, and a bad or busy index is one clear line.
"""

from __future__ import annotations

import gzip
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner.commands.clean as clean_command
from cleaner.cli import main
from cleaner.commands import dedup as dedup_command
from cleaner.dedup.index import DedupIndex
from cleaner.io.journal import Journal, journal_path
from tests.conftest import SEEDS


def corpus(path: Path, n: int) -> Path:
    """``n`` news records: seed stories with numbered paragraphs, every fourth one a copy."""
    seeds = [p.read_text("utf-8") for p in sorted((SEEDS / "input").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            story = i - 3 if i % 4 == 3 else i
            text = f"第{story}号通报：本市第{story * 7}批项目开工。\n" + seeds[story % len(seeds)]
            fh.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", *args], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)


def kill_when_journaled(proc: subprocess.Popen[str], journal: Path, size: int) -> None:
    deadline = time.monotonic() + 90
    while proc.poll() is None and time.monotonic() < deadline:
        if journal.exists() and journal.stat().st_size > size:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.communicate(timeout=60)


# -- the index file --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["corrupt", "foreign", "directory"])
def test_unusable_index_is_a_one_line_error(tmp_path: Path, capsys, kind: str):
    src = corpus(tmp_path / "in.jsonl", 4)
    index = tmp_path / "idx.sqlite"
    if kind == "corrupt":
        index.write_bytes(b"SQLite format 3\x00" + b"\x13" * 3000)
    elif kind == "foreign":
        with sqlite3.connect(index) as conn:
            conn.execute("CREATE TABLE people(name TEXT)")
    else:
        index.mkdir()
    before = index.read_bytes() if index.is_file() else None
    code = main(["dedup", str(src), "-o", str(tmp_path / "o.jsonl"), "--index", str(index),
                 "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(index) in err and "Traceback" not in err
    assert len([x for x in err.splitlines() if x.strip()]) == 1
    assert not (tmp_path / "o.jsonl").exists()
    if before is not None:
        assert index.read_bytes() == before


def test_second_run_on_a_busy_index_is_refused_before_any_work(tmp_path: Path, capsys):
    src = corpus(tmp_path / "in.jsonl", 8)
    index = tmp_path / "idx.sqlite"
    holder = DedupIndex(index)
    holder.begin_run()
    try:
        code = main(["dedup", str(src), "-o", str(tmp_path / "o.jsonl"), "--index", str(index),
                     "--workers", "1"])
    finally:
        holder.close()
    assert code == 2
    assert "in use by another run" in capsys.readouterr().err
    assert len(DedupIndex(index)) == 0
    assert not (tmp_path / "o.jsonl").exists()


# -- dedup --index: index and output agree --------------------------------------------------

def test_crash_before_the_output_leaves_the_index_as_it_was(tmp_path: Path, monkeypatch,
                                                               capsys):
    src = corpus(tmp_path / "in.jsonl", 12)
    index = tmp_path / "idx.sqlite"
    out = tmp_path / "o.jsonl"
    args = ["dedup", str(src), "-o", str(out), "--index", str(index), "--workers", "1"]
    real = dedup_command._second_pass

    def crash(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(dedup_command, "_second_pass", crash)
    assert main(args) == 130
    monkeypatch.setattr(dedup_command, "_second_pass", real)
    assert len(DedupIndex(index)) == 0 and not out.exists()
    assert main([*args, "--resume"]) == 0
    assert "resuming: 12" in capsys.readouterr().err
    records = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert all(r["duplicate_of"] != r["id"] for r in records)  # nothing is its own copy
    assert not journal_path(str(out)).exists()
    reference = tmp_path / "ref.jsonl"
    assert main(["dedup", str(src), "-o", str(reference), "--index", str(tmp_path / "r.sqlite"),
                 "--workers", "1"]) == 0
    assert out.read_bytes() == reference.read_bytes()
    assert DedupIndex(index).clusters() == DedupIndex(tmp_path / "r.sqlite").clusters()


def test_kill_9_during_run_with_index_then_resume_gives_the_uninterrupted_output(
        tmp_path: Path):
    src = corpus(tmp_path / "in.jsonl", 48)
    reference = tmp_path / "ref.jsonl"
    assert main(["run", str(src), "-o", str(reference), "--index", str(tmp_path / "r.sqlite"),
                 "--workers", "1"]) == 0
    out = tmp_path / "o.jsonl"
    index = tmp_path / "idx.sqlite"
    args = ["run", str(src), "-o", str(out), "--index", str(index), "--workers", "1"]
    kill_when_journaled(cli(*args), journal_path(str(out)), 12_000)
    assert not out.exists()
    assert not index.exists() or len(DedupIndex(index)) == 0
    resumed = cli(*args, "--resume")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert "resuming" in err
    assert out.read_bytes() == reference.read_bytes()
    assert DedupIndex(index).clusters() == DedupIndex(tmp_path / "r.sqlite").clusters()
    assert not list(tmp_path.glob(".*"))


# -- clean --resume -----------------------------------------------------------------------------

def test_kill_9_during_clean_then_resume_continues_without_duplicates(tmp_path: Path):
    # enough documents that the kill lands well before the end even when two workers return
    # their results in large batches (with 48 the run could finish between two polls)
    docs = 144
    src = corpus(tmp_path / "in.jsonl", docs)
    reference = tmp_path / "ref.jsonl.gz"
    assert main(["clean", str(src), "-o", str(reference), "--workers", "1"]) == 0
    out = tmp_path / "o.jsonl.gz"
    kill_when_journaled(cli("clean", str(src), "-o", str(out), "--workers", "2"),
                        journal_path(str(out)), 12_000)
    assert not out.exists()
    resumed = cli("clean", str(src), "-o", str(out), "--workers", "1", "--resume")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    done = int(err.split("resuming: ")[1].split()[0].replace(",", ""))
    assert 0 < done <= docs  # killed after the last item was journaled, before the output: valid
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(reference.read_bytes())
    assert not list(tmp_path.glob(".*"))


def test_torn_journal_entry_is_cut_and_options_must_match(tmp_path: Path, capsys,
                                                          monkeypatch):
    src = corpus(tmp_path / "in.jsonl", 6)
    out = tmp_path / "o.jsonl"
    reference = tmp_path / "ref.jsonl"
    assert main(["clean", str(src), "-o", str(reference), "--workers", "1"]) == 0
    real = clean_command._write_records

    def crash(*a, **k):
        raise KeyboardInterrupt  # dies once every entry is journaled, before the output

    monkeypatch.setattr(clean_command, "_write_records", crash)
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 130
    monkeypatch.setattr(clean_command, "_write_records", real)
    journal = journal_path(str(out))
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 25])  # the last entry torn, as by kill -9
    assert main(["clean", str(src), "-o", str(out), "--workers", "1", "--script", "t",
                 "--resume"]) == 2
    assert "other inputs or options" in capsys.readouterr().err
    assert main(["clean", str(src), "-o", str(out), "--workers", "1", "--resume"]) == 0
    assert "resuming: 5 input item(s)" in capsys.readouterr().err
    assert out.read_bytes() == reference.read_bytes()
    assert not journal.exists()


def test_without_resume_an_old_journal_is_removed(tmp_path: Path, capsys):
    src = corpus(tmp_path / "in.jsonl", 3)
    out = tmp_path / "o.jsonl"
    Journal.start(str(out), "an older run", False, []).close()
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 0
    assert "removed the journal of an unfinished run" in capsys.readouterr().err
    assert not journal_path(str(out)).exists()
    assert len(out.read_text("utf-8").splitlines()) == 3


def test_resume_after_a_finished_run_does_nothing(tmp_path: Path, capsys):
    src = corpus(tmp_path / "in.jsonl", 8)
    out = tmp_path / "o.jsonl"
    args = ["dedup", str(src), "-o", str(out), "--index", str(tmp_path / "i.sqlite"),
            "--workers", "1"]
    assert main(args) == 0
    before = out.read_bytes(), DedupIndex(tmp_path / "i.sqlite").clusters()
    assert main([*args, "--resume"]) == 0
    assert "is complete" in capsys.readouterr().err
    assert (out.read_bytes(), DedupIndex(tmp_path / "i.sqlite").clusters()) == before
