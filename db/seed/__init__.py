"""The mock-CRM generator: a realistic, reproducible dealership CRM in seconds.

    from db.seed import seed_database
    summary = seed_database(url, customers=10_000, seed=42)
    print(summary.render())

The same ``customers``, ``seed`` and ``as_of`` give the same rows. Every date
is drawn relative to ``as_of`` (default: today in the dealership's zone),
which the run records in the ``seed_runs`` table next to the seed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from db.dealership import load_dealership
from db.errors import SeedRefused
from db.seed.generate import CHUNK_CUSTOMERS, Generator
from db.seed.loader import SeedRun, load
from db.seed.producer import Producer, chunks_in_process, fork_available
from db.seed.summary import SeedSummary

__all__ = ["MAX_CUSTOMERS", "SeedRefused", "SeedSummary", "seed_database"]

# Past this the VIN serial space and the run time stop being sensible.
MAX_CUSTOMERS = 5_000_000


def seed_database(
    url: str,
    *,
    customers: int = 10_000,
    seed: int = 42,
    reset: bool = False,
    as_of: date | None = None,
    progress: bool = False,
) -> SeedSummary:
    """Fill the migrated database at ``url`` with a mock CRM; return a summary.

    Raises ``SeedRefused`` when the database already holds data and ``reset``
    is false, and ``DatabaseError`` when it cannot be reached or written. On
    any failure, interruption included, nothing is written.
    """
    if not 1 <= customers <= MAX_CUSTOMERS:
        raise ValueError(f"customers must be between 1 and {MAX_CUSTOMERS:,}")
    shop = load_dealership()
    as_of = as_of or shop.now().date()
    started = time.perf_counter()
    generator = Generator(shop, customers=customers, seed=seed, as_of=as_of)
    run = SeedRun(seed=seed, customers=customers, as_of=as_of)
    if customers <= CHUNK_CUSTOMERS or not fork_available():
        summary = _seed_in_process(url, generator, run, reset=reset, progress=progress)
    else:
        summary = _seed_forked(url, generator, run, reset=reset, progress=progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _seed_in_process(
    url: str, generator: Generator, run: SeedRun, *, reset: bool, progress: bool
) -> SeedSummary:
    chunks = chunks_in_process(generator)
    with _progress_bar(run.customers, enabled=progress) as advance:
        asyncio.run(
            load(
                url,
                chunks,
                run=run,
                summary=lambda: generator.summary,
                reset=reset,
                advance=advance,
            )
        )
    return generator.summary


def _seed_forked(
    url: str, generator: Generator, run: SeedRun, *, reset: bool, progress: bool
) -> SeedSummary:
    """Generate in a forked process while this one loads (see producer.py)."""
    # Fork before the progress bar starts its refresh thread.
    with (
        Producer(generator) as producer,
        _progress_bar(run.customers, enabled=progress) as advance,
    ):
        asyncio.run(
            load(
                url,
                iter(producer),
                run=run,
                summary=lambda: producer.summary,
                reset=reset,
                advance=advance,
            )
        )
    return producer.summary


@contextmanager
def _progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    if not enabled:
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("seeding customers", total=total)
        yield lambda done: bar.advance(task, done)
