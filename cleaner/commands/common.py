"""Options and helpers shared by the commands that clean (clean, diff, dedup, run)."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console

from cleaner.io import DEFAULT_MAX_CHARS, InputProblem
from cleaner.pipeline import PUNCTUATION, SCRIPTS


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a .txt file, a directory of text files, or JSONL "
                             "(.jsonl, .jsonl.gz, .jsonl.zst; - for stdin)")
    parser.add_argument("--text-field", default="text", help="JSONL field holding the text")
    parser.add_argument("--id-field", default="id", help="JSONL field holding the document id")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help="documents longer than this are passed through and reported")


def add_cleaning_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="PACK",
                        help="add a TOML rule pack (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="ID",
                        help="switch a rule off by id (repeatable)")
    parser.add_argument("--script", choices=SCRIPTS, default="s",
                        help="target script: s (Simplified, default), t, tw, hk, keep")
    parser.add_argument("--punctuation", choices=PUNCTUATION, default="full",
                        help="full: CJK punctuation full-width, letters/digits half-width; "
                             "keep: leave widths alone")


def cleaner_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for :class:`cleaner.Cleaner`, picklable for worker processes."""
    return {"extra_packs": list(args.rules), "disable": list(args.disable),
            "script": args.script, "punctuation": args.punctuation}


def report_problems(console: Console, problems: list[InputProblem], limit: int = 20) -> None:
    if not problems:
        return
    console.print(f"[bold red]{len(problems)} input problem(s)[/] "
                  "(the records that could be kept were written unchanged):")
    for problem in problems[:limit]:
        console.print(f"  [red]✗[/] {problem.where}: {problem.message}")
    if len(problems) > limit:
        console.print(f"  … and {len(problems) - limit} more")
