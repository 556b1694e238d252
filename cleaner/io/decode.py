"""Bytes of a text file to ``str``, with the encoding that was used.

Chinese text files come in UTF-8, GB18030 (often labelled gb2312/gbk), Big5 and UTF-16; the
encoding is decided here once and recorded per document.
"""

from __future__ import annotations

import re

# Control characters a text file does not hold (tab, newline, form feed and carriage return do).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Decode a text file's bytes; returns (text, encoding) or raises ValueError naming why.

    A byte-order mark decides. NUL bytes never occur in text of a byte-oriented encoding, so
    a file holding them is UTF-32 or UTF-16 (recognised by where the NULs fall and by
    decoding cleanly to text without control characters) or it is binary, even when the bytes
    happen to be valid UTF-8. Otherwise UTF-8 first (it is almost always right and validation
    is exact), then charset-normalizer chooses among the encodings Chinese pages really use.

    >>> decode_bytes("新闻\\n".encode("utf-16-le"), "x")
    ('新闻\\n', 'utf-16-le')
    >>> decode_bytes(b"ab\\x00cd", "x")
    Traceback (most recent call last):
    ...
    ValueError: binary file (NUL bytes), not text
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", "UTF-32 with a byte-order mark"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "UTF-16 with a byte-order mark"), "utf-16"
    if b"\x00" in data:
        for encoding in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
            text = _plausible(data, encoding, 0.9)
            if text is not None:
                return text, encoding
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) >= 32:  # pure Chinese UTF-16 has no NUL bytes at all
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _plausible(data, encoding, 1.0)
            if text is not None:
                return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8", "big5hkscs",
                                          "cp1252", "euc_jp", "shift_jis", "euc_kr"]).best()
    if best is None:
        raise ValueError("cannot detect the text encoding (not UTF-8, GB18030, Big5 or UTF-16)")
    encoding = best.encoding.replace("_", "-")
    text = str(best)
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"
        text = data.decode("gb18030", errors="replace")
    if _CONTROL.search(text):
        raise ValueError(f"binary file (control characters when read as {encoding}), not text")
    return text, encoding


def _strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"broken {what} at byte {exc.start}") from exc


_TEXTLIKE = re.compile("[\t\n\r -~\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff"
                       "\uff00-\uffef]")
_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plausible(data: bytes, encoding: str, share: float) -> str | None:
    """``data`` read as a UTF-16/32 ``encoding`` when that reads as text, else None.

    Text means: a strict decode, no control characters, and at least ``share`` of the
    characters ASCII, Latin, general punctuation or CJK (``share`` 1.0: all CJK, the test for
    UTF-16 without NULs). Bytes of GB18030 or Big5 read as UTF-16 land in the CJK block about
    two times in five per unit, so 16 units or more, all CJK, leave a chance under one in a
    million of taking such a file for UTF-16; random binary reads as scattered code points.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if not text or _CONTROL.search(text):
        return None
    pattern = _CJK if share >= 1.0 else _TEXTLIKE
    return text if len(pattern.findall(text)) >= share * len(text) else None
