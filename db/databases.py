"""Create and drop whole databases: one per test run, eval run or benchmark."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import asyncpg

_SAFE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def with_database(url: str, name: str) -> str:
    """Return ``url`` pointing at database ``name`` on the same server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _checked(name: str) -> str:
    # Names go into DDL, which cannot take parameters: allow only plain ones.
    if not _SAFE_NAME.match(name):
        raise ValueError(f"unsafe database name {name!r}")
    return name


async def create_database(url: str, name: str, template: str | None = None) -> str:
    """Create database ``name`` on the server of ``url``; return its URL."""
    sql = f'CREATE DATABASE "{_checked(name)}"'
    if template is not None:
        sql += f' TEMPLATE "{_checked(template)}"'
    connection = await asyncpg.connect(with_database(url, "postgres"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()
    return with_database(url, name)


async def drop_database(url: str, name: str) -> None:
    """Drop database ``name`` if it exists, closing its connections first."""
    connection = await asyncpg.connect(with_database(url, "postgres"))
    try:
        await connection.execute(
            f'DROP DATABASE IF EXISTS "{_checked(name)}" WITH (FORCE)'
        )
    finally:
        await connection.close()
