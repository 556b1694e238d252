"""Scoring many candidate characters at once over numpy arrays, for the mojibake search.

A search over unknown bytes asks the model about hundreds of characters after one context
(:meth:`ArrayScoring.cond_many`) or after several (:meth:`ArrayScoring.cond_grid`). Both do the
arithmetic of :meth:`cleaner.ops.charlm.DocLM.cond` over id-keyed copies of the count tables
(:class:`cleaner.ops.charlm.CharLM` builds them on load), so a search gets the same scores as
one-by-one calls at a fraction of the cost. numpy is imported where it is used: clean text
never needs it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cleaner.ops.charlm_params import BETA, DOC_BETA, DOC_LAMBDA, DOC_TRI, FOLD

if TYPE_CHECKING:
    import numpy as np


class Group:
    """Characters scored together (:meth:`DocLM.cond_many`): the characters, their table ids
    and their positions. Every character must be in the table and none a full-width form."""

    __slots__ = ("chars", "ids", "pos")

    def __init__(self, chars: list[str], ids: np.ndarray) -> None:
        self.chars = chars
        self.ids = ids
        self.pos: dict[str, list[int]] = {}
        for j, c in enumerate(chars):
            self.pos.setdefault(c, []).append(j)


class ArrayScoring:
    """:class:`cleaner.ops.charlm.DocLM`'s array methods (it provides ``base``, the document's
    counts and the Witten-Bell weight they use)."""

    def cond_many(self, ctx: str, group: Group) -> np.ndarray:
        """``[self.cond(ctx, c) for c in group.chars]`` as an array, computed over arrays.

        The arithmetic is :meth:`cond`'s; exp and log are numpy's, so a value may differ from
        :meth:`cond`'s in the last bit.
        """
        import numpy as np

        base = self.base
        ctx = ctx.translate(FOLD)
        prev = ctx[-1] if ctx else "\n"
        ids = group.ids
        pu = base.unigram_probs()[ids]
        duni = self.duni
        pos = group.pos
        for c in group.chars:
            d = duni.get(c)
            if d:
                for j in pos[c]:
                    pu[j] = (1 - DOC_LAMBDA) * pu[j] + DOC_LAMBDA * d / self.dtotal
        pid = base.index.get(prev)
        nb: np.ndarray | float = 0.0
        if pid is not None:
            lo, hi = base.bi_rows[pid], base.bi_rows[pid + 1]
            if hi > lo:
                cols = base.bi_cols[lo:hi]
                k = cols.searchsorted(ids)
                np.minimum(k, hi - lo - 1, out=k)
                nb = np.where(cols[k] == ids, base.bi_counts[lo:hi][k], 0.0)
        p = (nb + BETA * pu) / (base.uni.get(prev, 0) + BETA)
        dc = duni.get(prev, 0)
        if dc:
            counts = np.zeros(len(ids))
            for c, k in self._follow(prev).items():
                for j in pos.get(c, ()):
                    counts[j] = k
            w = DOC_LAMBDA * dc / (dc + 2.0)
            p = (1 - w) * p + w * ((counts + DOC_BETA * pu) / (dc + DOC_BETA))
        if len(ctx) < 2:
            return np.log(p)
        dbi = self.dbi.get(ctx, 0)
        total = base.tri.context(base.pair(ctx[0], ctx[1]))[0] + DOC_TRI * dbi
        if not total:
            return np.log(p)
        n = base.vocab
        c0, c1 = base.index.get(ctx[0]), base.index.get(ctx[1])
        nt = np.zeros(len(ids))
        if c0 is not None and c1 is not None:
            key = (c0 * n + c1) * n
            lo, hi = base.tri_keys.searchsorted((key, key + n)).tolist()
            if hi > lo:
                cols = base.tri_keys[lo:hi] - key
                k = cols.searchsorted(ids)
                np.minimum(k, hi - lo - 1, out=k)
                nt = np.where(cols[k] == ids, base.tri_counts[lo:hi][k], 0.0)
        if dbi:
            nt = nt.copy()
            for c, k in self._follow3(ctx).items():
                for j in pos.get(c, ()):
                    nt[j] += DOC_TRI * k
        g = self._weight(ctx, base.pair(ctx[0], ctx[1]), dbi)
        return np.log((nt + g * p) / (total + g))

    def cond_grid(self, ctxs: list[str], chars: list[str], ids: np.ndarray) -> list[list[float]]:
        """``[[self.cond(ctx, c) for c in chars] for ctx in ctxs]``, computed over arrays.

        ``chars`` are characters of the base table (never full-width forms) and ``ids`` their
        table ids. The arithmetic is :meth:`cond`'s, operation for operation (exp and log
        through :mod:`math`, as there), so the results are equal to the last bit.
        """
        import numpy as np

        base = self.base
        index, uni, duni, dbi = base.index, base.uni, self.duni, self.dbi
        log, exp = math.log, math.exp
        n = base.vocab
        pu = base.unigram_probs()[ids]
        mine = [j for j, c in enumerate(chars) if c in duni]
        if mine:
            for j in mine:
                pu[j] = exp(self.unigram(chars[j]))
        ctxs = [ctx.translate(FOLD) for ctx in ctxs]
        prevs = [ctx[-1] if ctx else "\n" for ctx in ctxs]
        rows = len(ctxs)
        pids = np.array([index.get(p, -1) for p in prevs], dtype=np.int64)
        nb = _counts(base.bi_keys, base.bi_counts, pids[:, None] * n + ids[None, :])
        nb[pids < 0] = 0.0
        nc = np.array([uni.get(p, 0) for p in prevs], dtype=np.float64)
        p = (nb + BETA * pu) / (nc + BETA)[:, None]
        dcs = [duni.get(p, 0) for p in prevs]
        if any(dcs):
            dc = np.array(dcs, dtype=np.float64)
            w = DOC_LAMBDA * dc / (dc + 2.0)
            counts = np.zeros((rows, len(chars)))
            for i, prev in enumerate(prevs):
                if dcs[i]:
                    counts[i] = [dbi.get(prev + c, 0) for c in chars]
            pd = (counts + DOC_BETA * pu) / (dc + DOC_BETA)[:, None]
            mixed = (1 - w)[:, None] * p + w[:, None] * pd
            p = np.where((dc > 0)[:, None], mixed, p)
        shape = p.shape
        flat = [exp(log(x)) for x in p.ravel().tolist()]  # the bigram estimate, as cond sees it
        context, dtri, pair = base.tri.context, self.dtri, base.pair
        totals = [
            context(pair(ctx[0], ctx[1]))[0] + DOC_TRI * dbi.get(ctx, 0) if len(ctx) == 2 else 0
            for ctx in ctxs
        ]
        if any(totals):
            keys = np.array(
                [
                    (index[ctx[0]] * n + index[ctx[1]]) * n
                    if total and ctx[0] in index and ctx[1] in index
                    else -n  # matches nothing
                    for ctx, total in zip(ctxs, totals, strict=True)
                ],
                dtype=np.int64,
            )
            nt = _counts(base.tri_keys, base.tri_counts, keys[:, None] + ids[None, :])
            for i, ctx in enumerate(ctxs):
                if totals[i] and dbi.get(ctx, 0):
                    nt[i] = nt[i] + DOC_TRI * np.array(
                        [dtri.get(ctx + c, 0) for c in chars], dtype=np.float64
                    )
            p2 = np.array(flat).reshape(shape)
            total = np.array(totals, dtype=np.float64)
            g = np.array(
                [
                    self._weight(ctx, pair(ctx[0], ctx[1]), dbi.get(ctx, 0)) if t else 0.0
                    for ctx, t in zip(ctxs, totals, strict=True)
                ]
            )
            den = np.where(total > 0, total + g, 1.0)  # rows without counts keep p2
            mixed = (nt + g[:, None] * p2) / den[:, None]
            p2 = np.where((total > 0)[:, None], mixed, p2)
            flat = p2.ravel().tolist()
        lp = [log(x) for x in flat]
        width = shape[1]
        out = [lp[i * width : (i + 1) * width] for i in range(shape[0])]
        for i, ctx in enumerate(ctxs):
            if len(ctx) < 2:  # a bigram estimate, not passed through exp
                out[i] = [log(x) for x in p[i].tolist()]
        return out


def _counts(keys: np.ndarray, counts: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Counts of the ``query`` keys in a sorted key table (0.0 where absent)."""
    import numpy as np

    pos = keys.searchsorted(query)
    np.minimum(pos, len(keys) - 1, out=pos)
    return np.where(keys[pos] == query, counts[pos], 0.0)
