"""Script unification with OpenCC: one corpus, one script.

The official OpenCC wheel (C++) is used: it gives the same output as the pure-Python
re-implementation on news text at many times the speed (``scripts/bench.py`` measures both).
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from cleaner.document import Span
from cleaner.ops import OpContext

CONFIGS = {"s": "t2s", "t": "s2t", "tw": "s2tw", "hk": "s2hk"}


@cache
def converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, ctx: OpContext, particle_min_converted: int = 10,
            zhu_words: list[str] | None = None) -> list[Span]:
    """Convert the document to the run's target script (``ctx.options['script']``).

    Converting to Simplified also fixes the particle 著 → 着 (see :func:`fix_particle_zhe`)
    when the document really was Traditional (at least ``particle_min_converted`` characters
    changed) and the rule names the words where 著 stays (``zhu_words``, in the rule pack:
    without them every 著 would be read as the particle, so nothing is fixed).
    """
    target = ctx.options.get("script", "s")
    if target == "keep":
        return []
    new = converter(CONFIGS[target]).convert(text)
    if new == text:
        return []
    spans = diff_spans(text, new)
    if target == "s" and zhu_words and "著" in new \
            and sum(e - s for s, e, *_ in spans) >= particle_min_converted:
        fixed = fix_particle_zhe(new, _word_set(tuple(zhu_words)))
        if fixed != new:
            spans = diff_spans(text, fixed)
    return spans


@cache
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for word in words for w in word.split())


_ZHE = re.compile("著")


def fix_particle_zhe(text: str, zhu_words: frozenset[str]) -> str:
    """著 → 着 wherever 著 is not part of one of ``zhu_words``, the words read zhù.

    Traditional writes both the aspect particle and zhù (著名, 显著, 土著 …) as 著; Simplified
    writes the particle 着, which OpenCC's t2s leaves alone (表達著 → 表达著). A Simplified
    document that writes 著 itself is never touched (``convert`` asks for a real conversion).

    >>> fix_particle_zhe("表达著对著名作家的感激", frozenset({"著名"}))
    '表达着对著名作家的感激'
    """
    chars = list(text)
    for m in _ZHE.finditer(text):
        i = m.start()
        if text[max(0, i - 1):i + 1] in zhu_words or text[i:i + 2] in zhu_words \
                or text[i:i + 3] in zhu_words:
            continue
        chars[i] = "着"
    return "".join(chars)


def diff_spans(old: str, new: str) -> list[Span]:
    """Turn a conversion into minimal replacement spans (one per run of changed characters)."""
    if len(old) == len(new):
        return _equal_length_spans(old, new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def _equal_length_spans(old: str, new: str) -> list[Span]:
    """Runs of differing characters, found with numpy over the code points (no Python loop)."""
    import numpy as np

    a = np.frombuffer(old.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(new.encode("utf-32-le"), dtype=np.uint32)
    diff = np.concatenate(([False], a != b, [False]))
    edges = np.flatnonzero(diff[1:] != diff[:-1])
    bounds = edges.tolist()  # Python ints: slicing with numpy's costs a conversion each
    return [(s, e, new[s:e]) for s, e in zip(bounds[0::2], bounds[1::2], strict=True)]
