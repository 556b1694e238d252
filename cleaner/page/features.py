"""What a line looks like and where it stands, as numbers: the input of the trained line model.

The chrome rules decide from families (an anchor, a list, a run between anchors); a line of
no known family is left. :func:`line_features` describes each such line by what carries over
to portals no rule was written for: its length, its share of Han characters, how many function
characters (``的 了 是 在 和`` …, lexicon ``function_chars``) it holds — prose has them, menus
and widgets do not —, sentence-final punctuation, bullets and separators, digits and dates, its
kind in the page model, its place against the report (the body core), and its neighbours: a
short line between two lines the chrome stage removed or two anchors is chrome, between two
paragraphs it is body (the context pass jusText uses).

Every feature is a number from 0 to 1, so a weight of the model (``rules/models/``) reads as
what that feature adds to a line's score when present. Only lines outside the report's span
that do not read as prose are described: the model never judges a line of the report, nor a
paragraph anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cleaner.lexicon import Lexicon, default_lexicon
from cleaner.page.analysis import LineAnalysis
from cleaner.page.kinds import Kind
from cleaner.page.lines import Line, removed_lines
from cleaner.page.lists import bullet_item, fact_item
from cleaner.text import cjk_count

FEATURES: dict[str, str] = {
    "tiny": "at most 4 characters (a label, a widget word)",
    "short": "at most 12 characters",
    "long": "40 characters or more",
    "han_share": "share of Han characters among the line's non-space characters",
    "latin_digit_share": "share of Latin letters and digits among the non-space characters",
    "function_density": "function characters per Han character, 0.1 or more counts as 1 "
                        "(running prose has about one in ten; menus and widgets none)",
    "no_function_char": "4 Han characters or more and not one function character",
    "sentence_end": "ends like a sentence (。！？!? or …, a closing quote after it allowed)",
    "clause_punct": "a comma, enumeration comma, semicolon or colon inside the line",
    "bullet": "a bulleted link text (a bullet, then a short unfinished line)",
    "separators": "items split by two or more separators (| ｜ · • / >) or wide spaces",
    "date": "a written date or time of day (lexicon date)",
    "bracketed": "the whole line in one pair of brackets (【…】 […] （…） 《…》)",
    "repeated": "the same line stands elsewhere on the page",
    "anchor": "the page model reads it as a chrome anchor",
    "strong_anchor": "a chrome anchor strong enough to start a cut alone",
    "meta": "the page model reads it as a fact (date, source, byline)",
    "above": "above the report",
    "below": "below the report",
    "next_to_core": "no line between it and the report",
    "far": "five lines or more away from the report",
    "prev_removed": "the line above it was removed by the chrome stage",
    "next_removed": "the line below it was removed by the chrome stage",
    "prev_anchor": "the line above it is a chrome anchor",
    "next_anchor": "the line below it is a chrome anchor",
    "prev_prose": "the line above it is prose",
    "next_prose": "the line below it is prose",
    "between_chrome": "removed or anchor lines on both sides",
    "link_run": "one of three or more short lines in a row without a sentence end (a link list)",
}
"""Every feature's name and what it means (the model's TOML repeats these beside its weights)."""

NAMES = tuple(FEATURES)
_SENTENCE_END = re.compile(r"[。！？!?…][\"'”’」』)）]*$")
_CLAUSE = re.compile(r"[，,、；;：:]")
_SEPARATOR = re.compile(r"\s*[|｜·•/>»]\s*|\s{2,}")
_LATIN_DIGIT = re.compile(r"[0-9A-Za-z]")
_BRACKETED = re.compile(r"^(?:【[^【】]*】|\[[^\[\]]*\]|[(（][^()（）]*[)）]|《[^《》]*》)$")
LINK_LEN = 30
NEAR = 5


@dataclass(slots=True)
class Shape:
    """The features of a line by itself (cached per distinct view: chrome repeats)."""

    values: dict[str, float]
    short_link: bool


def _one_of(words: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A pattern matching one character that is itself one of ``words``.

    >>> _one_of({"的", "了", "关于"}).findall("关于我们的了")
    ['的', '了']
    """
    chars = "".join(re.escape(w) for w in sorted(words) if len(w) == 1)
    return re.compile(f"[{chars}]" if chars else "(?!)")


def char_class(lex: Lexicon, name: str) -> re.Pattern[str]:
    """One character of the lexicon word list ``name`` (``function_chars``, ``person_chars``),
    built once per lexicon."""
    return lex.cached(f"char_class:{name}", lambda: _one_of(lex.words(name)))


def function_char_class(lex: Lexicon) -> re.Pattern[str]:
    """One function character (lexicon ``function_chars``), built once per lexicon."""
    return char_class(lex, "function_chars")


def shape(view: str, lex: Lexicon | None = None) -> Shape:
    """The features of one line's view that do not depend on its neighbours.

    >>> s = shape("分享到 微信 | 微博 | QQ空间")
    >>> s.values["separators"], s.values["no_function_char"], s.values["sentence_end"]
    (1.0, 1.0, 0.0)
    >>> prose = shape("记者从市教育局获悉，今年全市新增学位三千个，缓解了入学难的问题。")
    >>> prose.values["function_density"], prose.values["sentence_end"], prose.short_link
    (1.0, 1.0, False)
    """
    lex = lex or default_lexicon()
    text = view.strip()
    solid = re.sub(r"\s+", "", text)
    size = max(len(solid), 1)
    han = cjk_count(solid)
    function = function_char_class(lex)
    fn = len(function.findall(solid))  # (a regex counts at C speed: prose lines are long)
    ends = bool(_SENTENCE_END.search(text))
    items = [t for t in _SEPARATOR.split(text) if t]
    values = {
        "tiny": float(len(solid) <= 4),
        "short": float(len(solid) <= 12),
        "long": float(len(solid) >= 40),
        "han_share": han / size,
        "latin_digit_share": len(_LATIN_DIGIT.findall(solid)) / size,
        "function_density": min(1.0, fn / max(han, 1) / 0.1),
        "no_function_char": float(han >= 4 and fn == 0),
        "sentence_end": float(ends),
        "clause_punct": float(bool(_CLAUSE.search(text))),
        "bullet": float(bullet_item(text) and not fact_item(text, lex)),
        "separators": float(len(items) >= 3),
        "date": float(bool(lex.regex("date").search(text))),
        "bracketed": float(bool(_BRACKETED.match(text))),
    }
    return Shape(values, not ends and len(solid) <= LINK_LEN)


def line_features(analysis: LineAnalysis, stage_input: str | None = None
                  ) -> list[tuple[Line, dict[str, float]]]:
    """Features of every filled line outside the report's span that does not read as prose
    (none on a page without a report): the lines the model may judge.

    ``stage_input`` is the text the chrome stage started from: lines it holds that the current
    text lost count as removed neighbours.

    >>> body = "记者从市教育局获悉，今年新增学位三千个，缓解了入学难的问题。"
    >>> text = "首页 > 新闻 > 正文\\n汽车\\n分享到：微信 微博\\n" + body * 2
    >>> found = line_features(LineAnalysis.of(text))
    >>> [(ln.text, f["between_chrome"], f["above"]) for ln, f in found]
    [('首页 > 新闻 > 正文', 0.0, 1.0), ('汽车', 1.0, 1.0), ('分享到：微信 微博', 0.0, 1.0)]
    """
    page = analysis.page
    if page.span is None:
        return []
    first, last = page.span
    filled = analysis.zone_lines("any")
    outside = [pos for pos, line in enumerate(filled) if not first <= line.index <= last
               and page.kinds[line.index] is not Kind.PROSE]
    if not outside:
        return []
    lex = analysis.lex or default_lexicon()
    cache = lex.cached("line_shapes", dict)
    if len(cache) > 65536:
        cache.clear()
    shapes: dict[int, Shape] = {}  # only the judged lines and their neighbours need one
    for pos in {p for q in outside for p in range(max(0, q - 2), min(len(filled), q + 3))}:
        view = analysis.view(filled[pos])
        found = cache.get(view)
        if found is None:
            found = cache[view] = shape(view, lex)
        shapes[pos] = found
    fates: list[tuple[bool, bool] | None] = []
    if stage_input is not None and stage_input != analysis.text:
        fates = removed_lines(stage_input, [ln.text.strip() for ln in filled])
    counts = Counter(ln.text.strip() for ln in filled)
    core_first = next(pos for pos, ln in enumerate(filled) if ln.index >= first)
    core_last = max(pos for pos, ln in enumerate(filled) if ln.index <= last)
    kinds = [page.classes[ln.index] for ln in filled]
    out = []
    for pos in outside:
        line = filled[pos]
        kind, strong = kinds[pos]
        values = dict(shapes[pos].values)
        above = line.index < first
        distance = core_first - pos if above else pos - core_last
        prev_kind = kinds[pos - 1] if pos > 0 else None
        next_kind = kinds[pos + 1] if pos + 1 < len(filled) else None
        fate = fates[pos] if fates else None
        prev_removed = fate is not None and fate[0]
        next_removed = fate is not None and fate[1]
        prev_anchor = prev_kind is not None and prev_kind[0] is Kind.ANCHOR
        next_anchor = next_kind is not None and next_kind[0] is Kind.ANCHOR
        values.update({
            "repeated": float(counts[line.text.strip()] > 1),
            "anchor": float(kind is Kind.ANCHOR),
            "strong_anchor": float(strong),
            "meta": float(kind is Kind.META),
            "above": float(above),
            "below": float(not above),
            "next_to_core": float(distance == 1),
            "far": float(distance >= NEAR),
            "prev_removed": float(prev_removed),
            "next_removed": float(next_removed),
            "prev_anchor": float(prev_anchor),
            "next_anchor": float(next_anchor),
            "prev_prose": float(prev_kind is not None and prev_kind[0] is Kind.PROSE),
            "next_prose": float(next_kind is not None and next_kind[0] is Kind.PROSE),
            "between_chrome": float((prev_removed or prev_anchor) and (next_removed or next_anchor)),
            "link_run": float(_in_link_run(shapes, kinds, pos)),
        })
        out.append((line, values))
    return out


def _in_link_run(shapes: dict[int, Shape], kinds: list[tuple[Kind, bool]], pos: int) -> bool:
    """Whether the line at ``pos`` is one of three short unfinished lines in a row."""
    def link(i: int) -> bool:
        return i in shapes and shapes[i].short_link and kinds[i][0] is not Kind.PROSE

    if not link(pos):
        return False
    return (link(pos - 1) and link(pos - 2)) or (link(pos - 1) and link(pos + 1)) \
        or (link(pos + 1) and link(pos + 2))
