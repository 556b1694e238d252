"""Compact per-document storage: strings in one buffer, assignments in arrays.

A Python ``str`` in a list costs ~60 bytes before its first character, a small dataclass ~70;
for 200,000 documents that is more than the signatures. Here ids (and dates) live in UTF-8
buffers with offsets, one buffer per batch, and assignments are four arrays that hand out
:class:`Assignment` objects only when asked. Signatures, the bulk of what is kept (256 bytes per
document), go into :class:`Signatures`: fixed blocks that are filled in place, so they are
never concatenated or copied whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np


class Indexed(Sequence):
    """A sequence whose items are made on demand by ``_make(i)``, ``0 <= i < len(self)``."""

    def _make(self, i: int):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._make(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._make(i)


class Strings(Indexed):
    """An append-only list of strings: one UTF-8 buffer and one offsets array per batch."""

    def __init__(self) -> None:
        self._buffers: list[bytes] = []
        self._offsets: list[np.ndarray] = []
        self._starts = [0]

    def extend(self, values: Sequence[str]) -> None:
        encoded = [v.encode("utf-8", "surrogatepass") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=offsets[1:])
        self._buffers.append(b"".join(encoded))
        self._offsets.append(offsets.astype(np.int32) if offsets[-1] < 2**31 else offsets)
        self._starts.append(self._starts[-1] + len(encoded))

    def __len__(self) -> int:
        return self._starts[-1]

    def _make(self, i: int) -> str:
        b = int(np.searchsorted(self._starts, i, side="right")) - 1
        j = i - self._starts[b]
        lo, hi = self._offsets[b][j], self._offsets[b][j + 1]
        return self._buffers[b][lo:hi].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        for buf, off in zip(self._buffers, self._offsets, strict=True):
            for j in range(len(off) - 1):
                yield buf[off[j] : off[j + 1]].decode("utf-8", "surrogatepass")

    def nbytes(self) -> int:
        return sum(len(b) for b in self._buffers) + sum(o.nbytes for o in self._offsets)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one document landed: its cluster, the kept copy it duplicates, how similar."""

    id: str
    cluster: int
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def kept(self) -> bool:
        return self.duplicate_of is None


class Assignments(Indexed):
    """Assignments in input order, held as arrays: ``cluster``, ``kept_copy`` (the document
    number of the kept copy, ``-1`` for a kept document) and ``similarity`` (NaN when kept)."""

    def __init__(self, ids: Sequence[str], cluster: np.ndarray, kept_copy: np.ndarray,
                 similarity: np.ndarray) -> None:
        self.ids = ids
        self.cluster = cluster
        self.kept_copy = kept_copy
        self.similarity = similarity

    def __len__(self) -> int:
        return len(self.cluster)

    def _make(self, i: int) -> Assignment:
        k = int(self.kept_copy[i])
        if k < 0:
            return Assignment(self.ids[i], int(self.cluster[i]))
        return Assignment(self.ids[i], int(self.cluster[i]), self.ids[k],
                          round(float(self.similarity[i]), 4))

    def __iter__(self) -> Iterator[Assignment]:
        for i in range(len(self)):
            yield self._make(i)

    def members(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Document numbers of the members of clusters with copies, and their ``cluster``
        and ``kept_copy``."""
        roots = np.unique(self.cluster[self.kept_copy >= 0])
        docs = np.flatnonzero(np.isin(self.cluster, roots))
        return docs, self.cluster[docs], self.kept_copy[docs]


class Signatures:
    """Signature rows of everything added, in fixed blocks of ``block`` rows (row ``i`` is row
    ``i % block`` of block ``i // block``): appending never copies what is stored, and reading
    never concatenates. A block is allocated empty, so the operating system backs only the
    rows written so far."""

    def __init__(self, width: int, dtype: type = np.uint16, block: int = 1 << 16) -> None:
        self.width = width
        self.dtype = np.dtype(dtype)
        self.block = block
        self._blocks: list[np.ndarray] = []
        self._len = 0

    @classmethod
    def of(cls, sigs: np.ndarray | Signatures) -> Signatures:
        """A read-only view of one ``(rows, width)`` array (or the store itself)."""
        if isinstance(sigs, Signatures):
            return sigs
        store = cls(sigs.shape[1], sigs.dtype, max(len(sigs), 1))
        store._blocks = [sigs]
        store._len = len(sigs)
        return store

    def __len__(self) -> int:
        return self._len

    @property
    def nbytes(self) -> int:
        return self._len * self.width * self.dtype.itemsize

    def append(self, sigs: np.ndarray) -> None:
        done = 0
        while done < len(sigs):
            at = self._len % self.block
            if at == 0:
                self._blocks.append(np.empty((self.block, self.width), self.dtype))
            take = min(self.block - at, len(sigs) - done)
            self._blocks[-1][at : at + take] = sigs[done : done + take]
            done += take
            self._len += take

    def columns(self, lo: int, hi: int, rows: np.ndarray | None = None) -> np.ndarray:
        """Columns ``lo:hi`` of the given rows (all rows when ``None``), ``(rows, hi - lo)``."""
        if rows is None:
            parts = [b[: min(self.block, self._len - i * self.block), lo:hi]
                     for i, b in enumerate(self._blocks)]
            return np.concatenate(parts) if len(parts) != 1 else parts[0].copy()
        return self._gather(rows, slice(lo, hi))

    def take(self, rows: np.ndarray) -> np.ndarray:
        """Whole rows, ``(len(rows), width)``."""
        return self._gather(rows, slice(None))

    def _gather(self, rows: np.ndarray, cols: slice) -> np.ndarray:
        rows = np.asarray(rows)
        if len(self._blocks) == 1:
            return self._blocks[0][rows, cols]
        width = len(range(*cols.indices(self.width)))
        out = np.empty((len(rows), width), self.dtype)
        which = rows // self.block
        for b in np.unique(which):
            mask = which == b
            out[mask] = self._blocks[b][rows[mask] - b * self.block, cols]
        return out
