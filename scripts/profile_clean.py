"""Where cleaning spends its CPU time, per corpus family (cProfile, unique documents).

    python scripts/profile_clean.py news             # clean People's Daily articles
    python scripts/profile_clean.py pages --top 40   # pages with chrome (real ones when present)
    python scripts/profile_clean.py garbled --sort cumulative
    python scripts/profile_clean.py startup          # `cleaner clean` of one small file, in-process
    python scripts/profile_clean.py short_lines      # one document of 25,000 short lines
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import speed_corpus as sc  # noqa: E402

FAMILIES = {"news": sc.news, "pages": sc.pages, "garbled": sc.garbled,
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
    args = parser.parse_args()
    profiler = profile_startup() if args.family == "startup" else profile_family(args.family, args.docs)
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
