"""Lines the trained line model takes for chrome, among those the rules before it left.

The chrome rules decide from families; a portal's widget in words no family knows stays. The
line model (:mod:`cleaner.page.linemodel`, weights in ``rules/models/``) scores what such a line
looks like and where it stands (:mod:`cleaner.page.features`): its length and make-up, function
characters, punctuation, its place against the report and whether its neighbours went. It runs
last in the chrome stage, judges only lines outside the report's span that do not read as prose,
and removes one only when its probability reaches the model's threshold, which training set
above every body line of the labelled pages and the clean news it was checked on. Each edit
says why: the probability and the features that added most to it.
"""

from __future__ import annotations

from typing import Any

from cleaner.document import Span
from cleaner.ops import EXPLAINED, STAGE_INPUT, OpContext, explains, outside_report
from cleaner.page.features import line_features
from cleaner.page.linemodel import DEFAULT_MODEL, load_model
from cleaner.page.lines import Line, line_removal_span


def trailing_spans(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Whole-line removal spans, one per line; lines removed at the very end of the text take
    the line break before them instead of after, so no dangling line break is left.

    >>> from cleaner.page.lines import split_lines
    >>> text = "a\\nb\\nc"
    >>> spans = trailing_spans(text, split_lines(text)[1:])
    >>> spans, text[:spans[0][0]]
    ([(1, 3), (3, 5)], 'a')
    """
    spans = [line_removal_span(text, line) for line in lines]
    if not spans or spans[-1][1] != len(text):
        return spans
    k = len(spans) - 1
    while k > 0 and spans[k - 1][1] == spans[k][0]:
        k -= 1
    if spans[k][0] == 0 or text[spans[k][0] - 1] != "\n":
        return spans
    return spans[:k] + [(s - 1, e - 1) for s, e in spans[k:-1]] + [(spans[-1][0] - 1, len(text))]


@outside_report
@explains
def line_model(text: str, ctx: OpContext, model: str = DEFAULT_MODEL,
                 threshold: float = 0.0) -> list[Span]:
    """Remove lines outside the report the model scores as chrome at ``threshold`` or above
    (0: the threshold written with the model). ``model`` is a TOML file under the shipped rules
    directory (``models/line_model.toml``) or an absolute path."""
    ctx.scratch[EXPLAINED] = {}
    analysis = ctx.analysis(text)
    if analysis.page.span is None:
        return []
    scorer = load_model(model)
    bar = threshold or scorer.threshold
    chosen: list[tuple[Line, str]] = []
    for line, values in line_features(analysis, ctx.scratch.get(STAGE_INPUT)):
        if scorer.probability(values) >= bar:
            chosen.append((line, scorer.explain(values)))
    if not chosen:
        return []
    spans = trailing_spans(text, [line for line, _ in chosen])
    ctx.scratch[EXPLAINED] = {s: why for (s, _), (_, why) in zip(spans, chosen, strict=True)}
    return [(s, e, "") for s, e in spans]


def _check_model(params: dict[str, Any]) -> None:
    """A pack that points the rule at another model: read it when the pack loads, so a missing
    or malformed file is reported with the pack's file and rule (see :mod:`cleaner.rules`), not
    when the first page is cleaned."""
    if "model" in params:
        load_model(params["model"])


line_model.check_params = _check_model  # type: ignore[attr-defined]
