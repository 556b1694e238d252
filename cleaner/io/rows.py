"""One parsed row (a JSONL object, a Parquet row) as a :class:`~cleaner.io.records.Record`.

A row carries either a whole HTML page in its HTML field, whose article becomes the text, or the
text itself; both columnar and line formats decide it here, so they treat a row alike. It sits
apart from :mod:`cleaner.io.records` because the page path needs :mod:`cleaner.io.html`, which
itself builds records.
"""

from __future__ import annotations

from typing import Any

from cleaner.io.html import html_field_record
from cleaner.io.records import InputProblem, Record, normalize_newlines


def fields_record(obj: dict[str, Any], where: str, text_field: str, id_field: str,
                  max_chars: int, html_field: str = "", html_types: tuple[type, ...] = (str,),
                  unit: str = "field") -> Record | InputProblem:
    """A record from one parsed row (a JSONL object, a Parquet row): the page in
    ``html_field`` when there is one, else the text in ``text_field``; ``unit`` names what a
    field is called in the input's own terms ("field", "column") in the problem it reports."""
    if html_field and isinstance(obj.get(html_field), html_types):  # a page: its article
        return html_field_record(obj, html_field, id_field, where, max_chars)
    text = obj.get(text_field)
    if not isinstance(text, str):
        return InputProblem(where, _not_text(obj, text_field, unit), fields=obj)
    if len(text) > max_chars:
        return InputProblem(where, f"document too large ({len(text):,} characters)", fields=obj)
    doc_id = obj.get(id_field)
    doc_id = str(doc_id) if doc_id is not None else where.rsplit(":", 1)[-1]
    return Record(id=doc_id, text=normalize_newlines(text), source=where, fields=obj)


def _not_text(obj: dict[str, Any], text_field: str, unit: str) -> str:
    """Why a row has no text, in the input's terms: the field is missing, empty (null), or
    holds something else (a number, a list).

    >>> _not_text({"id": 1}, "text", "field"), _not_text({"text": None}, "text", "column")
    ("no string field 'text' (the row has none)", "no string column 'text' (null)")
    >>> _not_text({"text": 3}, "text", "field")
    "no string field 'text' (an int)"
    """
    if text_field not in obj:
        why = "the row has none"
    elif obj[text_field] is None:
        why = "null"
    else:
        kind = type(obj[text_field]).__name__
        why = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    return f"no string {unit} {text_field!r} ({why})"
