"""The embedded PostgreSQL: started, shared, and stopped with its last user."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

START = "from pathlib import Path; from db.embedded import start_embedded; "


def run_python(code: str, data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.PIPE,
    )


def server_running(data_dir: Path) -> bool:
    return (data_dir / "postmaster.pid").exists()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "pgdata"


def test_embedded_server_stops_when_its_only_user_exits(data_dir: Path) -> None:
    user = run_python(START + f"start_embedded(Path({str(data_dir)!r}))", data_dir)

    assert user.wait(60) == 0
    assert not server_running(data_dir)


def test_embedded_server_outlives_a_killed_user_only_until_the_next_exits(
    data_dir: Path,
) -> None:
    killed = run_python(
        START
        + f"start_embedded(Path({str(data_dir)!r})); print('ready', flush=True); "
        + "import time; time.sleep(60)",
        data_dir,
    )
    assert killed.stdout is not None
    assert killed.stdout.readline().strip() == b"ready"
    killed.send_signal(signal.SIGKILL)
    killed.wait(10)
    assert server_running(data_dir)

    later = run_python(START + f"start_embedded(Path({str(data_dir)!r}))", data_dir)

    assert later.wait(60) == 0
    assert not server_running(data_dir)
