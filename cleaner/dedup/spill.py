"""Per-document dedup state on disk, and sorting that never holds more than one run in memory.

What dedup keeps per document (a 256-byte signature, counts, hashes, lengths, ids, dates) grows
with the corpus; here it goes to append-only files in a scratch folder, read back a chunk of
rows at a time or, for the few rows verification needs, one positioned read per row. Grouping
equal keys (exact copies, LSH buckets, distinct candidate pairs) is an external sort: entries
are sorted in runs of at most ``run`` entries, runs past the first are written to disk, and
:meth:`Runs.groups` merges them in blocks that never cut a group of equal keys in two.
An input that fits in one run is simply sorted in memory.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     runs = Runs(tmp, "demo", run=3)
...     runs.add(np.array([5, 1, 5, 2]), np.array([0, 1, 2, 3]))
...     runs.add(np.array([1, 5]), np.array([4, 5]))
...     [(k.tolist(), d.tolist()) for k, d in runs.groups()]
[([1, 1, 2, 5, 5, 5], [1, 4, 3, 0, 2, 5])]
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from cleaner.dedup.store import Indexed
from cleaner.stale import LOCK, hold, owner_note, sweep

CHUNK = 1 << 16  # rows read at a time when streaming a column
RUN = 1 << 18  # entries sorted in memory at a time (~4 MB, ~15 MB while sorting)


class Scratch:
    """A private folder for one dedup's files, removed when nothing refers to it any more
    (the deduper and the result it returned both do).

    The folder is held (:mod:`cleaner.stale`) while this process lives: a run killed outright
    cannot remove its folder, so each new scratch first removes the scratch folders beside it
    whose run is gone (``.cleaner-dedup-*`` in the temporary folder, ``.*.cleaner-scratch``
    beside outputs) and never those of live runs.
    """

    def __init__(self, near: str | Path | None = None) -> None:
        """A new folder in ``near`` (the system's temporary folder when None), or the folder
        ``near`` itself when it ends in ``.cleaner-scratch``: whatever a killed run left there
        is removed first (the caller holds the output's lock, so no live run uses it)."""
        if near is not None and str(near).endswith(".cleaner-scratch"):
            shutil.rmtree(near, ignore_errors=True)
            os.makedirs(near)
            self.folder = Path(near)
        else:
            self.folder = Path(tempfile.mkdtemp(prefix=".cleaner-dedup-", dir=near))
        lock = hold(self.folder / LOCK)
        lock.write(owner_note())
        lock.flush()
        self._done = weakref.finalize(self, _remove, self.folder, lock)
        for pattern in (".cleaner-dedup-*", ".*.cleaner-scratch"):
            sweep(self.folder.parent, pattern)

    def __truediv__(self, name: str) -> Path:
        return self.folder / name


def _remove(folder: Path, lock: IO[bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    lock.close()


class Column:
    """An append-only file of fixed-size rows (``shape`` values of ``dtype`` each)."""

    def __init__(self, path: Path, dtype: np.dtype | type, shape: tuple[int, ...] = ()) -> None:
        self.path = Path(path)
        self.dtype = np.dtype(dtype)
        self.shape = shape
        self._row = self.dtype.itemsize * int(np.prod(shape, dtype=np.int64))
        self._fh = open(self.path, "w+b")  # noqa: SIM115 - owned by the column
        self._len = 0

    def __len__(self) -> int:
        return self._len

    @property
    def nbytes(self) -> int:
        return self._len * self._row

    def append(self, rows: np.ndarray) -> None:
        rows = np.ascontiguousarray(rows, dtype=self.dtype)
        self._fh.seek(0, os.SEEK_END)
        self._fh.write(rows.tobytes())
        self._len += len(rows)

    def read(self, lo: int, hi: int) -> np.ndarray:
        """Rows ``lo:hi`` as an array of their own."""
        hi = min(hi, self._len)
        self._fh.flush()
        count = max(hi - lo, 0)
        self._fh.seek(lo * self._row)
        data = self._fh.read(count * self._row)
        return np.frombuffer(bytearray(data), self.dtype).reshape((count, *self.shape))

    def chunks(self, size: int = CHUNK) -> Iterator[tuple[int, np.ndarray]]:
        """``(first row, rows)`` for consecutive chunks of at most ``size`` rows."""
        for lo in range(0, self._len, size):
            yield lo, self.read(lo, lo + size)

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The given rows, in the given order: one positioned read per row.

        Not through a memory map: for each scattered row the kernel maps the cached pages
        around it into the process, so a few thousand rows of a 256 MB signature file map most
        of the file, and the process's resident size would grow with the corpus (cache only,
        but it is what a scheduler or a container limit counts).
        """
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows) or not self._len:
            return np.empty((len(rows), *self.shape), self.dtype)
        if int(rows.min()) < 0 or int(rows.max()) >= self._len:
            raise IndexError(f"{self.path.name}: rows outside 0..{self._len - 1}")
        self._fh.flush()
        fd, size = self._fh.fileno(), self._row
        data = b"".join([os.pread(fd, size, row * size) for row in rows.tolist()])
        return np.frombuffer(bytearray(data), self.dtype).reshape((len(rows), *self.shape))

    def close(self) -> None:
        self._fh.close()


class DiskSignatures(Column):
    """Signature rows on disk, with the reads dedup makes of :class:`~.store.Signatures`."""

    def __init__(self, path: Path, width: int, dtype: type) -> None:
        super().__init__(path, dtype, (width,))
        self.width = width


class DiskStrings(Indexed):
    """An append-only list of strings on disk: UTF-8 bytes in one file, offsets in another."""

    def __init__(self, scratch: Scratch, name: str) -> None:
        self._scratch = scratch  # the files live as long as the strings
        self._bytes = Column(scratch / f"{name}.bytes", np.uint8)
        self._ends = Column(scratch / f"{name}.ends", np.int64)
        self._end = 0

    def extend(self, values: Sequence[str]) -> None:
        encoded = [v.encode("utf-8", "surrogatepass") for v in values]
        ends = self._end + np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)))
        self._bytes.append(np.frombuffer(b"".join(encoded), np.uint8))
        self._ends.append(ends)
        if len(ends):
            self._end = int(ends[-1])

    def __len__(self) -> int:
        return len(self._ends)

    def _span(self, i: int) -> tuple[int, int]:
        lo = int(self._ends.read(i - 1, i)[0]) if i else 0
        return lo, int(self._ends.read(i, i + 1)[0])

    def _make(self, i: int) -> str:
        lo, hi = self._span(i)
        return self._bytes.read(lo, hi).tobytes().decode("utf-8", "surrogatepass")

    def take(self, rows: np.ndarray) -> list[str]:
        """The strings at ``rows`` (few, scattered), in that order."""
        return [self[int(i)] for i in rows]

    def __iter__(self) -> Iterator[str]:
        start = 0
        for lo, ends in self._ends.chunks():
            data = self._bytes.read(start, int(ends[-1])).tobytes()
            prev = 0
            for end in (ends - start).tolist():
                yield data[prev:end].decode("utf-8", "surrogatepass")
                prev = end
            start = int(ends[-1])
            del lo

    def close(self) -> None:
        self._bytes.close()
        self._ends.close()


class Runs:
    """Entries ``(key, doc)`` sorted by key then doc, at most ``run`` of them in memory.

    Keys are 64-bit integers (band keys, key hashes, packed pairs), docs document numbers."""

    def __init__(self, folder: Path | str, name: str, run: int = RUN,
                 dtype: type = np.int64, distinct: bool = False) -> None:
        # one of equal entries per run (a pair many bands propose); runs may still share one
        self.distinct = distinct
        self.folder = Path(folder)
        self.name = name
        self.run = run
        self.dtype = np.dtype(dtype)
        self._keys: list[np.ndarray] = []
        self._docs: list[np.ndarray] = []
        self._held = 0
        self._files: list[tuple[Column, Column]] = []
        self.count = 0

    def add(self, keys: np.ndarray, docs: np.ndarray) -> None:
        for lo in range(0, len(keys), self.run):
            k = np.asarray(keys[lo : lo + self.run], self.dtype)
            self._keys.append(k)
            self._docs.append(np.asarray(docs[lo : lo + self.run], np.int64))
            self._held += len(k)
            self.count += len(k)
            if self._held >= self.run:
                self._spill()

    def _sorted(self) -> tuple[np.ndarray, np.ndarray]:
        keys = np.concatenate(self._keys) if self._keys else np.empty(0, self.dtype)
        docs = np.concatenate(self._docs) if self._docs else np.empty(0, np.int64)
        self._keys, self._docs, self._held = [], [], 0
        order = np.lexsort((docs, keys))
        keys, docs = keys[order], docs[order]
        if self.distinct and len(keys):
            first = np.ones(len(keys), dtype=bool)
            first[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
            keys, docs = keys[first], docs[first]
        return keys, docs

    def _spill(self) -> None:
        keys, docs = self._sorted()
        n = len(self._files)
        pair = (Column(self.folder / f"{self.name}.{n}.keys", self.dtype),
                Column(self.folder / f"{self.name}.{n}.docs", np.int64))
        pair[0].append(keys)
        pair[1].append(docs)
        self._files.append(pair)

    def groups(self, block: int = RUN) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Sorted ``(keys, docs)`` blocks; all entries of one key are in one block. A merge
        reads about ``block`` entries at a time, shared among the runs, so its memory does not
        grow with their number."""
        if not self._files:
            keys, docs = self._sorted()
            if len(keys):
                yield keys, docs
            return
        if self._held:
            self._spill()
        yield from self._merge(block)
        self.close()

    def _merge(self, block: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        runs = self._files
        block = max(1, block // len(runs))
        pos = [0] * len(runs)
        want = [block] * len(runs)
        while True:
            live = [i for i, (k, _d) in enumerate(runs) if pos[i] < len(k)]
            if not live:
                return
            heads = {i: runs[i][0].read(pos[i], pos[i] + want[i]) for i in live}
            # a run whose block stops before its end bounds what is known to be complete
            open_ends = [i for i in live if pos[i] + len(heads[i]) < len(runs[i][0])]
            bound = min((heads[i][-1] for i in open_ends), default=None)
            keys, docs = [], []
            for i in live:
                take = len(heads[i]) if bound is None else int(
                    np.searchsorted(heads[i], bound, side="left"))
                if take:
                    keys.append(heads[i][:take])
                    docs.append(runs[i][1].read(pos[i], pos[i] + take))
                    pos[i] += take
            if not keys:  # one key fills a whole block: read more of the runs that stop at it
                for i in open_ends:
                    if heads[i][-1] == bound:
                        want[i] *= 2
                continue
            want = [block] * len(runs)
            k, d = np.concatenate(keys), np.concatenate(docs)
            order = np.lexsort((d, k))
            yield k[order], d[order]

    def close(self) -> None:
        for keys, docs in self._files:
            for col in (keys, docs):
                col.close()
                col.path.unlink(missing_ok=True)
        self._files = []


def group_bounds(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and size of every run of equal values in sorted ``keys``.

    >>> [a.tolist() for a in group_bounds(np.array([1, 1, 2, 5, 5, 5]))]
    [[0, 2, 3], [2, 1, 3]]
    """
    if not len(keys):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.concatenate([[0], np.flatnonzero(keys[1:] != keys[:-1]) + 1])
    return starts, np.diff(np.concatenate([starts, [len(keys)]]))
