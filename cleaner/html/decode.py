"""Bytes of a web page to ``str``: which charset, and how that was decided.

Declared charsets lie on Chinese pages: "gb2312" pages hold GBK-only characters, "utf-8"
templates wrap GBK articles, and many pages declare nothing. The order of evidence is the
byte-order mark, the HTTP header (WARC records), the ``<meta>`` charset, then the bytes
themselves. Every declaration is *checked against the bytes*: it wins only if the page
decodes under it without an error. gb2312/gbk are read as GB18030 (their superset) and big5
as Big5-HKSCS, so a declaration that names the smaller table still decodes the page. Bytes
that are valid UTF-8 with multi-byte sequences are UTF-8 whatever the page says (legacy
Chinese text is practically never valid UTF-8). charset-normalizer decides last, between the
encodings that decoded without an error. Only when no encoding decodes every byte is the
page decoded with U+FFFD, and the number of replaced bytes is recorded.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
    "x-gbk": "gb18030", "gb_2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs", "utf8": "utf-8", "utf-8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "windows-1252": "cp1252",
}
"""Declared names → the codec that reads such pages as browsers do (WHATWG Encoding)."""

_META_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")
# A gzip member left compressed is binary here; readers open .gz files before decoding.


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded page: the text, the codec used, how it was decided, bytes replaced."""

    text: str
    encoding: str
    decided_by: str
    replaced: int = 0


def codec_for(label: str | None) -> str | None:
    """The codec to read a declared charset with, or None when Python does not know it.

    >>> codec_for("GB2312"), codec_for("big5"), codec_for("UTF8"), codec_for("nonsense")
    ('gb18030', 'big5hkscs', 'utf-8', None)
    """
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv`` (first 8 KB)."""
    match = _META_RE.search(data[:8192])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_page(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode a page's bytes; raises ValueError only for binary data.

    >>> decode_page('<meta charset="gb2312"><p>镕</p>'.encode("gb18030")).encoding
    'gb18030'
    >>> d = decode_page('<meta charset="utf-8"><p>新闻正文</p>'.encode("gbk"))
    >>> d.text[-11:], d.encoding, d.decided_by.endswith("declared utf-8 does not decode")
    ('<p>新闻正文</p>', 'gb18030', True)
    """
    if not data:
        return Decoded("", "utf-8", "empty")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(codec, "replace"), codec, "bom")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise ValueError("binary data, not an HTML page")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and not data.isascii():
        declared = codec_for(http_charset) or codec_for(meta_charset(data))
        how = "declared" if declared in (None, "utf-8") else f"bytes: valid UTF-8 (declared {declared})"
        return Decoded(utf8, "utf-8", how if how != "declared" else _source(http_charset, data))
    failed: list[str] = []
    for label, source in ((http_charset, "http-header"), (meta_charset(data), "meta")):
        codec = codec_for(label)
        if codec is None:
            continue
        if codec == "cp1252" and not data.isascii():
            failed.append(codec)  # a Latin declaration on a Chinese portal: check the bytes
            continue
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec, source)
        failed.append(codec)
    if utf8 is not None:  # pure ASCII
        return Decoded(utf8, "utf-8", "bytes: ASCII")
    return _by_bytes(data, failed)


def _source(http_charset: str | None, data: bytes) -> str:
    if codec_for(http_charset) == "utf-8":
        return "http-header"
    if codec_for(meta_charset(data)) == "utf-8":
        return "meta"
    return "bytes: valid UTF-8"


def _by_bytes(data: bytes, failed: list[str]) -> Decoded:
    """No declaration decodes the bytes: try the encodings Chinese pages use, strictly."""
    note = f"declared {failed[0]} does not decode" if failed else "undeclared"
    fits = {codec: text for codec in ("gb18030", "big5hkscs")
            if (text := _strict(data, codec)) is not None}
    if len(fits) == 1:
        codec, text = next(iter(fits.items()))
        return Decoded(text, codec, f"bytes: {note}")
    if len(fits) == 2:
        codec = _normalizer_choice(data, list(fits)) or "gb18030"
        return Decoded(fits[codec], codec, f"charset-normalizer: {note}")
    # Nothing decodes every byte: the legacy encoding with the fewest errors, U+FFFD for the rest.
    best = min(("gb18030", "big5hkscs", "utf-8"), key=lambda c: _errors(data, c))
    text = data.decode(best, "replace")
    return Decoded(text, best, f"fewest errors: {note}", _errors(data, best))


def _normalizer_choice(data: bytes, codecs_: list[str]) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=codecs_).best()
    if best is None:
        return None
    name = best.encoding.replace("_", "")
    return next((c for c in codecs_ if c.replace("-", "") == name), None)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _errors(data: bytes, codec: str) -> int:
    """How many U+FFFD a lossy decoding would leave."""
    return data.decode(codec, "replace").count("\ufffd")
