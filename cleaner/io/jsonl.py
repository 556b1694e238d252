"""JSONL in and out: plain, ``.gz``, ``.zst``, or ``-`` for stdin/stdout.

A broken line is an :class:`InputProblem` carrying the raw line, so it can be kept in a rejects
file; every other record still flows. Records keep every field they came with.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cleaner.io.atomic import atomic_writer
from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record
from cleaner.io.rows import fields_record

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")


def is_jsonl(path: str | Path) -> bool:
    name = str(path)
    return name == "-" or name.lower().endswith(JSONL_SUFFIXES)


def open_text_stream(path: str | Path, mode: str = "rt") -> IO[str]:
    """Open plain, gzip or zstd JSONL for reading text; ``-`` is stdin."""
    name = str(path)
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    if name.endswith(".gz"):
        return gzip.open(name, mode, encoding="utf-8", errors="surrogateescape")
    if name.endswith(".zst"):
        raw = open(name, "rb")  # noqa: SIM115 - closed with the wrapper
        return io.TextIOWrapper(io.BufferedReader(ZstdReader(raw)), encoding="utf-8",
                                errors="surrogateescape")
    return open(name, mode, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115


def read_jsonl(path: str | Path, text_field: str = "text", id_field: str = "id",
               max_chars: int = DEFAULT_MAX_CHARS, html_field: str = ""
               ) -> Iterator[Record | InputProblem]:
    name = str(path)
    label = "<stdin>" if name == "-" else name
    try:
        stream = open_text_stream(name)
    except OSError as exc:
        yield InputProblem(label, f"cannot open: {exc.strerror or exc}")
        return
    with stream:
        lineno = 0
        try:
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                yield _jsonl_record(line, f"{label}:{lineno}", text_field, id_field, max_chars,
                                    html_field)
        except (OSError, EOFError, ValueError) as exc:  # truncated gzip/zstd stream
            yield InputProblem(f"{label}:{lineno + 1}", f"stream ends early: {exc}")


def _jsonl_record(line: str, where: str, text_field: str, id_field: str,
                  max_chars: int, html_field: str = "") -> Record | InputProblem:
    obj = json_object(line)
    if isinstance(obj, str):
        return InputProblem(where, obj, raw=line.rstrip("\n"))
    return fields_record(obj, where, text_field, id_field, max_chars, html_field)


def json_object(line: str | bytes) -> dict[str, Any] | str:
    """One JSONL line as the object it holds, or why it holds none (what a reader reports).

    >>> json_object('{"id": 1}'), json_object(b'[1]')
    ({'id': 1}, 'JSON line is not an object')
    >>> json_object('{"id": ')
    'broken JSON (Expecting value at column 8)'
    >>> json_object(b'{"text": "\\xff"}')
    'not UTF-8 (invalid start byte at byte 10)'
    """
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"broken JSON ({exc.msg} at column {exc.colno})"
    except UnicodeDecodeError as exc:  # bytes that are not UTF-8
        return f"not UTF-8 ({exc.reason} at byte {exc.start})"
    if not isinstance(obj, dict):
        return "JSON line is not an object"
    return obj


class ZstdReader(io.RawIOBase):
    """Decompress a zstd file frame by frame, and say so when it stops inside a frame.

    ``zstandard``'s stream reader returns a clean end of file for a truncated stream, which
    would lose the rest of the corpus without a word; corrupt data raises its own error type.
    Both become the ``EOFError``/``ValueError`` every reader reports as "stream ends early".
    """

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._raw = raw
        self._error = zstandard.ZstdError
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._obj = self._new()
        self._in_frame = False
        self._buf = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos >= len(self._buf):
            chunk = self._raw.read(1 << 17)
            if not chunk:
                if self._in_frame:
                    raise EOFError("compressed file ends in the middle of a zstd frame")
                return 0
            try:
                self._buf, self._pos = self._feed(chunk), 0
            except self._error as exc:
                raise ValueError(f"corrupt zstd data: {exc}") from exc
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n

    def _feed(self, data: bytes) -> bytes:
        out = []
        while data:
            self._in_frame = True
            out.append(self._obj.decompress(data))
            if not self._obj.eof:
                break
            data = self._obj.unused_data
            self._obj = self._new()
            self._in_frame = False
        return b"".join(out)

    def close(self) -> None:
        self._raw.close()
        super().close()


def write_rejects(path: str | Path, lines: Iterable[str]) -> int:
    """Keep unparsable lines byte for byte (they were read with ``surrogateescape``)."""
    count = 0
    with atomic_writer(path, binary=True) as handle:
        for line in lines:
            handle.write(line.encode("utf-8", "surrogateescape") + b"\n")
            count += 1
    return count


class JsonlWriter:
    """Atomic JSONL writer for ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst`` or ``-`` (stdout).

    Lines are written as bytes (:func:`encode_line`), so a line encoded elsewhere (a worker
    process, a Ray task) is written as it came, with :meth:`write_encoded`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._ctx: contextlib.AbstractContextManager[IO[Any]] | None = None
        self._raw: IO[Any] | None = None
        self._out: IO[bytes] | None = None

    def __enter__(self) -> JsonlWriter:
        if self.path == "-":
            self._out = sys.stdout.buffer
            return self
        self._ctx = atomic_writer(self.path, binary=True)
        self._raw = self._ctx.__enter__()
        if self.path.endswith(".gz"):
            stream: IO[bytes] = gzip.GzipFile(fileobj=self._raw, mode="wb")
        elif self.path.endswith(".zst"):
            import zstandard

            stream = zstandard.ZstdCompressor().stream_writer(self._raw, closefd=False)
        else:
            stream = self._raw
        # Lines are small: buffer them so a compressor sees large writes.
        self._out = io.BufferedWriter(stream, buffer_size=1 << 16) \
            if stream is not self._raw else stream
        return self

    def write(self, obj: dict[str, Any]) -> None:
        """Write one record."""
        self.write_encoded(encode_line(obj))

    def write_encoded(self, line: bytes) -> None:
        """Write one line :func:`encode_line` made."""
        assert self._out is not None
        self._out.write(line)

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self._out is not None
        if self.path == "-":
            self._out.flush()
            return
        assert self._ctx is not None
        try:
            self._out.flush()
            if self._out is not self._raw:
                self._out.close()  # closes the gzip/zstd layer, not the file
        finally:
            self._ctx.__exit__(exc_type, exc, tb)


def encode_line(obj: dict[str, Any]) -> bytes:
    r"""One record as a JSONL line in UTF-8, newline included.

    Characters stay as they are (not ``\u`` escapes), except in a record holding a lone
    surrogate (a byte that was not UTF-8, in a field or a file name), which UTF-8 cannot
    encode: that record is written with JSON's escapes, which keep it, and the line stays
    valid UTF-8.

    >>> encode_line({"text": "中文"}).decode("utf-8")
    '{"text": "中文"}\n'
    >>> encode_line({"text": "中\udcff"})
    b'{"text": "\\u4e2d\\udcff"}\n'
    """
    try:
        return (json.dumps(obj, ensure_ascii=False, default=_jsonable) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(obj, default=_jsonable) + "\n").encode("ascii")


def _jsonable(value: Any) -> Any:
    """JSON for the values Parquet columns bring: dates and times as ISO text, bytes as
    base64, decimals as text; anything else is a programming error and raises."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        import base64

        return base64.b64encode(value).decode("ascii")
    if type(value).__name__ in ("Decimal", "timedelta"):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_records(path: str | Path, records: Iterable[dict[str, Any]]) -> int:
    """Write dicts as JSONL atomically; returns how many were written."""
    count = 0
    with JsonlWriter(path) as writer:
        for obj in records:
            writer.write(obj)
            count += 1
    return count
