"""Repair of classic double decodings: bytes in one encoding read as another.

``浜烘皯鏃ユ姤`` is UTF-8 read as GBK, ``ÈËÃñÈÕ±¨`` GBK read as Latin-1, and so on. Each is
undone by encoding the text back with the codec it was wrongly read with and decoding the bytes
with the right one; both steps must succeed strictly. A reading is taken only when the
language model finds it clearly more plausible, so clean text (where such a round trip is
either impossible or produces nonsense) is never touched. UTF-8 read as Latin-1/cp1252, and
double-encoded UTF-8, are ftfy's domain and go through ``ftfy.fix_encoding``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from cleaner.ops.charlm import DocLM
from cleaner.ops.mojibake.evidence import (
    ANNOTATION,
    KANA,
    KANA_WORD,
    TAIL,
    japanese_document,
    japanese_line,
    katakana_word,
    rare_line,
    rare_pattern,
    suspicious,
)
from cleaner.ops.mojibake.lossy import decode, plausible_share, resolve, tokens

# (name, codec the text was wrongly decoded with, codec the bytes really were in)
KINDS: list[tuple[str, str, str]] = [
    ("utf8_as_gbk", "gb18030", "utf-8"),
    ("utf8_as_big5", "big5", "utf-8"),
    ("gbk_as_latin1", "latin-1", "gbk"),
    ("gbk_as_cp1252", "cp1252", "gbk"),
    ("gbk_as_cp1250", "cp1250", "gbk"),
    ("gbk_as_macroman", "mac_roman", "gbk"),
    ("big5_as_latin1", "latin-1", "big5"),
    ("big5_as_cp1252", "cp1252", "big5"),
    ("big5_as_gbk", "gb18030", "big5"),
    ("gbk_as_big5", "big5", "gbk"),
    ("gbk_as_cp950", "cp950", "gbk"),
    ("utf8_as_cp950", "cp950", "utf-8"),
]
# kinds whose wrong decoder may have written U+FFFD or "?" for a byte it could not pair
LOSSY = {"utf8_as_gbk": "gb18030", "utf8_as_big5": "big5", "utf8_as_cp950": "cp950"}
# A piece of a line never takes in CJK punctuation that reads as such (the "（" after a name):
# a run of garbled characters stops at it.
_PUNCT = "\\u00b7\\u2010-\\u206f\\u3000-\\u303f\\uff01-\\uff65"
RUN = re.compile(f"[^\\x00-\\x7f{_PUNCT}]+(?:[\\x21-\\x7e]{{1,2}}[^\\x00-\\x7f{_PUNCT}]+)*\\??")
# what Windows-1250 and MacRoman make of high bytes besides Latin-1 (ČËĂń, √Ò»’)
_WEST = "\\x80-\\xff" + "".join(
    re.escape(c)
    for codec in ("cp1250", "mac_roman")
    for c in bytes(range(0x80, 0x100)).decode(codec, errors="ignore")
    if ord(c) > 0xFF and not 0x2010 <= ord(c) <= 0x201F and c != "\u2026"
)
LATIN = re.compile(f"[{_WEST}]")
LATIN_RUN = re.compile(f"[{_WEST}][\\x20-\\xff{_WEST}]*[{_WEST}]|[{_WEST}]")
# a word of another alphabet (Greek, Cyrillic), or a Latin letter with a diacritic joined to an
# ASCII letter (Orléan, Zürich): a CJK decoder's garble never spells one (the pinyin letters
# GBK decodes, é for the Big5 bytes of 谷, come between other garbled characters, never inside
# an ASCII word), so a piece that holds one is text in that script, never read as Han
# (ανατροφή is not 而老羊耳, Orléan not Orl谷an)
_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
FOREIGN_WORD = re.compile(
    f"[\u0370-\u03ff\u0400-\u04ff]{{3,}}|[A-Za-z][{_ACCENTED}]|[{_ACCENTED}][A-Za-z]"
)
_TWO_BMP = re.compile("[\x00-\uffff]{2}")  # two characters side by side a codec may write
GAIN_PER_CHAR = 2.0  # nats per character a reading must gain over the garbled text
IMPLAUSIBLE = -9.0  # nats per character: a reading this unlikely may be garbled (clean text: ~-6)
PLAUSIBLE = -10.0  # ... and a repaired reading must be at least this likely
GAIN_TOTAL = 8.0
CLEAR_GAIN = 5.0
MAX_RUN = 120
MIN_PIECE = 3  # characters of a CJK piece repaired inside a line that does not decode whole
PIECE_RARE_SHARE = 0.5
# pinyin annotations and their tails after a "?" (the seed converter's ``?huǒ)``)
PINYIN_BITS = re.compile(f"{ANNOTATION.pattern}|{TAIL.pattern}")


@dataclass(slots=True)
class DoubleRepair:
    start: int
    end: int
    new: str
    kind: str
    confidence: float
    guessed: str = ""  # characters whose lost byte was guessed
    lost: int = 0  # characters written as U+FFFD: a byte was lost and could not be guessed
    family: str = "double_decoding"  # the rule that owns this repair (``mojibake.<family>``)


@dataclass(slots=True)
class Reading:
    new: str
    kind: str
    gain: float
    guessed: str = ""
    lost: int = 0
    family: str = "double_decoding"


def family(kind: str) -> str:
    """The rule family of a double-decoding kind: Western codecs are ``latin1``.

    >>> family("gbk_as_cp1252"), family("utf8_as_gbk")
    ('latin1', 'double_decoding')
    """
    western = "latin" in kind or "cp125" in kind or "macroman" in kind
    return "latin1" if western else "double_decoding"


def _better(lm: DocLM, old: str, new: str, old_total: float | None = None) -> float | None:
    """The per-character gain of ``new`` over ``old``, if it is clearly more plausible
    (``old_total``: ``lm.score(old)``, if the caller has it)."""
    if not new or new == old or "\ufffd" in new:
        return None
    if sum(1 for c in new if 0xE000 <= ord(c) <= 0xF8FF or ord(c) < 0x20 and c not in "\n\t"):
        return None
    if old_total is None:
        old_total = lm.score(old)
    before = old_total / max(1, len(old))
    if before > IMPLAUSIBLE:
        return None  # the text reads well as it is
    # a running total this low can only end below PLAUSIBLE (a nat of slack for rounding)
    new_total = lm.score_above(new, PLAUSIBLE * len(new) - 1.0)
    if new_total is None:
        return None
    after = new_total / max(1, len(new))
    if after < PLAUSIBLE:
        return None  # the other reading reads no better
    gain = after - before
    total = new_total - old_total
    if gain >= GAIN_PER_CHAR and (total >= GAIN_TOTAL or gain * len(new) >= GAIN_TOTAL):
        return gain
    return None


def _try_kinds(
    lm: DocLM, piece: str, latin: bool, cjk: bool, lossy: bool = True,
    encodable: dict[str, bool] | None = None,
) -> Reading | None:
    """The best double-decoding reading of ``piece`` among the families its signals allow.

    ``encodable``: which wrong codecs can encode ``piece`` at all (GB18030: in two-byte
    forms), if the caller knows; the others are not tried.
    """
    best: Reading | None = None
    if cjk and FOREIGN_WORD.search(piece):
        cjk = False
    old: float | None = None  # lm.score(piece), once
    for name, wrong, right in KINDS:
        if not (latin if _FAMILY[name] == "latin1" else cjk):
            continue
        if encodable is not None and not encodable[wrong]:
            continue
        try:
            data = piece.encode(wrong)
            if wrong == "gb18030" and encodable is None and _four_byte(piece, data):
                continue  # a GBK decoder never wrote a character GB18030 needs four bytes for
            new = data.decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if old is None:
            old = lm.score(piece)
        gain = _better(lm, piece, new, old)
        if gain is not None and (best is None or gain > best.gain):
            best = Reading(new, name, gain, family=family(name))
    if lossy and cjk and best is None and ("\ufffd" in piece or "?" in piece) and plausible_share(piece):
        best = _try_lossy(lm, piece)
    # ftfy on a whole line is the western family's (tried first); on a piece of a line, only
    # where it could change something (pieces are tried by the hundred)
    if latin and lossy and suspicious(piece):
        import ftfy

        new = ftfy.fix_encoding(piece)
        gain = _better(lm, piece, new, old)
        if gain is not None and (best is None or gain > best.gain):
            best = Reading(new, "utf8_as_latin1", gain, family="latin1")
    return best


_FAMILY = {name: family(name) for name, _wrong, _right in KINDS}
_WRONG = sorted({wrong for _name, wrong, _right in KINDS})


_ENCODES: dict[str, dict[str, bool]] = {}
SHORT_REACH = 4  # pieces from a start that are tried without bounding them first
MAX_KNOWN = 50_000  # characters remembered per codec (a text of rare characters brings many)


def _unencodable(run: str, codec: str) -> list[int]:
    """For each offset of ``run``, the first offset at or after it whose character ``codec``
    cannot encode (GB18030: in two bytes), ``len(run)`` if none: a piece ``run[i:j]``
    encodes exactly when ``j`` is at most the value at ``i``.

    >>> _unencodable("aéb中", "latin-1")
    [3, 3, 3, 3, 4]
    >>> _unencodable("中\U00020000文", "gb18030")
    [1, 1, 3, 3]
    """
    known = _ENCODES.setdefault(codec, {})
    if len(known) > MAX_KNOWN:
        known.clear()
    out = [len(run)] * (len(run) + 1)
    for k in range(len(run) - 1, -1, -1):
        c = run[k]
        ok = known.get(c)
        if ok is None:
            ok = known[c] = _encodes(c, codec)
        out[k] = out[k + 1] if ok else k
    return out


def _encodes(c: str, codec: str) -> bool:
    """Can ``codec`` encode ``c`` (GB18030: in at most two bytes, as a GBK decoder wrote)?
    No codec a text is wrongly read with has a form of two bytes or fewer for a character
    beyond the Basic Multilingual Plane (CJK extension B and on).

    >>> _encodes("中", "gb18030"), _encodes("\U00020000", "gb18030"), _encodes("é", "big5")
    (True, False, False)
    """
    if c > "\uffff":
        return False
    try:
        return len(c.encode(codec)) <= 2
    except UnicodeEncodeError:
        return False


def _reach(run: str, i: int, top: int, pairs: list[tuple[str, str]],
           limits: dict[str, list[int]]) -> dict[str, int]:
    """For each wrong codec, the end of the longest piece ``run[i:j]`` (``j`` at most
    ``top``) that it and some right codec could read (``i`` if none): encoded with the wrong
    codec, its bytes must decode with the right one, and a strict decoder that fails at a
    byte fails on every longer piece too (the codecs are stateless: a piece's bytes are a
    prefix of a longer piece's). One encoding and one decoding per pair bound the search at
    ``i``, instead of a try per piece and codec.

    >>> _reach("浜烘皯鏃ユ姤", 0, 6, [("gb18030", "utf-8")], {"gb18030": [6] * 7})
    {'gb18030': 6}
    >>> _reach("龘靐齉鱻爩驫", 0, 6, [("gb18030", "utf-8")], {"gb18030": [6] * 7})
    {'gb18030': 0}
    """
    reach = dict.fromkeys(limits, i)
    encoded: dict[str, bytes] = {}
    for wrong, right in pairs:
        end = min(top, limits[wrong][i])
        if end <= max(reach[wrong], i + 1):
            continue  # no piece of two characters, or none longer than one already possible
        if end - i <= SHORT_REACH:
            reach[wrong] = end  # a few pieces: cheaper to try them than to bound them
            continue
        data = encoded.get(wrong)
        if data is None:
            data = encoded[wrong] = run[i:end].encode(wrong)
        try:
            data.decode(right)
            reach[wrong] = end
        except UnicodeDecodeError as err:
            # the characters whose bytes all lie before the failing byte
            reach[wrong] = max(reach[wrong], i + len(data[: err.start].decode(wrong, "ignore")))
    return reach


def _four_byte(piece: str, data: bytes | None = None) -> bool:
    """Does ``piece`` hold a character outside GBK (``Ã``, ``Ø``: GB18030's four-byte forms)?

    ``data``: ``piece`` in GB18030, if the caller has it.

    >>> _four_byte("浜烘皯"), _four_byte("Ø±Ø³")
    (False, True)
    """
    if data is None:
        data = piece.encode("gb18030")
    ascii_count = len(piece.encode("ascii", "ignore"))
    return len(data) > ascii_count + 2 * (len(piece) - ascii_count)


def _try_lossy(lm: DocLM, piece: str) -> Reading | None:
    """UTF-8 read as GBK/Big5 by a decoder that wrote one U+FFFD or "?" per byte it lost."""
    best: Reading | None = None
    for name, wrong in LOSSY.items():
        toks = tokens(piece, wrong)
        if toks is None:
            continue
        reading = decode(lm, toks)
        if reading is None or reading.text == piece:
            continue
        gain = _better(lm, piece, reading.text)
        if gain is not None and (best is None or gain > best.gain):
            new, guessed, lost = resolve(lm, reading, "\n", "\n")
            best = Reading(new, name, gain, "".join(new[h.index] for h in guessed), len(lost),
                           family="lost_bytes")
            if gain >= CLEAR_GAIN:
                break  # the GBK reading is clearly right: Big5 readings need not be tried
    return best


def repair_lines(
    text: str,
    lm: DocLM,
    rare: bool,
    avoid: list[tuple[int, int]] | None = None,
    western: bool = True,
    done: list[tuple[int, int]] | None = None,
) -> list[DoubleRepair]:
    """Repairs per line, or per garbled run of a line when the whole line does not decode.

    ``rare`` says the document has lines full of characters Chinese news rarely uses, the
    sign of a CJK double decoding; ``western`` says the document shows runs of CJK bytes read
    as Latin-1/cp1252, and then a Latin-1 character in a line is the sign of a Western one.
    A line may show both (Big5 read as GBK yields the odd ``¨``), so both are tried.
    Pieces of a line are not taken from inside ``avoid`` (windows where a misaligned GBK
    stream shows itself with a ``?``: its out-of-step characters can read as Big5 by chance).
    Lines that overlap ``done`` (repaired by another family) are left alone.
    """
    avoid = avoid or []
    done_lines = done or []
    out: list[DoubleRepair] = []
    ja_text = rare and japanese_document(text)
    for start, line in lines(text):
        latin = western and bool(LATIN.search(line))
        # Japanese is text in another script, never CJK bytes read wrongly (いると is not
        # Big5's 中月午 read as GBK, フォーカ not 白巧奈市)
        cjk = rare and not (KANA.search(line) if ja_text
                            else japanese_line(line) or katakana_word(line))
        if not latin and not cjk or line.isascii():
            continue
        if any(s < start + len(line) and start < e for s, e in done_lines):
            continue
        whole = _try_kinds(lm, line, latin, cjk)
        if whole:
            out.append(_repair(start, start + len(line), whole))
            continue
        if "\ufffd" in line:
            continue  # bytes were lost and no reading explains the line: no half repair
        # pieces are searched for only in a line that shows rare characters itself (full of
        # them, or a dense run): a document's clean lines, once its garbled ones are repaired,
        # are not searched again at every later look
        patterns = ([LATIN_RUN] if latin else []) + ([RUN] if cjk and rare_line(line) else [])
        # pinyin annotations (亳(bó)) are real text: no garbled piece starts in or crosses one
        masked = PINYIN_BITS.sub(lambda m: "\x00" * len(m.group()), line)
        done: list[tuple[int, int]] = []
        for pattern in patterns:
            for m in pattern.finditer(masked):
                if any(m.start() < e and s < m.end() for s, e in done):
                    continue
                west_run = pattern is LATIN_RUN  # (not ``western``: the next line needs it)
                for a, b, reading in _pieces(lm, m.group(), west_run, not west_run):
                    s0 = start + m.start()
                    if not west_run and any(s0 + a < e and s < s0 + b for s, e in avoid):
                        continue
                    out.append(_repair(s0 + a, s0 + b, reading))
                    done.append((m.start() + a, m.start() + b))
    return out


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with the offset it starts at.

    >>> list(lines("ab\\ncd"))
    [(0, 'ab'), (3, 'cd')]
    """
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _repair(start: int, end: int, r: Reading) -> DoubleRepair:
    return DoubleRepair(start, end, r.new, r.kind, _conf(r.gain, bool(r.guessed or r.lost)),
                        r.guessed, r.lost, r.family)


def _looks_garbled(piece: str) -> bool:
    """A CJK piece worth reading another way: long enough and mostly uncommon characters.

    Pieces of real text (a Traditional word inside a misaligned-GBK line, say) are mostly
    common characters; a short piece can decode into something plausible by chance.
    """
    if len(piece) < MIN_PIECE:
        return False
    wide = sum(1 for c in piece if ord(c) > 0x7F)
    return len(rare_pattern().findall(piece)) >= PIECE_RARE_SHARE * max(1, wide)


def _pieces(lm: DocLM, run: str, latin: bool, cjk: bool) -> list[tuple[int, int, Reading]]:
    """Greedy longest garbled pieces of a run that mixes garbled and clean text.

    Only pieces some usable codec encodes and some right codec could decode are tried
    (:func:`_unencodable`, :func:`_reach`): a run of characters no wrong codec writes (CJK
    extension B) costs a pass over the run, and a run of rare characters that the codecs do
    write, a few tries per start instead of one per piece.
    """
    garbled = cjk and _looks_garbled(run) and not KANA_WORD.search(run)
    got = _try_kinds(lm, run, latin, garbled)
    if got:
        return [_clean_ends_back(lm, run, 0, len(run), got, latin, garbled)]
    n = min(len(run), MAX_RUN)
    usable = sorted({w for name, w, _r in KINDS if (latin if _FAMILY[name] == "latin1" else cjk)})
    if not usable or not _TWO_BMP.search(run, 0, n):
        return []  # no codec encodes a character beyond the BMP: no piece of two encodes
    limits = {codec: _unencodable(run[:n], codec) for codec in usable}
    # where a piece may start: some codec encodes at least two characters from there
    tops = [min(n, t) for t in map(max, zip(*limits.values(), strict=True))]
    starts = [k for k in range(n - 1) if tops[k] > k + 1]
    if not starts:
        return []
    # prefix counts of wide and of rare characters: _looks_garbled of any piece in O(1)
    rare_at = {m.start() for m in rare_pattern().finditer(run, 0, n)}
    wide = [0, *accumulate(ord(ch) > 0x7F for ch in run[:n])]
    rare = [0, *accumulate(k in rare_at for k in range(n))]
    pairs = sorted({(w, r) for name, w, r in KINDS if w in limits
                    and (latin if _FAMILY[name] == "latin1" else cjk)})
    out = []
    i = 0
    for at in starts:
        if at < i:
            continue  # inside a piece already taken
        i = at
        # no piece longer than some usable codec can encode has a reading, nor one whose
        # bytes no right codec decodes
        reach = _reach(run, i, tops[i], pairs, limits)
        for j in range(max(reach.values()), i + 1, -1):
            # worth reading as CJK bytes: three wide characters or more, half of them rare,
            # no kana word, and no kana at all in a piece of the shortest length (結城みさ:
            # any three characters read as something)
            garbled = cjk and wide[j] - wide[i] >= MIN_PIECE and (
                rare[j] - rare[i] >= PIECE_RARE_SHARE * max(1, wide[j] - wide[i])
            ) and not KANA_WORD.search(run, i, j) \
                and (wide[j] - wide[i] > MIN_PIECE or not KANA.search(run, i, j))
            if not (latin or garbled):
                continue  # no family of readings is worth trying on this piece
            # (a codec that cannot read the piece would only fail to: it is not tried)
            encodable = {codec: j <= end for codec, end in reach.items()}
            encodable.update((codec, False) for codec in _WRONG if codec not in limits)
            got = _try_kinds(lm, run[i:j], latin, garbled, lossy=False, encodable=encodable)
            if got and not _chance_han(got):
                out.append(_clean_ends_back(lm, run, i, j, got, latin, garbled))
                i = j
                break
    return out


MAX_TRIM = 10  # characters a piece may give back at each end (a clause)


def _clean_ends_back(lm: DocLM, run: str, i: int, j: int, got: Reading, latin: bool,
                     cjk: bool) -> tuple[int, int, Reading]:
    """The piece ``run[i:j]`` read as ``got``, with the clean characters it took in at its
    ends given back.

    The search takes the longest piece that reads, and the clean characters around a garbled
    run often read too (说 is ``CB B5`` in GBK, which UTF-8 reads as ``˵``): a character
    goes back to the text, one at a time from each end, when the rest of the piece still
    reads and the stretch (the piece and a character on each side) reads at least as well
    with that character as written.
    """
    lo, hi = max(0, i - 1), j + 1  # the stretch compared: the piece and a character each side

    def plausibility(a: int, b: int, reading: Reading) -> float:
        return lm.score(run[lo:a] + reading.new + run[b:hi])

    best = plausibility(i, j, got)
    for left in (True, False):
        for _ in range(MAX_TRIM):
            a, b = (i + 1, j) if left else (i, j - 1)
            if b - a < (2 if latin else MIN_PIECE):
                break
            shorter = _try_kinds(lm, run[a:b], latin, cjk, lossy=False)
            if shorter is None or _chance_han(shorter):
                break
            value = plausibility(a, b, shorter)
            if value < best:
                break  # (as likely: the smaller repair, which leaves more as written)
            i, j, got, best = a, b, shorter, value
    return i, j, got


MIN_HAN = 2  # Han characters a piece of a Latin run must make when read as GBK or Big5 bytes
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _chance_han(reading: Reading) -> bool:
    """Is ``reading`` a piece of Latin text read as GBK or Big5 bytes that makes too few Han
    characters to be evidence? Nearly any two high bytes are one character in those codecs,
    so a piece that makes one (``¬ã`` is 研 in Big5, ``¢â`` a full-width T) is chance: text
    in another script is never turned into Hanzi on that.

    >>> _chance_han(Reading("研", "big5_as_latin1", 3.0))
    True
    >>> _chance_han(Reading("人民日報", "gbk_as_latin1", 3.0))
    False
    >>> _chance_han(Reading("né", "utf8_as_latin1", 3.0))
    False
    """
    cjk = reading.kind.startswith(("gbk_as", "big5_as")) and family(reading.kind) == "latin1"
    return cjk and len(_HAN.findall(reading.new)) < MIN_HAN


def _conf(gain: float, guessed: bool = False) -> float:
    conf = round(min(0.99, 0.5 + gain / 10.0), 3)
    return min(conf, 0.6) if guessed else conf
