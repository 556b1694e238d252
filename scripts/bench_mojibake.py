"""Speed of the mojibake stage: clean-text throughput and garbled documents, against ftfy.

``bench(quick)`` returns (label, figure) rows for the shared benchmark report
(``scripts/bench.py`` calls it); run this file to print them:
``python scripts/bench_mojibake.py [--quick]``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from garble import garble_gbk, garble_lossy, sentences  # noqa: E402

from cleaner.ops import OpContext  # noqa: E402
from cleaner.ops.charlm import default_lm  # noqa: E402
from cleaner.ops.mojibake import repair  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "input" / "003_2f811c37439251f9.txt"


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


def bench(quick: bool = False) -> list[tuple[str, str]]:
    """(label, figure) rows: our repair and ftfy.fix_text on the same inputs, and the ratios.

    Inputs: ~2,000-character documents of held-out news, clean (Traditional), garbled by the
    seed converter (misaligned GBK with pinyin and inserted commas), and UTF-8 read as GBK
    with a lost byte per odd-length line tail; the seed 003 document as it came.
    """
    import ftfy

    seconds = 0.5 if quick else 2.0
    start = time.perf_counter()
    default_lm()
    load_s = time.perf_counter() - start
    rng = random.Random(5)
    trad = sentences(traditional=True, limit=600)
    simp = sentences(traditional=False, limit=600)
    clean = ["\n".join(rng.sample(trad, 50)) for _ in range(20)]  # ~2,000 characters each
    # the converter's pinyin roughly doubles the length: garble ~1,000 characters for ~2,000
    garbled = [garble_gbk("\n".join(rng.sample(trad, 25)), rng, b",") for _ in range(8)]
    utf8_gbk = [
        "\n".join(g for g in (garble_lossy(x, "utf8_as_gbk_qmark") for x in rng.sample(simp, 60)) if g)
        for _ in range(4)
    ]
    seed = SEED.read_text(encoding="utf-8")
    repair(garbled[-1], OpContext())  # build the lazy tables outside the timings
    rows: list[tuple[str, str]] = [("mojibake model load s", f"{load_s:.2f}")]
    for label, docs in [
        ("clean text", clean),
        ("misaligned GBK doc", garbled),
        ("UTF-8 read as GBK doc", utf8_gbk),
        ("seed 003", [seed]),
    ]:
        ours = _rate(lambda t: repair(t, OpContext()), docs, seconds)
        ref = _rate(ftfy.fix_text, docs, seconds)
        chars = sum(len(d) for d in docs) // len(docs)
        rows += [
            (f"mojibake {label} ({chars} chars) MB/s | ms/doc", f"{ours[0]:.2f} | {ours[1]:.1f}"),
            (f"ftfy.fix_text {label} MB/s | ms/doc", f"{ref[0]:.2f} | {ref[1]:.1f}"),
            (f"mojibake/ftfy {label} speed ratio", f"{ours[0] / ref[0]:.2f}"),
        ]
    return rows


if __name__ == "__main__":
    for label, figure in bench(quick="--quick" in sys.argv):
        print(f"{label:58s} {figure}")
