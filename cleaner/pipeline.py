"""The cleaner: run the rules of each stage, in order, over one document, and keep every edit.

:class:`Cleaner` is the public entry point (``from cleaner import Cleaner``). It holds a
compiled rule set and the run options; :meth:`Cleaner.clean` is a pure function of its
input, so documents can be cleaned in any order, in any process, with the same result.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import Any

from cleaner.attribution import Attributor
from cleaner.document import CleanResult, Doc, Edit, Span, apply_spans
from cleaner.ops import EXPLAINED, STAGE_INPUT, OpContext, resolve_op
from cleaner.page.analysis import LineAnalysis
from cleaner.page.explain import explain_span
from cleaner.page.lines import line_removal_span, merge_removals
from cleaner.page.lists import HeadlineTail
from cleaner.pieces import PIECE_CHARS, clean_in_pieces, cut_points
from cleaner.rules import STAGES, Rule, RuleSet, load_rules

SCRIPTS = ("s", "t", "tw", "hk", "keep")

FIXED_POINT_STAGES = frozenset({"chrome"})
"""Stages run again until nothing changes (at most MAX_ROUNDS times): removing one chrome line
can make the next one recognisable (a caption repeated around an editor line, a related-news
marker whose list is shorter once duplicates are gone), and cleaning must be idempotent."""
EDGE_BLIND_STAGES = frozenset({"chrome"})
"""Stages whose rules (all but ``replace`` rules and a user's timed patterns) read a text by its
non-blank lines: blank lines before the first line or after the last change none of their
answers, so a rule that found nothing in a text finds nothing in it with its blank edges
trimmed (what ``layout.ends`` does at the end of a pass). Checked on generated pages for every
such rule (``tests/test_edge_blind.py``)."""
MAX_ROUNDS = 4
MAX_PASSES = 3
"""Passes of the whole pipeline while a pass changes the text. Stages read each other's
evidence (an ASCII ``?`` is a lost byte to mojibake repair until punctuation makes it ``？``;
a full-width bracket changes what punctuation does next to it; layout joins what a repair
split), so one pass is not always a fixed point, and cleaning must be idempotent. A pass over
clean text costs a few percent of the first (2.4 against 104 ms per seed document)."""
PUNCTUATION = ("full", "keep")
SURROGATE_RULE = "input.surrogates"
"""Edits replacing lone surrogates (bytes that were not UTF-8, kept by ``surrogateescape`` or
an escaped JSON string) with U+FFFD: such text cannot be encoded, so it is repaired first,
and recorded, so that nothing downstream fails on it."""
_SURROGATES = re.compile("[\ud800-\udfff]+")
REGEX_TIMEOUT = 2.0
"""Seconds a user's rule may spend matching in one document; past that it is skipped for the
document and named in ``meta[TIMEOUT_META]`` (a pathological pattern never hangs a run)."""
TIMEOUT_META = "rule_timeouts"


@dataclass(frozen=True, slots=True)
class CleanerOptions:
    """Run options every op can read through ``ctx.options``."""

    script: str = "s"
    punctuation: str = "full"
    title: bool = True  # an HTML page's headline stays as the first line

    def as_dict(self) -> dict[str, Any]:
        return {"script": self.script, "punctuation": self.punctuation, "title": self.title}


class Cleaner:
    """Clean Chinese news text with the default rule packs plus any of the user's.

    >>> Cleaner().clean("人民网>>四川频道>>综合栏目\\n正文第一段，内容很长很长，这里是新闻的正文部分。").text
    '正文第一段，内容很长很长，这里是新闻的正文部分。'
    """

    def __init__(self, rules: RuleSet | None = None, *,
                 extra_packs: Iterable[str | Path] = (),
                 disable: Iterable[str] = (),
                 script: str = "s", punctuation: str = "full", title: bool = True,
                 regex_timeout: float = REGEX_TIMEOUT, piece_chars: int = PIECE_CHARS) -> None:
        if script not in SCRIPTS:
            raise ValueError(f"script must be one of {', '.join(SCRIPTS)}, not {script!r}")
        if punctuation not in PUNCTUATION:
            raise ValueError(f"punctuation must be one of {', '.join(PUNCTUATION)}")
        self.ruleset = rules if rules is not None else load_rules(list(extra_packs))
        disabled = set(disable)
        unknown = disabled - set(self.ruleset.ids)
        if unknown:
            raise ValueError(f"cannot disable unknown rule(s): {', '.join(sorted(unknown))}")
        self.rules = self.ruleset.enabled(disabled)
        self.options = CleanerOptions(script=script, punctuation=punctuation, title=title)
        self.regex_timeout = regex_timeout
        self.piece_chars = piece_chars  # 0: never cut a long document (see cleaner.pieces)
        self._guard: Callable[[Any, list[Span]], list[Span]] | None = None
        self._deadlines: dict[str, float] = {}  # per document: user rule id -> its deadline
        self._ops = {r.id: resolve_op(r.op) for r in self.rules if r.kind == "op"}
        self._stages = [(stage, [r for r in self.rules if r.stage == stage]) for stage in STAGES
                        if any(r.stage == stage for r in self.rules)]
        enabled = {r.id for r in self.rules}
        self._attributors = {stage: Attributor(self.ruleset.rules, enabled, self.ruleset.lexicon,
                                               stage) for stage, _ in self._stages}
        self._runs = {r.id for r in self.rules if r.kind == "truncate"
                      or getattr(self._ops.get(r.id), "cuts_runs", False)}
        # rules that take only lines beside the report: line rules of a zone outside the body
        # (which holds the report's span) and ops marked so; not truncate rules, which cut from
        # a marker below the body's first line whatever their zone
        self._outside = {r.id for r in self.rules
                         if (r.kind in ("drop_line", "extract") and r.zone != "any")
                         or getattr(self._ops.get(r.id), "outside_report", False)}
        self._edge_blind = {r.id for r in self.rules if r.stage in EDGE_BLIND_STAGES
                            and r.kind != "replace" and not r.timed}
        self._explaining = {r.id for r in self.rules
                            if getattr(self._ops.get(r.id), "explains", False)}
        self._facts = {stage: [r for r in rules if r.kind == "extract"
                               or getattr(self._ops.get(r.id), "records_facts", False)]
                       for stage, rules in self._stages}

    # -- one document -------------------------------------------------------------------
    def clean(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None
              ) -> CleanResult:
        """Clean one text; returns the clean text, the edits and the extracted metadata.

        A text longer than twice ``piece_chars`` is cleaned in pieces (:mod:`cleaner.pieces`).
        """
        if self.piece_chars and len(text) > 2 * self.piece_chars \
                and not any(k.startswith("_") for k in meta or {}):
            cuts = cut_points(text, self.piece_chars, self.ruleset.lexicon)
            if cuts:
                return clean_in_pieces(self, text, doc_id, dict(meta or {}), cuts)
        return self.clean_piece(text, doc_id, meta)

    def clean_piece(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None,
                    guard: Callable[[Any, list[Span]], list[Span]] | None = None) -> CleanResult:
        """Clean a text as one document; ``guard`` filters the chrome rules' spans."""
        self._guard = guard
        result = CleanResult(id=doc_id, original=text, text=text, meta=dict(meta or {}))
        ctx = OpContext(doc_id=doc_id, meta=result.meta, options=self.options.as_dict(),
                        lexicon=self.ruleset.lexicon)
        current = text
        step = 0
        self._deadlines = {}
        idle: dict[str, str] = {}  # rule id -> the last text it found nothing in
        if _SURROGATES.search(current):
            current, edits = apply_spans(current, [(m.start(), m.end(), "\ufffd" * len(m[0]))
                                                   for m in _SURROGATES.finditer(current)],
                                         SURROGATE_RULE, step)
            result.edits.extend(edits)
        for _pass in range(MAX_PASSES):
            entering = current
            ctx.scratch.clear()  # a new pass looks afresh (the mojibake plan is one pass's)
            for stage, rules in self._stages:
                current, step = self._run_stage(stage, rules, current, result, ctx, step, idle)
            if current == entering:
                break
        result.text = current
        for key in [k for k in result.meta if k.startswith("_")]:
            del result.meta[key]  # private to the run (an HTML page's plan), never returned
        return result

    def _run_stage(self, stage: str, rules: list[Rule], current: str, result: CleanResult,
                   ctx: OpContext, step: int, idle: dict[str, str]) -> tuple[str, int]:
        """One stage over the text (to a fixed point for FIXED_POINT_STAGES).

        A rule is a function of the text (and of facts that only accumulate), so a rule that
        found nothing in a text finds nothing in an equal one: ``idle`` remembers, across rounds
        and passes, the last text each rule found nothing in, and the rule is skipped when it
        meets that text again (a second pass over a stage whose input did not change costs
        one string comparison per rule). A rule of :data:`EDGE_BLIND_STAGES` is skipped too when
        the text differs from that one only by blank lines at its edges.
        """
        ctx.scratch[STAGE_INPUT] = current  # what a context rule compares its text with
        inner = _Inner()
        for _round in range(MAX_ROUNDS if stage in FIXED_POINT_STAGES else 1):
            changed = False
            for rule in rules:
                step += 1
                seen = idle.get(rule.id)
                if seen is not None and (seen == current or (  # same text, same answer
                        rule.id in self._edge_blind and inner.same(seen, current))):
                    continue
                outside = rule.id in self._outside
                if outside and not ctx.analysis(current).beside_report():
                    idle[rule.id] = current  # no line beside the report: nothing to take
                    continue
                spans = self._spans(rule, current, ctx)
                if spans and outside:
                    spans = _beside(ctx.analysis(current), spans)
                if spans and self._guard is not None and stage == "chrome":
                    spans = self._guard(ctx.analysis(current), spans)
                if not spans:
                    idle[rule.id] = current
                    continue
                before = ctx.analysed(current)  # lines and kinds the next version can keep
                if rule.id in self._runs:
                    current, edits = self._apply_run(rule, current, spans, ctx, step, stage)
                elif rule.id in self._explaining:
                    current, edits = self._apply_explained(rule, current, spans, ctx, step, stage)
                else:
                    current, edits = apply_spans(current, spans, rule.id, step)
                if before is not None and all(not e.new for e in edits):
                    ctx.advance(before, current, [(e.start, e.end) for e in edits])
                result.edits.extend(edits)
                changed = changed or bool(edits)
            if not changed:
                break
        return current, step

    def _apply_run(self, rule: Rule, text: str, spans: list[Span], ctx: OpContext, step: int,
                   stage: str) -> tuple[str, list[Edit]]:
        """Apply a run rule's removals, each line's edit attributed to the rule of its family
        and the lines of disabled families left in place (see :mod:`cleaner.attribution`)."""
        analysis = ctx.analysis(text)
        pieces = self._attributors[stage].split(rule.id, analysis, spans)
        self._read_facts(stage, text, [span for span, _ in pieces], ctx)
        new, edits = apply_spans(text, [span for span, _ in pieces], rule.id, step)
        owners = {span[0]: who for span, who in pieces}
        return new, [self._explained(e, owners.get(e.start, rule.id), rule.id, analysis)
                     for e in edits]

    def _read_facts(self, stage: str, text: str, spans: list[Span], ctx: OpContext) -> None:
        """Facts first: the rules that keep facts read the lines ``spans`` are about to cut."""
        if self._facts[stage]:
            cut = "".join(text[span[0]:span[1]] for span in spans)
            ctx.read_cut(cut)
            for fact_rule in self._facts[stage]:
                self._spans(fact_rule, cut, ctx)

    def _apply_explained(self, rule: Rule, text: str, spans: list[Span], ctx: OpContext,
                         step: int, stage: str) -> tuple[str, list[Edit]]:
        """Apply the removals of an op that explains them, its facts read first."""
        why: dict[int, str] = ctx.scratch.pop(EXPLAINED, {})
        self._read_facts(stage, text, spans, ctx)
        new, edits = apply_spans(text, spans, rule.id, step)
        return new, [replace(e, why=why.get(e.start, "")) for e in edits]

    def _explained(self, edit: Edit, owner: str, run_rule: str, analysis: LineAnalysis) -> Edit:
        """``edit`` of a run, given to its family's rule, with what decided its lines."""
        why = explain_span(analysis.page, edit.start, edit.end, self.ruleset.lexicon,
                           analysis.starts)
        if owner != run_rule:
            why = f"cut by {run_rule}; {why}"
        return replace(edit, rule=owner, why=why)

    def clean_doc(self, doc: Doc) -> CleanResult:
        return self.clean(doc.text, doc.id, doc.meta)

    def clean_batch(self, texts: Iterable[str | Doc]) -> list[CleanResult]:
        """Clean many documents in this process (see :mod:`cleaner.parallel` for all cores)."""
        return list(self.iter_clean(texts))

    def iter_clean(self, texts: Iterable[str | Doc]) -> Iterator[CleanResult]:
        for i, item in enumerate(texts):
            if isinstance(item, Doc):
                yield self.clean_doc(item)
            else:
                yield self.clean(item, str(i))

    def apply_rule(self, rule: Rule, text: str) -> tuple[str, list[Edit], dict[str, Any]]:
        """Apply a single rule to a text (what rule examples are checked with)."""
        ctx = OpContext(options=self.options.as_dict(), lexicon=self.ruleset.lexicon)
        spans = self._spans(rule, text, ctx)
        new, edits = apply_spans(text, spans, rule.id)
        return new, edits, ctx.meta

    # -- rule kinds ---------------------------------------------------------------------
    def _spans(self, rule: Rule, text: str, ctx: OpContext) -> list[Span]:
        if not rule.timed:
            return self._rule_spans(rule, text, ctx)
        skipped = ctx.meta.get(TIMEOUT_META, [])
        if rule.id in skipped:
            return []
        deadline = self._deadlines.setdefault(rule.id, time.monotonic() + self.regex_timeout)
        try:
            return self._rule_spans(replace(rule, pattern=_Limited(rule.pattern, deadline)),
                                    text, ctx)
        except TimeoutError:
            ctx.meta[TIMEOUT_META] = [*skipped, rule.id]
            return []

    def _rule_spans(self, rule: Rule, text: str, ctx: OpContext) -> list[Span]:
        if rule.kind == "op":
            op = self._ops.get(rule.id) or resolve_op(rule.op)
            return op(text, ctx, **rule.params)
        if rule.kind == "replace":
            assert rule.pattern is not None
            return [(m.start(), m.end(), m.expand(rule.replacement))
                    for m in rule.pattern.finditer(text)]
        if rule.kind == "truncate":
            return _truncate_spans(rule, text, ctx)
        return _line_spans(rule, text, ctx)


def _beside(analysis: LineAnalysis, spans: list[Span]) -> list[Span]:
    """The spans of an op marked :func:`cleaner.ops.outside_report` that reach outside the
    report (so that not running the op on a text with nothing beside its report is exactly
    what running it there gives)."""
    region = analysis.report_region()
    if region is None:
        return spans
    return [span for span in spans if span[0] < region[0] or span[1] > region[1] + 1]


class _Inner:
    """Whether two texts differ only by blank lines at their edges (each text's inner part
    worked out once per stage run: the rules of a stage compare the same two texts)."""

    def __init__(self) -> None:
        self._parts: dict[int, tuple[str, str]] = {}

    def _inner(self, text: str) -> str:
        found = self._parts.get(id(text))
        if found is None or found[0] is not text:
            found = self._parts[id(text)] = (text, text.strip("\n"))
        return found[1]

    def same(self, a: str, b: str) -> bool:
        """``a`` and ``b`` (not equal) are one text with other blank lines around it.

        >>> _Inner().same("\\n正文。\\n", "正文。"), _Inner().same("正文。", "正文！")
        (True, False)
        """
        return len(a) != len(b) and (a[:1] == "\n" or a[-1:] == "\n" or b[:1] == "\n"
                                     or b[-1:] == "\n") and self._inner(a) == self._inner(b)


class _Limited:
    """A user's pattern (compiled with ``regex``) whose calls share one document's deadline."""

    def __init__(self, pattern: Any, deadline: float) -> None:
        self.pattern = pattern
        self.deadline = deadline

    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def search(self, text: str) -> Any:
        return self.pattern.search(text, timeout=self._left())

    def finditer(self, text: str) -> Any:
        return self.pattern.finditer(text, timeout=self._left())


def _line_spans(rule: Rule, text: str, ctx: OpContext) -> list[Span]:
    assert rule.pattern is not None
    analysis = ctx.analysis(text)
    spans: list[Span] = []
    # the edges as two zones, so that no search for a needle reads the body between them
    split = rule.zone in ("edges", "around") and analysis.bounds is not None
    zones = ("head", "tail") if split else () if rule.zone == "around" else (rule.zone,)
    for line, match in chain.from_iterable(analysis.matches(rule.pattern, analysis.zone_lines(zone))
                                           for zone in zones):
        for key, value in match.groupdict().items():
            if value and value.strip():
                ctx.meta.setdefault(key, value.strip())
        start, end = line_removal_span(text, line)
        spans.append((start, end, ""))
    return merge_removals(text, spans)


def _truncate_spans(rule: Rule, text: str, ctx: OpContext) -> list[Span]:
    """Cut from the first marker line whose following lines read as a list of headlines."""
    assert rule.pattern is not None
    analysis = ctx.analysis(text)
    lines = analysis.lines
    min_index = analysis.bounds[0] + 1 if analysis.bounds else 0
    tail: HeadlineTail | None = None
    for line, _match in analysis.matches(rule.pattern, lines[min_index:]):
        if not line.text.strip():
            continue
        if tail is None:  # built on the first marker only: most documents have none
            tail = HeadlineTail([ln.text for ln in lines], **rule.params, lex=ctx.lexicon)
        if tail.qualifies(line.index + 1):
            return merge_removals(text, [(line.start, len(text), "")])
    return []
