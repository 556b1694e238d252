"""``cleaner run INPUT... -o OUTPUT``: clean then dedup in one pass over the input.

Every record is cleaned once; the clean text is both what is written out and what the dedup
key is computed from. The output is ``cleaner clean``'s JSONL plus ``cluster``,
``duplicate_of`` and ``similarity``.
"""

from __future__ import annotations

import argparse

from cleaner.commands import dedup


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run", help="clean, then deduplicate, in one pass",
        description="Clean every record and write the clean text, with the dedup fields "
                    "'cluster', 'duplicate_of' and 'similarity' (see cleaner dedup).",
    )
    dedup.add_dedup_arguments(parser)
    parser.set_defaults(func=dedup.run, write_clean=True, no_clean=False)
