"""Rows of the mock CRM, produced chunk by chunk as COPY text lines.

The generator never calls Faker per field and never builds model objects: it
draws from prepared tables with one seeded ``Draws`` per chunk and formats
each row straight into PostgreSQL's COPY text format. Each chunk's draws are
seeded from (seed, chunk number), and the only state shared between chunks
(ids, the phone pool cursor, the workshop calendar) advances in chunk order,
so the same seed, count and reference date give the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from db.dealership import Dealership
from db.seed.appointments import write_appointments
from db.seed.context import SeedContext
from db.seed.customers import Home, write_customer
from db.seed.draws import Draws
from db.seed.history import write_history
from db.seed.rows import Chunk
from db.seed.summary import SeedSummary
from db.seed.vehicles import draw_vehicles, write_vehicle
from db.seed.visits import add_legacy_visits

CHUNK_CUSTOMERS = 5_000


class Generator:
    """Everything prepared once per seed; ``chunks`` yields the rows."""

    def __init__(
        self, shop: Dealership, *, customers: int, seed: int, as_of: date
    ) -> None:
        self.context = SeedContext(shop, customers=customers, seed=seed, as_of=as_of)

    @property
    def summary(self) -> SeedSummary:
        return self.context.summary

    def chunks(self) -> Iterator[Chunk]:
        ctx = self.context
        for number, first in enumerate(range(1, ctx.total + 1, CHUNK_CUSTOMERS)):
            last = min(first + CHUNK_CUSTOMERS, ctx.total + 1)
            rng = Draws(f"{ctx.seed}:{number}")
            chunk = Chunk(size=last - first)
            home: Home | None = None
            for customer_id in range(first, last):
                home = _customer(ctx, rng, chunk, customer_id, home)
            ctx.summary.customers += chunk.size
            yield chunk
        ctx.close_summary()


def _customer(
    ctx: SeedContext, rng: Draws, chunk: Chunk, customer_id: int, previous: Home | None
) -> Home:
    """Append one customer with cars, visits and history; return its home."""
    customer = write_customer(ctx, rng, chunk, customer_id, previous)
    cars = draw_vehicles(ctx, rng, customer)
    write_appointments(ctx, rng, chunk, customer_id, cars)
    # History rows come after the appointments they record, oldest first.
    for car in cars:
        add_legacy_visits(ctx, rng, car)
        service_columns = write_history(ctx, rng, chunk, car)
        write_vehicle(ctx, chunk, car, service_columns)
    return customer.home
