"""Which rule a line removed by a run of chrome belongs to, so ``--disable`` and ``diff --rule``
mean what a user reads them to mean.

Run rules (``chrome.head_run``, ``chrome.tail_run``, a related-news truncation …) cut many lines
at once: a breadcrumb, an editor line, a copyright footer. Each of those lines has a rule of its
own family, and an edit is attributed to that rule: the first line rule of the stage whose
pattern matches the line, else the rule the lexicon names for the line's anchor family, else the
run rule itself. A line whose family rule is switched off stays: ``--disable chrome.breadcrumb``
keeps the breadcrumb, whichever rule would have cut it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from cleaner.document import Span
from cleaner.lexicon import Lexicon
from cleaner.page.analysis import LineAnalysis
from cleaner.page.kinds import Kind, classifier
from cleaner.rules import Rule


class Attributor:
    """Splits a run rule's removals into per-family pieces and drops those of disabled rules."""

    def __init__(self, rules: Iterable[Rule], enabled: set[str], lexicon: Lexicon, stage: str):
        self.line_rules = [r for r in rules if r.stage == stage
                           and r.kind in ("drop_line", "extract") and r.pattern is not None]
        self.known = {r.id for r in rules}
        self.enabled = enabled
        self.lexicon = lexicon
        self._owner: dict[str, str | None] = {}

    def owner(self, view: str, line: str) -> str | None:
        """The rule of the family of ``line`` (``view`` is its matching form), or None."""
        if line in self._owner:
            return self._owner[line]
        found = next((r.id for r in self.line_rules if r.pattern.search(view)), None)  # type: ignore[union-attr]
        if found is None:
            kind, reason = classifier(self.lexicon).classify(line)
            if kind is Kind.ANCHOR:
                family = self.lexicon.families.get(reason)
                candidate = family.rule if family is not None \
                    else self.lexicon.tables.get("shape_rule", {}).get(reason, "")
                found = candidate if candidate in self.known else None
        self._owner[line] = found
        return found

    def split(self, run_rule: str, analysis: LineAnalysis, spans: list[Span]
              ) -> list[tuple[Span, str]]:
        """``spans`` of ``run_rule`` as (span, owner rule) pieces, without disabled families."""
        out: list[tuple[Span, str]] = []
        for span in spans:
            start, end, new = span[0], span[1], span[2]
            if new:
                out.append((span, run_rule))
                continue
            pieces: list[tuple[int, int, str | None]] = []
            lines = analysis.lines
            first = max(0, bisect_right(analysis.starts, start) - 1)
            for i in range(first, len(lines)):  # no copy of the rest of the lines
                line = lines[i]
                if line.start >= end:
                    break
                if line.end + 1 <= start:
                    continue
                lo, hi = max(start, line.start), min(end, line.end + 1)
                filled = line.text.strip() and lo < line.end
                who = (self.owner(analysis.view(line), line.text) or run_rule) if filled else None
                pieces.append((lo, hi, who))
            filled = _fill(pieces, run_rule)
            if any(who not in self.enabled for _, _, who in filled):
                # a line stays: the newline before the run (taken so that a cut at the very end
                # leaves no dangling line break) belongs to the line above, which stays too
                ends = {ln.end for ln in analysis.lines if ln.text.strip()}
                filled = [p for p in filled if not (p[1] - p[0] == 1 and p[0] in ends)]
            out.extend(_merge(filled, self.enabled))
        return out


def _fill(pieces: list[tuple[int, int, str | None]], default: str) -> list[tuple[int, int, str]]:
    """Blank lines (and a lone newline) go with the removed line above them, else below."""
    after: list[str | None] = [None] * len(pieces)  # the nearest owner below each piece
    below: str | None = None
    for i in range(len(pieces) - 1, -1, -1):
        after[i] = below
        below = pieces[i][2] or below
    filled: list[tuple[int, int, str]] = []
    above: str | None = None  # the nearest owner above
    for i, (lo, hi, who) in enumerate(pieces):
        if who is None:
            who = above or after[i] or default
        else:
            above = who
        filled.append((lo, hi, who))
    return filled


def _merge(pieces: list[tuple[int, int, str]], enabled: set[str]) -> list[tuple[Span, str]]:
    """Touching pieces of one owner as one span; pieces of disabled owners left out."""
    out: list[tuple[Span, str]] = []
    for lo, hi, who in pieces:
        if who not in enabled:
            continue
        if out and out[-1][1] == who and out[-1][0][1] == lo:
            out[-1] = ((out[-1][0][0], hi, ""), who)
        else:
            out.append(((lo, hi, ""), who))
    return out
