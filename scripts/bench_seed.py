"""Measure the mock-CRM seed: time and peak memory, small and large.

    .venv/bin/python scripts/bench_seed.py            # embedded PostgreSQL
    DATABASE_URL=postgresql://... .venv/bin/python scripts/bench_seed.py

Each size runs in a fresh database created on the server in use and dropped
afterwards; each run is its own process, whose peak RSS (the larger of it and
its forked generator) is measured alone. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.databases import create_database, drop_database  # noqa: E402
from db.engine import database_url  # noqa: E402
from db.migrate import upgrade  # noqa: E402

# Runs in a child process: seeds once and reports its own figures.
_CHILD = """
import json, sys, time
from datetime import date
from db.seed import seed_database
url, customers = sys.argv[1], int(sys.argv[2])
started = time.perf_counter()
seed_database(url, customers=customers, seed=42, reset=True, as_of=date(2026, 12, 5))
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def seed_once(url: str, customers: int) -> tuple[float, float, float]:
    """Seed in a child process; return (seed seconds, wall seconds, peak MiB)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, url, str(customers)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    # wait4 gives this child's own peak RSS, its forked generator included.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stdout is not None
    output = child.stdout.read()
    if child.returncode != 0:
        raise SystemExit(f"seeding {customers:,} customers failed")
    seconds = json.loads(output.strip().splitlines()[-1])["seconds"]
    return seconds, wall, usage.ru_maxrss / 1024


def measure(server: str, customers: int, runs: int) -> dict[str, float]:
    name = f"bench_seed_{uuid.uuid4().hex[:8]}"
    url = asyncio.run(create_database(server, name))
    try:
        upgrade(url)
        figures = [seed_once(url, customers) for _ in range(runs)]
    finally:
        asyncio.run(drop_database(server, name))
    return {
        "seconds": statistics.median(f[0] for f in figures),
        "wall": statistics.median(f[1] for f in figures),
        "peak_mib": max(f[2] for f in figures),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the default size")
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="comma-separated customer counts, smallest first",
    )
    options = parser.parse_args()
    server = database_url()
    sizes = [int(size) for size in options.sizes.split(",")]
    print(f"server: {'DATABASE_URL' if os.environ.get('DATABASE_URL') else 'embedded'}")
    print(f"cores: {os.cpu_count()}\n")
    print("| customers | runs | seed (median) | process wall | peak RSS |")
    print("|---:|---:|---:|---:|---:|")
    for customers in sizes:
        runs = options.runs if customers <= 10_000 else 1
        result = measure(server, customers, runs)
        print(
            f"| {customers:,} | {runs} | {result['seconds']:.2f} s "
            f"| {result['wall']:.2f} s | {result['peak_mib']:.0f} MiB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
