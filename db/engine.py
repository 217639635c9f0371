"""The database URL in use and the async engine over it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from db.embedded import start_embedded
from db.errors import DatabaseError
from db.settings import DatabaseSettings

_SCHEMES = ("postgres", "postgresql", "postgresql+asyncpg", "postgresql+psycopg")


def database_url(settings: DatabaseSettings | None = None) -> str:
    """Return the libpq-style URL in use, starting the embedded server if needed."""
    settings = settings or DatabaseSettings()
    if settings.database_url:
        return plain_url(settings.database_url)
    return start_embedded(settings.data_dir)


def plain_url(url: str) -> str:
    """Return ``url`` as a ``postgresql://`` URL, refusing other databases."""
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES:
        raise DatabaseError(
            f"DATABASE_URL must be a postgresql:// URL, not {parts.scheme or url!r}"
        )
    return urlunsplit(parts._replace(scheme="postgresql"))


def asyncpg_url(url: str) -> str:
    """Return the SQLAlchemy asyncpg form of a ``postgresql://`` URL."""
    parts = urlsplit(plain_url(url))
    query = []
    for key, value in parse_qsl(parts.query):
        # asyncpg spells libpq's sslmode as ssl.
        query.append(("ssl", value) if key == "sslmode" else (key, value))
    return urlunsplit(
        parts._replace(scheme="postgresql+asyncpg", query=urlencode(query))
    )


def make_engine(
    url: str,
    settings: DatabaseSettings | None = None,
    *,
    server_settings: dict[str, str] | None = None,
) -> AsyncEngine:
    """Create the pooled async engine the tools run on."""
    settings = settings or DatabaseSettings()
    connect_args: dict[str, object] = {
        "timeout": 5,
        "server_settings": {
            "application_name": "agent-tools",
            **(server_settings or {}),
        },
    }
    if settings.pgbouncer:
        # Transaction pooling hands each transaction to any server connection,
        # so named prepared statements must be unique and never cached.
        connect_args["statement_cache_size"] = 0
        connect_args["prepared_statement_cache_size"] = 0
        connect_args["prepared_statement_name_func"] = lambda: f"__at_{uuid4()}__"
    return create_async_engine(
        asyncpg_url(url),
        pool_size=settings.pool_size,
        max_overflow=0,
        pool_timeout=settings.pool_timeout,
        pool_pre_ping=False,
        connect_args=connect_args,
    )
