"""A small corpus of real news text with planted near-duplicates, for engine and format tests.

Documents are windows of the seed articles' clean paragraphs (real reporting, not random
characters); copies are the same window in Traditional script, with a few characters edited,
with its last paragraphs trimmed, or with a dateline added, shuffled into the corpus.
"""

from __future__ import annotations

import random
from functools import lru_cache

from tests.conftest import SEEDS


@lru_cache(maxsize=1)
def paragraphs() -> tuple[str, ...]:
    out = []
    for path in sorted((SEEDS / "expected").glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 20]
    return tuple(out)


def _edit(text: str, rng: random.Random, rate: float = 0.02) -> str:
    chars = list(text)
    for _ in range(int(len(chars) * rate)):
        i, j = rng.randrange(len(chars)), rng.randrange(len(chars))
        chars[i] = chars[j]
    return "".join(chars)


def real_corpus(stories: int = 30, seed: int = 7) -> tuple[list[str], list[str]]:
    """``(ids, texts)``: ``stories`` windows of real paragraphs, about half with copies."""
    import opencc

    s2t = opencc.OpenCC("s2t.json")
    paras = paragraphs()
    rng = random.Random(seed)
    ids, texts = [], []
    for s in range(stories):
        window = rng.sample(paras, 6)
        base = "\n".join(window)
        variants = [base, s2t.convert(base), _edit(base, rng), "\n".join(window[:4]),
                    "新华社北京3月2日电\n" + base]
        for v, text in enumerate(variants[: 1 + (s % 5 if s % 2 else 0)]):
            ids.append(f"s{s}v{v}")
            texts.append(text)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [ids[i] for i in order], [texts[i] for i in order]
