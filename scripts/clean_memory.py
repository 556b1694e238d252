"""Memory of one cleaning process as it cleans more documents: does it plateau, and where.

    python scripts/clean_memory.py --docs 30000 --at 100 1000 10000 20000 30000
    python scripts/clean_memory.py --docs 3000 --garble 3 --shared-cache 2000000

Cleans the bench_scale corpus (news-length documents from real People's Daily sentences) in
this process, as a ``cleaner run`` worker does, and prints at the given counts the resident
memory, the CPU time so far and the sizes of the caches that outlive a document: the page
model's line caches (``page/kinds.py``, bounded by ``MAX_CACHE``) and the character model's
shared memo (``ops/charlm.py``, bounded by ``SHARED_CACHE``). ``--garble N`` turns one
paragraph of every Nth document into mojibake (its UTF-8 bytes read as GBK), which is what
makes the character model work; ``--shared-cache`` sets its bound for the run.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import psutil

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from bench_scale import write_corpus  # noqa: E402


def cache_sizes() -> dict[str, int]:
    """Entries in the caches that live across documents (every instance in this process)."""
    from cleaner.ops.charlm import CharLM
    from cleaner.page.kinds import Classifier

    sizes = {"page lines": 0, "page memo": 0, "charlm shared": 0}
    for obj in gc.get_objects():
        if isinstance(obj, Classifier):
            sizes["page lines"] += len(obj._cache)
            sizes["page memo"] += len(obj.memo)
        elif isinstance(obj, CharLM) and obj._plain is not None:
            sizes["charlm shared"] += len(obj._plain._cache)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--at", type=int, nargs="+",
                        default=[100, 1_000, 5_000, 10_000, 20_000, 30_000])
    parser.add_argument("--garble", type=int, default=0,
                        help="garble one paragraph of every Nth document (0: none)")
    parser.add_argument("--shared-cache", type=int, default=0,
                        help="the character model's SHARED_CACHE for this run (0: as shipped)")
    args = parser.parse_args()

    import cleaner.ops.charlm as charlm
    from cleaner.pipeline import Cleaner

    if args.shared_cache:
        charlm.SHARED_CACHE = args.shared_cache
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(path, args.docs)
        cleaner = Cleaner()
        proc = psutil.Process()
        start = time.process_time()
        print(f"SHARED_CACHE={charlm.SHARED_CACHE:,}, after start-up: "
              f"{proc.memory_info().rss / 2**20:.1f} MiB")
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                text = json.loads(line)["text"]
                if args.garble and n % args.garble == 0:
                    paras = text.split("\n")
                    i = rng.randrange(len(paras))
                    paras[i] = paras[i].encode("utf-8").decode("gbk", errors="replace")
                    text = "\n".join(paras)
                cleaner.clean(text, str(n))
                if n in args.at:
                    sizes = ", ".join(f"{k} {v:,}" for k, v in cache_sizes().items())
                    print(f"{n:>9,} docs: {proc.memory_info().rss / 2**20:7.1f} MiB, "
                          f"CPU {time.process_time() - start:6.1f} s; {sizes}", flush=True)


if __name__ == "__main__":
    main()
