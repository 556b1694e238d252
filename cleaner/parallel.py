"""Clean many documents on every core with flat memory and results in input order.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, which defeats
streaming a 100 GB JSONL. :func:`ordered_map` keeps at most ``2 × workers`` chunks in flight
and yields results in input order, so memory is bounded by the chunk size, not the corpus.

An input that fits in one chunk is cleaned in this process: starting workers (each building
its own cleaner) would cost more than the cleaning. Workers are forked after the parent has
built its cleaner, so they inherit it (compiled rules, imported ops) instead of building one
each, and results travel back without the original text, which the parent already holds.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TypeVar

from cleaner.document import CleanResult

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

_worker_cleaner: Any = None
_worker_kwargs: dict[str, Any] | None = None
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


def shared_cleaner(cleaner_kwargs: dict[str, Any]) -> Any:
    """This process's :class:`~cleaner.pipeline.Cleaner` for these options, built once.

    A command builds it first (which validates the options before any work), the run reuses
    it, and forked workers inherit it instead of loading the rules again.
    """
    global _worker_cleaner, _worker_kwargs
    if _worker_cleaner is None or _worker_kwargs != cleaner_kwargs:
        from cleaner.pipeline import Cleaner

        _worker_cleaner = Cleaner(**cleaner_kwargs)
        _worker_kwargs = dict(cleaner_kwargs)
    return _worker_cleaner


def _init_worker(cleaner_kwargs: dict[str, Any]) -> None:
    if os.getpid() != _main_pid:
        _orphan_safe()
    shared_cleaner(cleaner_kwargs)


WARM_CHARS = 4000
"""Characters of the first document cleaned by :func:`_warm` (enough to reach every stage)."""


def _warm(chunk: list[Any]) -> None:
    """Clean the start of the first document in this process before the workers fork.

    What a cleaner builds on first use (the page classifier, the script converter, the
    mojibake pre-check's character table: ~0.2 s) is then built once and inherited by every
    worker, instead of built again in each. The result is thrown away; cleaning is a pure
    function of the text, so nothing a worker returns changes.
    """
    text = next((t for t in (getattr(item, "text", None) for item in chunk)
                 if isinstance(t, str)), None)
    if text:
        _worker_cleaner.clean(text[:WARM_CHARS])


def _clean_chunk(chunk: list[T]) -> list[tuple[T, CleanResult | None]]:
    """Clean every item that carries ``id`` and ``text``; pass anything else through."""
    out: list[tuple[T, CleanResult | None]] = []
    for item in chunk:
        text = getattr(item, "text", None)
        if isinstance(text, str):
            out.append((item, _worker_cleaner.clean(text, str(getattr(item, "id", "")),
                                                    getattr(item, "meta", None))))
        else:
            out.append((item, None))
    return out


def _clean_chunk_remote(chunk: list[T]) -> list[CleanResult | None]:
    """:func:`_clean_chunk` in a worker: only the results go back, without their original
    text (the parent still holds the items), which halves what is pickled."""
    results = [result for _item, result in _clean_chunk(chunk)]
    for result in results:
        if result is not None:
            result.original = ""
    return results


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(func: Callable[[list[T]], list[R]], items: Iterable[T], workers: int,
                chunk_size: int = 32, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = ()) -> Iterator[R]:
    """Map ``func`` over chunks of ``items`` in worker processes, yielding in input order."""
    for _chunk, results in _map_chunks(func, _chunks(items, chunk_size), workers,
                                       initializer, initargs):
        yield from results


def map_each(func: Callable[[T], R], items: Iterable[T], workers: int
             ) -> Iterator[tuple[T, R]]:
    """``(item, func(item))`` in input order, one item per task (where :func:`ordered_map`
    hands ``func`` chunks of items), ``func`` run in ``workers`` processes that die with this
    one, at most ``2 × workers`` items in flight (``func`` must be picklable)."""
    return _map_chunks(func, items, workers, _orphan_safe)  # type: ignore[arg-type]


def _map_chunks(func: Callable[[list[T]], list[R]], chunks: Iterable[list[T]], workers: int,
                initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
                ) -> Iterator[tuple[list[T], list[R]]]:
    """``(chunk, func(chunk))`` in input order, at most ``2 × workers`` chunks in flight.

    The pool's module (and multiprocessing) is imported here: a run whose input fits in one
    chunk cleans in-process and never needs it."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs)
    try:
        pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(func, chunk)))
            if len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, the consumer stopped): do not wait for chunks in
        # flight, stop the workers now.
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: Any) -> None:
    """Terminate ``pool``'s workers and let its manager thread end.

    A worker terminated while it was writing a result leaves half a message in the result
    pipe; the pool's manager thread, reading it, would then wait forever for the rest, and
    the interpreter joins that thread at exit: the process would hang after saying it was
    interrupted. Closing this process's copy of the pipe's write end means that once the
    workers are gone the read ends (EOF), the pool sees itself broken and winds down.
    """
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)  # shutdown drops it
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    if writer is not None:
        writer.close()


def _finish_chunk(chunk: list[T], finish: Callable[[T, CleanResult | None], R]) -> list[R]:
    """:func:`_clean_chunk`, each ``(item, result)`` turned into ``finish(item, result)`` in
    the same process."""
    return [finish(item, result) for item, result in _clean_chunk(chunk)]


def clean_parallel(items: Iterable[T], cleaner_kwargs: dict[str, Any],
                   workers: int | None = None, chunk_size: int = 32
                   ) -> Iterator[tuple[T, CleanResult | None]]:
    """Clean items (anything with ``id`` and ``text``) with one Cleaner per worker process.

    Yields ``(item, result)`` in input order; items without text (input problems) come back
    with ``None`` so the caller can report them in place. With one worker, or an input that
    fits in one chunk, everything runs in this process (no pickling, easy to debug).
    """
    for chunk, results in _run(items, cleaner_kwargs, workers, chunk_size,
                               _clean_chunk_remote):
        for item, result in zip(chunk, results, strict=True):
            if result is not None:
                result.original = item.text  # type: ignore[attr-defined]
            yield item, result


def clean_finished(items: Iterable[T], cleaner_kwargs: dict[str, Any],
                   finish: Callable[[T, CleanResult | None], R], workers: int | None = None,
                   chunk_size: int = 32) -> Iterator[tuple[T, R]]:
    """Like :func:`clean_parallel`, but yields ``(item, finish(item, result))``, ``finish``
    run in the worker that cleaned the item (it must be picklable: a module-level function
    or a ``functools.partial`` of one).

    What a command keeps of a result (an output record, counts) is then built where the
    result is, and only that crosses back to this process: a result carries every edit (a
    clean news article has dozens of width edits), and pickling them in a worker, unpickling
    them here and reading them once was a fifth of a two-worker run's CPU, spent in the one
    process every worker waits on.
    """
    for chunk, finished in _run(items, cleaner_kwargs, workers, chunk_size,
                                partial(_finish_chunk, finish=finish)):
        yield from zip(chunk, finished, strict=True)


def _run(items: Iterable[T], cleaner_kwargs: dict[str, Any], workers: int | None,
         chunk_size: int, remote: Callable[[list[T]], list[Any]]
         ) -> Iterator[tuple[list[T], list[Any]]]:
    """``(chunk, remote(chunk))`` in input order, ``remote`` run in worker processes, or in
    this one when one worker is asked for or the input fits in one chunk."""
    workers = workers or default_workers()
    chunks = _chunks(items, chunk_size)
    head = list(islice(chunks, 2))
    _init_worker(cleaner_kwargs)  # before the fork: workers inherit it
    if workers == 1 or len(head) < 2:
        for chunk in chain(head, chunks):
            yield chunk, remote(chunk)
        return
    _warm(head[0])
    yield from _map_chunks(remote, chain(head, chunks), workers, _init_worker,
                           (cleaner_kwargs,))
