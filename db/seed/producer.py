"""Generate in a second process while this one streams to PostgreSQL.

Generating rows is pure Python and takes one core; PostgreSQL parsing and
storing them takes another. A forked producer hands finished chunks, already
encoded, through a small bounded queue, so both cores work at once and
memory holds only a few chunks whatever the number of customers.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
from collections.abc import Iterator
from multiprocessing.context import ForkProcess
from typing import Any

from db.errors import DatabaseError
from db.seed.generate import Generator
from db.seed.rows import EncodedChunk
from db.seed.summary import SeedSummary

QUEUE_CHUNKS = 3
_POLL_SECONDS = 1.0


def chunks_in_process(generator: Generator) -> Iterator[EncodedChunk]:
    """Yield encoded chunks generated right here (one chunk, or no fork)."""
    for chunk in generator.chunks():
        yield chunk.encode()


class Producer:
    """Runs ``generator`` in a forked process; iterate to receive its chunks.

    After the last chunk, ``summary`` holds the producer's closing counts.
    """

    def __init__(self, generator: Generator) -> None:
        context = multiprocessing.get_context("fork")
        self.summary = generator.summary
        self._queue: Any = context.Queue(maxsize=QUEUE_CHUNKS)
        self._process: ForkProcess = context.Process(
            target=_produce, args=(generator, self._queue), daemon=True
        )

    def __enter__(self) -> Producer:
        self._process.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._queue.close()

    def __iter__(self) -> Iterator[EncodedChunk]:
        while True:
            message = self._receive()
            if isinstance(message, SeedSummary):
                self.summary = message
                return
            yield message

    def _receive(self) -> EncodedChunk | SeedSummary:
        while True:
            try:
                message: EncodedChunk | SeedSummary | str = self._queue.get(
                    timeout=_POLL_SECONDS
                )
            except queue.Empty:
                if not self._process.is_alive():
                    raise DatabaseError(
                        "the row generator stopped unexpectedly"
                    ) from None
                continue
            if isinstance(message, str):
                raise DatabaseError(f"the row generator failed: {message}")
            return message


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _produce(generator: Generator, out: Any) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides, rolls
    # back and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for chunk in generator.chunks():
            out.put(chunk.encode())
    except Exception as exc:  # reported to the parent, which fails cleanly
        out.put(f"{type(exc).__name__}: {exc}")
        return
    out.put(generator.summary)
