"""Scratch files and folders that say whether their run is alive, so a later run removes what a
killed one left behind.

A run *holds* its scratch: an exclusive ``flock`` on a lock file, kept while the run lives. The
kernel drops a process's locks when it ends, however it ends (``kill -9`` included), so a lock
another process can take belongs to a dead run; unlike a pid written in a file, this cannot be
fooled by the pid being reused. The lock file also says who held it (pid, host, start time,
command line) for a person wondering what a folder is.

:func:`sweep` removes the scratch matching a pattern whose lock it can take, holding that lock
while it removes it, and checking the lock file is still the one at that path (the name may
have been reused by a new run since it was opened). A lock file is locked before it gets its
name (created under a temporary name, then renamed), so a sweep never sees an unlocked lock of
a live run; scratch without a lock file (being created, or made by an older version) is left.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     live = Path(tmp, ".cleaner-dedup-live"); live.mkdir()
...     handle = hold(live / LOCK)
...     dead = Path(tmp, ".cleaner-dedup-dead"); dead.mkdir()
...     hold(dead / LOCK).close()  # its run ended without removing it
...     [p.name for p in sweep(Path(tmp), ".cleaner-dedup-*")], sorted(os.listdir(tmp))
(['.cleaner-dedup-dead'], ['.cleaner-dedup-live'])
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import socket
import sys
import time
from pathlib import Path
from typing import IO

LOCK = "owner.lock"  # the lock file inside a scratch folder


def hold(path: Path) -> IO[bytes]:
    """Create the file ``path`` locked by this process (as long as the returned handle, or a
    forked copy of it, is open) and write its owner into it; the handle is positioned after."""
    new = path.with_name(f"{path.name}.{os.getpid()}.new")
    handle = open(new, "w+b")  # noqa: SIM115 - the caller keeps it open as the lock
    fcntl.flock(handle, fcntl.LOCK_EX)  # a fresh file nobody else can have opened
    os.replace(new, path)
    return handle


def owner_note() -> bytes:
    """Who holds a lock: one JSON line for a person reading the lock file."""
    return (json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                        "command": sys.argv}, ensure_ascii=False) + "\n").encode("utf-8")


def sweep(folder: Path, pattern: str, lock: str | None = LOCK) -> list[Path]:
    """Remove the entries of ``folder`` matching ``pattern`` whose run is gone.

    Each entry is a folder with a ``lock`` file in it, or (``lock=None``) a file that is its
    own lock. Returns what was removed.
    """
    removed = []
    for path in sorted(folder.glob(pattern)):
        lock_path = path / lock if lock else path
        try:
            handle = open(lock_path, "rb")  # noqa: SIM115 - closed below
        except OSError:
            continue  # no lock file: being created, not ours, or removed meanwhile
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # its run is alive
            try:
                same = os.path.samestat(os.stat(lock_path), os.fstat(handle.fileno()))
            except OSError:
                same = False
            if not same:
                continue  # removed by another sweep, maybe reused by a new run since
            if lock:
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            removed.append(path)
    return removed
