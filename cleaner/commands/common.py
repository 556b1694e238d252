"""Options and helpers shared by the commands that clean (clean, diff, dedup, run)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from rich.console import Console
from rich.markup import escape

from cleaner.io import DEFAULT_MAX_CHARS, InputProblem, is_jsonl, write_rejects
from cleaner.io.journal import Journal, JournalError, fingerprint
from cleaner.pipeline import PUNCTUATION, SCRIPTS


def stderr_console() -> Console:
    """Where commands talk. No emoji codes: ``file.jsonl:100:`` must stay a line number."""
    return Console(stderr=True, highlight=False, emoji=False)


def print_error(console: Console, message: str) -> None:
    """One line, never wrapped, markup in the message shown as it is."""
    console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--rejects`` and ``--in-place``, for the commands that write a corpus."""
    parser.add_argument("--rejects", metavar="FILE",
                        help="keep unparsable input lines here, byte for byte (default: "
                             "OUTPUT.rejects; name one when writing to -)")
    parser.add_argument("--in-place", action="store_true",
                        help="allow the output to replace one of the inputs")
    parser.add_argument("--resume", action="store_true",
                        help="continue the interrupted run that was writing OUTPUT with the "
                             "same inputs and options (from its journal .OUTPUT.cleaner-journal)")


# Options that do not change what a run writes: a resumed run may differ in them.
_NOT_FINGERPRINTED = {"func", "workers", "resume", "in_place", "rejects", "report"}


def open_journal(args: argparse.Namespace, console: Console, output: str) -> Journal | None:
    """The run's journal for ``output`` (resumed with ``--resume``); None after an error."""
    options = {k: v for k, v in sorted(vars(args).items()) if k not in _NOT_FINGERPRINTED}
    notes: list[str] = []
    try:
        journal = Journal.start(output, fingerprint(args.command, args.inputs, options),
                                args.resume, notes)
    except JournalError as exc:
        print_error(console, str(exc))
        return None
    for note in notes:
        console.print(f"[yellow]{escape(note)}[/]", soft_wrap=True)
    return journal


def output_overwrites_input(args: argparse.Namespace) -> str | None:
    """The input the output would replace (refused unless ``--in-place``), else None."""
    if args.output == "-" or getattr(args, "in_place", False) or not os.path.exists(args.output):
        return None
    for name in args.inputs:
        if name != "-" and os.path.exists(name) and os.path.samefile(name, args.output):
            return name
    return None


def refuse_overwrite(console: Console, args: argparse.Namespace) -> bool:
    """Say so and return True when the output would replace an input without ``--in-place``."""
    replaced = output_overwrites_input(args)
    if replaced is None:
        return False
    print_error(console, f"the output would replace the input {replaced}; "
                "pass --in-place to allow it")
    return True


def keep_rejects(args: argparse.Namespace, rejects: list[str],
                 problems: list[InputProblem]) -> None:
    """Write unparsable lines to ``--rejects`` (or OUTPUT.rejects) and say where they are."""
    if not rejects:
        return
    path = args.rejects or (f"{args.output}.rejects" if is_jsonl(args.output)
                            and args.output != "-" else None)
    if path is None:
        problems.append(InputProblem("-o -", f"{len(rejects)} unparsable line(s) not kept: "
                                     "name a file for them with --rejects"))
        return
    write_rejects(path, rejects)
    problems.append(InputProblem(path, f"{len(rejects)} unparsable line(s) kept here"))


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a .txt or .html file, a directory of them, a WARC file, or JSONL "
                             "(.jsonl, .jsonl.gz, .jsonl.zst; - for stdin)")
    parser.add_argument("--text-field", default="text", help="JSONL field holding the text")
    parser.add_argument("--id-field", default="id", help="JSONL field holding the document id")
    parser.add_argument("--html-field", default="html",
                        help="JSONL field holding a whole HTML page; when a record has it, the "
                             "article is extracted from it into the text field ('' to ignore)")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help="documents longer than this are passed through and reported")


def add_cleaning_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="PACK",
                        help="add a TOML rule pack (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="ID",
                        help="switch a rule off by id (repeatable)")
    parser.add_argument("--script", choices=SCRIPTS, default="s",
                        help="target script: s (Simplified, default), t, tw, hk, keep")
    parser.add_argument("--no-title", action="store_true",
                        help="HTML pages: drop the headline (kept as the first line by default)")
    parser.add_argument("--punctuation", choices=PUNCTUATION, default="full",
                        help="full: CJK punctuation full-width, letters/digits half-width; "
                             "keep: leave widths alone")
    parser.add_argument("--regex-timeout", type=float, default=2.0, metavar="SECONDS",
                        help="time a --rules pattern may spend on one document before it is "
                             "skipped there and reported (default 2)")


def cleaner_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for :class:`cleaner.Cleaner`, picklable for worker processes."""
    return {"extra_packs": list(args.rules), "disable": list(args.disable),
            "script": args.script, "punctuation": args.punctuation,
            "title": not getattr(args, "no_title", False),
            "regex_timeout": args.regex_timeout}


def report_problems(console: Console, problems: list[InputProblem], limit: int = 20) -> None:
    if not problems:
        return
    console.print(f"[bold red]{len(problems)} input problem(s)[/] "
                  "(the records that could be kept were written unchanged):")
    for problem in problems[:limit]:
        console.print(f"  [red]✗[/] {escape(problem.where)}: {escape(problem.message)}")
    if len(problems) > limit:
        console.print(f"  … and {len(problems) - limit} more")


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine's cores (default); ray: Ray Data, on a "
                             "local Ray or the cluster at --ray-address (JSONL/Parquet)")
    parser.add_argument("--ray-address", default=None, metavar="ADDR",
                        help="Ray cluster to connect to (e.g. ray://head:10001 or auto)")
