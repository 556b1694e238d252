"""The lexicon: every word list and pattern family that decides what is chrome, as data.

Word lists and pattern families live in ``rules/lexicon/*.toml``, not in Python, so the rules,
the page model (:mod:`cleaner.page`) and the dedup key read one vocabulary, and a user who finds
a new widget word adds one line of TOML to a ``--rules`` pack instead of patching code. A lexicon
file holds three kinds of tables:

- ``[words.NAME]`` with ``words`` (a list, or one string split on whitespace): a vocabulary;
- ``[patterns.NAME]`` with ``patterns`` (a list of regular expressions, alternatives of one
  family), optional ``flags`` (``i``), ``anchor`` (a line of the family is chrome: the page
  model tries anchor families in the order they appear), ``long`` (tried on long lines too: a
  platform notice is a whole sentence), ``rule`` (the rule id a line of this family is
  attributed to when a run of chrome removes it) and ``weak`` (one such line alone is not
  chrome enough to start a cut);
- ``[table.NAME]``: a mapping (a label and the metadata field it fills).

A pattern may name a vocabulary as ``\\L<NAME>`` (the spelling of the ``regex`` package's named
lists): it becomes an alternation of the words, longest first. A user pack extends the lexicon
with the same tables: words and patterns are added to the family of that name, table entries
added or replaced.

>>> lex = Lexicon.from_tables([{"words": {"w": {"words": "ab a"}},
...                             "patterns": {"p": {"patterns": ["^\\\\L<w>$"]}}}])
>>> bool(lex.regex("p").match("ab")), lex.expand("x\\\\L<w>")
(True, 'x(?:ab|a)')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_LIST_REF = re.compile(r"\\L<([a-z_][a-z0-9_]*)>")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
SECTIONS = ("words", "patterns", "table")


class LexiconError(ValueError):
    """A lexicon table is malformed; the message names the file and the entry."""


@dataclass(slots=True)
class Family:
    """One pattern family: its alternatives, regex flags and how its lines are attributed."""

    patterns: list[str]
    flags: str = ""
    rule: str = ""
    weak: bool = False
    anchor: bool = False
    long: bool = False


@dataclass(eq=False)
class Lexicon:
    """Vocabularies, pattern families and tables, merged from the default files and user packs.

    Compiled forms are cached on the object; build one lexicon per rule set and share it.
    """

    words_: dict[str, list[str]] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def from_tables(cls, tables: list[dict[str, Any]], sources: list[str] | None = None,
                    shipped: int = 0) -> Lexicon:
        """The lexicon of ``tables`` in order; the first ``shipped`` are the package's own
        files, whose patterns the test suite compiles, so they are compiled on first use
        instead of at every start (a plain-text run uses fewer than half of them)."""
        lex = cls()
        for i, data in enumerate(tables):
            lex.extend(data, (sources or [])[i] if sources and i < len(sources) else "<lexicon>",
                       check=i >= shipped)
        return lex

    def extend(self, data: dict[str, Any], source: str = "<lexicon>", check: bool = True) -> None:
        """Add the ``words``/``patterns``/``table`` tables of one TOML document.

        With ``check``, the families this document adds to or changes are compiled now, so a
        bad pattern is reported with its file; words never need it (they are escaped)."""
        for name, entry in _section(data, "words", source).items():
            words = entry.get("words")
            if isinstance(words, str):
                words = words.split()
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise LexiconError(f"{source}: words.{name}: 'words' must be a list of strings")
            known = self.words_.setdefault(name, [])
            known.extend(w for w in words if w not in known)
        for name, entry in _section(data, "patterns", source).items():
            patterns = entry.get("patterns")
            if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
                raise LexiconError(f"{source}: patterns.{name}: 'patterns' must be a list of strings")
            family = self.families.setdefault(name, Family([]))
            family.patterns.extend(patterns)
            family.flags = str(entry.get("flags", family.flags))
            family.rule = str(entry.get("rule", family.rule))
            family.weak = bool(entry.get("weak", family.weak))
            family.anchor = bool(entry.get("anchor", family.anchor))
            family.long = bool(entry.get("long", family.long))
        for name, entry in _section(data, "table", source).items():
            entries = {k: v for k, v in entry.items() if k != "why"}
            if not all(isinstance(v, str) for v in entries.values()):
                raise LexiconError(f"{source}: table.{name}: values must be strings")
            self.tables.setdefault(name, {}).update(entries)
        self._cache.clear()
        try:
            for name in _section(data, "patterns", source) if check else ():
                self.regex(name)
        except (re.error, KeyError) as exc:
            raise LexiconError(f"{source}: {exc}") from exc

    # -- reading ----------------------------------------------------------------------------
    def words(self, name: str) -> frozenset[str]:
        """The vocabulary ``name`` as a set."""
        key = ("words", name)
        if key not in self._cache:
            if name not in self.words_:
                raise KeyError(f"lexicon has no word list {name!r}")
            self._cache[key] = frozenset(self.words_[name])
        return self._cache[key]

    def table(self, name: str) -> dict[str, str]:
        if name not in self.tables:
            raise KeyError(f"lexicon has no table {name!r}")
        return self.tables[name]

    def family(self, name: str) -> Family:
        if name not in self.families:
            raise KeyError(f"lexicon has no pattern family {name!r}")
        return self.families[name]

    def alternation(self, name: str) -> str:
        """Vocabulary ``name`` as a regex alternation, longest word first (no group)."""
        words = sorted(self.words(name), key=lambda w: (-len(w), w))
        return "|".join(re.escape(w) for w in words)

    def expand(self, pattern: str) -> str:
        r"""``pattern`` with every ``\L<name>`` replaced by the vocabulary's alternation.

        Cached until the lexicon changes: ops expand their rule's pattern for every document,
        and a vocabulary of hundreds of words takes longer to escape and join than to match.
        """
        key = ("expand", pattern)
        if key not in self._cache:
            self._cache[key] = _LIST_REF.sub(
                lambda m: f"(?:{self.alternation(m.group(1))})", pattern)
        return self._cache[key]

    def source(self, name: str) -> str:
        """Family ``name`` as one regular expression source (alternatives, expanded)."""
        return "|".join(f"(?:{self.expand(p)})" for p in self.family(name).patterns)

    def regex(self, name: str) -> re.Pattern[str]:
        """Family ``name`` compiled (cached)."""
        key = ("regex", name)
        if key not in self._cache:
            family = self.family(name)
            self._cache[key] = re.compile(self.source(name), _flags(family.flags))
        return self._cache[key]

    def split_regex(self, name: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """Family ``name`` as (its start-anchored alternatives, for ``match``; the others, for
        ``search``): a search tries every position of the line, wasted on alternatives that
        can only match at its start."""
        key = ("split", name)
        if key not in self._cache:
            family = self.family(name)
            parts = [self.expand(p) for p in family.patterns]
            anchored, flags = self.start_branches(name)
            anywhere = [p for p in parts if not p.startswith("^")]
            self._cache[key] = (
                re.compile("|".join(f"(?:{p})" for p in anchored), flags) if anchored else None,
                re.compile("|".join(f"(?:{p})" for p in anywhere), flags) if anywhere else None)
        return self._cache[key]

    def start_branches(self, name: str) -> tuple[list[str], int]:
        """Family ``name``'s start-anchored alternatives one by one (expanded, without their
        ``^``) and the family's flags: what :meth:`split_regex` joins into its first pattern."""
        family = self.family(name)
        parts = [self.expand(p) for p in family.patterns]
        return [p[1:] for p in parts if p.startswith("^")], _flags(family.flags)

    def cached(self, key: Any, build: Any) -> Any:
        """A value derived from this lexicon, built once (``build()``) and kept with it."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _flags(letters: str) -> int:
    value = 0
    for letter in letters:
        value |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[letter]
    return value


def _section(data: dict[str, Any], name: str, source: str) -> dict[str, dict[str, Any]]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise LexiconError(f"{source}: [{name}] must be a table of tables")
    for key, entry in section.items():
        if not _NAME.fullmatch(key) or not isinstance(entry, dict):
            raise LexiconError(f"{source}: {name}.{key}: must be a table with a lower-case name")
    return section


def has_lexicon(data: dict[str, Any]) -> bool:
    """Whether a parsed TOML document carries lexicon tables."""
    return any(name in data for name in SECTIONS)


def default_lexicon_paths() -> list[Path]:
    base = resources.files("cleaner") / "default_rules" / "lexicon"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith(".toml"))


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: invalid TOML: {exc}") from exc


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``rules/lexicon/``, loaded once per process."""
    paths = default_lexicon_paths()
    return Lexicon.from_tables([read_toml(p) for p in paths], [str(p) for p in paths],
                               shipped=len(paths))


def lexicon_with(extra: list[tuple[str, dict[str, Any]]]) -> Lexicon:
    """The default lexicon extended by the lexicon tables of user packs ((source, data) pairs);
    the default itself when there are none, so its compiled caches are shared."""
    if not extra:
        return default_lexicon()
    paths = default_lexicon_paths()
    tables = [read_toml(p) for p in paths] + [data for _, data in extra]
    return Lexicon.from_tables(tables, [str(p) for p in paths] + [src for src, _ in extra],
                               shipped=len(paths))
