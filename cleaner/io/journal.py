"""A run's journal: what it has done with each input item so far, beside its output.

Commands that write a corpus to a file append one entry per input item (the output record, or
the problem) to ``.OUTPUT.cleaner-journal`` and build the real output from the journal at the
end, renamed into place in one step. The journal is what makes a long run resumable:

- killed at any moment (even ``kill -9``), it holds a prefix of the entries, possibly with a
  torn last one, which :meth:`Journal.start` cuts off;
- ``--resume`` checks that the inputs and options are the same (a fingerprint in the header),
  replays the entries, and the command skips that many input items and carries on; the output
  is then byte for byte what an uninterrupted run writes;
- without ``--resume`` an old journal is removed and the run starts over; ``--resume`` with
  no journal beside a finished output does nothing (the run completed: doing it again would
  add its documents to a dedup index twice);
- the journal is locked (``flock``) while a run uses it, so two runs cannot write one output,
  and a journal whose run is gone is never mistaken for a live one.

Entries are pickles (they keep Parquet values' types). The journal is removed once the output
(and, for dedup, the index) is complete.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from cleaner.stale import hold, sweep

VERSION = 2


class JournalError(ValueError):
    """The journal cannot be used (another run holds it, or --resume does not match)."""


def fingerprint(command: str, inputs: Sequence[str], options: dict[str, Any]) -> str:
    """What must be equal for a resumed run to continue an earlier one: command, options, and
    every input's path, size and modification time."""
    stats = []
    for name in inputs:
        try:
            st = os.stat(name)
            stats.append([os.path.realpath(name), st.st_size, st.st_mtime_ns])
        except OSError:
            stats.append([name, None, None])
    blob = json.dumps([command, stats, options], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogateescape")).hexdigest()


def journal_path(output: str) -> Path:
    out = Path(output)
    return out.parent / f".{out.name}.cleaner-journal"


class Journal:
    """Append-only entries of one run; see the module docstring."""

    def __init__(self, path: Path, handle: IO[bytes], done: int, end: int,
                 keep: bool = True) -> None:
        self.path = path
        self._handle = handle
        self.done = done  # entries already there when the run started (resumed)
        self._replay_end = end
        self._keep = keep
        self.complete = False  # --resume found the output finished: nothing to do

    @classmethod
    def start(cls, output: str, print_: str, resume: bool, notes: list[str]) -> Journal:
        """Open the journal of ``output`` (``print_`` is the fingerprint of this run).

        ``output == "-"`` gets a private journal (removed whatever happens: stdout cannot be
        resumed). ``notes`` receives what the caller should tell the user.
        """
        if output == "-":
            # locked while the run lives, so a later run removes it if this one is killed
            sweep(Path("."), ".cleaner-stdout.*.cleaner-journal", lock=None)
            path = Path(f".cleaner-stdout.{os.getpid()}.cleaner-journal")
            handle = hold(path)
            pickle.dump({"version": VERSION}, handle)
            return cls(path, handle, 0, handle.tell(), keep=False)
        path = journal_path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115 - owned by the Journal
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise JournalError(f"another run is writing {output} (it holds {path})") from None
        handle.seek(0)
        header, done, end = _scan(handle, count=resume)
        if header is not None and resume and header.get("fingerprint") != print_:
            handle.close()
            raise JournalError(f"the unfinished run of {output} had other inputs or options; "
                               "run without --resume to start over")
        if header is not None and resume:
            handle.truncate(end)  # a torn last entry of a killed run
            handle.seek(end)
            notes.append(f"resuming: {done:,} input item(s) were done")
            return cls(path, handle, done, end)
        if header is not None:
            notes.append("removed the journal of an unfinished run of this output "
                         "(--resume would have continued it)")
        elif resume and Path(output).exists():
            handle.close()
            path.unlink()
            notes.append(f"nothing to resume: {output} is complete")
            done = cls(path, handle, 0, 0, keep=False)
            done.complete = True
            return done
        elif resume:
            notes.append("nothing to resume: starting from the beginning")
        handle.truncate(0)
        pickle.dump({"version": VERSION, "fingerprint": print_}, handle)
        handle.flush()
        return cls(path, handle, 0, handle.tell())

    def replay(self) -> Iterator[Any]:
        """The entries written before this run started (in order)."""
        if not self.done:
            return
        with open(self.path, "rb") as fh:
            pickle.load(fh)
            while fh.tell() < self._replay_end:
                yield pickle.load(fh)

    def append(self, entry: Any) -> None:
        pickle.dump(entry, self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def append_pickled(self, blob: bytes) -> None:
        """Append an entry another process pickled (``pickle.dumps(entry,
        protocol=pickle.HIGHEST_PROTOCOL)``): the same bytes :meth:`append` writes."""
        self._handle.write(blob)

    def entries(self) -> Iterator[Any]:
        """Every entry, from the first (after the run has appended all of its own)."""
        self._handle.flush()
        with open(self.path, "rb") as fh:
            pickle.load(fh)
            while True:
                try:
                    yield pickle.load(fh)
                except EOFError:
                    return

    def close(self) -> None:
        """Stop writing; the journal stays for ``--resume`` (unless it was stdout's)."""
        with contextlib.suppress(OSError):
            self._handle.close()
        if not self._keep:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def finish(self) -> None:
        """The output is complete: the journal is no longer needed."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.close()


def _scan(handle: IO[bytes], count: bool = True) -> tuple[dict[str, Any] | None, int, int]:
    """(header, complete entries, offset after the last complete one) of a journal file
    (entries are counted only when ``count``)."""
    try:
        header = pickle.load(handle)
    except Exception:  # noqa: BLE001 - empty, torn or foreign: treated as no journal
        return None, 0, 0
    if not isinstance(header, dict) or header.get("version") != VERSION:
        return None, 0, 0
    done, end = 0, handle.tell()
    while count:
        try:
            pickle.load(handle)
        except Exception:  # noqa: BLE001 - EOF or the torn entry of a killed run
            break
        done, end = done + 1, handle.tell()
    return header, done, end
