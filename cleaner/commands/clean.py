"""``cleaner clean INPUT... -o OUTPUT``: clean a corpus, record what was removed, summarise."""

from __future__ import annotations

import argparse
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cleaner.commands.common import (
    add_cleaning_options,
    add_engine_options,
    add_input_options,
    add_output_options,
    cleaner_kwargs,
    keep_rejects,
    open_journal,
    refuse_overwrite,
    report_problems,
    stderr_console,
)
from cleaner.commands.learn import add_learn_options
from cleaner.document import CleanResult
from cleaner.io import (
    InputProblem,
    JsonlWriter,
    Record,
    count_inputs,
    is_jsonl,
    is_parquet,
    is_record_output,
    read_records,
    record_writer,
    write_text,
)
from cleaner.io.atomic import remove_stale_tree
from cleaner.parallel import clean_finished, default_workers, shared_cleaner
from cleaner.pipeline import TIMEOUT_META
from cleaner.review.summary import rule_table
from cleaner.rules import RuleError
from cleaner.stats import RunStats, digest

META_SIDECAR = "cleaner-meta.jsonl"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "clean", help="clean documents and write the clean text",
        description="Clean text files, directories of text files or JSONL. JSONL records keep "
                    "every field; the text field is replaced and a 'cleaner' object added "
                    "(rules fired, metadata from removed chrome). A directory is mirrored and "
                    f"per-document metadata goes to {META_SIDECAR} in the output directory "
                    "(OUTPUT.meta.jsonl when one file is cleaned to one file).",
    )
    add_input_options(parser)
    add_cleaning_options(parser)
    parser.add_argument("-o", "--output", required=True,
                        help="output directory (text inputs) or JSONL file (- for stdout)")
    add_output_options(parser)
    parser.add_argument("--edits", action="store_true", help="include the full edit list")
    parser.add_argument("--learn", action="store_true",
                        help="first learn the corpus's template lines (see 'cleaner learn'), "
                             "write them to OUTPUT.learned.toml (OUTPUT/learned-chrome.toml for a "
                             "directory) and clean with them")
    add_learn_options(parser)
    parser.add_argument("--workers", type=int, default=0,
                        help="worker processes (default: all cores)")
    add_engine_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "engine", "local") == "ray":
        from cleaner.engines.ray_cli import run_clean

        return run_clean(args)
    console = stderr_console()
    try:
        if args.learn:
            _learn_first(args, console)
        kwargs = cleaner_kwargs(args)
        ruleset = shared_cleaner(kwargs).ruleset  # validates the options before any work
    except (RuleError, ValueError) as exc:
        console.print(f"[bold red]error:[/] {exc}")
        return 2
    jsonl_mode = any(is_jsonl(p) or is_parquet(p) for p in args.inputs) \
        or is_record_output(args.output)
    if jsonl_mode and not is_record_output(args.output):
        console.print("[bold red]error:[/] JSONL or Parquet input needs a JSONL or Parquet "
                      "output (-o out.jsonl, out.parquet or -)")
        return 2
    if refuse_overwrite(console, args):
        return 2
    workers = args.workers or default_workers()
    out_dir = Path(args.output)
    single_file = not jsonl_mode and out_dir.suffix == ".txt" and len(args.inputs) == 1 \
        and Path(args.inputs[0]).is_file()
    sidecar = out_dir.with_suffix(".meta.jsonl") if single_file else out_dir / META_SIDECAR
    journal = None
    if args.output != "-":
        journal = open_journal(args, console, args.output if jsonl_mode else str(sidecar))
        if journal is None:
            return 2
        if journal.complete:
            return 0
    if not jsonl_mode and out_dir.is_dir():
        remove_stale_tree(out_dir)
    stats = RunStats()
    problems: list[InputProblem] = []
    done = journal.done if journal is not None else 0
    records = islice(read_records(args.inputs, args.text_field, args.id_field, args.max_chars,
                                  html_field=args.html_field), done, None)
    total = count_inputs(args.inputs)
    try:
        with _progress(console, total) as progress:
            task = progress.add_task("cleaning", total=total, completed=done)
            options = EntryOptions(args.text_field, args.edits,
                                   None if jsonl_mode else out_dir, single_file)
            blobs = _tracked(clean_finished(records, kwargs, partial(journal_entry, options),
                                            workers), progress, task)
            if journal is None:  # stdout: records streamed, nothing to resume
                _write_records(args, (pickle.loads(blob) for _item, (blob, _file) in blobs),
                               stats, problems)
            else:
                written = {} if jsonl_mode else _written_before(journal)
                for item, (blob, text_file) in blobs:
                    if text_file is not None:
                        first = written.setdefault(text_file[0], item.source)
                        if first != item.source:
                            journal.append(("problem", _collision(item, text_file[0], first)))
                            continue
                        write_text(*text_file)
                    journal.append_pickled(blob)
        if journal is not None:
            if jsonl_mode:
                _write_records(args, journal.entries(), stats, problems)
            else:
                _write_sidecar(sidecar, journal.entries(), stats, problems)
            journal.finish()
    finally:
        if journal is not None:
            journal.close()
    console.print(summary_table(stats, ruleset.ids))
    report_problems(console, problems)
    if args.output != "-":
        kept = stats.written - stats.docs  # records with a problem, written unchanged
        also = f" ({kept:,} of them unchanged, with cleaner.error)" if kept > 0 else ""
        count = stats.written if jsonl_mode else stats.docs
        console.print(f"wrote {count:,} {'record' if jsonl_mode else 'document'}(s){also} "
                      f"to [bold]{escape(args.output)}[/]")
    return 1 if problems else 0


def _written_before(journal: Any) -> dict[Path, str]:
    """Output file → the input it was written for, of the entries an interrupted run left
    (read only for a tree: a resumed JSONL or Parquet run has no files and many entries)."""
    return {Path(entry[1]["output"]): entry[3] for entry in journal.replay()
            if entry[0] == "doc" and "output" in entry[1]}


def _collision(item: Record, target: Path, first: str) -> InputProblem:
    """Two inputs mirror to one output file (``a/x.txt`` and ``b/x.txt`` given as two trees):
    the later is reported, not written over the earlier's clean text."""
    return InputProblem(item.source, f"not written: its output {target} is already the clean "
                                     f"text of {first} (two inputs mirror to one path)")


def _learn_first(args: argparse.Namespace, console: Console) -> None:
    """The learning pass of ``--learn``: the pack is written where the user can review it and
    added to the rule packs of this run."""
    import tempfile

    from cleaner.commands.learn import learn_pack
    from cleaner.io.atomic import atomic_writer

    text, count, _problems = learn_pack(args, args.rules)  # the cleaning pass reports problems
    if args.output == "-":
        handle, name = tempfile.mkstemp(suffix=".toml", prefix="cleaner-learned-")
        with open(handle, "w", encoding="utf-8") as out:
            out.write(text)
        path = Path(name)
    else:
        output = Path(args.output)
        path = output / "learned-chrome.toml" if not is_record_output(args.output) \
            else output.with_name(output.name + ".learned.toml")
        with atomic_writer(path) as out:
            out.write(text)
    args.rules = [*args.rules, str(path)]
    console.print(f"learned {count} template line(s) into [bold]{escape(str(path))}[/]")


def _progress(console: Console, total: int | None) -> Progress:
    columns = [TextColumn("[bold]{task.description}"), BarColumn(),
               MofNCompleteColumn() if total else TextColumn("{task.completed} docs"),
               TimeElapsedColumn()]
    return Progress(*columns, console=console, transient=True)


def _tracked(results: Iterator[tuple[Any, Any]], progress: Progress,
             task: Any) -> Iterator[tuple[Any, Any]]:
    for item in results:
        progress.advance(task)
        yield item


def cleaner_block(result: CleanResult, with_edits: bool) -> dict[str, Any]:
    """The ``cleaner`` object added to each output record."""
    return result.record_block(with_edits)


@dataclass(frozen=True)
class EntryOptions:
    """What :func:`journal_entry` needs of the command line (small, sent to every worker)."""

    text_field: str
    with_edits: bool
    out_dir: Path | None  # None: records (JSONL, Parquet); else the mirrored tree's root
    single_file: bool


TextFile = tuple[Path, str, bool]
"""A tree's clean document to write: ``(target, text, sweep)`` (see :func:`write_text`)."""


def journal_entry(options: EntryOptions, item: Record | InputProblem,
                  result: CleanResult | None) -> tuple[bytes, TextFile | None]:
    """:func:`entry`, pickled as the journal stores it, and the file to write. Run in the worker
    that cleaned the item, so the main process only writes: the file first, then the entry
    (an entry in the journal means its file is complete), in input order, so that two inputs
    that name one output file end as a run in one process ends, whichever worker is first."""
    record, text_file = entry(options, item, result)
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), text_file


def entry(options: EntryOptions, item: Record | InputProblem, result: CleanResult | None
          ) -> tuple[tuple, TextFile | None]:
    """What the journal keeps of one input item, and for a tree the file to write.

    ``("problem", problem)`` or ``("doc", output record or sidecar entry, counts, source,
    notes for the problem report: empty document, rules skipped for time)``.
    """
    if isinstance(item, InputProblem):
        return ("problem", item), None
    out_dir, single_file = options.out_dir, options.single_file
    assert result is not None
    notes = [] if item.text.strip() else ["empty document (written unchanged)"]
    if result.meta.get(TIMEOUT_META):
        notes.append(f"rule(s) {', '.join(result.meta[TIMEOUT_META])} ran past "
                     f"--regex-timeout and were skipped for this document")
    text_file: TextFile | None = None
    if out_dir is None:
        obj = dict(item.fields)
        obj[options.text_field] = result.text
    else:
        target = out_dir if single_file else out_dir / item.rel_path
        text_file = (target, result.text, single_file)
        obj = {"id": item.id, "source": item.source, "output": str(target),
               "encoding": item.encoding}
    obj["cleaner"] = cleaner_block(result, options.with_edits)
    return ("doc", obj, digest(result), item.source, notes), text_file


def _count(entry: tuple, stats: RunStats, problems: list[InputProblem]) -> dict[str, Any] | None:
    """Tally one journal entry; returns the record to write, if there is one."""
    if entry[0] == "problem":
        problem: InputProblem = entry[1]
        problems.append(problem)
        stats.problems += 1
        if problem.fields is not None:
            return {**problem.fields, "cleaner": {"error": problem.message}}
        return None
    _, obj, counts, source, notes = entry
    problems.extend(InputProblem(source, note) for note in notes)
    stats.add_digest(counts)
    return obj


def _write_records(args: argparse.Namespace, entries: Iterable[tuple], stats: RunStats,
                   problems: list[InputProblem]) -> None:
    rejects: list[str] = []
    with record_writer(args.output, args.inputs, args.text_field) as writer:
        for entry in entries:
            obj = _count(entry, stats, problems)
            if obj is not None:
                writer.write(obj)
                stats.written += 1
            elif entry[1].raw is not None:
                rejects.append(entry[1].raw)
    keep_rejects(args, rejects, problems)


def _write_sidecar(sidecar: Path, entries: Iterable[tuple], stats: RunStats,
                   problems: list[InputProblem]) -> None:
    with JsonlWriter(sidecar) as meta_writer:
        for entry in entries:
            obj = _count(entry, stats, problems)
            if obj is not None and entry[0] == "doc":
                block = obj.pop("cleaner")
                meta_writer.write({**obj, **block})


def summary_table(stats: RunStats, rule_order: list[str]) -> Table:
    """The per-rule summary printed at the end of a run."""
    return rule_table(stats, rule_order,
                      f"cleaned {stats.docs} document(s), {stats.changed} changed, "
                      f"{stats.chars_in:,} → {stats.chars_out:,} characters")
