"""Speed of the mojibake stage: clean-text throughput and garbled documents, against ftfy.

``bench(seconds)`` returns (label, figure) rows for the shared benchmark report; run this file
to print them: ``python scripts/bench_mojibake.py``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from garble import garble_gbk, sentences  # noqa: E402

from cleaner.ops import OpContext  # noqa: E402
from cleaner.ops.mojibake import repair  # noqa: E402


def _rate(func, docs: list[str], seconds: float) -> tuple[float, float]:
    """(MB/s of UTF-8 input, ms per document) running ``func`` over ``docs`` for ``seconds``."""
    done = 0
    size = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for d in docs:
            func(d)
            done += 1
            size += len(d.encode("utf-8"))
    dt = time.perf_counter() - start
    return size / 1e6 / dt, 1000 * dt / done


def bench(seconds: float = 2.0) -> list[tuple[str, str]]:
    import ftfy

    rng = random.Random(5)
    trad = sentences(traditional=True, limit=600)
    clean = ["\n".join(rng.sample(trad, 25)) for _ in range(20)]  # ~2,000 characters each
    garbled = [garble_gbk(d, rng, b",") for d in clean[:8]]
    repair("預熱?", OpContext())  # load the model outside the timings
    ours_clean = _rate(lambda t: repair(t, OpContext()), clean, seconds)
    ftfy_clean = _rate(ftfy.fix_text, clean, seconds)
    ours_bad = _rate(lambda t: repair(t, OpContext()), garbled, seconds)
    ftfy_bad = _rate(ftfy.fix_text, garbled, seconds)
    return [
        ("mojibake clean text MB/s", f"{ours_clean[0]:.1f}"),
        ("ftfy.fix_text clean text MB/s", f"{ftfy_clean[0]:.1f}"),
        ("mojibake/ftfy clean speed ratio", f"{ours_clean[0] / ftfy_clean[0]:.2f}"),
        ("mojibake garbled doc ms/doc", f"{ours_bad[1]:.1f}"),
        ("ftfy.fix_text garbled doc ms/doc", f"{ftfy_bad[1]:.1f}"),
    ]


if __name__ == "__main__":
    for label, figure in bench():
        print(f"{label:40s} {figure}")
