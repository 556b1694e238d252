"""Labels decided by their neighbours: the context pass jusText uses, on the lines a stage cut.

A one-word line (``汽车``, ``法国``, ``收听``) says nothing by itself: it may be a menu item, a tag
or a heading of the report. Its neighbours decide. Between two lines the chrome rules removed it
was part of the same menu or widget block, and goes too; next to a line that stays it stays.
The lines removed are those of the text the chrome stage started from (``ctx.scratch``, set by
the pipeline) that the current text no longer holds; lines that still read as strong chrome
anchors count as chrome neighbours too, so the pass also works on a text alone.
"""

from __future__ import annotations

import re

from cleaner.document import Span
from cleaner.ops import STAGE_INPUT, OpContext
from cleaner.page.core import Page
from cleaner.page.kinds import Kind
from cleaner.page.lines import Line, line_removal_span, merge_removals, removed_lines

_LABEL = re.compile(r"^[^\W_]{2,4}$")
"""A label: two to four letters or characters, nothing else (no digit-only count either)."""


def _label(view: str) -> bool:
    return bool(_LABEL.match(view)) and not view.isdigit()


def _strong(page: Page, line: Line) -> bool:
    return page.classes[line.index][1]


def labels_between_chrome(text: str, ctx: OpContext) -> list[Span]:
    """Remove a label outside the report whose neighbours on both sides are chrome: lines this
    stage removed, or strong anchors still standing. A single character (a label written one
    character a line) and a bare number are never taken."""
    analysis = ctx.analysis(text)
    page = analysis.page
    if page.span is None:
        return []
    filled = analysis.zone_lines("edges")  # the report's own lines are never labels here
    candidates = [pos for pos, line in enumerate(filled) if page.kinds[line.index] is Kind.SHORT
                  and _label(analysis.view(line).strip())]
    if not candidates:  # most pages: no need to match the lines against the stage's input
        return []
    everything = analysis.zone_lines("any")
    where = {line.index: pos for pos, line in enumerate(everything)}
    fates: list[tuple[bool, bool] | None] = []
    stage_input = ctx.scratch.get(STAGE_INPUT)
    if stage_input is not None and stage_input != text:
        fates = removed_lines(stage_input, [ln.text.strip() for ln in everything])
    spans: list[Span] = []
    for pos in (where[filled[c].index] for c in candidates):
        fate = fates[pos] if fates else None
        above = (fate is not None and fate[0]) or (pos > 0 and _strong(page, everything[pos - 1]))
        below = (fate is not None and fate[1]) \
            or (pos + 1 < len(everything) and _strong(page, everything[pos + 1]))
        if above and below:
            spans.append(line_removal_span(text, everything[pos]) + ("",))
    return merge_removals(text, spans)

