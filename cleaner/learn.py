"""Learn a corpus's own templates: lines that recur across many documents of one source.

Portals repeat their chrome on every page, in whatever words they like. A line (normalised:
Simplified, half-width, whitespace collapsed, digits as ``#``) that stands outside the body core
on at least ``max(min_docs, min_share × documents)`` of one source's documents is template,
whatever its words. :class:`TemplateLearner` counts them in one streaming pass (each line once per
document) and :func:`learned_pack` writes them as a reviewable rule pack: one ``drop_line`` rule
per source, one line of the pattern per learned line, with its count and example ids as a
comment. Guards: a line the page model reads as prose longer than ``MAX_PROSE_CHARS`` is never
learned (a sentence many reports quote), nor a line without a letter or Han character, nor a
line found inside the body core of more than a ``max_inside`` share of the documents that hold
it. Copies of one report (a page crawled twice,
a story a portal publishes in two channels) count once: a document whose longest prose line in
the body core was seen in an earlier document of the same source is a copy, and its lines are
not counted, since short lines of a report repeated on each copy would otherwise look like a
template (``documents`` in the share is the distinct ones).

Learned lines are anchors too: the pack declares them as a lexicon family, so the run rules
start and end their cuts at them like at any chrome anchor (short labels as weak anchors, which
start a cut only next to other chrome). A line the default page model already reads as a strong
anchor (``相关推荐``, a QR-code prompt) is not learned: the runs take it with the chrome around
it, and removing it alone at the end of a round would leave the next round's run without the
line that starts it (a related-news cut that waits for a placeholder to go first).

>>> learner = TemplateLearner(min_docs=2)
>>> body = "篇报道的正文写得很长，内容丰富，这是新闻报道的正文。"
>>> for i in range(3):
...     learner.add(f"d{i}", f"某某网新闻中心\\n第{i}{body}", "example.com")
>>> [(t.key, t.docs) for t in learner.templates()]
[('某某网新闻中心', 3)]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cleaner.lexicon import Lexicon
from cleaner.page.core import analyse
from cleaner.page.kinds import Classifier, Kind, classifier
from cleaner.page.lines import split_lines
from cleaner.text import match_view

MAX_PROSE_CHARS = 40
MAX_EXAMPLES = 3
STORY_CHARS = 20
"""A body line this long tells one report from another (shorter ones recur across reports)."""
SHORT_KEY = 4
"""Learned lines this short (a section label) are removed only outside the body (zone edges)."""

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_SLUG = re.compile(r"[^a-z0-9]+")


def line_key(line: str) -> str:
    """The form lines are counted in: ``参与 326`` and ``参与 1,024`` are one template line.

    >>> line_key("  參與 326 ")
    '参与 #'
    """
    return _DIGITS.sub("#", _SPACE.sub(" ", match_view(line).strip())).replace("#,#", "#")


def key_pattern(key: str) -> str:
    """A regular expression (verbose mode) matching the lines of ``key``.

    >>> key_pattern("参与 #")
    '参与\\\\s+\\\\d[\\\\d,]*'
    """
    parts = []
    for piece in re.split(r"(\s+|#)", key):
        if not piece:
            continue
        if piece == "#":
            parts.append(r"\d[\d,]*")
        elif piece.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def source_of(fields: dict, doc_id: str, source_field: str | None) -> str:
    """A document's source: its ``source_field``, else the host of its ``url``, else ``all``."""
    if source_field and fields.get(source_field):
        return str(fields[source_field])
    for name in ("url", "URL", "link"):
        host = urlsplit(str(fields.get(name, ""))).hostname
        if host:
            return host.removeprefix("www.")
    return "all"


@dataclass(slots=True)
class Template:
    """One learned line: its key, the documents it stood outside the body core in, examples."""

    source: str
    key: str
    docs: int
    examples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Count:
    outside: int = 0
    inside: int = 0
    examples: list[str] = field(default_factory=list)


def _story(lines: list, kinds: list, span: tuple[int, int] | None) -> int | None:
    """The hash of the longest prose line inside the body core: what copies of one report
    share whatever chrome each copy has around it (None without a core or such a line)."""
    if span is None:
        return None
    best = ""
    for line, kind in zip(lines[span[0]:span[1] + 1], kinds[span[0]:span[1] + 1], strict=True):
        text = _SPACE.sub(" ", line.text.strip())
        if kind is Kind.PROSE and len(text) > len(best):
            best = text
    return hash(best) if len(best) >= STORY_CHARS else None


def _says_something(key: str) -> bool:
    """Whether a line holds a letter or a Han character: a line of symbols, counters or
    replacement characters (``●``, ``#``, ``������`` where a crawl lost emoji) names no template,
    and stands inside reports too (a section break), where as a learned anchor it would start a
    cut.

    >>> _says_something("\ufffd" * 6), _says_something("# | #"), _says_something("收藏")
    (False, False, True)
    """
    return any(ch.isalpha() for ch in key)


def _strong_anchor(judge: Classifier, line: str) -> bool:
    """Whether the default page model reads ``line`` alone as a strong chrome anchor."""
    kind, reason = judge.classify(line)
    return kind is Kind.ANCHOR and reason not in judge.weak


class TemplateLearner:
    """Counts normalised lines per source; :meth:`templates` gives the ones that are template."""

    def __init__(self, min_docs: int = 5, min_share: float = 0.01, max_inside: float = 0.2,
                 lex: Lexicon | None = None):
        self.min_docs, self.min_share, self.max_inside = min_docs, min_share, max_inside
        self.lex = lex
        self.docs: dict[str, int] = defaultdict(int)  # distinct documents (copies aside)
        self.copies: dict[str, int] = defaultdict(int)
        self.counts: dict[str, dict[str, _Count]] = defaultdict(dict)
        self._stories: dict[str, set[int]] = defaultdict(set)

    def add(self, doc_id: str, text: str, source: str = "all") -> None:
        """Count the lines of one document (each distinct line once), unless it is a copy of
        a report already counted for ``source``."""
        lines = split_lines(text)
        page = analyse(lines, self.lex)
        span = page.span
        story = _story(lines, page.kinds, span)
        if story is not None:
            if story in self._stories[source]:
                self.copies[source] += 1
                return
            self._stories[source].add(story)
        self.docs[source] += 1
        seen: dict[str, bool] = {}
        judge = classifier(self.lex)
        for line, kind in zip(lines, page.kinds, strict=True):
            if kind is Kind.BLANK or _strong_anchor(judge, line.text):
                continue
            key = line_key(line.text)
            if len(key) < 2 or not _says_something(key) or (
                    kind is Kind.PROSE and len(key) > MAX_PROSE_CHARS):
                continue
            inside = span is not None and span[0] <= line.index <= span[1]
            seen[key] = seen.get(key, False) or not inside
        counts = self.counts[source]
        for key, outside in seen.items():
            count = counts.get(key)
            if count is None:
                count = counts[key] = _Count()
            if outside:
                count.outside += 1
                if len(count.examples) < MAX_EXAMPLES:
                    count.examples.append(doc_id)
            else:
                count.inside += 1

    def threshold(self, source: str) -> int:
        return max(self.min_docs, int(self.min_share * self.docs[source] + 0.999))

    def templates(self) -> list[Template]:
        """The learned lines, by source, most frequent first."""
        out: list[Template] = []
        for source in sorted(self.counts):
            least = self.threshold(source)
            found = [Template(source, key, c.outside, c.examples)
                     for key, c in self.counts[source].items()
                     if c.outside >= least and c.inside <= self.max_inside * (c.inside + c.outside)]
            out += sorted(found, key=lambda t: (-t.docs, t.key))
        return out


def learned_pack(templates: list[Template], docs: dict[str, int], origin: str = "") -> str:
    """A rule pack (TOML text) removing ``templates``: per source, one rule for lines longer
    than ``SHORT_KEY`` (anywhere) and one for short labels (outside the body only)."""
    head = [f"# Template lines learned by `cleaner learn`{f' from {origin}' if origin else ''}.",
            "# Each line of a pattern is one learned line, with the number of documents it stood",
            "# outside the report in and example ids. Delete what is not chrome, then use the pack",
            "# with `cleaner clean --rules FILE`.", ""]
    if not templates:
        return "\n".join([*head, "# nothing recurred often enough to be learned", ""])
    blocks: list[str] = []
    by_source: dict[str, list[Template]] = defaultdict(list)
    for t in templates:
        by_source[t.source].append(t)
    for source, found in by_source.items():
        slug = _SLUG.sub("_", source.lower()).strip("_") or "source"
        for zone, group in (("any", [t for t in found if len(t.key) > SHORT_KEY]),
                            ("edges", [t for t in found if len(t.key) <= SHORT_KEY])):
            if not group:
                continue
            suffix = "" if zone == "any" else "_labels"
            blocks.append(_anchor_family(f"learned_{slug}{suffix}", f"chrome.learned.{slug}{suffix}",
                                         group, weak=zone != "any"))
            body = "\n".join(f"  | {key_pattern(t.key)}  # {t.docs} docs: {', '.join(t.examples)}"
                             for t in group)
            blocks.append("\n".join([
                "[[rule]]",
                f'id = "chrome.learned.{slug}{suffix}"',
                'stage = "chrome"',
                'kind = "drop_line"',
                f'zone = "{zone}"',
                'flags = "x"',
                f'why = "template lines of {_toml_text(source)}: on at least '
                f'{min(t.docs for t in group)} of its {docs.get(source, 0)} documents"',
                "pattern = '''",
                r"^\s*(?:(?!)  # one alternative per learned line",
                body,
                r")\s*$",
                "'''",
            ]))
    return "\n".join(head) + "\n" + "\n\n".join(blocks) + "\n"


def _anchor_family(name: str, rule: str, group: list[Template], weak: bool) -> str:
    """The learned lines of ``group`` as a lexicon family of anchors attributed to ``rule``."""
    alternatives = [json.dumps("^(?:" + key_pattern(t.key) + r")\s*$", ensure_ascii=False)
                    for t in group]
    patterns = "\n".join(f"  {alt}," for alt in alternatives)
    return "\n".join([
        f"[patterns.{name}]",
        "anchor = true",
        *(["weak = true"] if weak else []),
        f'rule = "{rule}"',
        "why = 'learned template lines: the run rules start and end their cuts at them'",
        "patterns = [",
        patterns,
        "]",
    ])


def _toml_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
