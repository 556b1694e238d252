"""The ``cleaner`` command: a thin layer that parses arguments and hands over to a command.

Each subcommand lives in ``cleaner/commands/NAME.py`` with ``register(subparsers)``; the
library never prints, the commands render with rich on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

from cleaner import __version__

COMMAND_MODULES: tuple[str, ...] = ("clean", "diff", "dedup", "run", "index", "rules")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped Chinese news text into clean, deduplicated corpora.",
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"cleaner.commands.{name}").register(sub)
    return parser


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (``kill``, a scheduler's stop) ends a run as Ctrl-C does: workers are stopped
    and temporary files removed on the way out."""
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("cleaner: interrupted; no partial output was left behind", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
