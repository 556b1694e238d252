"""Speed of the mojibake stage: clean text and garbled documents, against ftfy on the same inputs.

``bench(quick)`` returns (label, figure) rows for the shared benchmark report
(``scripts/bench.py`` calls it); run this file to print them:
``python scripts/bench_mojibake.py [--quick]``; ``--linearity`` prints CPU seconds per MB at two
sizes for the costly input families instead.

Every input set is timed for wall time and for CPU time (``time.process_time``: what one core
spends, whatever else the machine runs). Each garbled document is a different one, and the
inputs are run in turns, so no document's work is repeated back to back.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from garble import garble_gbk, garble_lossy, sentences  # noqa: E402

from cleaner.ops import OpContext  # noqa: E402
from cleaner.ops.mojibake import prepare, repair  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "input"
SEED_DOCS = ["000", "001", "003"]  # the garbled seeds: misaligned GBK with pinyin


def _rate(func: Callable[[str], object], docs: list[str], seconds: float) -> tuple[float, float, float]:
    """(MB/s of UTF-8 input, wall ms per document, CPU ms per document) running ``func``
    over ``docs`` in turn for at least ``seconds``."""
    done = 0
    size = 0
    wall = time.perf_counter()
    cpu = time.process_time()
    while time.perf_counter() - wall < seconds or not done:
        for d in docs:
            func(d)
            done += 1
            size += len(d.encode("utf-8"))
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    return size / 1e6 / wall, 1000 * wall / done, 1000 * cpu / done


def news_text(rng: random.Random, sents: list[str], n: int = 40) -> str:
    """Clean news as published: curly quotes, dashes, ellipses, middle dots, a byline, a
    dateline, ``吗?`` with an ASCII question mark, full-width brackets, numbers."""
    names = ["约翰·史密斯", "玛丽·居里", "让-保罗·萨特", "阿卜杜勒·拉赫曼"]
    lines = [f"本报北京{rng.randint(1, 12)}月{rng.randint(1, 28)}日电（记者 王{rng.choice('明红军丽')}）"]
    para: list[str] = []
    for k, s in enumerate(rng.sample(sents, n)):
        body = s.rstrip("。！？”")
        roll = rng.random()
        if roll < 0.2:
            s = f"“{body}，”{rng.choice(names)}说，“这一点很重要。”"
        elif roll < 0.35:
            s = f"{body}——这是{rng.randint(2, 99)}年来的第{rng.randint(1, 9)}次……"
        elif roll < 0.45:
            s = f"{body}吗?"
        elif roll < 0.55:
            s = f"《{body[:6]}》一文指出：{body}（{rng.randint(1990, 2024)}年）。"
        elif roll < 0.62:
            s = f"{body}，增长{rng.randint(1, 99)}.{rng.randint(0, 9)}%，约合{rng.randint(2, 900)}亿元。"
        para.append(s)
        if k % 5 == 4:
            lines.append("".join(para))
            para = []
    lines.append("".join(para) + "（完）")
    return "\n".join(x for x in lines if x)


def bench(quick: bool = False) -> list[tuple[str, str]]:
    """(label, figure) rows: our repair and ftfy.fix_text on the same inputs, and the ratios.

    Inputs (~2,000-character documents of held-out news): Traditional text, clean; real-looking
    clean Simplified news (curly quotes, dashes, ellipses, ``吗?``); the seed converter's output
    (misaligned GBK with pinyin and inserted commas); UTF-8 read as GBK with a lost byte per
    odd-length line tail; the garbled seed documents as they came.
    """
    import ftfy

    seconds = 0.5 if quick else 2.0
    start = time.perf_counter()
    prepare()
    load_s = time.perf_counter() - start
    rng = random.Random(5)
    trad = sentences(traditional=True, limit=1500)
    simp = sentences(traditional=False, limit=1500)
    count = 4 if quick else 12
    clean = ["\n".join(rng.sample(trad, 50)) for _ in range(count)]  # ~2,000 characters each
    news = [news_text(rng, simp) for _ in range(count)]
    # the converter's pinyin roughly doubles the length: garble ~1,000 characters for ~2,000
    garbled = [garble_gbk("\n".join(rng.sample(trad, 25)), rng, b",") for _ in range(count)]
    utf8_gbk = [
        "\n".join(g for g in (garble_lossy(x, "utf8_as_gbk_qmark") for x in rng.sample(simp, 60)) if g)
        for _ in range(count)
    ]
    seeds = [next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8") for name in SEED_DOCS]
    # the first documents of a process fill the model's shared memo: warm it on untimed ones
    warm = random.Random(9)
    repair(garble_gbk("\n".join(warm.sample(trad, 10)), warm, b","), OpContext())
    repair(garble_lossy("\n".join(warm.sample(simp, 5)), "utf8_as_gbk_qmark") or "", OpContext())
    false_repairs = sum(1 for d in clean + news if repair(d, OpContext()))
    rows: list[tuple[str, str]] = [
        ("mojibake model load + tables s (once per process)", f"{load_s:.2f}"),
        ("mojibake false repairs on clean inputs", f"{false_repairs} of {len(clean) + len(news)}"),
    ]
    for label, docs in [
        ("clean Traditional", clean),
        ("clean news (quotes, dashes, ellipses)", news),
        ("misaligned GBK doc", garbled),
        ("UTF-8 read as GBK doc", utf8_gbk),
        ("seeds 000, 001, 003", seeds),
    ]:
        ours = _rate(lambda t: repair(t, OpContext()), docs, seconds)
        ref = _rate(ftfy.fix_text, docs, seconds)
        chars = sum(len(d) for d in docs) // len(docs)
        rows += [
            (
                f"mojibake {label} ({chars} chars) MB/s | ms/doc wall | ms/doc CPU",
                f"{ours[0]:.2f} | {ours[1]:.1f} | {ours[2]:.1f}",
            ),
            (
                f"ftfy.fix_text {label} MB/s | ms/doc wall | ms/doc CPU",
                f"{ref[0]:.2f} | {ref[1]:.1f} | {ref[2]:.1f}",
            ),
            (f"mojibake/ftfy {label} speed ratio (CPU)", f"{ref[2] / ours[2]:.2f}"),
        ]
    return rows


def _broken_latin1(rng: random.Random, sents: list[str], n: int, sep: str) -> str:
    """GBK read as Latin-1 with one byte per sentence changed, so no line decodes whole: the
    repair then searches every run piece by piece (the costly Latin-1-looking case)."""
    out = []
    for s in rng.sample(sents, n):
        data = bytearray(s.encode("gbk"))
        data[rng.randrange(len(data))] = 0x41
        out.append(data.decode("latin-1"))
    return sep.join(out)


def linearity(quick: bool = False) -> list[tuple[str, str]]:
    """CPU seconds per MB of the repair at two sizes, per costly input family: garbled
    (misaligned GBK), Latin-1-looking (lines and one long line), all rare characters. A cost
    that grows linearly with length keeps the same s/MB at both sizes."""
    rng = random.Random(11)
    trad = sentences(traditional=True, limit=3000)
    simp = sentences(traditional=False, limit=3000)
    sizes = (20, 80) if quick else (50, 200)
    families: dict[str, Callable[[int], str]] = {
        "misaligned GBK": lambda n: garble_gbk("\n".join(rng.sample(trad, n)), rng, b","),
        "Latin-1-looking lines": lambda n: _broken_latin1(rng, simp, n, "\n"),
        "Latin-1-looking one line": lambda n: _broken_latin1(rng, simp, n, ""),
        "rare characters (ext. A/B)": lambda n: "".join(
            chr(rng.randrange(0x3400, 0x4DB5) if rng.random() < 0.5 else rng.randrange(0x20000, 0x2A6D6))
            for _ in range(30 * n)
        ),
    }
    prepare()
    rows = []
    for label, make in families.items():
        figures = []
        for n in sizes:
            text = make(n)
            cpu = time.process_time()
            repair(text, OpContext())
            cpu = time.process_time() - cpu
            mb = len(text.encode("utf-8")) / 1e6
            figures.append(f"{mb * 1e3:.0f} KB {cpu / mb:.1f}")
        rows.append((f"mojibake {label}: KB s/MB CPU (small | large)", " | ".join(figures)))
    return rows


if __name__ == "__main__":
    if "--linearity" in sys.argv:
        for label, figure in linearity(quick="--quick" in sys.argv):
            print(f"{label:72s} {figure}")
        sys.exit(0)
    for label, figure in bench(quick="--quick" in sys.argv):
        print(f"{label:72s} {figure}")
