"""Which member of a cluster is kept.

``longest``: the longest clean text, the copy least likely to be trimmed (the default).
``earliest``: the smallest date field (ISO dates sort as text); undated records come last.
``source``: the first source in a priority list; unlisted sources come last.
Ties fall back to the longest text, then to input order, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

POLICIES = ("longest", "earliest", "source")


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a keep policy may look at: clean text length, a date, a source name."""

    length: int = 0
    date: str | None = None
    source: str | None = None

    @classmethod
    def of(cls, length: int, date: object = None, source: object = None) -> DocInfo:
        """From a record's date and source fields, whatever their type (a date, a number):
        compared as text, absent when the field is.

        >>> DocInfo.of(12, 20240101, None)
        DocInfo(length=12, date='20240101', source=None)
        """
        return cls(length, None if date is None else str(date),
                   None if source is None else str(source))


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


def primary_ranks(infos: Sequence[DocInfo], policy: str, priority: Sequence[str] = ()) -> np.ndarray:
    """What ``policy`` compares first, as one integer per document (smaller is preferred).

    ``earliest`` ranks dates among the given documents, so ranks of different batches must be
    compared through :func:`date_ranks` of all dates together; ``longest`` has no first key.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown keep policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "source":
        rank = {name: i for i, name in enumerate(priority)}
        return np.fromiter((rank.get(i.source or "", len(rank)) for i in infos), np.int32,
                           len(infos))
    return np.zeros(len(infos), dtype=np.int32)


def date_ranks(dates: Sequence[str]) -> np.ndarray:
    """Rank of each date (ISO dates sort as text); the empty string (no date) ranks last."""
    values = np.array(list(dates), dtype=object)
    if not len(values):
        return np.zeros(0, np.int64)
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    rank = inverse.astype(np.int64)
    if len(uniq) and uniq[0] == "":
        rank = np.where(rank == 0, len(uniq), rank)
    return rank


def kept_copies(roots: np.ndarray, primary: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """For every document, the document kept in its cluster: smallest ``primary``, then the
    longest, then the earliest in input order (what :func:`choose` picks, for all clusters).

    Only members of clusters with copies are sorted; everyone else keeps itself."""
    n = len(roots)
    kept = np.arange(n, dtype=roots.dtype)
    multi = roots != kept
    multi[roots[multi]] = True
    members = np.flatnonzero(multi).astype(roots.dtype)
    del multi
    if not len(members):
        return kept
    r = roots[members]
    order = np.lexsort((members, -lengths[members].astype(np.int64), primary[members], r))
    members, r = members[order], r[order]
    first = np.ones(len(members), dtype=bool)
    first[1:] = r[1:] != r[:-1]
    kept[members] = members[first][np.cumsum(first) - 1]
    return kept
