"""What a killed run leaves (its dedup scratch folder, the journal of ``-o -``) is removed by
the next run, and what a live run holds is not: real processes, one of them killed with
SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.dedup import Deduper
from cleaner.stale import LOCK
from tests.realdups import real_corpus


def _dedup_stdin(work: Path, tmp: Path, stdout) -> subprocess.Popen:
    """``cleaner dedup - -o - --no-clean`` in ``work`` with ``tmp`` as its temporary folder: it
    stays alive, holding its scratch and journal, until its stdin is closed."""
    return subprocess.Popen([sys.executable, "-m", "cleaner", "dedup", "-", "-o", "-",
                             "--no-clean"], stdin=subprocess.PIPE, stdout=stdout,
                            stderr=subprocess.DEVNULL, cwd=work,
                            env={**os.environ, "TMPDIR": str(tmp)})


def _scratch_of(proc: subprocess.Popen, tmp: Path, work: Path) -> tuple[Path, Path]:
    """The scratch folder (found by the owner written in its lock file) and the journal of a
    running ``proc``, once it has made both."""
    journal = work / f".cleaner-stdout.{proc.pid}.cleaner-journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None
        for lock in tmp.glob(f".cleaner-dedup-*/{LOCK}"):
            text = lock.read_text(encoding="utf-8")
            if text and json.loads(text)["pid"] == proc.pid and journal.exists():
                return lock.parent, journal
        time.sleep(0.05)
    raise AssertionError("the run made no scratch folder")


def test_next_run_removes_a_killed_runs_scratch_and_keeps_a_live_ones(tmp_path: Path):
    ids, texts = real_corpus(10)
    lines = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                    for i, t in zip(ids, texts, strict=True)).encode("utf-8")
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    killed = _dedup_stdin(work, tmp, subprocess.DEVNULL)
    with (tmp_path / "live.jsonl").open("wb") as live_out:
        live = _dedup_stdin(work, tmp, live_out)
        try:
            killed.stdin.write(lines[: len(lines) // 2])
            killed.stdin.flush()
            dead_scratch, dead_journal = _scratch_of(killed, tmp, work)
            live_scratch, live_journal = _scratch_of(live, tmp, work)
            killed.kill()  # SIGKILL: nothing of it runs any more
            assert killed.wait(timeout=60) == -signal.SIGKILL
            killed.stdin.close()
            assert dead_scratch.exists() and dead_journal.exists()  # left behind

            after = subprocess.run([sys.executable, "-m", "cleaner", "dedup", "-", "-o", "-",
                                    "--no-clean"], input=lines, capture_output=True,
                                   cwd=work, env={**os.environ, "TMPDIR": str(tmp)},
                                   timeout=300, check=True)
            assert not dead_scratch.exists() and not dead_journal.exists()
            assert live_scratch.exists() and live_journal.exists()  # its run is alive
            assert sorted(tmp.iterdir()) == [live_scratch]  # and the new run removed its own

            live.stdin.write(lines)
            live.stdin.close()
            assert live.wait(timeout=300) == 0
        finally:
            for proc in (killed, live):
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    assert not list(tmp.iterdir()) and not list(work.iterdir())
    expected = [[a.id, a.cluster, a.duplicate_of, a.similarity]
                for a in Deduper().dedup(texts, ids).assignments]
    for output in (after.stdout.decode("utf-8"),
                   (tmp_path / "live.jsonl").read_text(encoding="utf-8")):
        rows = [json.loads(line) for line in output.splitlines()]
        assert [[r["id"], r["cluster"], r["duplicate_of"], r["similarity"]]
                for r in rows] == expected
