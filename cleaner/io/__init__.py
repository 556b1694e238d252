"""Reading and writing corpora: one module per format, one entry point to read them all.

Readers stream: one record at a time, so memory stays flat however large the input. A bad
record (undecodable file, broken JSON line, missing text field) does not stop the run: it is
yielded as an :class:`InputProblem` naming the file and line, and every other record still
flows. Writers are atomic: output goes to a temporary file beside the target and is renamed
into place only when complete, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.io.atomic import atomic_writer, write_text
from cleaner.io.decode import decode_bytes
from cleaner.io.html import is_html, read_html_file
from cleaner.io.jsonl import (
    JSONL_SUFFIXES,
    JsonlWriter,
    is_jsonl,
    open_text_stream,
    read_jsonl,
    write_records,
    write_rejects,
)
from cleaner.io.parquet import ParquetWriter, count_parquet, is_parquet, parquet_schema, read_parquet
from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record, normalize_newlines
from cleaner.io.textfiles import iter_text_files, read_text_file
from cleaner.io.warc import is_warc, read_warc

__all__ = [
    "DEFAULT_MAX_CHARS", "JSONL_SUFFIXES", "InputProblem", "JsonlWriter", "Record", "atomic_writer",
    "count_inputs", "decode_bytes", "is_jsonl", "iter_text_files", "normalize_newlines",
    "open_text_stream", "read_jsonl", "read_records", "read_text_file", "write_records",
    "write_rejects", "write_text", "ParquetWriter", "is_parquet", "is_record_output", "read_parquet",
    "record_writer",
]


def read_records(paths: Iterable[str | Path], text_field: str = "text", id_field: str = "id",
                 max_chars: int = DEFAULT_MAX_CHARS, html_field: str = "html"
                 ) -> Iterator[Record | InputProblem]:
    """Every record of every input, in order; problems come as :class:`InputProblem`.

    HTML pages (``.html``/``.htm``, also gzipped), WARC files and JSONL records holding a string
    ``html_field`` are read as pages: decoded, flattened and planned by :mod:`cleaner.html`.
    """
    for raw in paths:
        name = str(raw)
        if is_jsonl(name):
            yield from read_jsonl(name, text_field, id_field, max_chars, html_field)
            continue
        if is_parquet(name):
            yield from read_parquet(name, text_field, id_field, max_chars, html_field=html_field)
            continue
        path = Path(name)
        if path.is_dir():
            for file in iter_text_files(path):
                yield from _read_file(file, str(file.relative_to(path)), max_chars)
        elif path.is_file():
            yield from _read_file(path, path.name, max_chars)
        else:
            yield InputProblem(name, "no such file or directory")


def _read_file(path: Path, rel_path: str, max_chars: int) -> Iterator[Record | InputProblem]:
    if is_html(path):
        yield from read_html_file(path, rel_path, max_chars)
    elif is_warc(path):
        yield from read_warc(path, max_chars)
    else:
        yield read_text_file(path, rel_path, max_chars)


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many records the inputs hold, when that is cheap to know (text trees only)."""
    total = 0
    for raw in paths:
        if is_jsonl(raw) or is_warc(raw):
            return None
        if is_parquet(raw):
            total += count_parquet(raw) if Path(raw).exists() else 1
            continue
        path = Path(raw)
        total += sum(1 for _ in iter_text_files(path)) if path.is_dir() else 1
    return total


def is_record_output(path: str | Path) -> bool:
    """An output written record by record: JSONL (or ``-``) or Parquet, chosen by the name."""
    return is_jsonl(path) or str(path).lower().endswith(".parquet")


def record_writer(path: str | Path, inputs: Iterable[str | Path] = (),
                  text_field: str = "text") -> JsonlWriter | ParquetWriter:
    """The writer the output name asks for; Parquet keeps the Parquet inputs' column types."""
    if is_jsonl(path):
        return JsonlWriter(path)
    return ParquetWriter(path, parquet_schema(inputs), text_field=text_field)
