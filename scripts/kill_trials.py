"""kill -9 at random moments during ``clean``, ``dedup --index`` and ``run --index``; check that
every interruption leaves the old state or one that ``--resume`` completes to exactly the
output of an uninterrupted run.

    python scripts/kill_trials.py --trials 20 [--docs 40] [--commands clean,dedup,run] [--seed 1]

Per command: an uninterrupted reference run gives the expected output (and, for the index
commands, the expected index: its documents and clusters). The index starts every trial with
an earlier batch in it (the "old state"). Each trial starts the command on a fresh copy, sends
SIGKILL after a random delay between 5 % and 95 % of the expected run time, and looks at
what is left: the output must be absent or identical to the reference, and the index equal to
the old one or to the reference one. Then the same command with ``--resume`` must exit 0 and
leave exactly the reference output and index, and no temporary or journal file behind.
Prints one line per trial and a summary table; exits 1 on any failure.

``--trials N`` is the number of trials whose kill lands while the command runs: the machine
is shared, so a run can end before its kill; such a trial is still checked and counted, the
expected run time becomes that run's, and another trial is made (at most 3 N in all). The
expected time starts as the reference run's wall time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(path: Path, n: int, offset: int = 0) -> None:
    """Seed stories with numbered first lines; every fourth record copies an earlier one."""
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds" / "input").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            story = i - 2 if i % 4 == 3 else i
            body = seeds[story % len(seeds)].split("\n")
            cut = 3 + story % 7
            lines = body[:cut] + [f"（第{story}期）本期共{story * 3 + 1}条。"] + body[cut:]
            fh.write(json.dumps({"id": f"doc{i}", "text": "\n".join(lines)},
                                ensure_ascii=False) + "\n")


def content(path: Path) -> bytes:
    """An output's records (a gzip file's header holds a time stamp, so it is decompressed)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def index_state(path: Path) -> list[tuple] | None:
    """The index's documents and clusters (None when there is no index file)."""
    if not path.exists():
        return None
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT n, id, cluster, kept FROM docs ORDER BY n").fetchall()


def command_line(command: str, work: Path) -> list[str]:
    out = work / ("out.jsonl.gz" if command == "clean" else "out.jsonl")
    args = [sys.executable, "-m", "cleaner", command, str(work / "in.jsonl"), "-o", str(out),
            "--workers", "2"]
    if command != "clean":
        args += ["--index", str(work / "index.sqlite")]
    return args


def run(args: list[str], timeout: float = 900) -> tuple[int, str, float]:
    start = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    return proc.returncode, proc.stderr, time.monotonic() - start


def fresh(work: Path, base: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base, work)


def leftovers(work: Path) -> list[str]:
    return sorted(p.name for p in work.iterdir() if p.name.startswith("."))


def trials_for(command: str, n_trials: int, docs: int, rng: random.Random, tmp: Path
               ) -> dict[str, int]:
    base = tmp / f"{command}-base"
    base.mkdir()
    make_corpus(base / "in.jsonl", docs)
    if command != "clean":  # the old state: an index holding an earlier batch
        make_corpus(base / "earlier.jsonl", docs // 2, offset=docs)
        code, err, _ = run([sys.executable, "-m", "cleaner", "dedup", str(base / "earlier.jsonl"),
                            "-o", str(base / "earlier-out.jsonl"), "--index",
                            str(base / "index.sqlite"), "--workers", "2"])
        assert code == 0, err
        (base / "earlier-out.jsonl").unlink()
    old_index = index_state(base / "index.sqlite")
    ref = tmp / f"{command}-ref"
    fresh(ref, base)
    code, err, wall = run(command_line(command, ref))
    assert code == 0, err
    out_name = "out.jsonl.gz" if command == "clean" else "out.jsonl"
    expected = content(ref / out_name)
    expected_index = index_state(ref / "index.sqlite")
    tally = {"trials": 0, "killed_mid_run": 0, "journal_at_kill": 0, "left_old_state": 0,
             "left_complete": 0,
             "resumed_exactly": 0, "failures": 0}
    trial = 0
    while tally["killed_mid_run"] < n_trials and trial < 3 * n_trials:
        trial += 1
        work = tmp / f"{command}-{trial}"
        fresh(work, base)
        delay = rng.uniform(0.05, 0.95) * wall
        started = time.monotonic()
        proc = subprocess.Popen(command_line(command, work), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            proc.wait(timeout=delay)
            finished = True
            wall = time.monotonic() - started  # the machine got faster: aim earlier
        except subprocess.TimeoutExpired:
            finished = False
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(0.3)  # workers die with their parent (parent-death signal)
        tally["trials"] += 1
        tally["killed_mid_run"] += not finished
        journal = any(name.endswith("cleaner-journal") for name in leftovers(work))
        tally["journal_at_kill"] += journal  # the kill came after the run had written items
        out = work / out_name
        problems = []
        state_index = index_state(work / "index.sqlite")
        if out.exists():
            if content(out) != expected:
                problems.append("output after the kill differs from the reference")
            tally["left_complete"] += 1
        else:
            tally["left_old_state"] += 1
        if command != "clean" and state_index not in (old_index, expected_index):
            problems.append("index after the kill is neither the old one nor the complete one")
        if out.exists() and command != "clean" and state_index != expected_index:
            note = "output complete, index old (resume commits it)"
        else:
            note = ""
        code, err, _ = run(command_line(command, work) + ["--resume"])
        if code != 0:
            problems.append(f"--resume exited {code}: {err.strip().splitlines()[-1:]}")
        elif content(out) != expected:
            problems.append("--resume output differs from the reference")
        elif command != "clean" and index_state(work / "index.sqlite") != expected_index:
            problems.append("--resume index differs from the reference")
        if leftovers(work):
            problems.append(f"left behind: {leftovers(work)}")
        if problems:
            tally["failures"] += 1
        else:
            tally["resumed_exactly"] += 1
        print(f"{command} trial {trial:2d}: kill at {delay:5.1f} s of {wall:.1f} s "
              f"({'finished first' if finished else 'killed'}"
              f"{', journal left' if journal else ''}); "
              f"{'; '.join(problems) or 'ok'}{' — ' + note if note else ''}", flush=True)
        shutil.rmtree(work)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--commands", default="clean,dedup,run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results = {}
    with tempfile.TemporaryDirectory(prefix="kill-trials-") as tmp:
        for command in args.commands.split(","):
            results[command] = trials_for(command, args.trials, args.docs, rng, Path(tmp))
    keys = list(next(iter(results.values())))
    print("\n" + " " * 8 + "".join(f"{k:>16}" for k in keys))
    for command, tally in results.items():
        print(f"{command:8}" + "".join(f"{tally[k]:>16}" for k in keys))
    return 1 if any(t["failures"] for t in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
