"""Parquet in and out (pyarrow): a ``.parquet`` file or a directory of them, streamed by batches.

Reading goes file by file (a directory is read in sorted path order, like a text tree) and
record batch by record batch, so memory holds one batch, however large the dataset. Every
column comes through in :attr:`Record.fields` with its Python value (timestamps stay
``datetime``, binary stays ``bytes``), and the writer puts each input column back with the
type it had.

The ``cleaner`` column (rules fired, metadata from removed chrome, edits) is written as a JSON
**string**, not a struct. A Parquet file has one schema fixed when it is opened, and the
metadata is open-ended: which facts a document yields (author, editor, photo credit, …) is
known only after cleaning it, so a struct inferred from the first batch would reject a later
document carrying a new key, and a schema listing every possible key would be mostly nulls.
A JSON string holds any of them, is what the JSONL output holds, and query engines read it
(DuckDB ``json_extract``, Spark ``from_json``, ``pyarrow.compute`` after ``json.loads``). Reading
turns the string back into an object, so ``cleaner diff`` reviews Parquet output like JSONL.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cleaner.io.atomic import atomic_writer
from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record
from cleaner.io.rows import fields_record

PARQUET_SUFFIXES = (".parquet", ".pq")
JSON_COLUMNS = ("cleaner",)  # object-valued columns stored as JSON strings
BATCH_ROWS = 1024


def is_parquet(path: str | Path) -> bool:
    """A ``.parquet`` file name, or a directory holding Parquet files (a dataset)."""
    name = str(path)
    if name.lower().endswith(PARQUET_SUFFIXES):
        return True
    p = Path(name)
    return p.is_dir() and next(iter(parquet_files(p)), None) is not None


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of a file or dataset directory, sorted; hidden files skipped."""
    p = Path(path)
    if not p.is_dir():
        return [p]
    return sorted(f for f in p.rglob("*") if f.suffix.lower() in PARQUET_SUFFIXES
                  and f.is_file() and not any(part.startswith((".", "_"))
                                              for part in f.relative_to(p).parts))


def _require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:  # pragma: no cover - pyarrow is in the dev extra
        raise ImportError("Parquet needs pyarrow: pip install 'cleaner[parquet]'") from exc
    return pyarrow


def read_parquet(path: str | Path, text_field: str = "text", id_field: str = "id",
                 max_chars: int = DEFAULT_MAX_CHARS, batch_rows: int = BATCH_ROWS,
                 html_field: str = "") -> Iterator[Record | InputProblem]:
    """Every row of a Parquet file or dataset directory as a :class:`Record`, streaming.

    A row whose text column is missing or not a string, or is too long, is an
    :class:`InputProblem` carrying the row, so writers can pass it through unchanged."""
    _require_pyarrow()
    import pyarrow.parquet as pq

    files = parquet_files(path)
    if not files:
        yield InputProblem(str(path), "no Parquet files in this directory")
        return
    for file in files:
        try:
            reader = pq.ParquetFile(file)
        except (OSError, ValueError) as exc:
            yield InputProblem(str(file), f"cannot read Parquet: {exc}")
            continue
        row = 0
        try:
            for batch in reader.iter_batches(batch_size=batch_rows):
                for obj in batch.to_pylist():
                    row += 1
                    yield _record(obj, f"{file}:{row}", text_field, id_field, max_chars,
                                  html_field)
        except (OSError, ValueError) as exc:  # a corrupt row group: report, keep the rest
            yield InputProblem(f"{file}:{row + 1}", f"cannot read Parquet: {exc}")


def _record(obj: dict[str, Any], where: str, text_field: str, id_field: str,
            max_chars: int, html_field: str = "") -> Record | InputProblem:
    for name in JSON_COLUMNS:
        value = obj.get(name)
        if isinstance(value, str) and value.startswith("{"):
            with contextlib.suppress(json.JSONDecodeError):  # not ours: keep the string
                obj[name] = json.loads(value)
    return fields_record(obj, where, text_field, id_field, max_chars, html_field,
                         html_types=(str, bytes), unit="column")


def count_parquet(path: str | Path) -> int:
    """Rows in a Parquet file or dataset, from the footers (no data is read)."""
    _require_pyarrow()
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in parquet_files(path))


def parquet_schema(paths: Iterable[str | Path]) -> Any:
    """The Arrow schema of the Parquet inputs among ``paths`` (unified), or ``None``."""
    schemas = []
    for raw in paths:
        if is_parquet(raw) and Path(raw).exists():
            import pyarrow.parquet as pq

            schemas += [pq.read_schema(f) for f in parquet_files(raw)]
    if not schemas:
        return None
    import pyarrow as pa

    return pa.unify_schemas(schemas, promote_options="permissive")


def _added_types() -> dict[str, Any]:
    """Types of the columns the commands add, whatever the first batch holds."""
    import pyarrow as pa

    return {"cleaner": pa.string(), "cluster": pa.int64(), "duplicate_of": pa.string(),
            "similarity": pa.float64()}


class ParquetWriter:
    """Atomic Parquet writer taking dicts, written in record batches of ``batch_rows``.

    The schema is fixed by the first batch: the input's own types for the columns it had
    (``schema``), known types for the columns the cleaner adds, and Arrow's inference for the
    rest. A later row with a column the schema lacks is an error, never a silent drop."""

    def __init__(self, path: str | Path, schema: Any = None, batch_rows: int = BATCH_ROWS,
                 text_field: str = "text") -> None:
        self.pa = _require_pyarrow()
        self.path = str(path)
        self.base = schema
        self.batch_rows = batch_rows
        self.text_field = text_field
        self.schema: Any = None
        self._rows: list[dict[str, Any]] = []
        self._ctx: Any = None
        self._writer: Any = None
        self.written = 0

    def __enter__(self) -> ParquetWriter:
        self._ctx = atomic_writer(self.path, binary=True)
        self._raw = self._ctx.__enter__()
        return self

    def write(self, obj: dict[str, Any]) -> None:
        row = dict(obj)
        for name in JSON_COLUMNS:
            if isinstance(row.get(name), dict):
                row[name] = json.dumps(row[name], ensure_ascii=False, default=str)
        self._rows.append(row)
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _schema_for(self, rows: list[dict[str, Any]]) -> Any:
        pa = self.pa
        names = list(dict.fromkeys(k for r in rows for k in r))
        base = {f.name: f for f in self.base} if self.base is not None else {}
        added = _added_types()
        fields = []
        for name in names:
            if name in base:
                fields.append(base[name])
                continue
            kind = added.get(name) or (pa.string() if name == self.text_field else None)
            if kind is None:
                kind = pa.array([r.get(name) for r in rows]).type
                kind = pa.string() if pa.types.is_null(kind) else kind
            fields.append(pa.field(name, kind))
        return pa.schema(fields)

    def _flush(self) -> None:
        if not self._rows:
            return
        import pyarrow.parquet as pq

        if self.schema is None:
            self.schema = self._schema_for(self._rows)
            self._writer = pq.ParquetWriter(self._raw, self.schema, compression="zstd")
        known = set(self.schema.names)
        for r in self._rows:
            extra = r.keys() - known
            if extra:
                raise ValueError(f"{self.path}: column(s) {', '.join(sorted(extra))} appear "
                                 "after the first batch fixed the Parquet schema")
        try:
            table = self.pa.Table.from_pylist(self._rows, schema=self.schema)
        except (self.pa.ArrowInvalid, self.pa.ArrowTypeError) as exc:
            raise ValueError(f"{self.path}: a row does not fit the Parquet schema: {exc}"
                             ) from exc
        self._writer.write_table(table)
        self.written += len(self._rows)
        self._rows.clear()

    def _finish(self) -> None:
        self._flush()
        if self._writer is None:  # no rows: an empty file with the input's columns
            import pyarrow.parquet as pq

            schema = self.base if self.base is not None else self.pa.schema([])
            self._writer = pq.ParquetWriter(self._raw, schema)
        self._writer.close()

    def __exit__(self, exc_type, exc, tb) -> None:
        failure = None
        if exc_type is None:
            try:
                self._finish()
            except BaseException as err:  # the partial file is removed, never renamed
                failure = err
                exc_type, exc, tb = type(err), err, err.__traceback__
        if exc_type is not None and self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
        self._ctx.__exit__(exc_type, exc, tb)
        if failure is not None:
            raise failure
