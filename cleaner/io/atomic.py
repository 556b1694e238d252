"""Atomic outputs: write beside the target, rename into place only when complete.

An interrupted run therefore leaves either the old file or the new one, never half of one.
The temporary file is named ``.TARGET.PID.XXXX.part``: a run killed too hard to clean up
(``kill -9``, power loss) leaves it behind, and the next run writing the same target removes
every such file whose process is gone (:func:`remove_stale`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_writer(path: str | Path, binary: bool = False, sweep: bool = True
                  ) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it into place on success.

    ``sweep`` first removes stale temporary files of the same target (a writer of many small
    files sweeps their tree once instead, with :func:`remove_stale_tree`). The result gets the
    permissions a plain ``open`` would give (the umask's), or keeps those of the file it
    replaces, not the private mode of a temporary file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_stale(target)
    tmp, handle = "", None
    try:
        while handle is None:
            # the name is known before the file exists: a Ctrl-C at any point (delivered by
            # whichever thread the kernel picks, so blocking it in this one would not hold it)
            # finds the file's name in ``tmp`` and removes it; ``open`` makes the descriptor and
            # the file object in one call, so no descriptor is ever ours to close by hand (one
            # closed by a half-made file object and closed again raised EBADF in place of the
            # Ctrl-C)
            tmp = str(target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
            with contextlib.suppress(FileExistsError):
                handle = open(tmp, "xb" if binary else "x",  # noqa: SIM115 - closed below
                              **({} if binary else {"encoding": "utf-8"}), opener=_private)
        with handle:
            os.fchmod(handle.fileno(), output_mode(target))
            yield handle
        os.replace(tmp, target)
    except BaseException:
        if tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


def _private(path: str, flags: int) -> int:
    """Create the temporary file readable by its owner only, until it gets its final mode."""
    return os.open(path, flags, 0o600)


def output_mode(target: Path) -> int:
    """The mode for a new ``target``: the replaced file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def remove_stale(target: Path) -> list[Path]:
    """Remove temporary files of ``target`` left by processes that no longer run."""
    removed = []
    prefix = f".{target.name}."
    for name in glob.glob(glob.escape(str(target.parent / prefix)) + "*.part"):
        pid = Path(name).name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
                removed.append(Path(name))
    return removed


def remove_stale_tree(root: Path) -> list[Path]:
    """Remove stale temporary files anywhere below ``root`` (one walk, for tree outputs)."""
    removed = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.startswith(".") and name.endswith(".part"):
                pid = name.rsplit(".", 3)[-3] if name.count(".") >= 4 else ""
                if pid.isdigit() and not pid_alive(int(pid)):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(dirpath, name))
                        removed.append(Path(dirpath) / name)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (it may be another user's)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_text(path: str | Path, text: str, sweep: bool = True) -> None:
    with atomic_writer(path, sweep=sweep) as handle:
        handle.write(text if text.endswith("\n") or not text else text + "\n")
