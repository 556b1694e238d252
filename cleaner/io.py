"""Reading and writing corpora: text trees and JSONL (plain, .gz, .zst, stdin/stdout).

Readers stream: one record at a time, so memory stays flat however large the input. A bad
record (undecodable file, broken JSON line, missing text field) does not stop the run: it is
yielded as an :class:`InputProblem` naming the file and line, and every other record still
flows. Writers are atomic: output goes to a temporary file beside the target and is renamed
into place only when complete, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
DEFAULT_MAX_CHARS = 20_000_000


@dataclass(slots=True)
class Record:
    """One document read from an input, with everything needed to write it back."""

    id: str
    text: str
    source: str
    fields: dict[str, Any] = field(default_factory=dict)
    rel_path: str = ""
    encoding: str = "utf-8"


@dataclass(slots=True)
class InputProblem:
    """A record that could not be read; ``where`` is ``path`` or ``path:line``."""

    where: str
    message: str
    fields: dict[str, Any] | None = None  # the parsed JSON record, when there was one
    raw: str | None = None  # the raw line, when it could not be parsed

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def is_jsonl(path: str | Path) -> bool:
    name = str(path)
    return name == "-" or name.lower().endswith(JSONL_SUFFIXES)


# -- decoding ---------------------------------------------------------------------------

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


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- reading ----------------------------------------------------------------------------

def iter_text_files(root: Path) -> Iterator[Path]:
    """Text files under a directory, sorted, hidden files and folders skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not is_jsonl(name):
                yield Path(dirpath) / name


def read_text_file(path: Path, rel_path: str, max_chars: int = DEFAULT_MAX_CHARS
                   ) -> Record | InputProblem:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputProblem(str(path), f"cannot read: {exc.strerror or exc}")
    if len(data) > max_chars * 4:
        return InputProblem(str(path), f"document too large ({len(data):,} bytes)")
    try:
        text, encoding = decode_bytes(data, str(path))
    except ValueError as exc:
        return InputProblem(str(path), str(exc))
    doc_id = str(Path(rel_path).with_suffix("")) if rel_path else path.stem
    return Record(id=doc_id, text=normalize_newlines(text), source=str(path), rel_path=rel_path,
                  encoding=encoding)


def open_text_stream(path: str | Path, mode: str = "rt") -> IO[str]:
    """Open plain, gzip or zstd JSONL for reading text; ``-`` is stdin."""
    name = str(path)
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    if name.endswith(".gz"):
        return gzip.open(name, mode, encoding="utf-8", errors="surrogateescape")
    if name.endswith(".zst"):
        import zstandard

        raw = open(name, "rb")  # noqa: SIM115 - closed with the wrapper
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.TextIOWrapper(reader, encoding="utf-8", errors="surrogateescape")
    return open(name, mode, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115


def read_jsonl(path: str | Path, text_field: str = "text", id_field: str = "id",
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | InputProblem]:
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
                yield _jsonl_record(line, f"{label}:{lineno}", text_field, id_field, max_chars)
        except (OSError, EOFError, ValueError) as exc:  # truncated gzip/zstd stream
            yield InputProblem(f"{label}:{lineno + 1}", f"stream ends early: {exc}")


def _jsonl_record(line: str, where: str, text_field: str, id_field: str,
                  max_chars: int) -> Record | InputProblem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(where, f"broken JSON ({exc.msg} at column {exc.colno})",
                            raw=line.rstrip("\n"))
    if not isinstance(obj, dict):
        return InputProblem(where, "JSON line is not an object", raw=line.rstrip("\n"))
    text = obj.get(text_field)
    if not isinstance(text, str):
        return InputProblem(where, f"no string field {text_field!r}", fields=obj)
    if _has_surrogates(text):
        return InputProblem(where, "text field holds bytes that are not UTF-8", fields=obj)
    if len(text) > max_chars:
        return InputProblem(where, f"document too large ({len(text):,} characters)", fields=obj)
    doc_id = obj.get(id_field)
    doc_id = str(doc_id) if doc_id is not None else where.rsplit(":", 1)[-1]
    return Record(id=doc_id, text=normalize_newlines(text), source=where, fields=obj)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_records(paths: Iterable[str | Path], text_field: str = "text", id_field: str = "id",
                 max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | InputProblem]:
    """Every record of every input, in order; problems come as :class:`InputProblem`."""
    for raw in paths:
        name = str(raw)
        if is_jsonl(name):
            yield from read_jsonl(name, text_field, id_field, max_chars)
            continue
        path = Path(name)
        if path.is_dir():
            for file in iter_text_files(path):
                yield read_text_file(file, str(file.relative_to(path)), max_chars)
        elif path.is_file():
            yield read_text_file(path, path.name, max_chars)
        else:
            yield InputProblem(name, "no such file or directory")


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many records the inputs hold, when that is cheap to know (text trees only)."""
    total = 0
    for raw in paths:
        if is_jsonl(raw):
            return None
        path = Path(raw)
        total += sum(1 for _ in iter_text_files(path)) if path.is_dir() else 1
    return total


# -- writing ----------------------------------------------------------------------------

@contextlib.contextmanager
def atomic_writer(path: str | Path, binary: bool = False) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it into place on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})
                       ) as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class JsonlWriter:
    """Atomic JSONL writer for ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst`` or ``-`` (stdout)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._ctx: contextlib.AbstractContextManager[IO[Any]] | None = None
        self._raw: IO[Any] | None = None
        self._out: IO[str] | None = None

    def __enter__(self) -> JsonlWriter:
        if self.path == "-":
            self._out = sys.stdout
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
        self._out = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
        return self

    def write(self, obj: dict[str, Any]) -> None:
        assert self._out is not None
        self._out.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path == "-":
            sys.stdout.flush()
            return
        assert self._out is not None and self._ctx is not None
        try:
            self._out.flush()
            if self._out.buffer is not self._raw:
                self._out.close()  # closes the gzip/zstd layer, not the file
            else:
                self._out.detach()
        finally:
            self._ctx.__exit__(exc_type, exc, tb)


def write_records(path: str | Path, records: Iterable[dict[str, Any]]) -> int:
    """Write dicts as JSONL atomically; returns how many were written."""
    count = 0
    with JsonlWriter(path) as writer:
        for obj in records:
            writer.write(obj)
            count += 1
    return count


def write_text(path: str | Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text if text.endswith("\n") or not text else text + "\n")
