"""Bytes of a text file to ``str``, with the encoding that was used.

Chinese text files come in UTF-8, GB18030 (often labelled gb2312/gbk), Big5 and UTF-16; the
encoding is decided here once and recorded per document.
"""

from __future__ import annotations


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Decode a text file's bytes; returns (text, encoding) or raises ValueError naming why.

    UTF-8 first (it is almost always right and validation is exact); otherwise
    charset-normalizer chooses among the encodings Chinese pages really use (GB18030, Big5,
    UTF-16 …). Files with NUL bytes and no UTF-16 shape are binary and refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise ValueError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8", "big5hkscs",
                                          "cp1252", "euc_jp", "shift_jis", "euc_kr"]).best()
    if best is None:
        raise ValueError("cannot detect the text encoding (not UTF-8, GB18030, Big5 or UTF-16)")
    encoding = best.encoding.replace("_", "-")
    text = str(best)
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"
        text = data.decode("gb18030", errors="replace")
    return text, encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    return max(even_nuls, odd_nuls) > len(sample) // 8 and min(even_nuls, odd_nuls) == 0
