"""``agent-tools seed``: each bad input is one stderr line and no data.

Most cases run the command in-process (typer's runner, same code path, no
interpreter start-up); the end-to-end and Ctrl-C cases run the installed
script in a subprocess.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
from typer.testing import CliRunner

from agent_tools.cli.main import app
from db.databases import create_database, drop_database
from db.migrate import upgrade
from tests.conftest import unique_name

AGENT_TOOLS = Path(sys.executable).with_name("agent-tools")


@pytest.fixture(scope="module")
def target_url(server_url: str) -> Iterator[str]:
    """A migrated database holding five customers; failing runs must keep them."""
    from db.seed import seed_database

    name = unique_name("cli")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    seed_database(url, customers=5, seed=1)
    yield url
    asyncio.run(drop_database(server_url, name))


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, url: str | None, **env: str) -> Outcome:
    """Run ``agent-tools seed *args`` in-process with a clean environment."""
    environment: dict[str, str | None] = {"DATABASE_URL": url, **env}
    result = CliRunner().invoke(app, ["seed", *args], env=environment)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def run_script(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(AGENT_TOOLS), "seed", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
        timeout=120,
        check=False,
    )


def customers(url: str) -> int:
    async def count() -> int:
        connection = await asyncpg.connect(url)
        try:
            return int(await connection.fetchval("SELECT count(*) FROM customers"))
        finally:
            await connection.close()

    return asyncio.run(count())


def assert_one_line_failure(result: Outcome, text: str) -> None:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert text in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["--customers", "0"], "outside 1..5,000,000"),
        (["--customers", "-3"], "outside 1..5,000,000"),
        (["--customers", "50000000"], "outside 1..5,000,000"),
        (["--customers", "many"], "--customers"),
        (["--as-of", "2026-02-30"], "--as-of"),
        (["leftover"], "unexpected extra argument"),
    ],
)
def test_seed_command_refuses_bad_arguments(
    target_url: str, args: list[str], text: str
) -> None:
    result = run(*args, url=target_url)
    assert_one_line_failure(result, text)
    assert result.exit_code == 2
    assert customers(target_url) == 5


def test_seed_command_refuses_data_without_reset(target_url: str) -> None:
    result = run("--customers", "20", url=target_url)
    assert_one_line_failure(result, "already holds data")
    assert customers(target_url) == 5


def test_seed_command_resets_and_prints_a_summary(server_url: str) -> None:
    name = unique_name("cli_reset")
    url = asyncio.run(create_database(server_url, name))
    try:
        result = run_script("--customers", "20", "--as-of", "2026-12-05", url=url)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Seeded 20 customers")
        assert "as of 2026-12-05" in result.stdout
        # No progress bar when stderr is not a terminal.
        assert result.stderr == ""
        result = run_script("--customers", "30", "--reset", url=url)
        assert result.returncode == 0, result.stderr
        assert customers(url) == 30
    finally:
        asyncio.run(drop_database(server_url, name))


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("postgresql://nobody@/crm?host=/nonexistent-socket-dir", "cannot"),
        ("mysql://nobody@localhost/crm", "postgresql://"),
    ],
)
def test_seed_command_reports_an_unusable_database_url(url: str, text: str) -> None:
    assert_one_line_failure(run(url=url), text)


def test_seed_command_reports_a_missing_database(server_url: str) -> None:
    missing = server_url.replace("/postgres?", "/no_such_database?")
    if missing == server_url:  # a DATABASE_URL without the embedded form
        missing = server_url.rsplit("/", 1)[0] + "/no_such_database"
    assert_one_line_failure(run(url=missing), "no_such_database")


def test_seed_command_reports_an_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run(url=None, AGENT_TOOLS_DATA_DIR=str(blocker / "pgdata"))
    assert_one_line_failure(result, "data directory")


def test_seed_command_ctrl_c_leaves_nothing_written(server_url: str) -> None:
    name = unique_name("interrupt")
    url = asyncio.run(create_database(server_url, name))
    try:
        upgrade(url)
        process = subprocess.Popen(
            [str(AGENT_TOOLS), "seed", "--customers", "400000"],
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for_copy(url)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 130
        assert stderr.strip().splitlines() == [
            "agent-tools: interrupted; nothing was written"
        ]
        assert customers(url) == 0
    finally:
        asyncio.run(drop_database(server_url, name))


def wait_for_copy(url: str) -> None:
    """Return once the seed's COPY into the database is under way."""

    async def copying() -> bool:
        connection = await asyncpg.connect(url)
        try:
            found = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                "current_database() AND query LIKE 'COPY%'"
            )
            return bool(found)
        finally:
            await connection.close()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if asyncio.run(copying()):
            time.sleep(0.5)
            return
        time.sleep(0.1)
    pytest.fail("the seed never started copying")
