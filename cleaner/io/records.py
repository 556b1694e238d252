"""What readers yield: a :class:`Record` to clean, or an :class:`InputProblem` naming what failed.

Every reader in :mod:`cleaner.io` speaks these two types, so a command treats a text tree, a
JSONL stream or any other format alike and can report a bad record without losing the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    meta: dict[str, Any] = field(default_factory=dict)  # facts known before cleaning (HTML pages)


@dataclass(slots=True)
class InputProblem:
    """A record that could not be read; ``where`` is ``path`` or ``path:line``."""

    where: str
    message: str
    fields: dict[str, Any] | None = None  # the parsed JSON record, when there was one
    raw: str | None = None  # the raw line, when it could not be parsed

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fields_record(obj: dict[str, Any], where: str, text_field: str, id_field: str,
                  max_chars: int, html_field: str = "", html_types: tuple[type, ...] = (str,),
                  unit: str = "field") -> Record | InputProblem:
    """A record from one parsed row (a JSONL object, a Parquet row): the page in
    ``html_field`` when there is one, else the text in ``text_field``; ``unit`` names what a
    field is called in the input's own terms ("field", "column") in the problem it reports."""
    if html_field and isinstance(obj.get(html_field), html_types):  # a page: its article
        from cleaner.io.html import html_field_record

        return html_field_record(obj, html_field, id_field, where, max_chars)
    text = obj.get(text_field)
    if not isinstance(text, str):
        return InputProblem(where, f"no string {unit} {text_field!r}", fields=obj)
    if len(text) > max_chars:
        return InputProblem(where, f"document too large ({len(text):,} characters)", fields=obj)
    doc_id = obj.get(id_field)
    doc_id = str(doc_id) if doc_id is not None else where.rsplit(":", 1)[-1]
    return Record(id=doc_id, text=normalize_newlines(text), source=where, fields=obj)
