"""Portal chrome that needs more than one pattern or a line's position: repeated lines,
datelines, widget rows and the credit that closes a report."""

from __future__ import annotations

import re
from functools import lru_cache

from cleaner.document import Span
from cleaner.lexicon import Lexicon
from cleaner.ops import OpContext, outside_report, records_facts
from cleaner.page.analysis import LineAnalysis
from cleaner.page.kinds import Kind, classifier, splits_into, tokens
from cleaner.page.lines import Line, line_removal_span, merge_removals
from cleaner.page.lists import stamped_runs

_WORD_CHAR = re.compile(r"[^\W_]")


def repeated_lines(text: str, ctx: OpContext, min_chars: int = 4) -> list[Span]:
    """Remove a line that repeats the non-empty line just before it (doubled captions).

    Blank lines between the two copies do not hide the repeat; very short lines (a lone
    number, a dash) and lines with hardly a letter in them (``______。``, the blanks of an
    exercise) are left alone because repeating them can be meaningful.
    """
    spans: list[Span] = []
    previous: str | None = None
    for line in ctx.analysis(text).lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if stripped == previous and len(stripped) >= min_chars \
                and len(_WORD_CHAR.findall(stripped)) >= 2:
            start, end = line_removal_span(text, line)
            spans.append((start, end, ""))
            continue
        previous = stripped
    return spans


_SENTENCE = re.compile(r"[。！？!?]")
_READERS = frozenset({"comment", "login"})
"""Anchor families of what readers write: a time on such a line is a comment's, not the page's."""


@outside_report
@records_facts
def dateline(text: str, ctx: OpContext, max_len: int = 90, max_residue: int = 24,
             widgets: list[str] | tuple[str, ...] = ("widget", "dateline_label")) -> list[Span]:
    """Remove head/tail lines that hold a publication date and little else, keeping the facts.

    ``2022年09月23日14:54 | 来源:人民网-四川频道`` and ``广西日报 2022-02-11 07:03 大字``
    become ``published``/``source`` metadata. A line qualifies only if, once the date, the
    labelled fields and widget words are taken out, at most ``max_residue`` characters of
    something else remain (a paper's name) and it has no sentence punctuation. A date range
    (``2004年12月11－12日``), a bracketed list (``（2004年12月11日，南开大学）``) or a date written
    into a phrase (``1964年9月29日中非与我国建交``, a letter's ``韩素音1996年1月18日``) is an
    event's date or the report's own line, not the page's, and stays; so does a comment's header.
    ``widgets`` names the
    lexicon word lists whose words may sit on the line too.
    """
    lex = ctx.lex
    date_re, field_re = lex.regex("dateline_date"), lex.regex("dateline_field")
    not_dateline = lex.regex("not_a_dateline")
    han_before, han_after = lex.regex("han_before_date"), lex.regex("han_after_date")
    field_keys = lex.table("dateline_field")
    words = _widget_words(lex, tuple(widgets))
    judge = classifier(lex)
    analysis = ctx.analysis(text)
    listed: set[int] | None = None  # asked only once a line reads as a dateline
    spans: list[Span] = []
    for line in analysis.zone_lines("edges"):
        view = analysis.view(line).strip()
        if len(view) > max_len:
            continue
        date = date_re.search(view)
        if date is None or _SENTENCE.search(view) or not_dateline.search(view) \
                or judge.classify(line.text)[1] in _READERS:
            continue
        date_end = date.start() + len(date.group().rstrip())
        if han_before.search(view[:date.start()]) or han_after.search(view[date_end:]):
            continue
        facts: dict[str, str] = {"published": re.sub(r"\s+", " ", date.group("date"))}
        residue = view[:date.start()] + " " + view[date.end():]
        for field in field_re.finditer(residue):
            key = field_keys.get(field.group("key"))
            if key and field.group("value"):
                facts.setdefault(key, field.group("value"))
        items = _RESIDUE_SPLIT.split(field_re.sub(" ", residue))
        residue = " ".join(t for t in items if t and not (t in words or splits_into(t, words)))
        if len(residue) > max_residue:
            continue
        if residue and "source" not in facts:
            facts["source"] = residue
        if listed is None:
            listed = _listed(analysis, lex)
        if line.index not in listed:  # a listed time is another article's: no fact
            for key, value in facts.items():
                ctx.meta.setdefault(key, value)
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


def _listed(analysis: LineAnalysis, lex: Lexicon) -> set[int]:
    """Indexes of the lines of a list of articles with a time each, headlines and times (see
    :func:`cleaner.page.lists.stamped_runs`), above or below the report (or anywhere in a text
    without one): the times there are other articles', never the page's."""
    judge = classifier(lex)
    zones = ("head", "tail") if analysis.bounds is not None else ("any",)
    listed: set[int] = set()
    for zone in zones:
        lines = analysis.zone_lines(zone)
        texts = [line.text for line in lines]
        headline = [judge.classify(t)[0] in (Kind.SHORT, Kind.ANCHOR) for t in texts]
        for run in stamped_runs(texts, headline, lex):
            listed.update(lines[pos].index for pos in run)
    return listed


def widgets(text: str, ctx: OpContext, words: str = "widget", zone: str = "edges") -> list[Span]:
    """Remove lines made only of widget words (``小字号``, ``分享到：微信 微博``, ``返回顶部``);
    ``words`` names the lexicon word list.

    A line of one character (``中``) is a widget only next to another widget line (``大`` /
    ``中`` / ``小``): alone it is as likely a character of a label written vertically.
    """
    judge = classifier(ctx.lexicon)
    vocab = ctx.lex.words(words)
    analysis = ctx.analysis(text)
    lines = analysis.zone_lines(zone)
    widget = [judge.widget_row(tokens(analysis.view(line)), vocab) for line in lines]
    spans: list[Span] = []
    for pos, line in enumerate(lines):
        if not widget[pos]:
            continue
        if len(analysis.view(line).strip()) == 1 and not _widget_next_to(lines, widget, pos):
            continue
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


@outside_report
def section_label(text: str, ctx: OpContext, pattern: str = "section_label") -> list[Span]:
    """Remove a channel label (``社會``, ``时政新闻``, ``【图集】``) that stands alone on the outer
    side of the report, keeping the section it names as ``section`` metadata.

    ``pattern`` names the lexicon family of label lines (its group ``section`` is the fact).
    Outer side: no prose line between the label and the page's top (above the report) or its
    end (below it). A label with prose beyond it heads that prose (a paper's ``图片新闻`` over
    the captions below a report) and stays; a text without a report has no outer side, so a
    list of short words keeps its first one.
    """
    analysis = ctx.analysis(text)
    if analysis.bounds is None:
        return []
    label = ctx.lex.regex(pattern)
    kinds = analysis.page.kinds
    first = analysis.bounds[0]
    spans: list[Span] = []
    for line in analysis.zone_lines("edges"):
        found = label.match(analysis.view(line))
        if found is None:
            continue
        outer = kinds[:line.index] if line.index < first else kinds[line.index + 1:]
        if Kind.PROSE in outer:
            continue
        ctx.meta.setdefault("section", found["section"])
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


def _widget_next_to(lines: list[Line], widget: list[bool], pos: int) -> bool:
    """Whether the zone line at ``pos`` has a widget line right above or below it."""
    for other in (pos - 1, pos + 1):
        if 0 <= other < len(lines) and widget[other] \
                and abs(lines[other].index - lines[pos].index) <= 2:
            return True
    return False


@outside_report
@records_facts
def closing_credit(text: str, ctx: OpContext, pattern: str = "") -> list[Span]:
    """Remove the credit matching ``pattern`` that closes the report (``（袁源）``), below it.

    Only one credit, or a few in a row: bracketed names spread over the tail between other
    lines (a list of works, each with its author) are the report's own, and all stay. Named
    groups become metadata.
    """
    regex = _compiled(ctx.lex.expand(pattern))
    analysis = ctx.analysis(text)
    bounds = analysis.bounds
    last_body = bounds[1] if bounds is not None else -1
    found: list[tuple[Line, re.Match[str]]] = []
    gap = False
    for line in analysis.lines[last_body + 1:]:
        if not line.text.strip():
            continue
        match = regex.search(analysis.view(line))
        if match is None:
            gap = gap or bool(found)
            continue
        if gap:  # a second group of credits further down
            return []
        found.append((line, match))
    spans: list[Span] = []
    for line, match in found:
        for key, value in match.groupdict().items():
            if value and value.strip():
                ctx.meta.setdefault(key, value.strip())
        spans.append(line_removal_span(text, line) + ("",))
    return merge_removals(text, spans)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _widget_words(lex: Lexicon, names: tuple[str, ...]) -> frozenset[str]:
    """The words of the lexicon lists ``names`` together."""
    return lex.cached(("words", names), lambda: frozenset().union(*(lex.words(n) for n in names)))


_RESIDUE_SPLIT = re.compile(r"[\s|｜/\\\-—_:：·•【】\[\]()（）]+")
