"""The character model's bigram and trigram counts, read one row at a time when first asked.

The archive holds the counts as sorted arrays keyed by table ids (a pair ``ab`` is
``id(a) * n + id(b)``, a triple ``(id(a) * n + id(b)) * n + id(c)``). Turning all of them into
dicts when the model loads took most of a second and over 100 MB in every process that met a
garbled document, although one document asks about a few thousand rows of the 1,000,000
entries. A row (the characters seen after one character, or after one pair) becomes a dict
the first time it is asked for and is kept for the process: lookups then cost what a dict's
do, and the counts are the archive's, so every score is the same as with the full tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

EMPTY: tuple[int, int, dict[int, int]] = (0, 0, {})
"""What a pair never seen before any character has: no count, no distinct follower."""


class BigramRows:
    """Bigram counts by first character: ``rows.row(i).get(j, 0)`` is the count of ``ab``.

    ``cols`` is each pair's second character id and ``starts`` where each first character's
    pairs begin (the sorted table as rows, as the array scorer reads it too).

    >>> import numpy as np
    >>> rows = BigramRows(np.array([1, 0, 1]), np.array([5, 2, 7]), np.array([0, 1, 3, 3]))
    >>> rows.row(0), rows.row(1), rows.row(2)
    ({1: 5}, {0: 2, 1: 7}, {})
    >>> rows.get(3), rows.get(-1), rows.get(8)
    (2, 0, 0)
    """

    __slots__ = ("_cols", "_counts", "_starts", "_rows", "vocab")

    def __init__(self, cols: np.ndarray, counts: np.ndarray, starts: np.ndarray) -> None:
        self.vocab = len(starts) - 1
        self._cols = cols
        self._counts = counts
        self._starts = starts.tolist()
        self._rows: dict[int, dict[int, int]] = {}

    def row(self, first: int) -> dict[int, int]:
        """Second character id → count, for the pairs that start with ``first``."""
        found = self._rows.get(first)
        if found is None:
            lo, hi = self._starts[first], self._starts[first + 1]
            found = self._rows[first] = dict(zip(self._cols[lo:hi].tolist(),
                                                 self._counts[lo:hi].tolist(), strict=True))
        return found

    def get(self, pair: int, default: int = 0) -> int:
        """The count of the pair with key ``pair`` (-1: a character the table lacks)."""
        if pair < 0:
            return default
        first, second = divmod(pair, self.vocab)
        return self.row(first).get(second, default)


class TrigramRows:
    """Trigram counts by context pair: ``rows.context(pair)`` is the pair's total count, the
    number of distinct characters seen after it (the Witten-Bell weight's count) and the
    counts of those characters by id.

    >>> import numpy as np
    >>> rows = TrigramRows(np.array([(1 * 3 + 2) * 3 + 0, (1 * 3 + 2) * 3 + 2]), np.array([4, 6]),
    ...                    vocab=3)
    >>> rows.context(1 * 3 + 2), rows.context(0), rows.context(-1)
    ((10, 2, {0: 4, 2: 6}), (0, 0, {}), (0, 0, {}))
    """

    __slots__ = ("_keys", "_counts", "_rows", "vocab")

    def __init__(self, keys: np.ndarray, counts: np.ndarray, vocab: int) -> None:
        self.vocab = vocab
        self._keys = keys
        self._counts = counts
        self._rows: dict[int, tuple[int, int, dict[int, int]]] = {}

    def context(self, pair: int) -> tuple[int, int, dict[int, int]]:
        """``(total, distinct followers, {char id: count})`` after the pair ``pair``."""
        found = self._rows.get(pair)
        if found is None:
            if pair < 0:
                return EMPTY
            base = pair * self.vocab
            lo, hi = self._keys.searchsorted((base, base + self.vocab)).tolist()
            if lo == hi:
                found = EMPTY
            else:
                row = dict(zip((self._keys[lo:hi] - base).tolist(), self._counts[lo:hi].tolist(),
                               strict=True))
                found = (sum(row.values()), len(row), row)
            self._rows[pair] = found
        return found
