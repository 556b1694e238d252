"""Script unification with OpenCC: one corpus, one script.

The official OpenCC wheel (C++) is used: it gives the same output as the pure-Python
re-implementation on news text at many times the speed (``scripts/bench.py`` measures both).
"""

from __future__ import annotations

import difflib
from functools import cache

from cleaner.document import Span
from cleaner.ops import OpContext

CONFIGS = {"s": "t2s", "t": "s2t", "tw": "s2tw", "hk": "s2hk"}


@cache
def converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, ctx: OpContext) -> list[Span]:
    """Convert the document to the run's target script (``ctx.options['script']``)."""
    target = ctx.options.get("script", "s")
    if target == "keep":
        return []
    new = converter(CONFIGS[target]).convert(text)
    if new == text:
        return []
    return diff_spans(text, new)


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
    return [(int(s), int(e), new[s:e]) for s, e in zip(edges[0::2], edges[1::2], strict=True)]
