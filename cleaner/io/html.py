"""HTML pages as records: ``.html``/``.htm`` files (also ``.gz``), and JSONL records with HTML.

A page becomes a :class:`Record` whose text is the page flattened one block per line and whose
``meta`` carries the charset decision, the page's own metadata and the DOM plan the ``html.*``
rules apply (:mod:`cleaner.html.page`). A tree of pages is written back as the same relative
paths with ``.txt``. A page that is binary is an :class:`InputProblem`; one that decodes only
with U+FFFD is kept and reported too, so it is never dropped silently.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz")


def is_html(path: str | Path) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def output_name(rel_path: str) -> str:
    """Where a page's clean text goes in an output tree.

    >>> output_name("news/a.html"), output_name("b.htm.gz")
    ('news/a.txt', 'b.txt')
    """
    name = rel_path[:-3] if rel_path.lower().endswith(".gz") else rel_path
    return str(Path(name).with_suffix(".txt"))


def page_record(data: bytes | str, doc_id: str, where: str, rel_path: str = "",
                fields: dict[str, Any] | None = None, http_charset: str | None = None,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | InputProblem]:
    """One page as a record (and a problem first when it decoded only with replacements)."""
    if len(data) > max_chars * 4:
        yield InputProblem(where, f"page too large ({len(data):,} bytes)", fields=fields)
        return
    from cleaner.html.page import read_page  # lxml and the page reader: only when a page comes

    try:
        page = read_page(data, http_charset)
    except ValueError as exc:
        yield InputProblem(where, str(exc), fields=fields)
        return
    replaced = page.meta.get("html", {}).get("replaced_bytes")
    if replaced:
        yield InputProblem(where, f"{replaced} byte(s) invalid in every candidate encoding "
                                  f"({page.encoding}); kept with U+FFFD")
    yield Record(id=doc_id, text=page.text, source=where, fields=dict(fields or {}),
                 rel_path=rel_path, encoding=page.encoding, meta=page.meta)


def read_html_file(path: Path, rel_path: str, max_chars: int = DEFAULT_MAX_CHARS
                   ) -> Iterator[Record | InputProblem]:
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        yield InputProblem(str(path), f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return
    doc_id = output_name(rel_path or path.name)[:-4]
    yield from page_record(data, doc_id, str(path), output_name(rel_path or path.name),
                           max_chars=max_chars)


def html_field_record(obj: dict[str, Any], html_field: str, id_field: str, where: str,
                      max_chars: int = DEFAULT_MAX_CHARS) -> Record | InputProblem:
    """A JSONL record or Parquet row whose page (text or bytes) is in ``obj[html_field]``; a
    lossy decoding is noted in the record's meta (``html.replaced_bytes``)."""
    doc_id = obj.get(id_field)
    doc_id = str(doc_id) if doc_id is not None else where.rsplit(":", 1)[-1]
    items = list(page_record(obj[html_field], doc_id, where, fields=obj, max_chars=max_chars))
    return items[-1]
