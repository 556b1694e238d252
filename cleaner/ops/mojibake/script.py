"""The script a garbled document is written in, as evidence for the misaligned-GBK search.

GBK holds Simplified and Traditional characters alike, so a lost byte of a Traditional report
may be completed with a Simplified character the model finds likely (``經濟來源证`` for
``經濟來源之一``, ``法定的環境`` for ``穩定的環境``). A document whose clean text writes Traditional
characters and hardly any (one in twenty) that only Simplified text writes (the list in
``cleaner/data/simplified_only.txt``, built by ``scripts/build_charlm.py --script-only``:
并 and 这, not 后 or 干, which Traditional text writes too) is read by a model for which
such characters cost :data:`PENALTY` nats each: a reading made of them is unlikely, not
impossible (a quoted Simplified name stays reachable).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.ops.charlm import DocLM, Group

if TYPE_CHECKING:
    import numpy as np

    from cleaner.ops.charlm import CharLM

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "simplified_only.txt"
PENALTY = 6.0
MIN_TRADITIONAL = 5  # Traditional-only characters the clean text must show
SIMPLIFIED_SHARE = 0.05  # Simplified-only characters it may show per Traditional-only one


@lru_cache(maxsize=1)
def simplified_only() -> frozenset[str]:
    """Characters only Simplified text writes (see the module docstring)."""
    return frozenset(DATA.read_text(encoding="utf-8").strip())


@lru_cache(maxsize=1)
def gbk_han() -> tuple[str, ...]:
    """Every Han character GBK encodes, in code order."""
    chars = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u3400" <= ch <= "\u9fff":
                chars.append(ch)
    return tuple(chars)


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """GBK characters that OpenCC's Traditional-to-Simplified conversion changes."""
    from cleaner.ops.script import converter

    chars = gbk_han()
    simple = converter("t2s").convert("\n".join(chars)).split("\n")
    return frozenset(c for c, s in zip(chars, simple, strict=True) if c != s)


def is_traditional(text: str) -> bool:
    """Does ``text`` (a document's clean part) read as Traditional throughout?

    >>> is_traditional("這是一個關於經濟發展的報導。"), is_traditional("這是一个關於經濟發展的報導。")
    (True, False)
    >>> is_traditional("这是一个关于经济发展的报道。"), is_traditional("經濟")
    (False, False)
    """
    trad = traditional_only()
    simp = simplified_only()
    n_trad = sum(1 for c in text if c in trad)
    n_simp = sum(1 for c in text if c in simp)
    return n_trad >= MIN_TRADITIONAL and n_simp <= SIMPLIFIED_SHARE * n_trad


class ScriptLM(DocLM):
    """A document's model that charges :data:`PENALTY` for each character of ``foreign``."""

    def __init__(self, base: CharLM, text: str, foreign: frozenset[str]) -> None:
        super().__init__(base, text, base.adapted())
        self.foreign = foreign
        self._penalty_by_id: np.ndarray | None = None

    def cond(self, ctx: str, c: str) -> float:
        lp = super().cond(ctx, c)
        return lp - PENALTY if c in self.foreign else lp

    def cond_many(self, ctx: str, group: Group) -> np.ndarray:
        return super().cond_many(ctx, group) - self._by_id()[group.ids]

    def cond_grid(self, ctxs: list[str], chars: list[str], ids: np.ndarray) -> list[list[float]]:
        rows = super().cond_grid(ctxs, chars, ids)
        hit = [j for j, c in enumerate(chars) if c in self.foreign]
        for row in rows:
            for j in hit:
                row[j] -= PENALTY
        return rows

    def _by_id(self) -> np.ndarray:
        """The penalty of every character of the base table, by table id."""
        if self._penalty_by_id is None:
            import numpy as np

            pen = np.zeros(self.base.vocab)
            index = self.base.index
            ids = [index[c] for c in self.foreign if c in index]
            pen[ids] = PENALTY
            self._penalty_by_id = pen
        return self._penalty_by_id


def document_lm(base: CharLM, clean: str) -> DocLM:
    """The model a garbled document's windows are read with: adapted to its clean text, and
    charging for Simplified-only characters if that text is Traditional."""
    if is_traditional(clean):
        return ScriptLM(base, clean, simplified_only())
    return base.adapted(clean)
