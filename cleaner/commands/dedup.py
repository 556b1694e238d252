"""``cleaner dedup INPUT... -o OUTPUT``: find republished copies, keep one, say which is which.

Two passes with constant memory: the first cleans each record (the key is computed from clean
text), signs it in batches and keeps the record in the run's journal beside the output; the
second writes every record back with ``cluster``, ``duplicate_of`` and ``similarity`` (or only
the kept ones with ``--drop``). ``cleaner run`` is the same with the clean text written out.

With ``--index`` the whole run is one transaction on the index, committed only after the
output is in place: an interrupted run leaves the index as it was, and ``--resume`` replays
the journal (without cleaning again) against that same index, so it writes exactly the output
the uninterrupted run would have written, then commits. The transaction also keeps a second
run off the index while the first one runs.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Iterator
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from cleaner.commands.common import (
    add_cleaning_options,
    add_engine_options,
    add_input_options,
    add_output_options,
    cleaner_kwargs,
    keep_rejects,
    open_journal,
    print_error,
    refuse_overwrite,
    report_problems,
    stderr_console,
)
from cleaner.dedup import POLICIES, DedupConfig, Deduper, DedupResult, DocInfo
from cleaner.dedup.deduper import sign
from cleaner.dedup.index import DedupIndex
from cleaner.dedup.indexed import BATCH, IndexedRun
from cleaner.io import (
    InputProblem,
    atomic_writer,
    is_record_output,
    read_records,
    record_writer,
)
from cleaner.io.journal import Journal
from cleaner.review.summary import dedup_table

if TYPE_CHECKING:
    from cleaner.document import CleanResult


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "dedup", help="find near-duplicate documents and mark or drop the copies",
        description="Cluster copies of the same story (other script, chrome, datelines, "
                    "edits, trimmed endings) and write every record back as JSONL with "
                    "'cluster', 'duplicate_of' (id of the kept record, null when kept) and "
                    "'similarity'.",
    )
    add_dedup_arguments(parser)
    parser.add_argument("--no-clean", action="store_true",
                        help="inputs are already clean: compute keys from the text as it is")
    parser.set_defaults(func=run, write_clean=False)


def add_dedup_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``dedup`` and ``run``."""
    add_input_options(parser)
    add_cleaning_options(parser)
    parser.add_argument("-o", "--output", required=True, help="JSONL output (- for stdout)")
    add_output_options(parser)
    d = DedupConfig()
    parser.add_argument("--threshold", type=float, default=d.threshold,
                        help=f"estimated Jaccard of character {d.ngram}-grams (default "
                             f"{d.threshold})")
    parser.add_argument("--containment", type=float, default=d.containment,
                        help="an excerpt this much contained in a longer text is a copy")
    parser.add_argument("--keep", choices=POLICIES, default="longest",
                        help="which copy is kept: longest clean text, earliest date, "
                             "or first in --priority")
    parser.add_argument("--date-field", default="date", help="JSONL field for --keep earliest")
    parser.add_argument("--source-field", default="source",
                        help="JSONL field for --keep source")
    parser.add_argument("--priority", default="",
                        help="comma-separated sources, most preferred first")
    parser.add_argument("--drop", action="store_true", help="write only the kept records")
    parser.add_argument("--report", help="write the cluster report (JSON) here")
    parser.add_argument("--index", help="SQLite index: check against everything indexed before, "
                                        "then add this batch")
    parser.add_argument("--workers", type=int, default=0,
                        help="worker processes for cleaning (default: all cores); with "
                             "--no-clean, more than one signs in a second process")
    add_engine_options(parser)


def _info(fields: dict[str, Any], text: str, args: argparse.Namespace) -> DocInfo:
    return DocInfo.of(len(text), fields.get(args.date_field), fields.get(args.source_field))


def _cleaned(args: argparse.Namespace, records: Iterator
             ) -> Iterator[tuple[Any, str, dict[str, Any] | None]]:
    """``(record, clean text, the record's ``cleaner`` block or None)`` for every record, in
    order; the block only with ``--write-clean`` (the clean text replaces the record's)."""
    if getattr(args, "no_clean", False):
        for rec in records:
            yield rec, getattr(rec, "text", ""), None
        return
    from cleaner.parallel import clean_finished, default_workers

    workers = args.workers or default_workers()
    finish = partial(_text_and_block, bool(args.write_clean))
    for rec, (text, block) in clean_finished(records, cleaner_kwargs(args), finish, workers):
        yield rec, text, block


def _text_and_block(with_block: bool, _item: Any, result: CleanResult | None
                    ) -> tuple[str, dict[str, Any] | None]:
    """What dedup keeps of a result, made in the worker that cleaned it (its edits, which
    nothing here reads, are not sent back)."""
    if result is None:
        return "", None
    return result.text, result.record_block() if with_block else None


def run(args: argparse.Namespace) -> int:
    if getattr(args, "engine", "local") == "ray":
        from cleaner.engines.ray_cli import run_dedup

        return run_dedup(args)
    console = stderr_console()
    if not is_record_output(args.output):
        console.print("[bold red]error:[/] dedup writes JSONL or Parquet (-o out.jsonl, "
                      ".jsonl.gz, .jsonl.zst, .parquet or -)")
        return 2
    if refuse_overwrite(console, args):
        return 2
    config = DedupConfig(threshold=args.threshold, containment=args.containment)
    priority = [p.strip() for p in args.priority.split(",") if p.strip()]
    problems: list[InputProblem] = []
    journal = open_journal(args, console, args.output)
    if journal is None:
        return 2
    if journal.complete:
        return 0
    index = None
    try:
        if args.index:
            index = DedupIndex(args.index, config, args.keep, priority)
            index.begin_run()
        result = _first_pass(args, config, priority, journal, index, problems, console)
        written = _second_pass(args, journal, result)
        if index is not None:
            index.commit_run()
        journal.finish()
    except (ValueError, sqlite3.DatabaseError) as exc:
        where = f"{args.index}: " if isinstance(exc, sqlite3.DatabaseError) else ""
        print_error(console, where + str(exc))
        return 2
    finally:
        if index is not None:
            index.close()  # rolls back a run that did not commit
        journal.close()
    keep_rejects(args, [p.raw for p in problems if p.raw is not None], problems)
    if args.report:
        with atomic_writer(args.report) as fh:
            json.dump(result.report(), fh, ensure_ascii=False, indent=1)
    console.print(dedup_table(result))
    report_problems(console, problems)
    if args.output != "-":
        console.print(f"wrote {written} record(s) to [bold]{escape(args.output)}[/]")
    return 1 if problems else 0


def _journaled(args: argparse.Namespace, journal: Journal) -> Iterator[tuple]:
    """Every input item as a journal entry: first those of the interrupted run (replayed, not
    cleaned again), then the rest, cleaned and appended to the journal.

    ``("problem", problem)`` or ``("doc", output record, clean text or None when it is the
    record's text, id, keep-policy info)``.
    """
    yield from journal.replay()
    records = islice(read_records(args.inputs, args.text_field, args.id_field, args.max_chars,
                                  html_field=args.html_field), journal.done, None)
    for rec, clean, block in _cleaned(args, records):
        if isinstance(rec, InputProblem):
            entry: tuple = ("problem", rec)
        else:
            obj = {"id": rec.id, "source": rec.source, args.text_field: rec.text} \
                if not rec.fields else dict(rec.fields)
            if block is not None:
                obj[args.text_field] = clean
                obj["cleaner"] = block
            entry = ("doc", obj, None if obj[args.text_field] == clean else clean, rec.id,
                     _info(rec.fields, clean, args))
        journal.append(entry)
        yield entry


def _first_pass(args, config, priority, journal: Journal, index: DedupIndex | None, problems,
                console: Console) -> DedupResult:
    """Clean, sign and journal every record; link at the end (or batch by batch with an index)."""
    # per-document state goes to a scratch folder beside the output (memory stays flat),
    # named after it so the next run of this output removes what a killed run left
    scratch = journal.path.with_name(journal.path.name.replace("-journal", "-scratch"))
    deduper = Deduper(config, keep=args.keep, priority=priority,
                      spill=None if index is not None else True if args.output == "-"
                      else scratch)
    checked = IndexedRun(index) if index is not None else None
    batches = _batches(args, journal, problems)
    done = 0
    with console.status("signing documents") as status:
        if checked is not None:
            for texts, ids, infos in batches:
                checked.add(texts, ids, infos)
                done += len(ids)
                status.update(f"signed {done} documents")
        else:
            for (_texts, ids, infos), signed in _signed(batches, config, _sign_apart(args)):
                deduper.add_signed(signed, ids, infos)
                done += len(ids)
                status.update(f"signed {done} documents")
    return checked.result() if checked is not None else deduper.result()


Batch = tuple[list[str], list[str], list[DocInfo]]


def _batches(args: argparse.Namespace, journal: Journal, problems: list) -> Iterator[Batch]:
    """The journaled documents in batches of :data:`BATCH` ``(texts, ids, infos)``; the input
    problems go to ``problems`` as they come."""
    texts: list[str] = []
    ids: list[str] = []
    infos: list[DocInfo] = []
    for entry in _journaled(args, journal):
        if entry[0] == "problem":
            problems.append(entry[1])
            continue
        _, obj, clean, doc_id, info = entry
        texts.append(obj[args.text_field] if clean is None else clean)
        ids.append(doc_id)
        infos.append(info)
        if len(texts) >= BATCH:
            yield texts, ids, infos
            texts, ids, infos = [], [], []
    if texts:
        yield texts, ids, infos


def _sign_apart(args: argparse.Namespace) -> bool:
    """Whether to sign in a worker process: without cleaning, this process's reading and
    journaling and the keys and signatures each take about half of the first pass, so they
    overlap on two cores (with cleaning, the cleaning workers have the cores and this process
    signs while it waits for them)."""
    if not getattr(args, "no_clean", False):
        return False
    from cleaner.parallel import default_workers

    return (args.workers or default_workers()) > 1


def _sign_batch(batch: Batch, config: DedupConfig) -> tuple:
    return sign(batch[0], config)


def _signed(batches: Iterator[Batch], config: DedupConfig, apart: bool
            ) -> Iterator[tuple[Batch, tuple]]:
    """``(batch, sign(its texts))`` in input order; ``apart``: signed in one worker process
    while this one reads the next batches (an input of one batch is signed here)."""
    head = list(islice(batches, 2))
    if not apart or len(head) < 2:
        for batch in chain(head, batches):
            yield batch, sign(batch[0], config)
        return
    from cleaner.parallel import map_each

    yield from map_each(partial(_sign_batch, config=config), chain(head, batches), 1)


def _second_pass(args: argparse.Namespace, journal: Journal, result: DedupResult) -> int:
    written = 0
    docs = (entry[1] for entry in journal.entries() if entry[0] == "doc")
    with record_writer(args.output, args.inputs, args.text_field) as writer:
        for obj, a in zip(docs, result.assignments, strict=True):
            if args.drop and not a.kept:
                continue
            obj["cluster"] = a.cluster
            obj["duplicate_of"] = a.duplicate_of
            obj["similarity"] = a.similarity
            writer.write(obj)
            written += 1
    return written
