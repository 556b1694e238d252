"""``cleaner index stats PATH``: what a persistent dedup index holds."""

from __future__ import annotations

import argparse
import os

from rich.table import Table

from cleaner.commands.common import stderr_console
from cleaner.dedup.index import DedupIndex


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("index", help="inspect a persistent dedup index")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    stats = actions.add_parser("stats", help="documents, clusters and settings of an index")
    stats.add_argument("path", help="the SQLite index (made by cleaner dedup --index)")
    stats.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    console = stderr_console()
    if not os.path.exists(args.path):
        console.print(f"[bold red]error:[/] no index at {args.path}")
        return 2
    with DedupIndex(args.path) as index:
        s = index.stats()
    table = Table(title=f"dedup index {args.path}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in s.items():
        if key == "config":
            for k, v in value.items():
                table.add_row(f"config {k}", str(v))
        else:
            table.add_row(key.replace("_", " "), f"{value:,}" if isinstance(value, int) else
                          str(value))
    console.print(table)
    return 0
