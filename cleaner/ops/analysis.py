"""A per-document cache of the line analysis every line rule needs.

Twenty line rules in a row each splitting the text, finding the body and converting every
line to its Simplified view would do the same work twenty times. :class:`LineAnalysis` is
computed once per version of the text and reused until a rule changes the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.ops.lines import Line, body_bounds, split_lines
from cleaner.ops.text import match_view


@dataclass(slots=True)
class LineAnalysis:
    text: str
    lines: list[Line]
    bounds: tuple[int, int] | None
    _views: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> LineAnalysis:
        lines = split_lines(text)
        return cls(text, lines, body_bounds(lines))

    def view(self, line: Line) -> str:
        """The Simplified, half-width form of a line (computed on first use)."""
        cached = self._views.get(line.index)
        if cached is None:
            cached = self._views[line.index] = match_view(line.text)
        return cached
