"""Why the page model took a line for chrome: its family or its shape, and where it stands.

A run of chrome is cut for its anchors and takes the lines between them along, so a rule id
alone does not say why a given line went. :func:`explain_span` names, for the lines of one
removal, what the page model saw in each: the anchor family of the line itself, a list it
stands in (bulleted, dated or section-prefixed links in a row, a label written vertically),
or only its shape, and where the lines stand against the report (the body core).
``cleaner diff --why`` shows it beside each removal.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from cleaner.lexicon import Lexicon
from cleaner.page.core import Page
from cleaner.page.kinds import Kind, classifier

SHAPES = {Kind.SHORT: "short line", Kind.PROSE: "prose-like line", Kind.META: "fact line",
          Kind.BLANK: "blank line"}


def position(page: Page, index: int) -> str:
    """Where line ``index`` stands against the report's span."""
    if page.span is None:
        return "no report on the page"
    first, last = page.span
    if index < first:
        return "above the report"
    if index > last:
        return "below the report"
    return "inside the report"


def line_feature(page: Page, index: int, lex: Lexicon | None = None) -> str:
    """What decided line ``index``: its anchor family, the list around it, or its shape.

    >>> from cleaner.page.analysis import LineAnalysis
    >>> page = LineAnalysis.of("首页 > 新闻 > 正文\\n• 财经\\n• 娱乐\\n标题").page
    >>> [line_feature(page, i) for i in range(4)]
    ['anchor: breadcrumb', 'list context', 'list context', 'short line']
    """
    kind, strong = page.classes[index]
    own, reason = classifier(lex).classify(page.lines[index].text)
    if own is Kind.ANCHOR:
        return f"anchor: {reason}" + ("" if strong else " (weak)")
    if kind is Kind.ANCHOR:
        return "list context"
    return SHAPES[kind]


def explain_span(page: Page, start: int, end: int, lex: Lexicon | None = None,
                 starts: list[int] | None = None) -> str:
    """The features of the non-blank lines that ``[start, end)`` removes, with their place
    (``starts``: the lines' offsets, to find the first by bisection).

    >>> from cleaner.page.analysis import LineAnalysis
    >>> body = "市教育局昨天发布通知，今年全市将新增中小学学位三千个，缓解入学难的问题。"
    >>> text = body + "\\n相关新闻\\n• 学位新增三千个\\n• 五所学校九月启用"
    >>> explain_span(LineAnalysis.of(text).page, len(body), len(text))
    'below the report: anchor: marker, list context ×2'
    """
    if starts is None:
        starts = [line.start for line in page.lines]
    found: Counter[str] = Counter()
    places: dict[str, None] = {}
    lines = page.lines
    for i in range(max(0, bisect_right(starts, start) - 1), len(lines)):  # no copy of the rest
        line = lines[i]
        if line.start >= end:
            break
        if line.end < start or not line.text.strip():
            continue
        if max(start, line.start) >= line.end:  # only the newline before it
            continue
        found[line_feature(page, line.index, lex)] += 1
        places[position(page, line.index)] = None
    if not found:
        return ""
    features = ", ".join(what if n == 1 else f"{what} ×{n}" for what, n in found.items())
    return f"{' / '.join(places)}: {features}"
