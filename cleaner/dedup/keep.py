"""Which member of a cluster is kept.

``longest``: the longest clean text, the copy least likely to be trimmed (the default).
``earliest``: the smallest date field (ISO dates sort as text); undated records come last.
``source``: the first source in a priority list; unlisted sources come last.
Ties fall back to the longest text, then to input order, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

POLICIES = ("longest", "earliest", "source")


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a keep policy may look at: clean text length, a date, a source name."""

    length: int = 0
    date: str | None = None
    source: str | None = None


def choose(
    members: Sequence[int],
    infos: Sequence[DocInfo],
    policy: str = "longest",
    priority: Sequence[str] = (),
) -> int:
    """The member of ``members`` (document numbers in input order) to keep."""
    if policy not in POLICIES:
        raise ValueError(f"unknown keep policy {policy!r}; choose one of {', '.join(POLICIES)}")
    rank = {name: i for i, name in enumerate(priority)}

    def sort_key(doc: int) -> tuple:
        info = infos[doc]
        if policy == "earliest":
            first: tuple = (info.date is None, info.date or "")
        elif policy == "source":
            first = (rank.get(info.source or "", len(rank)),)
        else:
            first = ()
        return (*first, -info.length, doc)

    return min(members, key=sort_key)
