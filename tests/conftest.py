"""Fixtures: a real PostgreSQL per test run, migrated and seeded.

Without ``DATABASE_URL`` the tests start an embedded PostgreSQL in a temporary
directory; with it they use that server. Either way every run works in
databases it creates for itself and drops afterwards.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from db.databases import create_database, drop_database
from db.embedded import start_embedded, stop_embedded
from db.engine import make_engine, plain_url
from db.migrate import upgrade

RUN = uuid.uuid4().hex[:8]
SEED_CUSTOMERS = 400
SEED = 11


def unique_name(label: str) -> str:
    return f"at_{label}_{RUN}_{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """URL of the PostgreSQL server the tests run on (any database on it)."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        yield plain_url(configured)
        return
    # Not under pytest's own temporary directory: a second pytest session
    # prunes old ones, and would delete this server's data under it.
    home = Path(tempfile.mkdtemp(prefix="agent-tools-tests-"))
    data_dir = home / "pgdata"
    try:
        yield start_embedded(data_dir)
    finally:
        stop_embedded(data_dir)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def migrated_url(server_url: str) -> Iterator[str]:
    """An empty database with the schema applied, for the whole run."""
    name = unique_name("schema")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    yield url
    asyncio.run(drop_database(server_url, name))


@pytest.fixture
def empty_database_url(server_url: str) -> Iterator[str]:
    """A database of its own for one test, with the schema applied."""
    name = unique_name("empty")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    yield url
    asyncio.run(drop_database(server_url, name))


@pytest.fixture
async def engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(migrated_url)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def seeded_template(server_url: str) -> Iterator[str]:
    """Name of a database holding a small seeded CRM, never used directly.

    Tests that write get a copy of it (``seeded_url``); copying a template is
    far faster than seeding again.
    """
    from db.seed import seed_database

    name = unique_name("seeded")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    seed_database(url, customers=SEED_CUSTOMERS, seed=SEED)
    yield name
    asyncio.run(drop_database(server_url, name))


@pytest.fixture
def seeded_url(server_url: str, seeded_template: str) -> Iterator[str]:
    """A database of its own for one test, holding the small seeded CRM."""
    name = unique_name("crm")
    url = asyncio.run(create_database(server_url, name, template=seeded_template))
    yield url
    asyncio.run(drop_database(server_url, name))


DEFAULT_CUSTOMERS = 10_000
AS_OF = date(2026, 12, 5)


@pytest.fixture(scope="session")
def default_crm_url(server_url: str) -> Iterator[str]:
    """The default 10,000-customer CRM (seed 42, as of AS_OF); read it only."""
    from db.seed import seed_database

    name = unique_name("default")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    seed_database(url, customers=DEFAULT_CUSTOMERS, seed=42, as_of=AS_OF)
    yield url
    asyncio.run(drop_database(server_url, name))
