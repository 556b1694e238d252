"""Measure the mojibake repair on generated corruptions of held-out text, per kind.

For every kind: documents of five held-out sentences are garbled (``scripts/garble.py``) and
repaired with ``cleaner.ops.mojibake.repair``. A garbled line counts as *exact* when the
repaired line equals the clean one (pinyin annotations that sit outside any garbage are left to
the annotations stage and ignored), *partial* when it is right except for characters written
as U+FFFD (a lost byte the model could not guess with confidence), *left* when the repair did
not touch it, *wrong* otherwise.
Clean documents (Simplified and Traditional) measure false repairs: any span at all is one.

Run: ``python scripts/eval_mojibake.py --docs 60 --seed 7``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from garble import (  # noqa: E402
    DOUBLE_KINDS,
    LOSSY_KINDS,
    fold,
    garble_double,
    garble_gbk,
    garble_lossy,
    sentences,
)

from cleaner.document import apply_spans  # noqa: E402
from cleaner.ops import OpContext  # noqa: E402
from cleaner.ops.mojibake import repair  # noqa: E402
from cleaner.ops.mojibake_gbk import ANNOTATION as ANN  # noqa: E402


def _fix(text: str) -> tuple[str, int, float]:
    t = time.perf_counter()
    spans = repair(text, OpContext())
    dt = time.perf_counter() - t
    return apply_spans(text, spans, "mojibake.repair")[0], len(spans), dt


def _norm(line: str) -> str:
    return ANN.sub("", line)


def _partial(fixed: str, expect: str) -> bool:
    """Right except for characters honestly left as U+FFFD (their byte was lost)."""
    return "\ufffd" in fixed and len(fixed) == len(expect) and all(
        a == b or a == "\ufffd" for a, b in zip(fixed, expect, strict=True)
    )


def eval_kind(kind: str, pool: list[str], docs: int, rng: random.Random) -> dict:
    exact = partial = left = wrong = 0
    times = []
    for _ in range(docs):
        lines = rng.sample(pool, 5)
        if kind == "gbk_misaligned":
            inserted = rng.choice([b"", b",", b"\x01"])
            uda = rng.choice(["pua", "drop"])
            garbled = garble_gbk("\n".join(lines), rng, inserted, uda)
            if inserted == b"\x01":
                garbled = garbled.replace("\x01", "")  # invisible bytes that got stripped
            glines = garbled.split("\n")
            expect = [fold(x) for x in lines]
        else:
            make = garble_lossy if kind in LOSSY_KINDS else garble_double
            glines = [make(x, kind) for x in lines]
            keep = [i for i, g in enumerate(glines) if g is not None]
            glines = [glines[i] for i in keep]
            expect = [lines[i] for i in keep]
            if not glines:
                continue
        if len(glines) != len(expect):
            continue  # a newline was swallowed; not counted
        fixed, _n, dt = _fix("\n".join(glines))
        times.append(dt)
        flines = fixed.split("\n")
        if len(flines) != len(expect):
            wrong += len(expect)
            continue
        for g, f, e in zip(glines, flines, expect, strict=True):
            g_n = _norm(g)
            if kind == "gbk_misaligned":
                g_n = re.sub(r",(?=[,。、;!?])", "", g_n)
            if g_n == _norm(e):
                continue  # this line was not garbled by the converter
            if kind == "gbk_misaligned":
                # visible inserted commas are the punctuation stage's (double_comma, stray_comma)
                f = re.sub(r",(?=[,。、;!?])", "", f)
            if _norm(f) == _norm(e):
                exact += 1
            elif _partial(f, e):
                partial += 1
            elif f == g:
                left += 1
            else:
                wrong += 1
    total = exact + partial + left + wrong
    return {
        "kind": kind,
        "spans": total,
        "exact": exact,
        "exact_pct": round(100.0 * exact / total, 1) if total else 0.0,
        "partial": partial,
        "left": left,
        "wrong": wrong,
        "ms_per_doc": round(1000 * sum(times) / max(1, len(times)), 2),
    }


def eval_clean(pool: list[str], docs: int, rng: random.Random) -> dict:
    changed = 0
    chars = 0
    t = time.perf_counter()
    for _ in range(docs):
        text = "\n".join(rng.sample(pool, 5))
        if rng.random() < 0.5:
            text = fold(text)
        chars += len(text)
        if repair(text, OpContext()):
            changed += 1
    dt = time.perf_counter() - t
    return {"kind": "clean", "docs": docs, "false_repairs": changed,
            "mb_per_s": round(chars * 3 / 1e6 / dt, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    simp = sentences(traditional=False, limit=1500)
    trad = sentences(traditional=True, limit=1500)
    repair("預熱?", OpContext())  # load the model outside the timings
    rows = [eval_kind("gbk_misaligned", trad, args.docs, rng)]
    for kind in [*DOUBLE_KINDS, *LOSSY_KINDS]:
        pool = trad if kind.startswith("big5") else simp
        rows.append(eval_kind(kind, pool, args.docs, rng))
    rows.append(eval_clean(simp, args.docs, rng))
    rows.append(eval_clean(trad, args.docs, rng))
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
