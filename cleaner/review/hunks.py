"""From one cleaning result to what a reviewer reads: hunks of original lines, changes marked.

This module is pure (no rich, no I/O) so the terminal view, the HTML page and ``--json`` all
show the same thing. It takes the changes of :mod:`cleaner.review.align`, trims what they
left equal (``\\n\\n\\n`` → ``\\n\\n`` is one removed newline, not three), and lays them over
the original's lines:

* a run of lines that disappeared whole (a related-news list, the head chrome) becomes one
  :class:`BlockRow` naming the rule behind each line, however many lines it holds;
* any other changed line becomes a :class:`LineRow` of equal / removed / inserted parts;
* unchanged lines outside the context window are left out (the views show the gap between
  two hunks as one elided stretch).

Everything is bounded: only the lines near changes are looked at, long equal stretches and
long blocks are elided, and the number of hunks per document is capped, so a 100 MB
document costs what its changes cost, not what its text costs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from cleaner.document import CleanResult, Edit
from cleaner.review.align import Alignment, align
from cleaner.review.rows import (
    BlockRow,
    Change,
    DocDiff,
    Hunk,
    LineRow,
    Options,
    Part,
    Row,
    RuleTally,
    Suspect,
)

NEWLINE_MARK = "↵"

# -- changes ------------------------------------------------------------------------------

def display_changes(original: str, edits: Sequence[Edit],
                    alignment: Alignment | None = None) -> list[Change]:
    """The composed changes, with what they left equal at either end trimmed off."""
    out: list[Change] = []
    for c in (alignment or align(edits, len(original))).changes:
        old, new = original[c.start:c.end], c.new
        if old == new:
            continue
        if old[:1] != new[:1] and old[-1:] != new[-1:]:  # the usual case: nothing to trim
            out.append(Change(c.start, c.end, old, new, c.rules, c.edits, c.out_start))
            continue
        head = _common_prefix(old, new)
        tail = _common_prefix(old[head:][::-1], new[head:][::-1]) if head < min(
            len(old), len(new)) else 0
        start, end = c.start + head, c.end - tail
        out.append(Change(start, end, old[head:len(old) - tail], new[head:len(new) - tail],
                          c.rules, c.edits, c.out_start + head))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


# -- lines --------------------------------------------------------------------------------

class _Lines:
    """Line geometry of the original: line ``k`` (0-based) is ``[start(k), end(k))``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def __len__(self) -> int:
        return len(self.newlines) + 1

    def of(self, pos: int) -> int:
        return bisect_left(self.newlines, pos)

    def start(self, k: int) -> int:
        return self.newlines[k - 1] + 1 if k else 0

    def end(self, k: int) -> int:
        return self.newlines[k] if k < len(self.newlines) else len(self.text)

    def content(self, k: int) -> str:
        return self.text[self.start(k):self.end(k)]


def _full_lines(change: Change, lines: _Lines) -> tuple[int, int] | None:
    """The lines a pure removal takes away whole, if what else it takes is only newlines."""
    if change.new or change.end <= change.start:
        return None
    first = lines.of(change.start)
    if lines.start(first) < change.start:
        first += 1
    last = lines.of(change.end)
    if lines.end(last) > change.end or (lines.end(last) == change.end
                                        and change.end < len(lines.text)
                                        and lines.start(last) == change.end):
        last -= 1
    if last < first:
        return None
    residue = lines.text[change.start:lines.start(first)] + \
        lines.text[lines.end(last):change.end]
    return (first, last) if not residue.strip("\n") else None


def _line_rule(change: Change, k: int, lines: _Lines,
               spans: list[tuple[int, int]], edits: Sequence[Edit]) -> str:
    """The rule that removed line ``k``: the smallest removal whose span holds the line."""
    ls, le = lines.start(k), lines.end(k)
    best: tuple[int, int] | None = None
    for j in change.edits:
        a, b = spans[j]
        if a <= ls and le <= b and (best is None or b - a <= best[0]):
            best = (b - a, j)
    return edits[best[1]].rule if best else change.rules[-1]


# -- the diff of one document ------------------------------------------------------------

def diff_result(result: CleanResult, options: Options | None = None,
                source: str = "") -> DocDiff:
    """Lay the edits of ``result`` over the original's lines and cut them into hunks."""
    opts = options or Options()
    original = result.original
    lines = _Lines(original)
    alignment = align(result.edits, len(original))
    changes = display_changes(original, result.edits, alignment)
    spans = alignment.spans
    suspects = _suspects(result)

    inline: dict[int, list[Change]] = {}
    removed: dict[int, tuple[Change, int]] = {}  # block start line -> (change, last line)
    for c in changes:
        full = _full_lines(c, lines)
        if full is not None:
            removed[full[0]] = (c, full[1])
            continue
        for k in range(lines.of(c.start), lines.of(max(c.start, c.end - 1)) + 1):
            inline.setdefault(k, []).append(c)

    blocks = _merge_blocks(removed, lines)
    changed = sorted([(k, k) for k in inline] + [(a, b) for a, b, _ in blocks])
    windows = _windows(changed, len(lines), opts)
    block_at = {a: (a, b, parts) for a, b, parts in blocks}
    suspect_by_line = _suspects_by_line(suspects, lines)

    hunks: list[Hunk] = []
    budget = opts.max_rows
    hidden = 0
    for n, (first, last) in enumerate(windows):
        full = (opts.max_hunks is not None and len(hunks) >= opts.max_hunks) or \
            (budget is not None and budget <= 0)
        if full:
            hidden = len(windows) - n
            break
        hunk = _hunk(first, last, lines, inline, block_at, suspect_by_line, spans, result,
                     opts, budget)
        if opts.rule is not None and opts.rule not in hunk.rule_edits:
            continue
        hunks.append(hunk)
        if hunk.last < last + 1:  # cut by the row budget
            hidden = len(windows) - n
            break
        if budget is not None:
            budget -= len(hunk.rows)
    meta = {k: v for k, v in result.meta.items() if k != "suspect_spans"}
    return DocDiff(result.id, source, len(original), len(result.text), len(lines),
                   rule_tallies(result.edits), hunks, meta, suspects, hidden)


def rule_tallies(edits: Sequence[Edit]) -> dict[str, RuleTally]:
    counts: dict[str, list[int]] = {}
    for e in edits:
        c = counts.setdefault(e.rule, [0, 0, 0])
        c[0] += 1
        c[1] += len(e.old)
        c[2] += len(e.new)
    return {r: RuleTally(*c) for r, c in counts.items()}


def _merge_blocks(removed: dict[int, tuple[Change, int]], lines: _Lines
                  ) -> list[tuple[int, int, list[tuple[int, int, Change]]]]:
    """Join removed line runs that touch (or are separated only by blank lines)."""
    blocks: list[tuple[int, int, list[tuple[int, int, Change]]]] = []
    for a in sorted(removed):
        c, b = removed[a]
        if blocks:
            pa, pb, parts = blocks[-1]
            if all(not lines.content(k).strip() for k in range(pb + 1, a)) and a - pb <= 3:
                parts.append((a, b, c))
                blocks[-1] = (pa, b, parts)
                continue
        blocks.append((a, b, [(a, b, c)]))
    return blocks


def _windows(changed: list[tuple[int, int]], count: int, opts: Options
             ) -> list[tuple[int, int]]:
    """Line ranges to show: each change with its context, overlapping ones joined."""
    if opts.all_lines:
        return [(0, count - 1)] if changed or count else []
    out: list[tuple[int, int]] = []
    for a, b in changed:
        lo, hi = max(0, a - opts.context), min(count - 1, b + opts.context)
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _hunk(first: int, last: int, lines: _Lines, inline: dict[int, list[Change]],
          block_at: dict[int, tuple[int, int, list[tuple[int, int, Change]]]],
          suspect_by_line: dict[int, list[Suspect]], spans: list[tuple[int, int]],
          result: CleanResult, opts: Options, budget: int | None = None) -> Hunk:
    """The rows of lines ``first..last``; cut short (``last`` moved up) past ``budget`` rows."""
    rows: list[Row] = []
    changes: list[Change] = []
    k = first
    while k <= last:
        if budget is not None and len(rows) >= budget:
            last = k - 1
            break
        if k in block_at:
            a, b, parts = block_at[k]
            rows.append(_block_row(a, b, parts, lines, spans, result.edits, opts))
            changes.extend(c for _, _, c in parts)
            k = b + 1
            continue
        row_changes = inline.get(k, [])
        rows.append(_line_row(k, row_changes, lines, suspect_by_line.get(k, []), opts))
        # a change spanning lines is listed under each; keep it once (changes are ordered)
        changes.extend(c for c in row_changes if not changes or c.start > changes[-1].start
                       or (c.start == changes[-1].start and c is not changes[-1]
                           and c.end != changes[-1].end))
        k += 1
    counter: Counter[str] = Counter()
    for c in changes:
        for j in c.edits:
            counter[result.edits[j].rule] += 1
    order = {r: i for i, r in enumerate(dict.fromkeys(e.rule for e in result.edits))}
    rule_edits = dict(sorted(counter.items(), key=lambda kv: order.get(kv[0], 0)))
    return Hunk(first + 1, last + 1, rows, changes, rule_edits)


def _block_row(a: int, b: int, parts: list[tuple[int, int, Change]], lines: _Lines,
               spans: list[tuple[int, int]], edits: Sequence[Edit], opts: Options
               ) -> BlockRow:
    """One labelled block for lines ``a..b``; a long block shows its head and tail only."""
    limit = opts.max_block_lines
    tail_n = 0 if limit is None else max(1, limit // 4)
    head: list[int] = []
    k = a
    while k <= b and (limit is None or len(head) < limit - tail_n):
        if lines.content(k).strip():
            head.append(k)
        k += 1
    tail: list[int] = []
    j = b
    while j >= k and len(tail) < tail_n:
        if lines.content(j).strip():
            tail.append(j)
        j -= 1
    hidden = sum(1 for n in range(k, j + 1) if lines.content(n).strip()) \
        if j - k < 10_000 else j - k + 1

    def owner(n: int) -> Change:
        return next(c for pa, pb, c in parts if pa <= n <= pb) if any(
            pa <= n <= pb for pa, pb, _ in parts) else parts[0][2]

    shown = tuple((n + 1, _clip(lines.content(n), opts.max_change),
                   _line_rule(owner(n), n, lines, spans, edits)) for n in head + tail[::-1])
    rules = tuple(dict.fromkeys(rule for _, _, rule in shown)) or \
        tuple(dict.fromkeys(r for _, _, c in parts for r in c.rules))
    chars = sum(len(c.old) for _, _, c in parts)
    return BlockRow(a + 1, b + 1, shown, rules, chars, hidden, len(head))


def _line_row(k: int, changes: list[Change], lines: _Lines, suspects: list[Suspect],
              opts: Options) -> LineRow:
    ls, le = lines.start(k), lines.end(k)
    text = lines.text
    parts: list[Part] = []
    pos = ls
    for c in changes:
        if c.start > pos:
            parts.extend(_equal(text, pos, min(c.start, le), suspects, opts))
        lo, hi = max(c.start, ls), min(c.end, le + 1)
        if hi > lo:
            parts.append(Part("del", _clip(_marks(text[lo:hi]), opts.max_change), c.rules))
        ends_here = lines.of(max(c.start, c.end - 1)) == k
        if c.new and ends_here:
            parts.append(Part("ins", _clip(_marks(c.new), opts.max_change), c.rules))
        pos = max(pos, c.end)
    if pos < le:
        parts.extend(_equal(text, pos, le, suspects, opts))
    rules = tuple(dict.fromkeys(r for c in changes for r in c.rules))
    return LineRow(k + 1, tuple(parts), rules)


def _equal(text: str, start: int, end: int, suspects: list[Suspect], opts: Options
           ) -> list[Part]:
    """Unchanged text, with suspect spans picked out and long stretches elided."""
    out: list[Part] = []
    pos = start
    for s in suspects:
        if s.end <= pos or s.start >= end:
            continue
        if s.start > pos:
            out.extend(_elide(text[pos:s.start], opts.max_equal))
        out.append(Part("suspect", text[max(pos, s.start):min(end, s.end)], (s.reason,)))
        pos = min(end, s.end)
    if pos < end:
        out.extend(_elide(text[pos:end], opts.max_equal))
    return out


def _elide(text: str, limit: int | None) -> list[Part]:
    if limit is None or len(text) <= limit:
        return [Part("equal", text)]
    keep = limit // 2
    return [Part("equal", text[:keep]),
            Part("elided", f" ⋯ {len(text) - 2 * keep:,} unchanged characters ⋯ "),
            Part("equal", text[-keep:])]


def _clip(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]} ⋯ {len(text) - 2 * keep:,} characters ⋯ {text[-keep:]}"


def _marks(text: str) -> str:
    return text.replace("\n", NEWLINE_MARK)


# -- suspect spans ------------------------------------------------------------------------

def _suspects(result: CleanResult) -> list[Suspect]:
    """The mojibake stage's doubtful spans, found in the original where they can be."""
    raw = result.meta.get("suspect_spans") or []
    out: list[Suspect] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        text = str(item.get("text", ""))
        start, end = int(item.get("start", 0) or 0), int(item.get("end", 0) or 0)
        reason = str(item.get("reason", ""))
        located = bool(text) and result.original[start:end] == text
        if not located and text:
            found = result.original.find(text)
            if found >= 0:
                start, end, located = found, found + len(text), True
        out.append(Suspect(start, end, text, reason, located))
    return out


def _suspects_by_line(suspects: list[Suspect], lines: _Lines) -> dict[int, list[Suspect]]:
    by_line: dict[int, list[Suspect]] = {}
    for s in suspects:
        if s.located:
            for k in range(lines.of(s.start), lines.of(max(s.start, s.end - 1)) + 1):
                by_line.setdefault(k, []).append(s)
    return by_line


