"""Cleaning speed on unique text, each figure next to its reference measured in the same run.

    python scripts/bench_clean.py [--quick] [--only families,workers,dedup_clean,startup,worst]

* ``families``: ``Cleaner().clean`` per corpus family (clean news, pages with chrome, garbled
  reports; see ``scripts/speed_corpus.py``), with ftfy ``fix_text``, OpenCC t2s and the JSONL
  read + parse + write floor on the same documents, as MB/s of CPU time and ratios;
* ``workers``: ``cleaner clean news.jsonl --workers 1`` against ``--workers 2`` on 20 MB of
  unique news (wall time: throughput is what workers buy; CPU time printed beside it);
* ``dedup_clean``: ``cleaner dedup`` (cleaning included, as users run it) of 20,000 news-length
  documents against datasketch ``MinHash`` + ``MinHashLSH`` on the raw text;
* ``startup``: ``cleaner clean`` of one small file, CPU time and peak memory of the process,
  with the modules' bytecode cached (as installed) and without (every module compiled);
* ``worst``: seconds of CPU per MB over pathological inputs, at a quarter and at full size
  (equal figures mean cost grows linearly).

CPU time is ``time.process_time`` (or the child's rusage); the machine is shared, so wall
time is printed only where parallelism is the point.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import speed_corpus as sc  # noqa: E402

CLI = [sys.executable, "-m", "cleaner"]
Rows = list[tuple[str, str]]


def cpu(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def jsonl_floor(docs: list[tuple[str, str]], directory: Path) -> float:
    """CPU seconds to read, parse and write the documents as JSONL (nothing else done)."""
    src, dst = directory / "floor-in.jsonl", directory / "floor-out.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")

    def run() -> None:
        with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
            for line in fin:
                fout.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")
    return cpu(run)


def families(quick: bool) -> Rows:
    import ftfy
    import opencc

    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.clean(sc.news()[-1][1])  # rules compiled, models loaded: steady state
    t2s = opencc.OpenCC("t2s")
    limit = 60 if quick else None
    rows: Rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, docs in (("clean news", sc.news()),
                           ("clean news in Traditional script", sc.news_traditional()),
                           ("pages with chrome", sc.pages()), ("garbled reports", sc.garbled())):
            docs = docs[:limit]
            mb = sc.megabytes(docs)
            ours = cpu(lambda d=docs: [cleaner.clean(t, i) for i, t in d])
            ftfy_s = cpu(lambda d=docs: [ftfy.fix_text(t) for _, t in d])
            opencc_s = cpu(lambda d=docs: [t2s.convert(t) for _, t in d])
            floor_s = jsonl_floor(docs, Path(tmp))
            rows.append((f"{name}: {len(docs)} docs, {mb:.2f} MB",
                         f"cleaner {mb / ours:.2f} MB/s | ftfy {mb / ftfy_s:.2f} | "
                         f"OpenCC t2s {mb / opencc_s:.1f} | JSONL I/O {mb / floor_s:.1f}"))
            rows.append((f"{name}: ratios",
                         f"cleaner = {ftfy_s / ours:.2f}× ftfy, {opencc_s / ours:.3f}× OpenCC, "
                         f"{floor_s / ours:.3f}× the JSONL floor"))
    source = "real pages (/work/shared/realdata)" if sc.realdata_pages() else "generated chrome"
    rows.append(("pages are", source))
    return rows


def _run_child(argv: list[str], **kwargs) -> tuple[float, float]:
    """(wall s, CPU s of the child and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    _pid, status, _usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu_s


def _write_jsonl(docs: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def workers(quick: bool) -> Rows:
    docs = sc.news_mix(2 if quick else 20, seed=1)
    mb = sc.megabytes(docs)
    rows: Rows = [("input", f"{len(docs):,} unique news documents, {mb:.1f} MB JSONL")]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news.jsonl"
        _write_jsonl(docs, src)
        walls = {}
        for n in (1, 2):
            wall, cpu_s = _run_child([*CLI, "clean", str(src), "-o", str(Path(tmp) / f"out{n}.jsonl"),
                                         "--workers", str(n)], cwd=ROOT)
            walls[n] = wall
            rows.append((f"cleaner clean --workers {n}", f"{mb / wall:.2f} MB/s wall, "
                                                          f"{cpu_s:.1f} s CPU in all processes"))
    rows.append(("speed-up, 2 workers", f"{walls[1] / walls[2]:.2f}× (wall; the machine is shared, "
                                        "so this is a lower bound)"))
    return rows


def dedup(quick: bool) -> Rows:
    from datasketch import MinHash, MinHashLSH

    count = 2000 if quick else 20_000
    docs = sc.news_mix(1e9, seed=2, paragraphs=(2, 8), max_docs=count)
    mb = sc.megabytes(docs)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news.jsonl"
        _write_jsonl(docs, src)
        wall, cpu_s = _run_child([*CLI, "dedup", str(src), "-o", str(Path(tmp) / "out.jsonl")],
                                    cwd=ROOT)

    def datasketch_run() -> None:
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        for doc_id, text in docs:
            m = MinHash(num_perm=128)
            m.update_batch([text[i:i + 5].encode("utf-8") for i in range(len(text) - 4)])
            lsh.query(m)
            lsh.insert(doc_id, m)
    start = time.perf_counter()
    ds_cpu = cpu(datasketch_run)
    ds_wall = time.perf_counter() - start
    return [("input", f"{len(docs):,} news-length documents ({mb / len(docs) * 1e6 / 3:,.0f} "
                      f"characters on average), {mb:.1f} MB"),
            ("cleaner dedup (cleaning included, all cores)", f"{wall:.1f} s wall, {cpu_s:.1f} s CPU"),
            ("datasketch MinHash(128) + MinHashLSH(0.5), raw 5-grams, 1 core",
             f"{ds_wall:.1f} s wall, {ds_cpu:.1f} s CPU"),
            ("ratio", f"cleaner dedup {ds_wall / wall:.2f}× faster in wall time, "
                      f"{ds_cpu / cpu_s:.2f}× in CPU time")]


_LAUNCH = r"""
import json, resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024]))
"""


def _measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(0, CPU s, peak RSS MB) of ``argv`` run by a small launcher: a child forked from this
    large process would count the pages it shares with it in its peak RSS."""
    out = subprocess.run([sys.executable, "-c", _LAUNCH, *argv], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env).stdout
    cpu_s, rss = json.loads(out)
    return 0.0, cpu_s, rss


def startup(quick: bool) -> Rows:
    """``cleaner clean`` of one small file, with the bytecode of every module cached (as after
    ``pip install``, which compiles it) and without (``PYTHONDONTWRITEBYTECODE=1``: every
    module compiled from source in every run), the two runs alternating, best of N each."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text(sc.news()[0][1], encoding="utf-8")
        argv = [*CLI, "clean", str(src), "-o", str(Path(tmp) / "out.txt")]
        plain = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        envs = {"bytecode cached": {**plain, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc")},
                "no bytecode cache": {**plain, "PYTHONDONTWRITEBYTECODE": "1"}}
        _measured(argv, envs["bytecode cached"])  # writes the cache
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in envs}
        for _ in range(1 if quick else 5):
            for name, env in envs.items():
                runs[name].append(_measured(argv, env))
        bare = _measured([sys.executable, "-c", "pass"])
    rows: Rows = []
    for name, measured in runs.items():
        best = min(measured, key=lambda r: r[1])
        rows.append((f"cleaner clean one.txt (2 KB), {name}",
                     f"{best[1]:.2f} s CPU, {best[2]} MB peak RSS (best of {len(measured)})"))
    rows.append(("python -c pass, for scale", f"{bare[1]:.2f} s CPU, {bare[2]} MB peak RSS"))
    return rows


_WORST = r"""
import json, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/scripts"]
import speed_corpus as sc
from cleaner import Cleaner
cleaner = Cleaner()
cleaner.clean(sc.news()[-1][1])
out = {}
for doc_id, text in sc.pathological(float(sys.argv[2]), rare_chars=50_000):
    start = time.process_time()
    cleaner.clean(text, doc_id)
    out[doc_id] = [time.process_time() - start, len(text.encode("utf-8")) / 1e6]
print(json.dumps(out))
"""


def worst(quick: bool, timeout: float = 1800) -> Rows:
    rows: Rows = []
    scales = (0.025, 0.1) if quick else (0.25, 1.0)
    results = {}
    for scale in scales:
        try:
            proc = subprocess.run([sys.executable, "-c", _WORST, str(ROOT), str(scale)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            rows.append((f"scale {scale}", f"did not finish within {timeout:.0f} s"))
            continue
        if proc.returncode:
            rows.append((f"scale {scale}", f"failed: {proc.stderr.strip()[-300:]}"))
            continue
        results[scale] = json.loads(proc.stdout)
    if not results:
        return rows
    worst_seen = 0.0
    for doc_id in next(iter(results.values())):
        cells = []
        for data in results.values():
            seconds, mb = data[doc_id]
            worst_seen = max(worst_seen, seconds / mb)
            cells.append(f"{mb:.2f} MB: {seconds / mb:.2f} s/MB")
        rows.append((doc_id, " | ".join(cells)))
    rows.append(("worst seconds per MB", f"{worst_seen:.2f}"))
    return rows


SECTIONS: dict[str, Callable[[bool], Rows]] = {
    "families": families, "workers": workers, "dedup_clean": dedup, "startup": startup, "worst": worst,
}


def bench(quick: bool = False, only: list[str] | None = None) -> list[tuple[str, Rows]]:
    return [(name, SECTIONS[name](quick)) for name in (only or SECTIONS)]


def print_rows(title: str, rows: Rows) -> None:
    print(f"\n## {title}")
    width = max((len(label) for label, _ in rows), default=0)
    for label, figure in rows:
        print(f"  {label:<{width}}  {figure}")
    sys.stdout.flush()


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--only", default="", help=f"comma-separated: {','.join(SECTIONS)}")
    args = parser.parse_args()
    for name in [s for s in args.only.split(",") if s] or list(SECTIONS):
        print_rows(name, SECTIONS[name](args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
