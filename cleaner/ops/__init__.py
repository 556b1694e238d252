"""Built-in operations a rule can name with ``kind = "op"`` and ``op = "module:function"``.

An op is a plain function ``op(text: str, ctx: OpContext, **params) -> list[Span]``: it looks
at the text its stage hands it and returns the replacements it wants (see
:data:`cleaner.document.Span`); the pipeline applies them and records the edits. An op may
add facts to ``ctx.meta`` (metadata extracted from removed chrome, ``suspect_spans`` …).
The name ``"chrome:related_block"`` means the function ``related_block`` in
``cleaner/ops/chrome.py``, so the code behind a rule is always one import away.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Span
from cleaner.lexicon import Lexicon, default_lexicon
from cleaner.page.analysis import LineAnalysis


@dataclass(slots=True)
class OpContext:
    """What an op may see besides the text: the document id, its metadata, run options, the
    lexicon of the rule set, and a cached line analysis of the current text (see :meth:`analysis`)."""

    doc_id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    # what one rule worked out that the next rules of the same document reuse (by op family)
    scratch: dict[str, Any] = field(default_factory=dict)
    lexicon: Lexicon | None = None
    _analysis: Any = None

    def analysis(self, text: str) -> Any:
        """Lines, body bounds and match views of ``text``, shared by consecutive line rules.

        Returns a :class:`cleaner.page.analysis.LineAnalysis`; it is recomputed only when the
        text differs from the one last analysed.
        """
        if self._analysis is None or self._analysis.text is not text:
            from cleaner.text import prime_views

            self._analysis = LineAnalysis.of(text, self.lexicon)
            prime_views([line.text for line in self._analysis.lines])
        return self._analysis

    def analysed(self, text: str) -> Any:
        """The line analysis of ``text`` if one is at hand (None: none was needed yet)."""
        found = self._analysis
        return found if found is not None and found.text is text else None

    def advance(self, before: Any, text: str, cuts: list[tuple[int, int]]) -> None:
        """``text`` is ``before``'s text with ``cuts`` deleted: when they were whole lines, its
        analysis is derived from ``before`` (see :meth:`LineAnalysis.without`) instead of being
        built afresh by the next rule that asks."""
        if before is not None and cuts:
            derived = before.without(text, cuts)
            if derived is not None:
                self._analysis = derived

    def read_cut(self, text: str) -> None:
        """Make ``text`` (lines a rule is about to cut) the analysed text, as lines outside any
        report: the rules that keep facts read them so, without a page analysis."""
        self._analysis = LineAnalysis.outside(text, self.lexicon)

    @property
    def lex(self) -> Lexicon:
        """The lexicon of the rule set (the default one when the op runs alone)."""
        return self.lexicon or default_lexicon()


OpFunc = Callable[..., list[Span]]

STAGE_INPUT = "stage_input"
"""Key of ``OpContext.scratch`` under which the pipeline keeps the text the running stage
started from: a context rule compares the current text with it to see what the stage cut."""


def records_facts(func: OpFunc) -> OpFunc:
    """Mark an op that keeps facts (author, source, date) from the lines it removes: the pipeline
    runs it over the text before any rule of its stage cuts, so no fact is lost to a run rule
    that removes its line first."""
    func.records_facts = True  # type: ignore[attr-defined]
    return func


def cuts_runs(func: OpFunc) -> OpFunc:
    """Mark an op that removes runs of lines of many families (a page head, a tail): each removed
    line is attributed to the rule of its own family (see :mod:`cleaner.attribution`)."""
    func.cuts_runs = True  # type: ignore[attr-defined]
    return func


def outside_report(func: OpFunc) -> OpFunc:
    """Mark an op that removes only lines outside the report (above or below its span, see
    :meth:`cleaner.page.analysis.LineAnalysis.report_region`): the pipeline does not run it on a text version
    with no such line (most clean reports), and drops a span it returns that holds none, so
    running it and not running it there give the same text."""
    func.outside_report = True  # type: ignore[attr-defined]
    return func


EXPLAINED = "explained"
"""Key of ``OpContext.scratch`` under which an op marked :func:`explains` leaves, for each span
it returns, what decided it (``{span start: why}``)."""


def explains(func: OpFunc) -> OpFunc:
    """Mark an op that says why it removes each line (in ``ctx.scratch[EXPLAINED]``): the
    pipeline records that in the edit's ``why`` and, as for a run, lets the rules that keep facts
    read the lines before they go."""
    func.explains = True  # type: ignore[attr-defined]
    return func


def resolve_op(name: str) -> OpFunc:
    """Find the function behind ``"module:function"`` in :mod:`cleaner.ops`."""
    module_name, sep, func_name = name.partition(":")
    if not sep or not module_name or not func_name:
        raise ValueError(f"op name {name!r} must look like 'module:function'")
    module = importlib.import_module(f"cleaner.ops.{module_name}")
    func = getattr(module, func_name, None)
    if not callable(func):
        raise ValueError(f"op {name!r}: cleaner.ops.{module_name} has no function {func_name!r}")
    return func
