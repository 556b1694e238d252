"""Text trees: every file below a folder is one document (id = its path without suffix)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from cleaner.io.decode import decode_bytes
from cleaner.io.jsonl import is_jsonl
from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record, normalize_newlines


def iter_text_files(root: Path) -> Iterator[Path]:
    """Text files under a directory, sorted, hidden files and folders skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and (name == "-" or not is_jsonl(name)):
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
