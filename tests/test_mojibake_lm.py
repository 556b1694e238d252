"""The language model's array scorers agree with its one-at-a-time scorer.

The repair scores many candidates at once (the characters a lost byte may complete, the bytes
that may follow it); those scores must be the ones :meth:`DocLM.cond` gives, or the fast
search would choose differently from the plain one. Likewise the lossy decoder's shortcut
through bytes that have one reading must give what its beam gives.
"""

from __future__ import annotations

import random

import pytest

from cleaner.ops.charlm import default_lm
from cleaner.ops.mojibake import lossy as mojibake_lossy

DOC = (
    "全市廣大黨員幹部提前結束春節假期返崗，投入疫情防控工作。\n"
    "记者从市卫生健康委员会获悉，今年全市新增病例数据正常，体温检测点已覆盖各个社区。\n"
    "他说：“我们会继续努力，把这项工作做好。”"
)


@pytest.fixture(scope="module")
def lm():
    return default_lm().adapted(DOC)


def _cases(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    base = default_lm()
    doc = [c for c in dict.fromkeys(DOC) if c in base.index]
    common = [c for c in list(base.uni)[:3000] if not 0xFF01 <= ord(c) <= 0xFF5E]
    ctxs = []
    for _ in range(n):
        k = rng.choice([0, 1, 2, 2, 2])
        ctx = "".join(rng.choice(doc if rng.random() < 0.6 else common) for _ in range(k))
        if ctx and rng.random() < 0.15:
            ctx = ctx[:-1] + "，"  # a full-width form in the context is folded
        ctxs.append(ctx)
    chars = list(dict.fromkeys(rng.sample(common, 30) + rng.sample(doc, 10)))
    return ctxs, chars


def test_cond_grid_equals_cond_to_the_bit(lm) -> None:
    base = default_lm()
    ctxs, chars = _cases(random.Random(1), 40)
    grid = lm.cond_grid(ctxs, chars, base.ids(chars))
    for ctx, row in zip(ctxs, grid, strict=True):
        assert row == [lm.cond(ctx, c) for c in chars], ctx


def test_cond_many_equals_cond(lm) -> None:
    base = default_lm()
    ctxs, chars = _cases(random.Random(2), 60)
    group = base.group(chars)
    for ctx in ctxs:
        got = lm.cond_many(ctx, group).tolist()
        want = [lm.cond(ctx, c) for c in chars]
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12), ctx


def test_lossy_shortcut_equals_beam(monkeypatch) -> None:
    lm = default_lm().adapted("")
    lines = [
        "测试了一下，结果正常。",
        "全市广大党员干部提前结束春节假期返岗",
        "他说：“我们会继续努力。”",
        "今年的表现得更加明显，市场反应积极",
    ]
    pieces = []
    for line in lines:
        garbled = line.encode("utf-8").decode("gb18030", errors="replace").replace("\ufffd", "?")
        toks = mojibake_lossy.tokens(garbled, "gb18030")
        assert toks is not None
        pieces.append(toks)
    fast = [mojibake_lossy.decode(lm, toks) for toks in pieces]
    monkeypatch.setattr(mojibake_lossy, "_certain", lambda alts: False)
    slow = [mojibake_lossy.decode(lm, toks) for toks in pieces]
    for a, b in zip(fast, slow, strict=True):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert (a.text, a.score, [h.index for h in a.holes]) == (
                b.text,
                b.score,
                [h.index for h in b.holes],
            )


def test_unseen_trigram_after_a_varied_context_stays_near_its_bigram() -> None:
    # 軍事 is followed by dozens of different characters in the table: a continuation it never
    # showed (軍事談判) must not be scored far below what the bigram says, or the search
    # prefers nonsense whose context happens to be unseen (軍勇談判)
    base = default_lm()
    plain = base.adapted("")
    assert base.tri.context(base.pair("軍", "事"))[1] >= 20
    assert plain.cond("軍事", "談") > plain.logp("事", "談") - 1.5



def test_a_pair_that_ends_the_document_scores_like_any_other() -> None:
    # the document counts "%?" as a pair but shows nothing after it: still a finite score,
    # and the array scorers agree
    base = default_lm()
    doc = base.adapted("今天的数据%?")
    chars = ["亳", "的", "天"]
    want = [doc.cond("%?", c) for c in chars]
    assert all(-40.0 < w < 0.0 for w in want)
    assert doc.cond_grid(["%?"], chars, base.ids(chars))[0] == want
    assert doc.cond_many("%?", base.group(chars)).tolist() == pytest.approx(want, rel=1e-12)


def test_rows_read_when_asked_hold_the_archive_counts() -> None:
    """The count tables are read a row at a time (:mod:`cleaner.ops.charlm_rows`); every
    count, context total and number of distinct followers is the archive's."""
    import numpy as np

    base = default_lm()
    n = base.vocab
    rng = np.random.default_rng(7)
    for k in rng.choice(len(base.bi_keys), 500, replace=False).tolist():
        key = int(base.bi_keys[k])
        assert base.bi.get(key) == base.bi_counts[k]
        assert base.bi.row(key // n)[key % n] == base.bi_counts[k]
    ctx = base.tri_keys // n
    for k in rng.choice(len(base.tri_keys), 500, replace=False).tolist():
        pair = int(ctx[k])
        total, types, row = base.tri.context(pair)
        mine = ctx == pair
        assert total == base.tri_counts[mine].sum()
        assert types == int(mine.sum())
        assert row[int(base.tri_keys[k]) % n] == base.tri_counts[k]
    absent = next(p for p in range(n * n) if p not in set(ctx[:1000].tolist()) and not (ctx == p).any())
    assert base.tri.context(absent) == (0, 0, {})
    assert base.bi.get(-1) == 0 and base.tri.context(-1) == (0, 0, {})
