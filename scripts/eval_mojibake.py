"""Measure the mojibake repair on generated corruptions of held-out text, per kind.

For every kind: documents of five held-out sentences are garbled (``scripts/garble.py``) and
repaired with ``cleaner.ops.mojibake.repair``. A garbled line counts as *exact* when the
repaired line equals the clean one (pinyin annotations that sit outside any garbage are left to
the annotations stage and ignored), *partial* when it is right except for characters written
as U+FFFD (a lost byte the model could not guess with confidence), *left* when the repair did
not touch it, *wrong* otherwise.
Clean documents (Simplified and Traditional) measure false repairs: any span at all is one.

Run: ``python scripts/eval_mojibake.py --docs 60 --seed 7``; the larger check:
``python scripts/eval_mojibake.py --docs 100 --seed 7,8,9``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from functools import lru_cache
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
from cleaner.ops.mojibake.gbk import ANNOTATION as ANN  # noqa: E402


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


@lru_cache(maxsize=1)
def _pools() -> tuple[list[str], list[str]]:
    return sentences(traditional=False, limit=1500), sentences(traditional=True, limit=1500)


def run(docs: int, seed: int, kinds: list[str] | None = None) -> list[dict]:
    """Every row for one seed (``kinds``: only these; later kinds then see other samples)."""
    rng = random.Random(seed)
    simp, trad = _pools()
    rows = []
    for kind in ["gbk_misaligned", *DOUBLE_KINDS, *LOSSY_KINDS]:
        if kinds and kind not in kinds:
            continue
        pool = trad if kind == "gbk_misaligned" or kind.startswith("big5") else simp
        rows.append(eval_kind(kind, pool, docs, rng))
    if not kinds or "clean" in kinds:
        rows.append(eval_clean(simp, docs, rng))
        rows.append(eval_clean(trad, docs, rng))
    return rows


def _summed(rows: list[dict]) -> dict:
    out = {"kind": rows[0]["kind"]}
    for key in ("spans", "exact", "partial", "left", "wrong"):
        out[key] = sum(r[key] for r in rows)
    out["exact_pct"] = round(100.0 * out["exact"] / out["spans"], 1) if out["spans"] else 0.0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", default="7", help="a seed, or several: 7,8,9 (rows are summed)")
    ap.add_argument("--kinds", default="", help="only these kinds, e.g. gbk_misaligned,clean")
    args = ap.parse_args()
    seeds = [int(x) for x in args.seed.split(",")]
    kinds = [k for k in args.kinds.split(",") if k] or None
    repair("預熱?", OpContext())  # load the model outside the timings
    per_seed = [run(args.docs, seed, kinds) for seed in seeds]
    for seed, rows in zip(seeds, per_seed, strict=True):
        for row in rows:
            head = "" if len(seeds) == 1 else f"seed={seed}  "
            print(head + "  ".join(f"{k}={v}" for k, v in row.items()))
    if len(seeds) > 1:
        for i, row in enumerate(per_seed[0]):
            if row["kind"] != "clean":
                total = _summed([rows[i] for rows in per_seed])
                print("total  " + "  ".join(f"{k}={v}" for k, v in total.items()))
        false = sum(r["false_repairs"] for rows in per_seed for r in rows if r["kind"] == "clean")
        print(f"total  kind=clean  false_repairs={false}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
