"""Republication benchmark: precision, recall and F1 of `cleaner dedup` next to datasketch.

Builds its own corpus: base reports (sentences sampled from jieba's word-frequency list, plus
phrases shared across reports as in real news on one topic), each republished as portals do it:
Traditional script with and without inline pinyin, other head and tail chrome, doubled commas,
a dropped or added paragraph, 1–3% edited characters, a truncated ending, a swapped headline,
garbled spans. Hard negatives: weather and stock bulletins from one template, short reports
followed by the same long boilerplate, reports on one topic sharing whole sentences.

    python scripts/eval_dedup.py            # the table
    python scripts/eval_dedup.py --sweep    # exact Jaccard per variant for n = 3..8
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from collections import defaultdict
from functools import lru_cache

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

PUNCT = "，。、；：！？"
PORTALS = ["人民网", "新华网", "中国新闻网", "央视网", "光明网", "澎湃新闻", "网易新闻", "搜狐"]
CITIES = ["北京", "上海", "广州", "深圳", "成都", "重庆", "武汉", "杭州", "南京", "西安",
          "泸州", "延吉", "百色", "河源", "乐山", "柳州", "长沙", "郑州", "济南", "昆明"]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[list[str], np.ndarray]:
    import jieba

    words, freqs = [], []
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w, f, *_ = line.split()
            if int(f) >= 3:
                words.append(w)
                freqs.append(int(f))
    p = np.asarray(freqs, dtype=np.float64)
    return words, np.cumsum(p / p.sum())


class TextGen:
    """Chinese-looking sentences: words drawn by corpus frequency, clauses split by commas."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.words, self.cdf = _lexicon()
        self._buf: list[str] = []

    def _word_batch(self) -> None:
        idx = np.searchsorted(self.cdf, self.rng.random(200_000))
        self._buf = [self.words[i] for i in idx]

    def words_n(self, n: int) -> list[str]:
        if len(self._buf) < n:
            self._word_batch()
        out, self._buf = self._buf[-n:], self._buf[:-n]
        return out

    def sentence(self) -> str:
        clauses = []
        for _ in range(int(self.rng.integers(1, 4))):
            clauses.append("".join(self.words_n(int(self.rng.integers(4, 10)))))
        return "，".join(clauses) + "。"

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(int(self.rng.integers(2, 5))))

    def document(self, chars: int) -> str:
        paras: list[str] = []
        while sum(map(len, paras)) < chars:
            paras.append(self.paragraph())
        return "\n".join(paras)[:chars]


# ---------------------------------------------------------------- variants portals make
@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


def _pinyin(rng: random.Random) -> str:
    return rng.choice(["qū", "zhōng", "guó", "xīn", "wén", "shì", "jiè", "rén", "mín", "dǎng"])


def traditional(text: str, rng: random.Random, pinyin: bool = False) -> str:
    text = _s2t().convert(text)
    if not pinyin:
        return text
    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.04:
            out.append(f"({_pinyin(rng)})")
    return "".join(out)


def head_chrome(rng: random.Random) -> str:
    portal = rng.choice(PORTALS)
    r = rng.randint
    when = f"2022年{r(1, 12):02d}月{r(1, 28):02d}日{r(0, 23):02d}:{r(0, 59):02d}"
    lines = [portal, f"{portal}>>{rng.choice(CITIES)}频道>>综合栏目",
             f"{when} | 来源：{rng.choice(PORTALS)}", rng.choice(["小字号", "大字", "分享到："])]
    return "\n".join(rng.sample(lines, k=rng.randint(1, 4)))


def tail_chrome(rng: random.Random, gen: TextGen) -> str:
    lines = [f"责任编辑：{rng.choice(['王','李','张','刘'])}{rng.choice(['明','华','丽','强'])}",
             "相关推荐", *("- " + gen.sentence()[:24] for _ in range(rng.randint(0, 4)))]
    return "\n".join(lines[: rng.randint(1, len(lines))])


def edit_chars(text: str, rng: random.Random, gen: TextGen, rate: float) -> str:
    chars = list(text)
    pool = "".join(gen.words_n(200))
    for _ in range(max(1, int(len(chars) * rate))):
        i = rng.randrange(len(chars))
        chars[i] = rng.choice(pool)
    return "".join(chars)


def garble(text: str, rng: random.Random) -> str:
    start = rng.randrange(max(1, len(text) - 60))
    span = text[start : start + rng.randint(10, 40)]
    bad = span.encode("utf-8").decode("gbk", errors="replace") if rng.random() < 0.5 else "�" * len(span)
    return text[:start] + bad + text[start + len(span) :]


def make_variant(headline: str, paras: list[str], rng: random.Random, gen: TextGen) -> tuple[str, str]:
    """One republication: 1–3 transformations from the list portals apply."""
    kinds = rng.sample(
        ["trad", "trad_pinyin", "commas", "drop_para", "add_para", "edits", "truncate",
         "swap_headline", "garble"],
        k=rng.randint(1, 3),
    )
    paras = list(paras)
    if "drop_para" in kinds and len(paras) > 4:
        del paras[rng.randrange(1, len(paras))]
    if "add_para" in kinds:
        paras.insert(rng.randrange(len(paras) + 1), gen.paragraph())
    if "truncate" in kinds:
        keep = max(2, int(len(paras) * rng.uniform(0.6, 0.85)))
        paras = paras[:keep]
    if "swap_headline" in kinds:
        headline = "".join(gen.words_n(rng.randint(5, 9)))
    text = headline + "\n" + "\n".join(paras)
    if "edits" in kinds:
        text = edit_chars(text, rng, gen, rng.uniform(0.01, 0.03))
    if "commas" in kinds:
        text = text.replace("，", ",,").replace("。", ",。")
    if "garble" in kinds:
        text = garble(text, rng)
    if "trad" in kinds or "trad_pinyin" in kinds:
        text = traditional(text, rng, pinyin="trad_pinyin" in kinds)
    text = head_chrome(rng) + "\n" + text + "\n" + tail_chrome(rng, gen)
    return text, "+".join(sorted(kinds))


# ---------------------------------------------------------------- hard negatives
def weather(rng: random.Random) -> str:
    r, c = rng.randint, rng.choice
    city = c(CITIES)
    sky = ["晴", "多云", "阴"]
    return (
        f"{city}市气象台{r(1, 12)}月{r(1, 28)}日{r(5, 18)}时发布天气预报：\n"
        f"今天白天到夜间，{city}市{c(['晴', '多云', '阴', '小雨', '雷阵雨', '小雪'])}转{c(sky)}，"
        f"{c(['东', '南', '西', '北'])}风{r(1, 5)}到{r(2, 6)}级，"
        f"最高气温{r(-5, 38)}℃，最低气温{r(-15, 25)}℃，相对湿度{r(20, 95)}%。"
        f"明天{c(sky)}，最高气温{r(-5, 38)}℃。"
        f"空气质量{c(['优', '良', '轻度污染'])}，首要污染物为{c(['PM2.5', 'PM10', '臭氧'])}。"
        "气象部门提醒市民注意天气变化，合理安排出行，及时增减衣物，谨防感冒。"
    )


def stock(rng: random.Random) -> str:
    r, c, u = rng.randint, rng.choice, rng.uniform
    d = c(["涨", "跌"])
    return (
        f"{r(1, 12)}月{r(1, 28)}日，A股三大指数{c(['集体收涨', '集体收跌', '涨跌不一'])}。"
        f"截至收盘，沪指{d}{u(0, 3):.2f}%，报{u(2800, 3600):.2f}点；"
        f"深证成指{d}{u(0, 3):.2f}%，报{u(9000, 13000):.2f}点；"
        f"创业板指{d}{u(0, 3):.2f}%，报{u(1800, 2800):.2f}点。"
        f"两市成交额{r(6000, 12000)}亿元，北向资金净{c(['买入', '卖出'])}{u(1, 120):.2f}亿元。"
        f"板块方面，{c(['半导体', '白酒', '新能源', '银行', '券商', '医药'])}板块领涨，"
        f"{c(['煤炭', '地产', '钢铁', '旅游', '传媒'])}板块跌幅居前。"
        f"个股方面，超{r(1000, 4000)}只个股上涨。"
    )


def build_corpus(bases: int = 150, seed: int = 7) -> tuple[list[str], list[str], list[int], list[str]]:
    """``(ids, texts, story labels, kinds)``: documents with the same label are copies."""
    rng = random.Random(seed)
    gen = TextGen(seed)
    shared = [gen.sentence() + gen.sentence() for _ in range(20)]  # phrases one topic shares
    boiler = gen.document(900)  # a long disclaimer some portal appends
    texts, labels, kinds = [], [], []
    label = 0
    for _ in range(bases):
        headline = "".join(gen.words_n(rng.randint(5, 9)))
        paras = [gen.paragraph() for _ in range(rng.randint(5, 14))]
        for _ in range(rng.randint(0, 2)):  # same-topic sentences shared with other reports
            i = rng.randrange(len(paras))
            paras[i] = rng.choice(shared) + paras[i]
        texts.append(headline + "\n" + "\n".join(paras))
        labels.append(label)
        kinds.append("base")
        for _ in range(rng.randint(0, 8)):
            text, kind = make_variant(headline, paras, rng, gen)
            texts.append(text)
            labels.append(label)
            kinds.append(kind)
        label += 1
    for make, count, kind in ((weather, 80, "weather"), (stock, 80, "stock")):
        for _ in range(count):
            texts.append(make(rng))
            labels.append(label)
            kinds.append(kind)
            label += 1
    for _ in range(70):  # different short reports, same long boilerplate
        texts.append(gen.document(rng.randint(250, 500)) + "\n" + boiler)
        labels.append(label)
        kinds.append("boilerplate")
        label += 1
    order = list(range(len(texts)))
    rng.shuffle(order)
    ids = [f"doc{i:05d}" for i in range(len(texts))]
    return ids, [texts[i] for i in order], [labels[i] for i in order], [kinds[i] for i in order]


# ---------------------------------------------------------------- scoring
def pairs_of(groups: list[int]) -> set[tuple[int, int]]:
    members = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    return {p for m in members.values() if len(m) > 1 for p in itertools.combinations(m, 2)}


def score(pred: list[int], truth: list[int]) -> tuple[float, float, float]:
    p, t = pairs_of(pred), pairs_of(truth)
    tp = len(p & t)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(t) if t else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def run_cleaner(ids: list[str], texts: list[str], threshold: float | None = None) -> list[int]:
    from cleaner.dedup import DedupConfig, Deduper

    try:
        import cleaner.pipeline  # noqa: F401

        clean = True
    except ImportError:
        clean = False
    cfg = DedupConfig() if threshold is None else DedupConfig(threshold=threshold)
    result = Deduper(cfg, clean=clean).dedup(texts, ids)
    return [a.cluster for a in result.assignments]


def run_datasketch(texts: list[str], threshold: float = 0.5, n: int = 5) -> list[int]:
    """datasketch as users run it: character n-grams of the raw text, MinHashLSH, components."""
    from datasketch import MinHash, MinHashLSH

    from cleaner.dedup.clusters import UnionFind

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, t in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch([t[j : j + n].encode("utf-8") for j in range(max(1, len(t) - n + 1))])
        lsh.insert(str(i), m)
        hashes.append(m)
    uf = UnionFind(len(texts))
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            uf.union(i, int(j))
    return [int(r) for r in uf.roots()]


def sweep(texts: list[str], labels: list[int], kinds: list[str]) -> None:
    """Exact character n-gram Jaccard of each copy with its base, and of hard negatives."""
    from cleaner.dedup.key import dedup_key

    keys = [dedup_key(t) for t in texts]
    base = {lab: i for i, (lab, k) in enumerate(zip(labels, kinds, strict=True)) if k == "base"}
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(kinds):
        by_kind[k].append(i)
    print(f"{'n':>2} {'copies p5':>9} {'min':>6} {'mean':>6} | max J negatives: "
          "weather  stock  boiler  topic")
    for n in range(3, 9):
        sh = [{k[j : j + n] for j in range(max(1, len(k) - n + 1))} for k in keys]

        def jac(a: int, b: int, sh=sh) -> float:
            return len(sh[a] & sh[b]) / max(1, len(sh[a] | sh[b]))

        copies = [jac(i, base[labels[i]]) for i, k in enumerate(kinds) if k != "base"
                  and labels[i] in base and kinds[i] not in ("weather", "stock", "boilerplate")]
        neg = {}
        for kind in ("weather", "stock", "boilerplate"):
            m = by_kind[kind][:40]
            neg[kind] = max(jac(a, b) for a, b in itertools.combinations(m, 2))
        bases = list(base.values())[:80]
        neg["topic"] = max(jac(a, b) for a, b in itertools.combinations(bases, 2))
        c = np.asarray(copies)
        print(f"{n:>2} {np.percentile(c, 5):9.3f} {c.min():6.3f} {c.mean():6.3f} | "
              f"{neg['weather']:>23.3f} {neg['stock']:6.3f} {neg['boilerplate']:7.3f} "
              f"{neg['topic']:6.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bases", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args(argv)
    ids, texts, labels, kinds = build_corpus(args.bases, args.seed)
    truth_pairs = len(pairs_of(labels))
    print(f"corpus: {len(texts)} documents, {len(set(labels))} stories, {truth_pairs} true pairs")
    if args.sweep:
        sweep(texts, labels, kinds)
        return 0
    rows = []
    t = time.perf_counter()
    rows.append(("cleaner dedup", *score(run_cleaner(ids, texts), labels),
                 time.perf_counter() - t))
    for th in (0.5, 0.7):
        t = time.perf_counter()
        rows.append((f"datasketch raw 5-grams t={th}", *score(run_datasketch(texts, th), labels),
                     time.perf_counter() - t))
    print(f"{'method':<32} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}")
    for name, p, r, f, s in rows:
        print(f"{name:<32} {p:9.4f} {r:7.4f} {f:6.4f} {s:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
