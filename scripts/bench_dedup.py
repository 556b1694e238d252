"""Dedup throughput and memory: our signatures next to datasketch on the same documents.

    python scripts/bench_dedup.py [--quick]

Rows: docs/s per core for signatures of ~2,000-character keys (ours and datasketch
``update_batch`` over the same character 5-grams, in alternating rounds in one process) and
their ratio; end to end (key, signature,
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
from collections.abc import Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)


def _pool(size: int, seed: int) -> list[str]:
    """Generated sentences, in Simplified script as the cleaning pipeline outputs (the word
    list they are drawn from holds some Traditional words)."""
    from eval_dedup import TextGen

    from cleaner.dedup.key import to_simplified

    gen = TextGen(seed)
    return [to_simplified(gen.sentence()) for _ in range(size)]


def iter_docs(count: int, chars: int, seed: int, copies: float = 0.0,
              pool: list[str] | None = None) -> Iterator[str]:
    """Documents made lazily from a pool of sentences, so unrelated documents share almost no
    5-grams (as unrelated news does); a share ``copies`` of them repeats an earlier document
    with ten characters changed. Nothing but the pool and the last 1,000 documents is held."""
    import numpy as np

    if pool is None:
        pool = _pool(max(2000, min(count // 2, 50_000)), seed)
    rng = np.random.default_rng(seed)
    recent: list[str] = []
    for _ in range(count):
        if recent and rng.random() < copies:
            d = list(recent[int(rng.integers(0, len(recent)))])
            for k in rng.integers(0, len(d), 10):
                d[int(k)] = "改"
            doc = "".join(d)
        else:
            parts, size = [], 0
            for i in rng.integers(0, len(pool), 200):
                parts.append(pool[i])
                size += len(pool[i])
                if size >= chars:
                    break
            doc = "".join(parts)[:chars]
        recent.append(doc)
        if len(recent) > 1000:
            recent.pop(0)
        yield doc


def _docs(count: int, chars: int, seed: int) -> list[str]:
    return list(iter_docs(count, chars, seed))


def signature_rate(quick: bool, rounds: int = 7) -> dict[str, float]:
    """Docs/s per core of our signatures and of datasketch ``update_batch`` (character 5-grams,
    ``num_perm=128``), measured on the same documents in one process, in alternating rounds.

    Each round takes the next slice of documents and times both on it, the two in turn (which
    one goes first alternates too), so a busy machine slows both alike; each figure is the
    median over the rounds and the ratio is the ratio of the medians. Ours is fast enough that
    one pass over a slice is too short to time, so it signs the slice ``repeat`` times.
    """
    import statistics

    from datasketch import MinHash

    from cleaner.dedup.key import dedup_key
    from cleaner.dedup.minhash import signatures

    rounds = 5 if quick else rounds
    per, repeat = (100, 20) if quick else (250, 40)
    docs = [dedup_key(d) for d in _docs(per * rounds, 2000, 1)]
    signatures(docs[:10])  # compile / load the kernel

    def ours(sample: list[str]) -> float:
        t = time.perf_counter()
        for _ in range(repeat):
            signatures(sample)
        return repeat * len(sample) / (time.perf_counter() - t)

    def theirs(sample: list[str]) -> float:
        t = time.perf_counter()
        for d in sample:
            m = MinHash(num_perm=128)
            m.update_batch([d[i : i + 5].encode("utf-8") for i in range(len(d) - 4)])
        return len(sample) / (time.perf_counter() - t)

    a, b = [], []
    for r in range(rounds):
        sample = docs[r * per : (r + 1) * per]
        if r % 2:
            b.append(theirs(sample))
            a.append(ours(sample))
        else:
            a.append(ours(sample))
            b.append(theirs(sample))
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return {"ours": statistics.median(a), "datasketch": statistics.median(b),
            "ratio": statistics.median(a) / statistics.median(b),
            "ratio_low": min(ratios), "ratio_high": max(ratios), "rounds": rounds,
            "chars": statistics.mean(map(len, docs))}


def _rss_kib() -> int:
    """Current resident set size (Linux /proc; peak from getrusage where that is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _end_to_end(count: int, step: int = 2000) -> dict[str, float]:
    """Runs in a fresh child process: time and measure dedup of ``count`` streamed documents.

    Generating the documents is not timed (it is slower than dedup). Memory: the peak RSS of
    the whole run (sampled after every batch and at the end, plus the kernel's peak counter)
    above a base taken once everything is imported and compiled and the generator's sentence
    pool is built. The documents are generated batch by batch, so no text outlives its batch;
    the working set of one batch (texts, keys, code points) is in the peak whatever the corpus
    size, and is reported as the growth over the first batch.
    """
    from itertools import islice

    from cleaner.dedup import Deduper

    pool = _pool(max(2000, min(count // 2, 50_000)), 2)
    warm = Deduper()
    warm.add(_docs(200, 1000, 9))
    warm.result()
    del warm
    base = _rss_kib()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs = iter_docs(count, 1000, 2, copies=0.1, pool=pool)
    d = Deduper()
    busy, peak, first = 0.0, base, None
    for s in range(0, count, step):
        batch = list(islice(docs, step))
        t = time.perf_counter()
        d.add(batch, [f"doc{s + i:07d}" for i in range(len(batch))])
        busy += time.perf_counter() - t
        del batch
        peak = max(peak, _rss_kib())
        first = peak if first is None else first
    signed = busy
    t = time.perf_counter()
    result = d.result()
    busy += time.perf_counter() - t
    peak = max(peak, _rss_kib())
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if peak_after > peak_before:  # the process peak was reached during the run
        peak = max(peak, peak_after)
    return {"docs": count, "seconds": busy, "sign_seconds": signed,
            "peak_kib": peak - base, "first_batch_kib": (first or base) - base,
            "dups": result.stats["duplicates"]}


def end_to_end(count: int) -> dict[str, float]:
    code = f"import sys; sys.path.insert(0, {HERE!r}); import bench_dedup, json; " \
           f"print(json.dumps(bench_dedup._end_to_end({count})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(quick: bool = False) -> list[tuple[str, str]]:
    sig = signature_rate(quick)
    rows = [
        ("dedup signatures, 2,000-char docs (docs/s/core)", f"{sig['ours']:,.0f} (median of "
                                                            f"{sig['rounds']} rounds)"),
        ("datasketch update_batch, same docs (docs/s/core)", f"{sig['datasketch']:,.0f}"),
        ("dedup signatures / datasketch", f"{sig['ratio']:,.0f}x (rounds "
                                          f"{sig['ratio_low']:,.0f}x-{sig['ratio_high']:,.0f}x)"),
    ]
    per_doc = {}
    for count in (20_000, 200_000):
        r = end_to_end(count)
        per_doc[count] = r
        rows.append((f"dedup end to end, {count:,} 1,000-char docs (docs/s/core)",
                     f"{r['docs'] / r['seconds']:,.0f} ({r['seconds']:.1f} s, signing "
                     f"{r['docs'] / r['sign_seconds']:,.0f} docs/s)"))
        rows.append((f"dedup peak RSS growth, {count:,} docs",
                     f"{r['peak_kib'] / 1024:,.0f} MiB, {r['peak_kib'] * 1024 / count:,.0f} B/doc "
                     f"(first batch {r['first_batch_kib'] / 1024:,.0f} MiB)"))
    small, large = per_doc[20_000], per_doc[200_000]
    slope = (large["peak_kib"] - small["peak_kib"]) * 1024 / (200_000 - 20_000)
    rows.append(("dedup memory slope 20k -> 200k docs", f"{slope:,.0f} B/doc"))
    return rows


if __name__ == "__main__":
    for label, figure in bench("--quick" in sys.argv):
        print(f"{label:<60} {figure}")
