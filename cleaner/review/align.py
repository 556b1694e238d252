"""Compose a run's edits into one alignment of the original text with the clean text.

Edits are recorded against the text their rule saw, so the spans of a late rule (script
conversion) do not point into the original once an early rule (pinyin removal) has shifted
the text, and a late rule may rewrite what an early rule inserted (``,,`` → ``,`` → ``，``).
A reviewer wants neither coordinate system: they want the original, cut into stretches that
survived unchanged and stretches that became something else, each named by the rules that
made it so. :func:`align` builds exactly that by replaying the edits step by step over a
list of pieces — *kept* pieces point into the original, *changed* pieces carry the text they
became — so no original text is needed and each step costs one pass over the pieces.

The replay is linear in the number of edits per step (the pieces between edits are copied as
slices, and positions are found by bisection), so a document with a million edits aligns in
seconds, not hours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from cleaner.document import Edit

# A piece of the current text: (orig_start, orig_end, text, edit_indexes, length).
# ``text is None`` means kept: the current text is original[orig_start:orig_end].
_Piece = tuple[int, int, str | None, tuple[int, ...], int]
_UNBOUNDED = 1 << 62


@dataclass(frozen=True, slots=True)
class Change:
    """``original[start:end]`` became ``new`` through the edits ``edits`` (indexes, in order).

    ``rules`` names the rules behind it, first to last: a chain such as
    ``("punctuation.double_comma", "punctuation.width")`` means a later rule rewrote what an
    earlier one produced. ``out_start`` is where ``new`` begins in the clean text.
    """

    start: int
    end: int
    new: str
    edits: tuple[int, ...]
    rules: tuple[str, ...]
    out_start: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The changes in original order, and each edit's span in original coordinates."""

    changes: list[Change]
    spans: list[tuple[int, int]]


def _length(piece: _Piece) -> int:
    return piece[4]


def _kept(start: int, end: int) -> _Piece:
    return (start, end, None, (), end - start)


def _group_steps(edits: Sequence[Edit]) -> list[list[int]]:
    """Indexes of the edits of each rule application, in application order: a numbered step is
    one application (a run rule's edits carry the rules of their lines' families), step 0 is
    told apart by rule."""
    groups: list[list[int]] = []
    last: tuple[int, str] | None = None
    for i, e in enumerate(edits):
        key = (e.step, "" if e.step else e.rule)
        if key != last:
            groups.append([])
            last = key
        groups[-1].append(i)
    return groups


def _apply_step(pieces: list[_Piece], edits: Sequence[Edit], indexes: list[int],
                spans: list[tuple[int, int]]) -> list[_Piece]:
    """Replay one rule application over ``pieces``; records each edit's original span.

    The edits of one application do not overlap and are in the coordinates of the text
    before it, which is exactly the concatenation of ``pieces``.
    """
    ends = list(accumulate(map(itemgetter(4), pieces)))
    count = len(pieces)
    out: list[_Piece] = []
    i = 0  # next piece not yet read
    head: _Piece | None = None  # the piece being read (possibly the rest of a split one)
    head_pos = 0
    for k in sorted(indexes, key=lambda j: (edits[j].start, edits[j].end)):
        e = edits[k]
        s, t = e.start, e.end
        # 1. Emit every piece that ends at or before s (zero-length ones at s included).
        if head is not None and head_pos + _length(head) <= s:
            out.append(head)
            head = None
        if head is None:
            j = bisect_right(ends, s, lo=i)
            out.extend(pieces[i:j])
            i = j
            if i < count:
                head, head_pos = pieces[i], ends[i] - _length(pieces[i])
                i += 1
        # 2. ``head`` now holds position s (or the text ended): find s in the original.
        prefix = ""
        if head is None:
            orig_start = out[-1][1] if out else 0
        elif head_pos < s and head[2] is None:
            cut = head[0] + (s - head_pos)
            out.append(_kept(head[0], cut))
            head, head_pos = _kept(cut, head[1]), s
            orig_start = cut
        else:
            if head_pos < s:  # s falls inside text an earlier edit produced
                prefix = head[2][: s - head_pos]  # type: ignore[index]
            orig_start = head[0]
        # 3. Consume what [s, t) covers; a changed piece is always consumed whole.
        orig_end = orig_start
        suffix = ""
        absorbed: list[int] = []
        straddling = bool(prefix)
        while head is not None and (head_pos < t or straddling):
            straddling = False
            length = _length(head)
            if head_pos + length <= t:
                orig_end = head[1]
                absorbed.extend(head[3])
            elif head[2] is None:
                cut = head[0] + (t - head_pos)
                orig_end = cut
                head, head_pos = _kept(cut, head[1]), t
                break
            else:
                suffix = head[2][t - head_pos:]
                orig_end = head[1]
                absorbed.extend(head[3])
            head = None
            if i < count:
                head, head_pos = pieces[i], ends[i] - _length(pieces[i])
                i += 1
        spans[k] = (orig_start, orig_end)
        new_text = prefix + e.new + suffix
        piece = (orig_start, orig_end, new_text, (*absorbed, k), len(new_text))
        if suffix:
            # The rest of an earlier change is still ahead: keep the new piece open so the
            # next edit of this step can reach into that rest. Its virtual start puts the
            # suffix exactly where it was in the text before this step.
            if head is not None:  # un-read the piece loaded after the changed one
                i -= 1
            head, head_pos = piece, t + len(suffix) - len(piece[2])
        else:
            out.append(piece)
    if head is not None:
        out.append(head)
    out.extend(pieces[i:])
    return out


def align(edits: Sequence[Edit], original_length: int | None = None) -> Alignment:
    """Replay ``edits`` and return the changes against the original text.

    ``original_length`` bounds the single kept piece the replay starts from. Without it the
    original is taken to be unbounded, which changes nothing: kept text yields no change, and
    spans and changes never depend on how long the untouched tail is.
    """
    length = original_length if original_length is not None else _UNBOUNDED
    pieces: list[_Piece] = [_kept(0, length)] if length else []
    spans: list[tuple[int, int]] = [(0, 0)] * len(edits)
    for indexes in _group_steps(edits):
        pieces = _apply_step(pieces, edits, indexes, spans)
    changes: list[Change] = []
    out_pos = 0
    for start, end, text, idx, _ in pieces:
        if text is None:
            out_pos += end - start
            continue
        rules = tuple(dict.fromkeys(edits[j].rule for j in idx))
        changes.append(Change(start, end, text, idx, rules, out_pos))
        out_pos += len(text)
    return Alignment(changes, spans)


def undo(text: str, edits: Sequence[Edit]) -> str:
    """The original text, rebuilt from the clean text by undoing ``edits`` last to first.

    This is what lets ``cleaner diff`` review the output of ``cleaner clean --edits``
    without cleaning again. Raises ``ValueError`` when the edits do not belong to the text.
    """
    for indexes in reversed(_group_steps(edits)):
        step = sorted((edits[i] for i in indexes), key=lambda e: (e.start, e.end))
        parts: list[str] = []
        pos = 0
        delta = 0
        for e in step:
            at = e.start + delta
            if at < pos or text[at:at + len(e.new)] != e.new:
                raise ValueError(f"edit of {e.rule} at {e.start} does not match the text")
            parts.append(text[pos:at])
            parts.append(e.old)
            pos = at + len(e.new)
            delta += len(e.new) - (e.end - e.start)
        parts.append(text[pos:])
        text = "".join(parts)
    return text


def original_spans(edits: Sequence[Edit]) -> list[tuple[int, int, Edit]]:
    """Every edit with its span in the original text, in application order.

    An edit that reaches into text produced by earlier edits is attributed to the original
    span that text came from, so spans always point at real original text.

    >>> e1 = Edit("a", 0, 2, "ab", "", step=0)
    >>> e2 = Edit("b", 0, 1, "c", "C", step=1)
    >>> [(s, t, e.rule) for s, t, e in original_spans([e1, e2])]
    [(0, 2, 'a'), (2, 3, 'b')]
    """
    spans = align(edits).spans
    return [(start, end, edit) for (start, end), edit in zip(spans, edits, strict=True)]
