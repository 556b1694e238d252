"""A cheap test that rules a pattern out: the literals every match of it must contain.

The page model asks two dozen pattern families of every line (is it a breadcrumb, a pager, a
copyright footer …). Most families are alternations of phrases that ``re`` has to try at
every position of the line, which costs microseconds per family per line, while almost no
line of a report contains any of their phrases. A match of ``不代表\\S{0,12}立场|如有侵权\\S{0,8}联系``
must contain ``不代表`` or ``如有侵权``; two substring tests decide most lines at C speed, and
only a line that holds one of them is given to the regular expression. The same idea drives
the prefilters of RE2 and Hyperscan.

Extraction is conservative: every construct it does not understand (classes, lookarounds,
optional parts, inline flags) contributes nothing, and a pattern with a branch that has no
required literal gets no prefilter at all, so a prefiltered pattern matches exactly what the
pattern matches.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Need = frozenset[str]
"""Literals of which every match contains at least one."""

_IGNORECASE_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""Non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter and ``str.lower``
does not turn into it."""
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
"""Whether a text holds one of them: ``str.translate`` costs ~100 ns a character on Chinese
text (it looks every character up in the table), the search a fraction of that."""


def _foldable(literal: str) -> bool:
    """Whether ``str.lower`` (with :data:`_IGNORECASE_TO_ASCII`) finds every text that
    ``re.IGNORECASE`` matches to ``literal``: ASCII letters, and characters without case
    (Han, digits, punctuation)."""
    return all(c.isascii() or c.lower() == c == c.upper() for c in literal)


def _better(a: Need | None, b: Need | None) -> Need | None:
    """The more selective of two needs: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda need: (min(map(len, need)), -len(need)))


def _need(items: Any) -> Need | None:
    """What a parsed sequence requires (None: nothing known)."""
    best: Need | None = None
    run: list[str] = []
    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is C.SUBPATTERN and not arg[1] and not arg[2]:  # a group without inline flags
            best = _better(best, _need(arg[3]))
        elif op is C.BRANCH:
            alternatives = [_need(alt) for alt in arg[1]]
            if all(alt is not None for alt in alternatives):
                best = _better(best, frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
            best = _better(best, _need(arg[2]))
        elif op is C.ATOMIC_GROUP:
            best = _better(best, _need(arg))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def required_literals(pattern: str, flags: int = 0) -> Need | None:
    """Literals one of which every match of ``pattern`` contains, or None when unknown.

    >>> sorted(required_literals(r"不代表\\S{0,12}立场|如有侵权\\S{0,8}联系"))
    ['不代表', '如有侵权']
    >>> required_literals(r"^\\s*\\d+\\s*$") is None
    True
    """
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return None
    need = _need(list(parsed))
    if need is None or not all(need):
        return None
    if parsed.state.flags & re.IGNORECASE:
        if not all(map(_foldable, need)):
            return None
        need = frozenset(lit.lower() for lit in need)
    return need


SHORT = 24
"""Texts shorter than this skip the literal check."""


def fold_case(text: str) -> str:
    """``text`` as the needles of every case-blind pattern are written: lower case, with the
    few characters ``re.IGNORECASE`` matches to an ASCII letter turned into it (the same for
    all such patterns, so a document's folded text serves all its rules)."""
    if _FOLDS_TO_ASCII.search(text) is not None:
        text = text.translate(_IGNORECASE_TO_ASCII)
    return text.lower()


class Needles:
    r"""The required literals of a pattern as one alternation, and how to fold a text for it.

    The alternation holds plain literals only, so ``re`` scans for their first characters at
    C speed and never backtracks: a search costs time linear in the text, whatever the pattern.

    >>> n = Needles.of(re.compile(r"ICP\s*备|版权所有", re.I))
    >>> n.fold("İCP备"), n.possible("记者报道")
    ('icp备', False)
    """

    __slots__ = ("regex", "ignorecase")

    def __init__(self, regex: re.Pattern[str], ignorecase: bool) -> None:
        self.regex = regex
        self.ignorecase = ignorecase

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Needles | None:
        """The needles of a compiled pattern, or None when it has no required literal."""
        need = required_literals(pattern.pattern, pattern.flags)
        if not need or any("\n" in lit for lit in need):
            return None
        ordered = sorted(need, key=len, reverse=True)
        # needles without a letter (``[``, ``版权所有``) are found as they are: no text to fold
        cased = any(ch.lower() != ch or ch.upper() != ch for lit in need for ch in lit)
        return cls(re.compile("|".join(map(re.escape, ordered))),
                   bool(pattern.flags & re.IGNORECASE) and cased)

    def fold(self, text: str) -> str:
        """``text`` as the needles are written (lower case for a case-blind pattern); the same
        length, so offsets into it are offsets into ``text``."""
        return fold_case(text) if self.ignorecase else text

    def possible(self, text: str) -> bool:
        """False only when no match of the pattern can be in ``text``."""
        return self.regex.search(self.fold(text)) is not None


class Prefiltered:
    r"""A compiled pattern that first checks its required literals (see the module).

    Offers the methods of :class:`re.Pattern` the page model uses; a text without any of the
    literals gets the answer of no match without running the pattern.

    >>> p = Prefiltered(re.compile(r"(?:copyright|版权所有)\s*\d{4}", re.I))
    >>> p.search("COPYRIGHT 2024 新华网")[0], p.search("记者从市教育局获悉") is None
    ('COPYRIGHT 2024', True)
    """

    __slots__ = ("regex", "pattern", "flags", "needles")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.needles = Needles.of(regex)

    def possible(self, text: str) -> bool:
        """False only when no match of the pattern can be in ``text`` (a short text is given
        to the pattern at once: a few positions cost less than the check)."""
        return len(text) < SHORT or self.needles is None or self.needles.possible(text)

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self.possible(text) else None

    def match(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args: Any) -> Any:
        return self.regex.finditer(text, *args) if self.possible(text) else iter(())

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count) if self.possible(text) else text


class AnyOf:
    r"""Whether any of several patterns can match a text: the union of their needles, searched
    once (once as written, once case-folded) instead of once per pattern.

    >>> gate = AnyOf([Needles.of(re.compile("版权所有")), Needles.of(re.compile("icp", re.I))])
    >>> gate.possible("ICP备案"), gate.possible("记者报道")
    (True, False)
    """

    __slots__ = ("plain", "folded")

    def __init__(self, needles: list[Needles]) -> None:
        plain = [n.regex.pattern for n in needles if not n.ignorecase]
        folded = [n.regex.pattern for n in needles if n.ignorecase]
        self.plain = re.compile("|".join(plain)) if plain else None
        self.folded = Needles(re.compile("|".join(folded)), True) if folded else None

    def possible(self, text: str) -> bool:
        """False only when none of the patterns can match in ``text``."""
        return (self.plain is not None and self.plain.search(text) is not None) \
            or (self.folded is not None and self.folded.possible(text))


def prefiltered(regex: re.Pattern[str] | None) -> Any:
    """``regex`` with its literal prefilter, or as it is when it has none worth checking."""
    if regex is None or not isinstance(regex, re.Pattern):
        return regex
    wrapped = Prefiltered(regex)
    return wrapped if wrapped.needles is not None else regex
