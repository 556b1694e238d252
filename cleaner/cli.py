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

COMMAND_MODULES: tuple[str, ...] = ("clean", "diff", "dedup", "run", "learn", "index", "rules")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that command's module is imported.

    A command module imports what its options need; the heavy modules (the pipeline's ops,
    dedup, numpy) are imported when the command runs, so ``cleaner clean`` never pays for
    ``cleaner dedup``'s imports.
    """
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped Chinese news text into clean, deduplicated corpora.",
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in (only,) if only in COMMAND_MODULES else COMMAND_MODULES:
        importlib.import_module(f"cleaner.commands.{name}").register(sub)
    return parser


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (``kill``, a scheduler's stop) ends a run as Ctrl-C does: workers are stopped
    and temporary files removed on the way out."""
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_name(argv))
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("cleaner: interrupted; no partial output was left behind (--resume continues "
              "the run)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _command_name(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not an option), if any."""
    return next((word for word in argv if not word.startswith("-")), None)


if __name__ == "__main__":
    raise SystemExit(main())
