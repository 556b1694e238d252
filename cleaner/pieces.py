"""Long documents in pieces: cleaning time linear in the length, memory bounded by a piece.

Every stage works line by line or paragraph by paragraph except the chrome stage, whose
rules judge a line by its position (the head and tail zones, the body core, a run of chrome
cut to the end of the page). A 100 MB document analysed in one go keeps several objects
per line alive at once (lines, views, kinds, classes) — gigabytes — and a page model of the
whole text. Cut into pieces of about :data:`PIECE_CHARS` characters, each piece is cleaned as
a document of its own and only one piece's analysis is ever alive.

The cuts are what keep that correct:

- a cut is made only between two *solid paragraphs* (prose lines of at least
  :data:`~cleaner.page.core.PARAGRAPH_CJK` Han characters, no list item) that stand inside a
  run of :data:`EDGE_LINES` such paragraphs on each side, and whose texts differ. So a piece
  that begins or ends at a cut begins or ends in the report, and head/tail rules see only
  the document's true head (in the first piece) and true tail (in the last);
- at an edge that is a cut (not the document's own start or end), no chrome rule may touch
  what lies beyond the piece's body zone (:func:`guard`): whatever the piece's page model
  takes for head or tail chrome there (a related-news list a few paragraphs above the cut,
  a run "to the end") is the middle of the document's report, where the whole document's
  position rules do not reach;
- every other stage is local (a repair, an annotation, punctuation, script, layout of a
  line), and the text between two solid paragraphs is a single newline, which no layout
  rule changes.

What can still differ from cleaning the document whole is chrome that only the whole page
would show as chrome: a block in the middle of the report that a piece's model sees at a
different distance from its core. The pieces' edits are shifted into the document's
coordinates (each piece's edits come after those of the pieces before it, which are then
final, and before those after it, which are then untouched), so the edits replayed in order
on the original give the clean text, as for any document. Documents with an HTML page plan
(offsets into the whole page) and texts with no cut allowed (one 10 MB line) are cleaned
whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cleaner.document import CleanResult, Span
from cleaner.lexicon import Lexicon
from cleaner.page.analysis import LineAnalysis
from cleaner.page.core import PARAGRAPH_CJK
from cleaner.page.kinds import Kind, classifier
from cleaner.page.lists import bullet_item, category_item, dated_item
from cleaner.text import cjk_count

if TYPE_CHECKING:
    from cleaner.pipeline import Cleaner

PIECE_CHARS = 200_000
"""Characters per piece; a document is cut only when it is more than twice as long."""
EDGE_LINES = 3
"""Solid paragraphs on each side of a cut."""


def solid(line: str, lex: Lexicon | None) -> bool:
    """Whether ``line`` is a paragraph of the report that no chrome rule reads as chrome.

    >>> solid("国务院总理今天在人民大会堂会见了来访的外国代表团，双方就两国关系交换了意见。", None)
    True
    >>> solid("相关新闻", None)
    False
    """
    if cjk_count(line) < PARAGRAPH_CJK:
        return False
    judge = classifier(lex)
    if judge.classify(line)[0] is not Kind.PROSE:
        return False
    return not (bullet_item(line) or dated_item(line, judge.lex) or category_item(line, judge.lex))


def cut_points(text: str, size: int, lex: Lexicon | None = None) -> list[int]:
    """Offsets of the newlines at which ``text`` is cut into pieces of about ``size`` chars.

    Only the lines near each target offset are read, so finding the cuts costs little.

    >>> para = "这是一段很长的新闻正文，讲述了某地某日发生的事情，记者在现场采访了多位当事人。"
    >>> text = "\\n".join(f"{i}{para}" for i in range(80))
    >>> cuts = cut_points(text, 500)
    >>> len(cuts) > 2 and all(text[c] == "\\n" for c in cuts)
    True
    """
    cuts: list[int] = []
    last = 0
    while len(text) - last > 2 * size:
        cut = _cut_after(text, last + size, len(text) - size, lex)
        if cut is None:
            break
        cuts.append(cut)
        last = cut + 1
    return cuts


def _cut_after(text: str, start: int, stop: int, lex: Lexicon | None) -> int | None:
    """The first allowed cut at or after ``start`` and before ``stop``, or None."""
    pos = text.find("\n", start)
    window: list[tuple[int, str]] = []  # (offset of the line, text) of the last lines read
    while 0 <= pos < stop:
        end = text.find("\n", pos + 1)
        line = text[pos + 1:end if end >= 0 else len(text)]
        window.append((pos + 1, line))
        cut = _cut_in(window, lex)
        if cut is not None:
            return cut
        if len(window) > 4 * EDGE_LINES:
            del window[0]
        pos = end
    return None


def _cut_in(window: list[tuple[int, str]], lex: Lexicon | None) -> int | None:
    """A cut between the last ``EDGE_LINES`` non-blank lines and those before them."""
    full = [(off, ln) for off, ln in window if ln.strip()]
    if len(full) < 2 * EDGE_LINES:
        return None
    before, after = full[-2 * EDGE_LINES:-EDGE_LINES], full[-EDGE_LINES:]
    first_after = after[0][0]
    last_before = before[-1]
    if last_before[0] + len(last_before[1]) + 1 != first_after:  # not next to each other
        return None
    if last_before[1].strip() == after[0][1].strip():
        return None
    if all(solid(ln, lex) for _, ln in before + after):
        return first_after - 1
    return None


def guard(head_open: bool, tail_open: bool
          ) -> Callable[[LineAnalysis, list[Span]], list[Span]]:
    """A filter of a chrome rule's spans: at a cut, nothing outside the piece's report goes.

    A piece's page model takes what lies beyond its body zone for head or tail chrome; at a
    cut that is the middle of the document's report, which the whole document's rules would
    not touch there, so a span reaching beyond the zone on that side is dropped.

    >>> para = "这是一段很长的新闻正文，讲述了某地某日发生的事情，记者在现场采访。\\n"
    >>> text = "相关新闻\\n" + para * 2 + "返回顶部"
    >>> spans = [(0, 5, ""), (text.rindex("\\n"), len(text), "")]
    >>> guard(False, True)(LineAnalysis.of(text), spans) == spans[:1]
    True
    """
    def keep(analysis: LineAnalysis, spans: list[Span]) -> list[Span]:
        bounds = analysis.bounds
        if bounds is None:
            return []
        low = analysis.lines[bounds[0]].start if head_open else 0
        high = analysis.lines[bounds[1]].end if tail_open else len(analysis.text)
        return [s for s in spans if s[0] >= low and s[1] <= high]
    return keep


def clean_in_pieces(cleaner: Cleaner, text: str, doc_id: str, meta: dict[str, Any],
                    cuts: list[int]) -> CleanResult:
    """Clean ``text`` piece by piece (cut at ``cuts``) and join the results as one.

    The pieces run the same rules in the same order, so their steps are merged: the edits of
    step ``s`` of every piece form one application, in the coordinates of the document with
    every piece as it was before its step ``s``. Replaying them (:mod:`cleaner.review.align`)
    then costs what the whole document's edits cost, not that times the number of pieces.
    """
    bounds = [0, *(c + 1 for c in cuts), len(text) + 1]
    done: list[tuple[int, CleanResult]] = []
    for k in range(len(bounds) - 1):
        piece = text[bounds[k]:bounds[k + 1] - 1]
        result = cleaner.clean_piece(piece, doc_id, meta, guard(k > 0, k < len(bounds) - 2))
        result.original = ""  # the piece's copy of the original is not kept
        done.append((len(piece), result))
    steps = max((e.step for _, r in done for e in r.edits), default=0) + 2
    before = [0] * steps  # step -> where the next piece starts before that step
    joined = CleanResult(id=doc_id, original=text, text="\n".join(r.text for _, r in done),
                         meta=dict(meta))
    for length, result in done:
        _merge_meta(joined.meta, result.meta, before[1])
        delta = [0] * steps
        for e in result.edits:
            joined.edits.append(replace(e, start=e.start + before[e.step],
                                        end=e.end + before[e.step]))
            delta[e.step + 1] += len(e.new) - (e.end - e.start)
        size = length + 1
        for s in range(steps):
            size += delta[s]
            before[s] += size
    joined.edits.sort(key=lambda e: e.step)  # stable: pieces in order within a step
    return joined


def _merge_meta(into: dict[str, Any], piece: dict[str, Any], offset: int) -> None:
    """A piece's metadata into the document's: the first value of a fact wins (the head's),
    lists are joined, suspect spans shifted to the document's coordinates."""
    for key, value in piece.items():
        if key == "suspect_spans":
            value = [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in value]
        if isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + [v for v in value if v not in into[key]]
        else:
            into.setdefault(key, value)

