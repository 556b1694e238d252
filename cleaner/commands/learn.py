"""``cleaner learn INPUT... -o site-chrome.toml``: learn the template lines of a corpus as a rule pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from cleaner.commands.common import add_input_options, report_problems, stderr_console


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "learn", help="learn a corpus's template lines (its own chrome) as a rule pack",
        description="Count normalised lines per source and write the lines that stand outside "
                    "the report on at least max(MIN_DOCS, MIN_SHARE x documents) of a source's "
                    "documents as a reviewable rule pack (use it with clean --rules).",
    )
    add_input_options(parser)
    add_learn_options(parser)
    parser.add_argument("-o", "--output", required=True, help="the rule pack to write (.toml)")
    parser.set_defaults(func=run)


def add_learn_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source-field", default=None,
                        help="record field naming a document's source (default: the host of "
                             "its url field, else the whole input is one source)")
    parser.add_argument("--min-docs", type=int, default=5,
                        help="a template line recurs in at least this many documents (default 5)")
    parser.add_argument("--min-share", type=float, default=0.01,
                        help="... and in at least this share of its source's documents (0.01)")


def learn_pack(args: argparse.Namespace, rules: list[str] | None = None) -> tuple[str, int, list]:
    """Read the inputs once and return (pack text, lines learned, input problems)."""
    from cleaner.io import InputProblem, read_records
    from cleaner.learn import TemplateLearner, learned_pack, source_of
    from cleaner.rules import load_rules

    learner = TemplateLearner(args.min_docs, args.min_share, lex=load_rules(rules or []).lexicon)
    problems: list[InputProblem] = []
    for item in read_records(args.inputs, args.text_field, args.id_field, args.max_chars):
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        learner.add(item.id, item.text, source_of(item.fields, item.id, args.source_field))
    templates = learner.templates()
    origin = ", ".join(str(p) for p in args.inputs)
    return learned_pack(templates, dict(learner.docs), origin), len(templates), problems


def run(args: argparse.Namespace) -> int:
    from cleaner.io.atomic import atomic_writer

    console = stderr_console()
    text, count, problems = learn_pack(args)
    with atomic_writer(Path(args.output)) as handle:
        handle.write(text)
    report_problems(console, problems)
    console.print(f"learned {count} template line(s); wrote [bold]{escape(args.output)}[/]")
    return 1 if problems else 0
