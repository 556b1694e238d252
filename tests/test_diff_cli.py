"""``cleaner diff`` end to end: arguments, selection, outputs, and the screen in a real terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds" / "input").glob("*.txt"))
EXPECTED = sorted((ROOT / "seeds" / "expected").glob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("diff") / "seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for p in SEEDS:
            out.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")},
                                 ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def dedup_output(tmp_path_factory) -> Path:
    """Dedup output shape: every record, with cluster, duplicate_of and similarity."""
    path = tmp_path_factory.mktemp("dups") / "dedup.jsonl"
    rows = []
    for p in EXPECTED[:2]:
        text = p.read_text(encoding="utf-8")
        rows.append({"id": p.stem, "text": text, "cluster": p.stem, "duplicate_of": None,
                     "similarity": 1.0})
        rows.append({"id": p.stem + "-copy", "text": text + "\n（来源：转载网站）",
                     "cluster": p.stem, "duplicate_of": p.stem, "similarity": 0.93})
    rows.append({"id": "alone", "text": "单独的一篇。", "cluster": None, "duplicate_of": None,
                 "similarity": None})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_one_seed_inline(capsys) -> None:
    assert main(["diff", str(SEEDS[1]), "--width", "100", "--context", "1"]) == 0
    out = capsys.readouterr().out
    assert "[-人民網(wǎng)>>四川頻道>>綜合欄目>>政商動態(tài)-]" in out  # no colour: markers
    assert "removed block, lines 1–" in out and "chrome." in out
    assert "@@ lines" in out and "legend:" in out


def test_json_hunks(capsys, corpus: Path) -> None:
    assert main(["diff", str(corpus), "--json", "--workers", "1"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in docs] == [p.stem for p in SEEDS]
    first = docs[0]
    change = first["hunks"][0]["changes"][0]
    original = SEEDS[0].read_text(encoding="utf-8")
    assert original[change["start"]:change["end"]] == change["old"]
    assert "chrome.byline" in first["rules"] and first["meta"]["author"] == "樊邦平"


def test_sample_is_seeded_and_rule_filters(capsys, corpus: Path) -> None:
    args = ["diff", str(corpus), "--sample", "2", "--seed", "3", "--width", "100"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    assert "2 document(s) cleaned (the sample)" in first
    assert main(["diff", str(corpus), "--rule", "chrome.byline", "--width", "100",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out
    shown = [p.stem for p in SEEDS if f"{p.stem}  " in out]
    assert shown == [SEEDS[0].stem, SEEDS[2].stem, SEEDS[4].stem]
    assert "5 document(s) cleaned" in out and "3 shown" in out


def test_unknown_rule_is_an_error(capsys) -> None:
    assert main(["diff", str(SEEDS[0]), "--rule", "no.such"]) == 2
    assert "no rule 'no.such'" in capsys.readouterr().err


def test_cleaned_output_with_edits_is_reviewed_without_cleaning(tmp_path, capsys,
                                                                corpus: Path) -> None:
    cleaned = tmp_path / "clean.jsonl"
    assert main(["clean", str(corpus), "-o", str(cleaned), "--edits", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["diff", str(cleaned), "--json", "--disable", "chrome.byline"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # the recorded edits are used (byline shows although the option would disable it)
    assert "chrome.byline" in docs[0]["rules"]


def test_html_export(tmp_path) -> None:
    page = tmp_path / "review.html"
    assert main(["diff", str(SEEDS[2]), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "removed block" in html
    assert "<script" not in html


def test_dups_view(capsys, dedup_output: Path) -> None:
    assert main(["diff", "--dups", str(dedup_output), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "2 cluster(s) with duplicates" in out
    assert f"kept: {EXPECTED[0].stem}" in out and f"{EXPECTED[0].stem}-copy" in out
    assert "{+（来源：转载网站）+}" in out and "similarity 0.93" in out
    assert main(["diff", "--dups", str(dedup_output), "--json"]) == 0
    clusters = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert clusters[0]["duplicates"][0]["differences"][0]["duplicate"].endswith("转载网站）")


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SCREEN_DEADLINE = 600  # seconds: a hang fails the test, a slow machine does not


def test_real_terminal_screen() -> None:
    """Run the installed CLI in a pseudo-terminal, as a person would, and read the screen."""
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "diff", str(SEEDS[1]),
                             "--context", "1", "--side-by-side"],
                            stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env,
                            cwd=ROOT, close_fds=True)
    os.close(child_fd)
    chunks: list[bytes] = []
    # A loaded machine can keep the command silent for a long while (start-up, cleaning):
    # read until the screen closes, however long that takes, within a generous deadline.
    deadline = time.monotonic() + SCREEN_DEADLINE
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 1.0)
        if not ready:
            continue
        try:
            data = os.read(main_fd, 65536)
        except OSError:  # EIO: the command exited and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    else:
        proc.kill()
    proc.wait(timeout=60)
    os.close(main_fd)
    raw = b"".join(chunks).decode("utf-8", errors="replace")
    screen = ANSI.sub("", raw)
    assert proc.returncode == 0
    assert "\x1b[9" in raw or ";9m" in raw or ";9;" in raw  # strike-through is on
    assert "original" in screen and "cleaned" in screen
    assert "removed block" in screen and "人民网-四川频道" in screen
    assert "[-" not in screen  # a colour terminal gets colours, not markers
