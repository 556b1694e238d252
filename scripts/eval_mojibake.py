"""Measure the mojibake repair on generated corruptions of held-out text, per kind.

For every kind: documents of five held-out sentences are garbled (``scripts/garble.py``) and
repaired with ``cleaner.ops.mojibake.repair``. A garbled line counts as *exact* when the
repaired line equals the clean one (pinyin annotations that sit outside any garbage are left to
the annotations stage and ignored), *partial* when it is right except for characters written
as U+FFFD (a lost byte the model could not guess with confidence), *left* when the repair did
not touch it, *wrong* otherwise. A line that is not exact counts as *marked* too when the repair
listed a suspect span on it (a lost byte guessed, a near tie, a window left): the reader is told
where to look; ``exact_or_marked_pct`` is exact plus marked, and ``exact_marked`` counts exact
lines that were listed all the same (the price of the listing).
Clean documents (Simplified and Traditional) measure false repairs: any span at all is one.
The ``mixed`` rows put a double-decoded run between clean text on one line: the repair must
mend the run and leave the clean characters beside it as they are.
Each kind is reported with the rule family that owns its repair (``mojibake.<family>``).

The annotation family is measured on its own (``annotations.pinyin``): the converter's pinyin
in each style it writes (tone marks, neutral tone unmarked, tone numbers, no tones) glued after
the characters it annotates, with the real parentheticals news carries ((WHO), (PM2.5), names,
English words) mixed in; a line is exact when every annotation is gone and every real
parenthetical stays, and clean documents with those parentheticals count false removals.

Splits (``--split``) of the held-out People's Daily sentences (every fifth line, never in the
model): ``dev`` is the first 1,500 sentences, which the repairs were tuned on; ``mid`` is the
next 1,500, which a change is checked on before it is kept (a gain on ``dev`` alone may be
tuning); ``test`` is sentences 3,000 onwards, which no tuning ever looked at. Report them apart.

Run: ``python scripts/eval_mojibake.py --docs 60 --seed 7 --split test``; the larger check:
``python scripts/eval_mojibake.py --docs 100 --seed 7,8,9 --split test``.

``--ftfy-cases DIR`` also scores ftfy's own test suite (its ``tests/test-cases/*.json``, kept
outside the project) through ``Cleaner(script="keep", punctuation="keep")``, curly quotes folded
on both sides, against ``ftfy.fix_text`` on the same cases: negative cases must stay as they
are, in-the-wild and synthetic ones be repaired.
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
    STYLES,
    converter_dictionary,
    fold,
    garble_double,
    garble_gbk,
    garble_lossy,
    sentences,
)

from cleaner.document import apply_spans  # noqa: E402
from cleaner.ops import OpContext  # noqa: E402
from cleaner.ops.annotations import strip_pinyin  # noqa: E402
from cleaner.ops.mojibake import repair  # noqa: E402
from cleaner.ops.mojibake.double import family  # noqa: E402
from cleaner.ops.mojibake.gbk import ANNOTATION as ANN  # noqa: E402


def _fix(text: str) -> tuple[str, int, float]:
    return _fix_listed(text)[:3]


def _fix_listed(text: str) -> tuple[str, int, float, list[int]]:
    """The repaired text, its span count, the time taken and where suspect spans start."""
    ctx = OpContext()
    t = time.perf_counter()
    spans = repair(text, ctx)
    dt = time.perf_counter() - t
    listed = [x["start"] for x in ctx.meta.get("suspect_spans", [])]
    return apply_spans(text, spans, "mojibake.repair")[0], len(spans), dt, listed


def _norm(line: str) -> str:
    return ANN.sub("", line)


def _partial(fixed: str, expect: str) -> bool:
    """Right except for characters honestly left as U+FFFD (their byte was lost)."""
    return "\ufffd" in fixed and len(fixed) == len(expect) and all(
        a == b or a == "\ufffd" for a, b in zip(fixed, expect, strict=True)
    )


def eval_kind(kind: str, pool: list[str], docs: int, rng: random.Random) -> dict:
    exact = partial = left = wrong = marked = exact_marked = 0
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
        fixed, _n, dt, listed = _fix_listed("\n".join(glines))
        times.append(dt)
        flines = fixed.split("\n")
        if len(flines) != len(expect):
            wrong += len(expect)
            continue
        pos = 0
        for g, f, e in zip(glines, flines, expect, strict=True):
            line_start, pos = pos, pos + len(g) + 1
            on_line = any(line_start <= x < pos for x in listed)
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
                exact_marked += on_line
                continue
            marked += on_line
            if _partial(_norm(f), _norm(e)):
                partial += 1
            elif f == g:
                left += 1
            else:
                wrong += 1
    total = exact + partial + left + wrong
    return {
        "kind": kind,
        "family": _family(kind),
        "spans": total,
        "exact": exact,
        "exact_pct": round(100.0 * exact / total, 1) if total else 0.0,
        "partial": partial,
        "left": left,
        "wrong": wrong,
        "marked": marked,
        "exact_or_marked_pct": round(100.0 * (exact + marked) / total, 1) if total else 0.0,
        "exact_marked": exact_marked,
        "ms_per_doc": round(1000 * sum(times) / max(1, len(times)), 2),
    }


def _family(kind: str) -> str:
    if kind == "gbk_misaligned":
        return "misaligned_gbk"
    if kind in LOSSY_KINDS:
        return "lost_bytes"
    return family(kind.replace("double_utf8", "utf8_as_latin1"))


REAL = ["(WHO)", "(PM2.5)", "(COVID-19)", "(GDP)", "(iPhone)", "(Li Wei)", "(Smith)", "(2019)",
        "(图)", "(ok)", "(a)", "(see)", "(mRNA)", "(5G)", "(km)", "(me too)", "(NASA)"]


def _annotator(style: str) -> dict[str, str]:
    """Character → the annotation the converter of ``style`` glues after it."""
    out = {}
    for key, value in converter_dictionary(style):
        out[key.decode("gbk")] = value[len(key):].decode("gbk")
    return out


def eval_annotations(pool: list[str], docs: int, rng: random.Random) -> list[dict]:
    """Annotations of every style removed, real parentheticals kept (see the module doc)."""
    rows = []
    for style in STYLES:
        table = _annotator(style)
        lines = exact = wrong = annotated = 0
        for _ in range(docs):
            clean = []
            for sent in rng.sample(pool, 5):
                cut = rng.randrange(1, len(sent))
                if rng.random() < 0.5:
                    sent = sent[:cut] + rng.choice(REAL) + sent[cut:]
                clean.append(sent)
            text = "\n".join("".join(c + table.get(c, "") for c in line) for line in clean)
            annotated += sum(1 for c in "".join(clean) if c in table)
            fixed = apply_spans(text, strip_pinyin(text, OpContext()), "annotations.pinyin")[0]
            for f, e in zip(fixed.split("\n"), clean, strict=True):
                lines += 1
                exact += f == e
                wrong += f != e
        rows.append({"kind": f"annotations_{style}", "family": "annotations", "lines": lines,
                     "annotations": annotated, "exact": exact,
                     "exact_pct": round(100.0 * exact / max(1, lines), 1), "wrong": wrong})
    false = 0
    for _ in range(docs):
        clean = [s[:1] + rng.choice(REAL) + s[1:] for s in rng.sample(pool, 5)]
        false += bool(strip_pinyin("\n".join(clean), OpContext()))
    rows.append({"kind": "annotations_clean", "family": "annotations", "docs": docs,
                 "false_removals": false})
    return rows


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


SPLITS = {"dev": (0, 1500), "mid": (1500, 3000), "test": (3000, None)}


@lru_cache(maxsize=2)
def _pools(split: str = "dev") -> tuple[list[str], list[str]]:
    a, b = SPLITS[split]
    limit = b or 100_000
    return sentences(traditional=False, limit=limit)[a:b], sentences(traditional=True, limit=limit)[a:b]


def run(docs: int, seed: int, kinds: list[str] | None = None, split: str = "dev") -> list[dict]:
    """Every row for one seed (``kinds``: only these; later kinds then see other samples)."""
    rng = random.Random(seed)
    simp, trad = _pools(split)
    rows = []
    for kind in ["gbk_misaligned", *DOUBLE_KINDS, *LOSSY_KINDS]:
        if kinds and kind not in kinds:
            continue
        pool = trad if kind == "gbk_misaligned" or kind.startswith("big5") else simp
        rows.append(eval_kind(kind, pool, docs, rng))
    if not kinds or "clean" in kinds:
        rows.append(eval_clean(simp, docs, rng))
        rows.append(eval_clean(trad, docs, rng))
    if not kinds or "annotations" in kinds:
        rows.extend(eval_annotations(trad, docs, rng))
    if not kinds or "mixed" in kinds:
        for kind in MIXED_KINDS:
            rows.append(eval_mixed(kind, trad if kind.startswith("big5") else simp, docs, rng))
    return rows


MIXED_KINDS = ["utf8_as_gbk", "big5_as_gbk", "gbk_as_big5"]


def eval_mixed(kind: str, pool: list[str], docs: int, rng: random.Random) -> dict:
    """A run of 4-12 characters read with the wrong codec between clean text on the same
    line (1-10 characters each side), a clean line after it: *exact* when the line comes
    back whole, *left* when it is untouched, *wrong* otherwise (a character outside the run
    changed, or the run read wrongly)."""
    exact = left = wrong = 0
    for _ in range(docs):
        a, b, c = rng.sample(pool, 3)
        run = b[: rng.randint(4, 12)]
        garbled = garble_double(run, kind)
        if garbled is None or garbled == run:
            continue
        before, after = a[: rng.randint(1, 10)], c[: rng.randint(1, 10)]
        line = before + garbled + after
        text = f"{line}\n{c}"
        fixed = apply_spans(text, repair(text, OpContext()), "mojibake.repair")[0]
        first = fixed.split("\n")[0]
        exact += first == before + run + after
        left += first == line
        wrong += first not in (line, before + run + after)
    lines = exact + left + wrong
    return {"kind": f"mixed_{kind}", "family": _family(kind), "lines": lines, "exact": exact,
            "exact_pct": round(100.0 * exact / max(1, lines), 1), "left": left, "wrong": wrong}


def _summed(rows: list[dict]) -> dict:
    out = {"kind": rows[0]["kind"]}
    for key in ("spans", "exact", "partial", "left", "wrong", "marked", "exact_marked"):
        out[key] = sum(r[key] for r in rows)
    out["exact_pct"] = round(100.0 * out["exact"] / out["spans"], 1) if out["spans"] else 0.0
    out["exact_or_marked_pct"] = (
        round(100.0 * (out["exact"] + out["marked"]) / out["spans"], 1) if out["spans"] else 0.0
    )
    return out


QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "‚": "'"})


def eval_ftfy_suite(folder: Path) -> list[dict]:
    """Cases of ftfy's suite the cleaner gets right, and ftfy's own count, per file."""
    import json

    import ftfy

    from cleaner.pipeline import Cleaner

    cleaner = Cleaner(script="keep", punctuation="keep")
    rows = []
    for name in ("negative", "in-the-wild", "synthetic"):
        cases = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        ours = theirs = 0
        for case in cases:
            want = {case["fixed"].translate(QUOTES),
                    case.get("fixed-encoding", case["fixed"]).translate(QUOTES)}
            ours += cleaner.clean(case["original"]).text.translate(QUOTES) in want
            theirs += ftfy.fix_text(case["original"]) == case["fixed"]
        rows.append({"kind": f"ftfy_{name}", "cases": len(cases), "cleaner": ours, "ftfy": theirs})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", default="7", help="a seed, or several: 7,8,9 (rows are summed)")
    ap.add_argument("--kinds", default="",
                    help="only these kinds, e.g. gbk_misaligned,clean,annotations,mixed")
    ap.add_argument("--split", default="test", choices=sorted(SPLITS), help="held-out sentences")
    ap.add_argument("--ftfy-cases", type=Path, help="folder with ftfy's tests/test-cases/*.json")
    args = ap.parse_args()
    if args.ftfy_cases:
        for row in eval_ftfy_suite(args.ftfy_cases):
            print("  ".join(f"{k}={v}" for k, v in row.items()))
    seeds = [int(x) for x in args.seed.split(",")]
    kinds = [k for k in args.kinds.split(",") if k] or None
    repair("預熱?", OpContext())  # load the model outside the timings
    print(f"split={args.split} (held-out People's Daily sentences {SPLITS[args.split]})")
    per_seed = [run(args.docs, seed, kinds, args.split) for seed in seeds]
    for seed, rows in zip(seeds, per_seed, strict=True):
        for row in rows:
            head = "" if len(seeds) == 1 else f"seed={seed}  "
            print(head + "  ".join(f"{k}={v}" for k, v in row.items()))
    if len(seeds) > 1:
        for i, row in enumerate(per_seed[0]):
            if "spans" in row:
                total = _summed([rows[i] for rows in per_seed])
                print("total  " + "  ".join(f"{k}={v}" for k, v in total.items()))
        false = sum(r["false_repairs"] for rows in per_seed for r in rows if r["kind"] == "clean")
        print(f"total  kind=clean  false_repairs={false}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
