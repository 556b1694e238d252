"""A second look at near-tied readings of a garbled GBK window, with words.

The search (:mod:`cleaner.ops.mojibake.beam`) scores readings with a character trigram model
and keeps, of the paths that reach the same state, only the best: two characters later the
alternative is gone. Where the trigram model can hardly tell two readings apart (``爭論不信``
and ``爭論不休``, ``國民黨軍孺轉入`` and ``國民黨軍全面轉入``), the four-character phrase
decides, and a trigram model does not see it. So a window whose best reading is less than
:data:`NEAR_GAP` nats ahead is searched again keeping every distinct reading, and the best
few are scored once more with :func:`cohesion`: how much more likely the reading is as a
sequence of dictionary words than as characters drawn one by one (jieba's word frequencies,
``cleaner/data/words.txt.gz``, built by ``scripts/build_charlm.py --words-only``).
"""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.ops.mojibake.beam import NO_MARKS, Marks, Token, beam_decode

if TYPE_CHECKING:
    from cleaner.ops.charlm import DocLM

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "words.txt.gz"
NEAR_GAP = 2.0  # a window whose best reading is this close (nats) to another is looked at again
KEEP = 8  # distinct readings scored with words
WITHIN = 8.0  # ... of those at most this far (nats) below the best
WEIGHT = 0.5  # nats of the model per nat of word cohesion
MAX_WORD = 4


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, float], dict[str, float], float]:
    """(word → log-frequency, character → log-frequency, the rarest character's), all as
    shares of jieba's total; a character it lacks counts as the rarest."""
    words: dict[str, int] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, _, f = line.rstrip("\n").partition(" ")
            if w and f:
                words[w] = int(f)
    total = math.log(sum(words.values()))
    logs = {w: math.log(f) - total for w, f in words.items()}
    chars = {w: v for w, v in logs.items() if len(w) == 1}
    return {w: v for w, v in logs.items() if len(w) > 1}, chars, min(chars.values(), default=0.0)


def prepare() -> None:
    """Load the word table and the script converter (a quarter of a second, once)."""
    _table()
    _simplified("準備")


def _simplified(text: str) -> str:
    from cleaner.ops.script import converter

    return converter("t2s").convert(text)


def cohesion(text: str) -> float:
    """Nats by which the best split of ``text`` into dictionary words beats reading its
    characters one by one (each word counts its log-frequency less its characters', and only
    if that is positive). Traditional text is read through its Simplified form.

    >>> cohesion("爭論不休,") > cohesion("爭論不信,") + 10
    True
    >>> cohesion("") == cohesion(",") == 0.0
    True
    """
    if not text:
        return 0.0
    words, chars, unknown = _table()
    s = _simplified(text)
    n = len(s)
    best = [0.0] + [-math.inf] * n
    for i in range(n):
        here = best[i]
        if here > best[i + 1]:
            best[i + 1] = here
        for j in range(i + 2, min(n, i + MAX_WORD) + 1):
            lw = words.get(s[i:j])
            if lw is None:
                continue
            gain = lw - sum(chars.get(c, unknown) for c in s[i:j])
            if gain > 0 and here + gain > best[j]:
                best[j] = here + gain
    return best[n]


def reranked(
    lm: DocLM,
    toks: list[Token],
    prev: str,
    fold_output: bool,
    marks: Marks = NO_MARKS,
    annotated_after: bool = False,
    raw_prev: str | None = None,
) -> list[tuple[float, str, int, float]]:
    """:func:`~cleaner.ops.mojibake.beam.beam_decode` keeping distinct readings, the best
    :data:`KEEP` within :data:`WITHIN` nats rescored with :data:`WEIGHT` times their
    :func:`cohesion` (with the two characters before the window), best first. Gaps are
    infinite: the readings are all distinct, so the next one says how close the choice was.
    """
    found = beam_decode(lm, toks, prev, fold_output, marks, annotated_after, raw_prev,
                        distinct=True)
    seen: dict[str, tuple[float, str, int]] = {}
    for sc, out, g, _gap in found:
        if out not in seen:
            seen[out] = (sc, out, g)
    top = sorted(seen.values(), reverse=True)[:KEEP]
    if not top:
        return []
    floor = top[0][0] - WITHIN
    head = prev[-2:]
    out = [(sc + WEIGHT * cohesion(head + o), o, g, math.inf) for sc, o, g in top if sc >= floor]
    out.sort(key=lambda v: v[0], reverse=True)
    return out
