"""Dedup throughput and memory: our signatures next to datasketch on the same documents.

    python scripts/bench_dedup.py [--quick]

Rows: docs/s per core for signatures of ~2,000-character keys (ours and datasketch
``update_batch`` over the same character 5-grams) and their ratio; end to end (key, signature,
LSH, verification, clusters) for 20k and 200k documents, each run in a fresh process so its
peak RSS is its own, reported per document above the baseline after import.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)


def _docs(count: int, chars: int, seed: int) -> list[str]:
    """Documents assembled from a pool of generated sentences: realistic characters, and
    unrelated documents share almost no 5-grams (as unrelated news does)."""
    import numpy as np
    from eval_dedup import TextGen

    gen = TextGen(seed)
    pool = [gen.sentence() for _ in range(max(2000, count // 2))]
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        parts, size = [], 0
        for i in rng.integers(0, len(pool), 200):
            parts.append(pool[i])
            size += len(pool[i])
            if size >= chars:
                break
        out.append("".join(parts)[:chars])
    return out


def signature_rate(quick: bool) -> tuple[float, float]:
    from datasketch import MinHash

    from cleaner.dedup.key import dedup_key
    from cleaner.dedup.minhash import signatures

    docs = [dedup_key(d) for d in _docs(3000 if quick else 20000, 2000, 1)]
    signatures(docs[:10])  # compile / load the kernel
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        signatures(docs)
        best = max(best, len(docs) / (time.perf_counter() - t))
    sample = docs[:200 if quick else 1000]
    t = time.perf_counter()
    for d in sample:
        m = MinHash(num_perm=128)
        m.update_batch([d[i : i + 5].encode("utf-8") for i in range(len(d) - 4)])
    ds = len(sample) / (time.perf_counter() - t)
    return best, ds


def _end_to_end(count: int) -> dict[str, float]:
    """Runs in a child process: build, then time and measure dedup of ``count`` documents."""
    import numpy as np

    from cleaner.dedup import Deduper

    docs = _docs(count, 1000, 2)
    rng = np.random.default_rng(3)
    for i in rng.integers(0, count, count // 10):  # 10% copies with a few edits
        j = int(rng.integers(0, count))
        d = list(docs[int(i)])
        for k in rng.integers(0, len(d), 10):
            d[int(k)] = "改"
        docs[j] = "".join(d)
    d = Deduper()
    d.add(docs[:100])
    d = Deduper()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    step = 5000
    for s in range(0, count, step):  # streamed: texts are dropped after signing
        d.add(docs[s : s + step], [str(s + i) for i in range(len(docs[s : s + step]))])
    signed = time.perf_counter() - t
    del docs
    result = d.result()
    total = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    return {"docs": count, "seconds": total, "sign_seconds": signed,
            "peak_kib": peak, "dups": result.stats["duplicates"]}


def end_to_end(count: int) -> dict[str, float]:
    code = f"import sys; sys.path.insert(0, {HERE!r}); import bench_dedup, json; " \
           f"print(json.dumps(bench_dedup._end_to_end({count})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(quick: bool = False) -> list[tuple[str, str]]:
    ours, ds = signature_rate(quick)
    rows = [
        ("dedup signatures, 2,000-char docs (docs/s/core)", f"{ours:,.0f}"),
        ("datasketch update_batch, same docs (docs/s/core)", f"{ds:,.0f}"),
        ("dedup signatures / datasketch", f"{ours / ds:,.0f}x"),
    ]
    for count in (20_000,) if quick else (20_000, 200_000):
        r = end_to_end(count)
        rows.append((f"dedup end to end, {count:,} 1,000-char docs (docs/s/core)",
                     f"{r['docs'] / r['seconds']:,.0f} ({r['seconds']:.1f} s)"))
        rows.append((f"dedup peak memory above baseline, {count:,} docs",
                     f"{r['peak_kib'] / 1024:,.0f} MiB, {r['peak_kib'] * 1024 / count:,.0f} B/doc"))
    return rows


if __name__ == "__main__":
    for label, figure in bench("--quick" in sys.argv):
        print(f"{label:<60} {figure}")
