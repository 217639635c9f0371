"""Measure the tools' latency in-process and over HTTP on loopback.

For each CRM size it creates a database on the server in use (the embedded
PostgreSQL, or DATABASE_URL when it points at this machine), seeds it, times
every tool through ``Toolbox.call`` next to a bare indexed asyncpg query (the
floor), then drops it. Against the smallest CRM it also starts
``python -m agent_tools serve`` and drives it from this process: a realistic
load of 1,000 calls, then rising open-loop rates until p99 passes 50 ms.

    .venv/bin/python scripts/bench_tools.py [--customers-list 10000,1000000]
        [--iterations 3000] [--skip-http] [--keep] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _loadgen as loadgen

from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.toolbox import Envelope, Toolbox
from db.databases import create_database, drop_database
from db.dealership import load_dealership
from db.engine import database_url
from db.migrate import upgrade
from db.seed import seed_database

SEED = 42
WARMUP = 200
READ_P99_TARGET_MS = 2.0
FLOOR_RATIO_TARGET = 10.0
BOOK_P99_TARGET_MS = 20.0
HTTP_P99_TARGET_MS = 20.0
STEP_P99_LIMIT_MS = 50.0
MIN_RATE = 10.0
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The cycle of tools a simulated call walks through over HTTP.
HTTP_MIX = ("lookup_by_phone", "verify_identity", "get_service_due", "find_open_slots")


@dataclass(frozen=True)
class Person:
    """A seeded customer with what the tools need to serve them."""

    customer_id: int
    phone: str
    date_of_birth: date
    vehicle_id: int

    def spoken_birthday(self) -> str:
        d = self.date_of_birth
        return f"{d.month}/{d.day}/{d.year}"


@dataclass(frozen=True)
class Stat:
    """Latency of one measured operation, in milliseconds."""

    n: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    refusals: int = 0


def stat(latencies_ns: list[int], refusals: int = 0) -> Stat:
    ordered = sorted(latencies_ns)
    if not ordered:
        return Stat(0, math.nan, math.nan, math.nan, refusals)
    return Stat(
        len(ordered),
        _rank(ordered, 0.50) / 1e6,
        _rank(ordered, 0.99) / 1e6,
        ordered[-1] / 1e6,
        refusals,
    )


def _rank(ordered: list[int], q: float) -> int:
    # Nearest-rank percentile: always a latency that was actually observed.
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# ---------------------------------------------------------------- databases


def require_local(url: str) -> None:
    """Refuse any server but this machine's: the bench is a load test."""
    parts = urlsplit(url)
    host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "")
    if not (host in LOCAL_HOSTS or host.startswith("/")):
        raise SystemExit(f"refusing to benchmark a server that is not local: {host!r}")


@contextmanager
def bench_database(server: str, customers: int, keep: bool) -> Iterator[str]:
    """A fresh, migrated, seeded database; dropped afterwards unless ``keep``."""
    name = f"bench_tools_{customers}_{uuid.uuid4().hex[:8]}"
    url = asyncio.run(create_database(server, name))
    try:
        upgrade(url)
        started = time.perf_counter()
        seed_database(url, customers=customers, seed=SEED)
        # A live CRM has planner statistics; a freshly loaded one may not yet.
        asyncio.run(analyze(url))
        log(f"seeded {customers:,} customers in {time.perf_counter() - started:.1f} s")
        yield url
    finally:
        if keep:
            log(f"kept database {name}")
        else:
            asyncio.run(drop_database(server, name))


async def analyze(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def sample_people(database: Database, count: int, seed: int) -> list[Person]:
    """Random customers with an active vehicle, read straight from the CRM."""
    async with database.connection() as connection:
        low, high = await connection.fetchrow("SELECT min(id), max(id) FROM customers")
        ids = random.Random(seed).sample(range(low, high + 1), min(count * 2, high))
        rows = await connection.fetch(
            """
            SELECT c.id, c.phone, c.date_of_birth, v.id AS vehicle_id
            FROM customers c
            JOIN LATERAL (SELECT id FROM vehicles WHERE customer_id = c.id
                          AND status = 'active' ORDER BY id LIMIT 1) v ON true
            WHERE c.id = ANY($1::bigint[]) AND c.date_of_birth IS NOT NULL
            """,
            ids,
        )
    people = [
        Person(r["id"], r["phone"], r["date_of_birth"], r["vehicle_id"]) for r in rows
    ]
    random.Random(seed).shuffle(people)
    return people[:count]


def upcoming_weekdays(days: int) -> list[str]:
    today = load_dealership().now().date()
    every = (today + timedelta(days=n) for n in range(1, days + 1))
    return [day.isoformat() for day in every if day.weekday() < 5]


# ---------------------------------------------------------------- in-process


Call = Callable[[int], Awaitable[Envelope]]


async def measure(call: Call, iterations: int, warmup: int = WARMUP) -> Stat:
    """Run ``call(i)`` ``warmup`` times untimed, then ``iterations`` timed."""
    for i in range(warmup):
        await call(i)
    latencies: list[int] = []
    refusals = 0
    for i in range(warmup, warmup + iterations):
        started = time.perf_counter_ns()
        envelope = await call(i)
        latencies.append(time.perf_counter_ns() - started)
        refusals += not envelope["ok"]
    return stat(latencies, refusals)


async def measure_floor(database: Database, people: list[Person], n: int) -> Stat:
    """The bare indexed query on one pooled connection: what a tool cannot beat."""
    latencies: list[int] = []
    async with database.connection() as connection:
        for i in range(WARMUP + n):
            phone = people[i % len(people)].phone
            started = time.perf_counter_ns()
            await connection.fetchval(
                "SELECT id FROM customers WHERE phone = $1", phone
            )
            if i >= WARMUP:
                latencies.append(time.perf_counter_ns() - started)
    return stat(latencies)


class InProcess:
    """Drives each tool through ``Toolbox.call`` the way a call would."""

    def __init__(self, toolbox: Toolbox, people: list[Person], seed: int) -> None:
        self.toolbox = toolbox
        self.people = people
        self.rng = random.Random(seed)
        self.services = list(toolbox.dealership.services)
        self.days = upcoming_weekdays(60)
        self.verified: list[tuple[CallContext, Person]] = []

    def person(self, i: int) -> Person:
        return self.people[i % len(self.people)]

    @staticmethod
    def context(kind: str) -> CallContext:
        return CallContext.create(f"bench-{kind}-{uuid.uuid4().hex}", platform="bench")

    async def lookup(self, i: int) -> Envelope:
        args = {"phone": self.person(i).phone}
        return await self.toolbox.call("lookup_by_phone", args, self.context("lookup"))

    async def verify(self, i: int) -> Envelope:
        person, call = self.person(i), self.context("verify")
        args = {
            "customer_id": person.customer_id,
            "date_of_birth": person.spoken_birthday(),
        }
        envelope = await self.toolbox.call("verify_identity", args, call)
        if envelope["ok"] and envelope["data"]["verified"]:
            self.verified.append((call, person))
        return envelope

    async def service_due(self, i: int) -> Envelope:
        call, person = self.verified[i % len(self.verified)]
        args = {"vehicle_id": person.vehicle_id}
        return await self.toolbox.call("get_service_due", args, call)

    async def slots(self, i: int) -> Envelope:
        return await self.toolbox.call(
            "find_open_slots", self.slot_args(), self.context("slots")
        )

    def slot_args(self) -> dict[str, object]:
        return {
            "service_type": self.rng.choice(self.services),
            "date_from": self.rng.choice(self.days),
        }

    async def prepare_booking(self, i: int) -> tuple[CallContext, dict[str, object]]:
        """Verify a call and pick an open start for it (not timed)."""
        await self.verify(i)
        call, person = self.verified[-1]
        args = self.slot_args()
        found = await self.toolbox.call("find_open_slots", args, call)
        slots = found["data"]["slots"] if found["ok"] else []
        if not slots:
            # That day is full (the bench books many): look two weeks ahead.
            args["date_from"] = None
            found = await self.toolbox.call("find_open_slots", args, call)
            slots = found["data"]["slots"] if found["ok"] else []
        start = self.rng.choice(slots)["start"] if slots else self.days[0] + "T09:00"
        return call, {
            "customer_id": person.customer_id,
            "vehicle_id": person.vehicle_id,
            "service_type": args["service_type"],
            "start": start,
        }

    async def measure_booking(self, iterations: int) -> Stat:
        latencies: list[int] = []
        refusals = 0
        for i in range(iterations):
            call, args = await self.prepare_booking(i)
            started = time.perf_counter_ns()
            envelope = await self.toolbox.call("book_appointment", args, call)
            latencies.append(time.perf_counter_ns() - started)
            refusals += not envelope["ok"]
        return stat(latencies, refusals)


async def bench_in_process(url: str, iterations: int, bookings: int) -> dict[str, Stat]:
    database = Database.from_url(url, statement_timeout_ms=1900)
    try:
        people = await sample_people(database, 5000, SEED)
        bench = InProcess(Toolbox(database), people, SEED)
        results = {
            "bare query (floor)": await measure_floor(database, people, iterations)
        }
        results["lookup_by_phone"] = await measure(bench.lookup, iterations)
        results["verify_identity"] = await measure(bench.verify, iterations)
        results["get_service_due"] = await measure(bench.service_due, iterations)
        results["find_open_slots"] = await measure(bench.slots, iterations)
        results["book_appointment"] = await bench.measure_booking(bookings)
        # The floor again: a drifting machine shows up as two different floors.
        results["bare query (again)"] = await measure_floor(
            database, people, iterations
        )
        return results
    finally:
        await database.close()


# ---------------------------------------------------------------- HTTP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((loadgen.HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(url: str, workers: int, log_path: Path) -> Iterator[int]:
    """``agent-tools serve`` in its own process group, killed on the way out."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "agent_tools", "serve"]
    command += ["--host", loadgen.HOST, "--port", str(port), "--workers", str(workers)]
    with open(log_path, "wb") as log_file:
        server = subprocess.Popen(
            command,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            asyncio.run(wait_healthy(port, server))
            yield port
        finally:
            stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    # uvicorn's workers are children of the server: signal the whole group we
    # created for it, and nothing else.
    for sig, grace in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


async def wait_healthy(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(240):
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        if await loadgen.get_ok(port, "/healthz"):
            return
        await asyncio.sleep(0.25)
    raise SystemExit("the server did not become healthy within 60 s")


class HttpLoad:
    """Builds the request schedules for simulated calls over HTTP."""

    def __init__(self, people: list[Person], calls: int, seed: int) -> None:
        self.rng = random.Random(seed)
        tag = uuid.uuid4().hex[:8]
        self.calls = [
            (f"bench-http-{tag}-{n}", people[n % len(people)]) for n in range(calls)
        ]
        self.services = list(load_dealership().services)
        self.days = upcoming_weekdays(60)

    def request(self, due_ns: int, call: int, turn: int) -> loadgen.Request:
        call_id, person = self.calls[call]
        tool = HTTP_MIX[(call + turn) % len(HTTP_MIX)]
        body = json.dumps(self.arguments(tool, person)).encode()
        return loadgen.Request(due_ns, f"/tools/{tool}", body, call_id)

    def arguments(self, tool: str, person: Person) -> dict[str, object]:
        if tool == "lookup_by_phone":
            return {"phone": person.phone}
        if tool == "verify_identity":
            return {
                "customer_id": person.customer_id,
                "date_of_birth": person.spoken_birthday(),
            }
        if tool == "get_service_due":
            return {"vehicle_id": person.vehicle_id}
        return {
            "service_type": self.rng.choice(self.services),
            "date_from": self.rng.choice(self.days),
        }

    def verify_all(self, start_ns: int, rate: float) -> list[loadgen.Request]:
        """Every call verifies first, so any tool of the mix may come next."""
        return [
            self.request(start_ns + int(n * 1e9 / rate), n, 1 - n % len(HTTP_MIX))
            for n in range(len(self.calls))
        ]

    def realistic(
        self, start_ns: int, period_s: float, seconds: float
    ) -> list[loadgen.Request]:
        """Each call makes one tool call every ``period_s``, at its own phase."""
        requests = []
        for call in range(len(self.calls)):
            phase = self.rng.uniform(0, period_s)
            for turn in range(max(1, round(seconds / period_s))):
                due = start_ns + int((phase + turn * period_s) * 1e9)
                requests.append(self.request(due, call, turn))
        return sorted(requests, key=lambda r: r.due_ns)

    def open_loop(
        self, start_ns: int, rate: float, seconds: float
    ) -> list[loadgen.Request]:
        """Poisson arrivals at ``rate`` a second, spread over every call."""
        requests: list[loadgen.Request] = []
        at = 0.0
        while (at := at + self.rng.expovariate(rate)) < seconds:
            call = self.rng.randrange(len(self.calls))
            requests.append(self.request(start_ns + int(at * 1e9), call, len(requests)))
        return requests


@dataclass(frozen=True)
class HttpRow:
    """One HTTP load level."""

    load: str
    offered_per_s: float
    achieved_per_s: float
    stat: Stat
    errors: int
    client_cpu_us_per_request: float
    first_error: str | None


async def run_level(
    port: int,
    label: str,
    rate: float,
    requests: list[loadgen.Request],
    connections: int,
) -> HttpRow:
    span_s = (requests[-1].due_ns - requests[0].due_ns) / 1e9 if requests else 0.0
    results = await loadgen.run_schedule(port, requests, connections, span_s + 1)
    done = len(results.latencies_ns)
    row = HttpRow(
        label,
        rate,
        done / max(results.wall_s, 1e-9),
        stat(results.latencies_ns, results.refusals),
        results.errors,
        results.client_cpu_s / max(done + results.errors, 1) * 1e6,
        results.first_error,
    )
    log(
        f"{label}: p50 {row.stat.p50_ms:.2f} p99 {row.stat.p99_ms:.2f} ms, "
        f"{row.errors} errors, {row.stat.refusals} refusals"
    )
    return row


def passes_step(row: HttpRow) -> bool:
    return (
        row.errors == 0
        and row.stat.refusals == 0
        and row.stat.p99_ms < STEP_P99_LIMIT_MS
    )


async def bench_http(url: str, port: int, args: argparse.Namespace) -> list[HttpRow]:
    database = Database.from_url(url)
    try:
        people = await sample_people(database, 1000, SEED + 1)
    finally:
        await database.close()
    load = HttpLoad(people, args.calls, SEED)
    now = time.perf_counter_ns
    await run_level(
        port,
        "verify every call (warm-up)",
        200,
        load.verify_all(now(), 200),
        args.connections,
    )
    rows = [
        await run_level(
            port,
            f"realistic: {args.calls:,} calls, 1 tool call / 10 s",
            args.calls / 10,
            load.realistic(now(), 10.0, args.realistic_seconds),
            args.connections,
        )
    ]
    rows += await step_rates(port, load, args)
    return rows


async def step_rates(
    port: int, load: HttpLoad, args: argparse.Namespace
) -> list[HttpRow]:
    """Double the offered rate until a level fails, then try halfway once."""
    rows: list[HttpRow] = []
    passed, failed = 0.0, 0.0
    rate = float(args.start_rate)
    for _ in range(args.max_steps):
        requests = load.open_loop(time.perf_counter_ns(), rate, args.step_seconds)
        row = await run_level(
            port, f"open loop {rate:.0f}/s", rate, requests, args.connections
        )
        rows.append(row)
        await asyncio.sleep(1.0)  # let any backlog drain before the next level
        if passes_step(row):
            passed = rate
            rate = rate * 2 if not failed else (rate + failed) / 2
        else:
            failed = rate
            # Nothing passed yet: halve, so the report still names a rate.
            rate = (passed + failed) / 2 if passed else rate / 2
        if failed and passed and failed - passed <= passed * 0.25:
            break
        if rate < MIN_RATE:
            break
    return rows


async def client_cost(
    port: int, people: list[Person], n: int = 300
) -> dict[str, float]:
    """Client CPU per request: our raw client against httpx, same requests."""
    import httpx

    body = [json.dumps({"phone": p.phone}).encode() for p in people[:n]]
    connection = loadgen.Connection(port)
    cpu = time.process_time()
    for payload in body:
        await connection.send("POST", "/tools/lookup_by_phone", payload, "bench-cost")
    raw = (time.process_time() - cpu) / n * 1e6
    connection.close()
    base = f"http://{loadgen.HOST}:{port}"
    async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
        cpu = time.process_time()
        for payload in body:
            await client.post(
                "/tools/lookup_by_phone",
                content=payload,
                headers={"X-Call-Id": "bench-cost"},
            )
        slow = (time.process_time() - cpu) / n * 1e6
    return {"raw_asyncio_us": raw, "httpx_us": slow}


# ---------------------------------------------------------------- report


def load_average() -> str:
    # Other work on the machine inflates every figure: print how busy it was.
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def in_process_table(results: dict[int, dict[str, Stat]]) -> str:
    lines = [
        "| CRM | operation | n | p50 ms | p99 ms | p99 ÷ floor p50 | target | met |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for customers, stats in results.items():
        floor = stats["bare query (floor)"].p50_ms
        for name, s in stats.items():
            target, met = judge(name, s, floor, customers)
            lines.append(
                f"| {customers:,} | {name} | {s.n:,} | {s.p50_ms:.3f} | {s.p99_ms:.3f} "
                f"| {s.p99_ms / floor:.1f}x | {target} | {met} |"
            )
    return "\n".join(lines)


def judge(name: str, s: Stat, floor_ms: float, customers: int) -> tuple[str, str]:
    if name.startswith("bare"):
        return "", ""
    if name == "book_appointment":
        return "p99 < 20 ms", _yes(s.p99_ms < BOOK_P99_TARGET_MS)
    target = "p99 < 2 ms and < 10x floor" + (" (1M)" if customers < 1_000_000 else "")
    ok = s.p99_ms < READ_P99_TARGET_MS and s.p99_ms < FLOOR_RATIO_TARGET * floor_ms
    return target, _yes(ok)


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def http_table(rows: list[HttpRow]) -> str:
    lines = [
        "| load | offered /s | achieved /s | n | p50 ms | p99 ms | max ms "
        "| errors | refusals | client CPU µs/req |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.load} | {r.offered_per_s:.0f} | {r.achieved_per_s:.0f} "
            f"| {r.stat.n:,} "
            f"| {r.stat.p50_ms:.2f} | {r.stat.p99_ms:.2f} | {r.stat.max_ms:.1f} "
            f"| {r.errors} | {r.stat.refusals} | {r.client_cpu_us_per_request:.0f} |"
        )
    return "\n".join(lines)


def best_rate(rows: list[HttpRow]) -> float:
    steps = [r for r in rows if r.load.startswith("open loop") and passes_step(r)]
    return max((r.offered_per_s for r in steps), default=0.0)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers-list", default="10000,1000000")
    parser.add_argument("--iterations", type=int, default=3000)
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--realistic-seconds", type=float, default=30.0)
    parser.add_argument("--step-seconds", type=float, default=10.0)
    parser.add_argument("--start-rate", type=float, default=100.0)
    parser.add_argument("--max-steps", type=int, default=8)
    args = parser.parse_args(argv)
    args.iterations = max(1, min(args.iterations, 100_000))
    args.max_steps = max(1, min(args.max_steps, 12))
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    server = database_url()
    require_local(server)
    sizes = sorted(int(n) for n in args.customers_list.split(","))
    report: dict[str, Any] = {
        "in_process": {},
        "http": None,
        "machine_cores": os.cpu_count(),
        "load_average": {},
    }
    for customers in sizes:
        with bench_database(server, customers, args.keep) as url:
            log(f"in-process on {customers:,} customers, load {load_average()}")
            report["load_average"][f"in-process {customers}"] = load_average()
            stats = asyncio.run(bench_in_process(url, args.iterations, args.bookings))
            report["in_process"][customers] = stats
            log("\n" + in_process_table({customers: stats}))
            if customers == sizes[0] and not args.skip_http:
                report["load_average"]["http"] = load_average()
                report["http"] = http_report(url, customers, args)
    return report


def http_report(url: str, customers: int, args: argparse.Namespace) -> dict[str, Any]:
    log_path = Path(tempfile.gettempdir()) / f"bench_tools_server_{os.getpid()}.log"
    with running_server(url, args.workers, log_path) as port:
        log(f"HTTP on {customers:,} customers, {args.workers} workers, port {port}")
        rows = asyncio.run(bench_http(url, port, args))
        cost = asyncio.run(client_cost_on(url, port))
    return {
        "customers": customers,
        "workers": args.workers,
        "rows": rows,
        "client_cost": cost,
        "server_log": str(log_path),
    }


async def client_cost_on(url: str, port: int) -> dict[str, float]:
    database = Database.from_url(url)
    try:
        people = await sample_people(database, 300, SEED + 2)
    finally:
        await database.close()
    return await client_cost(port, people)


def print_report(report: dict[str, Any]) -> None:
    print(f"\nLoad average (1/5/15 min) at each stage: {report['load_average']}")
    print("\n### In-process (Toolbox.call)\n")
    print(in_process_table(report["in_process"]))
    http = report["http"]
    if http is None:
        return
    print(
        f"\n### HTTP on loopback ({http['customers']:,}-customer CRM, "
        f"{http['workers']} uvicorn workers; the load generator runs on the "
        f"same {report['machine_cores']} cores)\n"
    )
    print(http_table(http["rows"]))
    print(
        f"\nHighest open-loop rate with p99 < 50 ms and no errors: "
        f"{best_rate(http['rows']):.0f} tool calls/s"
    )
    cost = http["client_cost"]
    print(
        f"Client CPU per request: raw asyncio {cost['raw_asyncio_us']:.0f} µs, "
        f"httpx {cost['httpx_us']:.0f} µs"
    )


def to_json(report: dict[str, Any]) -> str:
    def plain(value: object) -> object:
        if isinstance(value, Stat | HttpRow):
            return asdict(value)
        raise TypeError(type(value).__name__)

    return json.dumps(report, default=plain, indent=2)


def main() -> None:
    # Treat SIGTERM as Ctrl-C, which asyncio unwinds cleanly, so the finally
    # blocks kill the server and drop the databases.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    args = parse_args()
    report = run(args)
    print_report(report)
    if args.json:
        args.json.write_text(to_json(report))


if __name__ == "__main__":
    main()
