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
