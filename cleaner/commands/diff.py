"""``cleaner diff INPUT...``: the original beside the cleaned text, every change named by its rule.

The command is a thin shell: it chooses documents (all, a seeded ``--sample``, the ones a
``--rule`` touched), cleans them (or, for the output of ``cleaner clean --edits``, undoes the
recorded edits instead of cleaning again), and prints the renderables built by
:mod:`cleaner.review` to the terminal, a pager, an HTML page or JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from rich.console import Console, RenderableType
from rich.text import Text

from cleaner.commands.common import (
    add_cleaning_options,
    add_input_options,
    cleaner_kwargs,
    report_problems,
    stderr_console,
)
from cleaner.document import CleanResult, Edit
from cleaner.io import InputProblem, Record, read_records
from cleaner.parallel import clean_parallel, default_workers
from cleaner.review.align import undo
from cleaner.review.dups import (
    cluster_dict,
    cluster_view,
    dups_summary,
    read_clusters,
    sample_clusters,
)
from cleaner.review.html import write_html
from cleaner.review.hunks import diff_result
from cleaner.review.render import document_view
from cleaner.review.rows import Options
from cleaner.review.summary import summary_table
from cleaner.review.why import why_table
from cleaner.rules import RuleError, load_rules
from cleaner.stats import RunStats

IN_PROCESS_LIMIT = 64  # fewer documents than this are cleaned without starting workers


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff", help="show what the cleaner changed, rule by rule",
        description="Show the original and the cleaned text with every change marked and "
                    "named by the rule that made it. INPUT is anything 'cleaner clean' "
                    "accepts; the output of 'cleaner clean --edits' is reviewed without "
                    "cleaning again. With --dups, INPUT is dedup output and each kept "
                    "document is shown beside its duplicates.",
    )
    add_input_options(parser)
    add_cleaning_options(parser)
    view = parser.add_argument_group("view")
    view.add_argument("--side-by-side", action="store_true",
                      help="original and cleaned in two columns (default: inline)")
    view.add_argument("--context", type=int, default=2, metavar="N",
                      help="unchanged lines shown around each change (default 2)")
    view.add_argument("--all", action="store_true", dest="all_lines",
                      help="show unchanged lines too")
    view.add_argument("--max-hunks", type=int, default=200, metavar="N",
                      help="hunks shown per document (0: no limit; default 200)")
    view.add_argument("--why", action="store_true",
                      help="after each document, what decided each line a run of chrome took: "
                           "its family, the list it stands in or its shape, and its place")
    view.add_argument("--width", type=int, default=0,
                      help="render for this many columns (default: the terminal's; "
                           "120 for --html)")
    select = parser.add_argument_group("selection")
    select.add_argument("--sample", type=int, default=0, metavar="N",
                        help="review N documents (clusters with --dups) chosen at random")
    select.add_argument("--seed", type=int, default=0, help="seed for --sample (default 0)")
    select.add_argument("--rule", metavar="ID",
                        help="only documents where this rule fired, only its hunks")
    select.add_argument("--limit", type=int, default=100, metavar="N",
                        help="documents shown without --sample (0: all; default 100)")
    select.add_argument("--dups", action="store_true",
                        help="INPUT is dedup output: show near-duplicate clusters")
    out = parser.add_argument_group("output")
    out.add_argument("--pager", action="store_true", help="page the output (less -R)")
    out.add_argument("--html", metavar="FILE", help="write the review as an HTML page")
    out.add_argument("--json", action="store_true",
                     help="write the hunks as JSON lines to stdout, for other tools")
    parser.add_argument("--workers", type=int, default=0,
                        help="worker processes for cleaning (default: all cores)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, console: Console | None = None) -> int:
    """Run the command; ``console`` (a recording one, for screenshots) replaces stdout."""
    err = stderr_console()
    if args.dups:
        return _run_dups(args, err, console)
    try:
        ruleset = load_rules(args.rules)
        from cleaner.pipeline import Cleaner

        Cleaner(ruleset, disable=args.disable, script=args.script,
                punctuation=args.punctuation)
    except (RuleError, ValueError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        return 2
    if args.rule and args.rule not in ruleset.ids:
        err.print(f"[bold red]error:[/] no rule {args.rule!r} (see 'cleaner rules list')")
        return 2
    problems: list[InputProblem] = []
    stats = RunStats()
    options = _options(args)
    pairs = list(_select(args, problems, stats))
    diffs = [diff_result(result, options, record.source) for record, result in pairs]
    if args.json:
        for diff in diffs:
            sys.stdout.write(json.dumps(diff.to_dict(), ensure_ascii=False) + "\n")
        report_problems(err, problems)
        return 1 if problems else 0
    why = {r.id: r.why for r in ruleset.rules}
    renderables: list[RenderableType] = []
    if stats.docs > 1 or args.sample or args.rule:
        note = "" if not args.sample or args.rule else " (the sample)"
        renderables.append(summary_table(stats, ruleset.ids, len(diffs), args.rule, note))
    for (_, result), diff in zip(pairs, diffs, strict=True):
        renderables.append(document_view(diff, args.side_by_side, why))
        reasons = why_table(result.edits, args.rule) if args.why else None
        if reasons is not None:
            renderables.append(reasons)
    if not diffs:
        renderables.append(Text("no document to show" + (
            f": rule {args.rule} did not fire" if args.rule else ""), style="yellow"))
    _emit(args, renderables, err, f"cleaner diff {' '.join(args.inputs)}", console)
    report_problems(err, problems)
    return 1 if problems else 0


def _options(args: argparse.Namespace) -> Options:
    if args.json:
        return Options(context=args.context, all_lines=args.all_lines, rule=args.rule,
                       max_hunks=None, max_block_lines=None, max_equal=None, max_change=None,
                       max_rows=None)
    return Options(context=args.context, all_lines=args.all_lines, rule=args.rule,
                   max_hunks=args.max_hunks or None,
                   max_block_lines=None if args.all_lines else 8,
                   max_equal=20_000 if args.all_lines else 400,
                   max_rows=20_000 if args.all_lines else 2_000)


# -- choosing and cleaning documents ------------------------------------------------------

def _select(args: argparse.Namespace, problems: list[InputProblem], stats: RunStats
            ) -> list[tuple[Record, CleanResult]]:
    """The documents to show, in input order; ``stats`` counts every document cleaned."""
    records = _records(args, problems)
    rng = random.Random(args.seed)
    if args.sample and not args.rule:
        sample = _reservoir(((i, r) for i, r in enumerate(records)), args.sample, rng)
        chosen = [r for _, r in sorted(sample, key=lambda x: x[0])]
        out = []
        for record, result in _clean(args, chosen, len(chosen)):
            stats.add(result)
            out.append((record, result))
        return out
    matches: Iterator[tuple[int, tuple[Record, CleanResult]]] = (
        (i, pair) for i, pair in enumerate(_counted(_clean(args, records, None), stats))
        if _wanted(pair[1], args.rule))
    if args.sample:
        picked = _reservoir(matches, args.sample, rng)
        return [pair for _, pair in sorted(picked, key=lambda x: x[0])]
    out = []
    for _, pair in matches:
        if not args.limit or len(out) < args.limit:
            out.append(pair)
    return out


def _records(args: argparse.Namespace, problems: list[InputProblem]) -> Iterator[Record]:
    for item in read_records(args.inputs, args.text_field, args.id_field, args.max_chars,
                           html_field=args.html_field):
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            yield item


def _counted(pairs: Iterable[tuple[Record, CleanResult]], stats: RunStats
             ) -> Iterator[tuple[Record, CleanResult]]:
    for record, result in pairs:
        stats.add(result)
        yield record, result


def _wanted(result: CleanResult, rule: str | None) -> bool:
    if rule is None:
        return True
    return any(e.rule == rule for e in result.edits)


def _reservoir(items: Iterable[tuple[int, Any]], n: int, rng: random.Random
               ) -> list[tuple[int, Any]]:
    """A seeded uniform sample of ``n`` items in one pass (Algorithm R)."""
    sample: list[tuple[int, Any]] = []
    for seen, item in enumerate(items):
        if seen < n:
            sample.append(item)
        else:
            j = rng.randrange(seen + 1)
            if j < n:
                sample[j] = item
    return sample


def _clean(args: argparse.Namespace, records: Iterable[Record], count: int | None
           ) -> Iterator[tuple[Record, CleanResult]]:
    """Results in input order: recorded edits undone where present, otherwise cleaned."""
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        return
    stream = _chain(first, iterator)
    if _recorded_edits(first) is not None:
        yield from _replayed(args, stream)
        return
    workers = args.workers or default_workers()
    if count is not None and count < IN_PROCESS_LIMIT:
        workers = 1
    for record, result in clean_parallel(stream, cleaner_kwargs(args), workers):
        assert result is not None
        yield record, result


def _chain(first: Record, rest: Iterator[Record]) -> Iterator[Record]:
    yield first
    yield from rest


def _recorded_edits(record: Record) -> list[dict[str, Any]] | None:
    block = record.fields.get("cleaner")
    if isinstance(block, dict) and isinstance(block.get("edits"), list):
        return block["edits"]
    return None


def _replayed(args: argparse.Namespace, records: Iterable[Record]
              ) -> Iterator[tuple[Record, CleanResult]]:
    """Review ``cleaner clean --edits`` output: rebuild each original from its edits."""
    from cleaner.pipeline import Cleaner

    cleaner: Cleaner | None = None
    for record in records:
        raw = _recorded_edits(record)
        if raw is not None:
            try:
                edits = [Edit.from_dict(e) for e in raw]
                original = undo(record.text, edits)
            except (TypeError, ValueError, KeyError):
                raw = None
            else:
                meta = dict(record.fields["cleaner"].get("meta") or {})
                yield record, CleanResult(record.id, original, record.text, edits, meta)
                continue
        if cleaner is None:
            cleaner = Cleaner(**cleaner_kwargs(args))
        yield record, cleaner.clean(record.text, record.id)


# -- output -------------------------------------------------------------------------------

def _emit(args: argparse.Namespace, renderables: list[RenderableType], err: Console,
          title: str, console: Console | None = None) -> None:
    if console is not None:
        for item in renderables:
            console.print(item)
        return
    if args.html:
        write_html(args.html, renderables, title, args.width or 120)
        err.print(f"wrote [bold]{args.html}[/]")
        return
    console = Console(highlight=False, width=args.width or None)
    if args.pager:
        os.environ.setdefault("LESS", "-RFX")
        with console.pager(styles=True):
            for item in renderables:
                console.print(item)
        return
    for item in renderables:
        console.print(item)


def _run_dups(args: argparse.Namespace, err: Console, console: Console | None = None) -> int:
    problems: list[InputProblem] = []
    records = read_records(args.inputs, args.text_field, args.id_field, args.max_chars,
                           html_field=args.html_field)
    clusters, total = read_clusters(records, problems)
    shown = sample_clusters(clusters, args.sample or None, args.seed)
    if not args.sample and args.limit:
        shown = shown[:args.limit]
    if args.json:
        for cluster in shown:
            sys.stdout.write(json.dumps(cluster_dict(cluster), ensure_ascii=False) + "\n")
    else:
        context = max(0, min(args.context, 3))
        renderables: list[RenderableType] = [dups_summary(clusters, total, len(shown))]
        renderables.extend(cluster_view(c, context) for c in shown)
        _emit(args, renderables, err, f"cleaner diff --dups {' '.join(args.inputs)}", console)
    report_problems(err, problems[:1000])
    return 1 if problems else 0
