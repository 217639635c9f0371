"""A small open-loop HTTP/1.1 load generator over keep-alive asyncio streams.

httpx spends several times more CPU per request than this, and the load
generator shares the machine's two cores with the server it measures, so
every microsecond it spends is a microsecond the server does not get.
Latency is measured from the moment a request was *due*, not from when a free
connection sent it, so a backlog in the client counts against the server
(no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 5.0


@dataclass(frozen=True)
class Request:
    """One tool call to send at ``due_ns`` (perf_counter_ns)."""

    due_ns: int
    path: str
    body: bytes
    call_id: str


@dataclass
class Results:
    """What a run of requests came to."""

    latencies_ns: list[int] = field(default_factory=list)
    errors: int = 0
    refusals: int = 0
    first_error: str | None = None
    client_cpu_s: float = 0.0
    wall_s: float = 0.0

    def failed(self, reason: str) -> None:
        self.errors += 1
        self.first_error = self.first_error or reason


class Connection:
    """One keep-alive HTTP/1.1 connection to the server on loopback."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, method: str, path: str, body: bytes, call_id: str) -> bytes:
        """Send one request; return the response body, raising on a non-200."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(_request_bytes(method, path, body, call_id, self.port))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status, length = _parse_head(head)
        payload = await self.reader.readexactly(length)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {payload[:120]!r}")
        return payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _request_bytes(
    method: str, path: str, body: bytes, call_id: str, port: int
) -> bytes:
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        f"X-Call-Id: {call_id}\r\n\r\n"
    )
    return head.encode() + body


def _parse_head(head: bytes) -> tuple[int, int]:
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return status, int(value)
    # Our server always sends a length; anything else is a bug worth seeing.
    raise RuntimeError("response without Content-Length")


async def get_ok(port: int, path: str) -> bool:
    """Return whether GET ``path`` answers 200 (used to wait for /healthz)."""
    connection = Connection(port)
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT):
            await connection.send("GET", path, b"", "bench-health")
        return True
    except (OSError, RuntimeError, TimeoutError, asyncio.IncompleteReadError):
        return False
    finally:
        connection.close()


async def post_json(port: int, path: str, payload: object, call_id: str) -> object:
    """POST one JSON body and return the decoded answer (setup, not measured)."""
    connection = Connection(port)
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT):
            body = await connection.send(
                "POST", path, json.dumps(payload).encode(), call_id
            )
        return json.loads(body)
    finally:
        connection.close()


async def run_schedule(
    port: int, requests: Iterable[Request], connections: int, deadline_s: float
) -> Results:
    """Send ``requests`` (sorted by due time) over ``connections`` keep-alive
    connections; stop taking new work after ``deadline_s`` seconds."""
    queue: asyncio.Queue[Request | None] = asyncio.Queue()
    results = Results()
    cpu, wall = time.process_time(), time.perf_counter()
    workers = [
        asyncio.create_task(_worker(Connection(port), queue, results))
        for _ in range(connections)
    ]
    try:
        await _dispatch(requests, queue, deadline_s)
        for _ in workers:
            queue.put_nowait(None)
        async with asyncio.timeout(REQUEST_TIMEOUT * 2):
            await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
    results.client_cpu_s = time.process_time() - cpu
    results.wall_s = time.perf_counter() - wall
    return results


async def _dispatch(
    requests: Iterable[Request], queue: asyncio.Queue[Request | None], deadline_s: float
) -> None:
    stop_ns = time.perf_counter_ns() + int(deadline_s * 1e9)
    for request in requests:
        if request.due_ns > stop_ns:
            return
        wait_ns = request.due_ns - time.perf_counter_ns()
        # Sleeping for sub-millisecond gaps costs more than it is worth: send
        # the few requests due in the next half millisecond now.
        if wait_ns > 500_000:
            await asyncio.sleep(wait_ns / 1e9)
        queue.put_nowait(request)


async def _worker(
    connection: Connection, queue: asyncio.Queue[Request | None], results: Results
) -> None:
    while (request := await queue.get()) is not None:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                body = await connection.send(
                    "POST", request.path, request.body, request.call_id
                )
        except (OSError, RuntimeError, TimeoutError, asyncio.IncompleteReadError) as e:
            connection.close()
            results.failed(f"{type(e).__name__}: {e}"[:200])
            continue
        results.latencies_ns.append(time.perf_counter_ns() - request.due_ns)
        if not body.startswith(b'{"ok":true'):
            results.refusals += 1
    connection.close()
