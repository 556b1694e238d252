"""Where cleaning spends its CPU time, per corpus family (cProfile, unique documents).

    python scripts/profile_clean.py news             # clean People's Daily articles
    python scripts/profile_clean.py pages --top 40   # pages with chrome (real ones when present)
    python scripts/profile_clean.py garbled --sort cumulative
    python scripts/profile_clean.py trad --stages     # the news in Traditional script
    python scripts/profile_clean.py scale --stages    # bench_scale.py's documents
    python scripts/profile_clean.py startup          # `cleaner clean` of one small file, in-process
    python scripts/profile_clean.py short_lines      # one document of 25,000 short lines
    python scripts/profile_clean.py news --docs 1000 --stages  # CPU per pass and stage, no profiler
    python -X importtime -m cleaner clean one.txt -o out.txt   # start-up: what each import costs

The Cleaner is built and warmed on one document before profiling starts, so the figures are
the steady state; ``startup`` profiles the cold start instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import speed_corpus as sc  # noqa: E402

FAMILIES = {"news": sc.news, "pages": sc.pages, "garbled": sc.garbled, "trad": sc.news_traditional,
            "scale": sc.scale_docs,
            "short_lines": lambda: [d for d in sc.pathological(0.25) if d[0] == "path-100k-short-lines"]}


def profile_family(name: str, limit: int) -> cProfile.Profile:
    from cleaner import Cleaner

    docs = FAMILIES[name]()[:limit]
    cleaner = Cleaner()
    cleaner.clean(sc.news()[-1][1])
    profiler = cProfile.Profile(time.process_time)
    start = time.process_time()
    profiler.enable()
    for doc_id, text in docs:
        cleaner.clean(text, doc_id)
    profiler.disable()
    seconds = time.process_time() - start
    print(f"{name}: {len(docs)} documents, {sc.megabytes(docs):.2f} MB, {seconds:.2f} s CPU "
          f"under the profiler ({sc.megabytes(docs) / seconds:.2f} MB/s)")
    return profiler


def stage_times(name: str, limit: int) -> None:
    """CPU seconds per (pass, stage) without the profiler, whose per-call cost inflates the
    stages made of many small Python calls: the share a second pass costs shows here."""
    from cleaner import Cleaner

    docs = FAMILIES[name]()[:limit]
    cleaner = Cleaner()
    cleaner.clean(sc.news()[-1][1])
    first = cleaner._stages[0][0]
    seconds: dict[tuple[int, str], float] = {}
    state: dict[str, Any] = {"result": None, "pass": 0}
    run_stage = cleaner._run_stage

    def timed(stage: str, rules: Any, current: str, result: Any, *rest: Any) -> Any:
        if stage == first:  # a stage's first call on a result starts a pass
            state["pass"] = state["pass"] + 1 if state["result"] is result else 0
            state["result"] = result
        start = time.process_time()
        out = run_stage(stage, rules, current, result, *rest)
        key = (state["pass"], stage)
        seconds[key] = seconds.get(key, 0.0) + time.process_time() - start
        return out

    cleaner._run_stage = timed  # type: ignore[method-assign]
    start = time.process_time()
    for doc_id, text in docs:
        cleaner.clean(text, doc_id)
    total = time.process_time() - start
    print(f"{name}: {len(docs)} documents, {sc.megabytes(docs):.2f} MB, {total:.2f} s CPU")
    for (number, stage), spent in sorted(seconds.items(), key=lambda kv: kv[0][0]):
        print(f"  pass {number + 1} {stage:12s} {spent:6.3f} s  {100 * spent / total:5.1f}%")


def profile_startup() -> cProfile.Profile:
    from cleaner.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text(sc.news()[0][1], encoding="utf-8")
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        main(["clean", str(src), "-o", str(Path(tmp) / "out.txt")])
        profiler.disable()
    return profiler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family", choices=[*FAMILIES, "startup"])
    parser.add_argument("--docs", type=int, default=300, help="documents to clean")
    parser.add_argument("--top", type=int, default=30, help="rows to print")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--stages", action="store_true",
                        help="CPU per pass and stage instead of the profile")
    args = parser.parse_args()
    if args.stages and args.family != "startup":
        stage_times(args.family, args.docs)
        return 0
    profiler = profile_startup() if args.family == "startup" else profile_family(args.family, args.docs)
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
