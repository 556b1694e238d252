"""Clean many documents on every core with flat memory and results in input order.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, which defeats
streaming a 100 GB JSONL. :func:`ordered_map` keeps at most ``2 × workers`` chunks in flight
and yields results in input order, so memory is bounded by the chunk size, not the corpus.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

from cleaner.document import CleanResult

T = TypeVar("T")
R = TypeVar("R")

_worker_cleaner: Any = None
_main_pid = os.getpid()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def _orphan_safe() -> None:
    """In a worker: leave interrupts to the main process, and die with it.

    The main process stops the workers itself on Ctrl-C or SIGTERM; if it is killed outright
    (SIGKILL), Linux's parent-death signal ends the workers instead of leaving them computing
    for nobody.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the signal was armed
            os._exit(1)


def _init_worker(cleaner_kwargs: dict[str, Any]) -> None:
    global _worker_cleaner
    if os.getpid() != _main_pid:
        _orphan_safe()
    from cleaner.pipeline import Cleaner

    _worker_cleaner = Cleaner(**cleaner_kwargs)


def _clean_chunk(chunk: list[T]) -> list[tuple[T, CleanResult | None]]:
    """Clean every item that carries ``id`` and ``text``; pass anything else through."""
    out: list[tuple[T, CleanResult | None]] = []
    for item in chunk:
        text = getattr(item, "text", None)
        if isinstance(text, str):
            out.append((item, _worker_cleaner.clean(text, str(getattr(item, "id", "")))))
        else:
            out.append((item, None))
    return out


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(func: Callable[[list[T]], list[R]], items: Iterable[T], workers: int,
                chunk_size: int = 32, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = ()) -> Iterator[R]:
    """Map ``func`` over chunks of ``items`` in worker processes, yielding in input order."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs)
    try:
        pending: deque[Future[list[R]]] = deque()
        for chunk in _chunks(items, chunk_size):
            pending.append(pool.submit(func, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, the consumer stopped): do not wait for chunks in
        # flight, stop the workers now.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def clean_parallel(items: Iterable[T], cleaner_kwargs: dict[str, Any],
                   workers: int | None = None, chunk_size: int = 32
                   ) -> Iterator[tuple[T, CleanResult | None]]:
    """Clean items (anything with ``id`` and ``text``) with one Cleaner per worker process.

    Yields ``(item, result)`` in input order; items without text (input problems) come back
    with ``None`` so the caller can report them in place. With one worker everything runs in
    this process (no pickling, easy to debug).
    """
    workers = workers or default_workers()
    if workers == 1:
        _init_worker(cleaner_kwargs)
        for chunk in _chunks(items, chunk_size):
            yield from _clean_chunk(chunk)
        return
    yield from ordered_map(_clean_chunk, items, workers, chunk_size,
                           initializer=_init_worker, initargs=(cleaner_kwargs,))
