"""Run scenarios, each run on a fresh copy of a seeded CRM, and save results.

A template database is migrated and seeded once; every run gets its own
database copied from it (``CREATE DATABASE ... TEMPLATE``), which takes a
fraction of a second and lets runs write freely and in parallel.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from agent_tools.harness.runner import RunResult, RunSettings, run_scenario
from agent_tools.harness.scenario import Scenario
from db.databases import create_database, drop_database
from db.migrate import upgrade

DEFAULT_CUSTOMERS = 2_000
DEFAULT_SEED = 42


@dataclass
class EvalPlan:
    scenarios: list[Scenario]
    runs: int = 1
    concurrency: int = 4
    results_dir: Path = Path("results")
    customers: int = DEFAULT_CUSTOMERS
    seed: int = DEFAULT_SEED
    # An existing seeded database to copy; None seeds a new one for this eval.
    template: str | None = None
    on_result: Callable[[RunResult], None] | None = field(default=None, repr=False)


async def evaluate(
    plan: EvalPlan, server_url: str, settings: RunSettings
) -> list[RunResult]:
    """Run every scenario ``plan.runs`` times; write one JSON file per run."""
    folder = plan.results_dir / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    template = plan.template
    own_template = template is None
    if template is None:
        template = await seed_template(server_url, plan, settings)
    try:
        results = await _run_all(plan, server_url, template, settings, folder)
    finally:
        if own_template:
            await drop_database(server_url, template)
    _write(folder / "summary.json", summary(results))
    return results


async def seed_template(server_url: str, plan: EvalPlan, settings: RunSettings) -> str:
    """Create, migrate and seed the database every run is copied from."""
    from db.seed import seed_database

    name = f"at_eval_template_{uuid.uuid4().hex[:10]}"
    url = await create_database(server_url, name)
    as_of = settings.clock().astimezone(settings.dealership.tz).date()
    try:
        # Both run their own event loop, so they get a thread of their own.
        await asyncio.to_thread(upgrade, url)
        await asyncio.to_thread(
            seed_database, url, customers=plan.customers, seed=plan.seed, as_of=as_of
        )
    except BaseException:
        await drop_database(server_url, name)
        raise
    return name


async def _run_all(
    plan: EvalPlan,
    server_url: str,
    template: str,
    settings: RunSettings,
    folder: Path,
) -> list[RunResult]:
    gate = asyncio.Semaphore(plan.concurrency)
    # CREATE DATABASE copies the template only while nobody else uses it.
    copying = asyncio.Lock()

    async def one(scenario: Scenario, run: int) -> RunResult:
        async with gate:
            name = f"at_eval_{uuid.uuid4().hex[:12]}"
            async with copying:
                url = await create_database(server_url, name, template=template)
            try:
                result = await run_scenario(scenario, url, settings, run)
            finally:
                await drop_database(server_url, name)
        _write(folder / f"{scenario.name}-{run:02d}.json", result.to_json())
        if plan.on_result is not None:
            plan.on_result(result)
        return result

    jobs = [one(s, run) for s in plan.scenarios for run in range(1, plan.runs + 1)]
    return list(await asyncio.gather(*jobs))


@dataclass
class Tally:
    """How one scenario did over its runs."""

    runs: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.runs if self.runs else 0.0


def tally(results: list[RunResult]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for result in results:
        entry = tallies.setdefault(result.scenario, Tally())
        entry.runs += 1
        entry.passed += result.passed
        entry.failures += result.failures
    return tallies


def summary(results: list[RunResult]) -> dict[str, object]:
    """Pass counts per scenario and in total."""
    passed = sum(r.passed for r in results)
    return {
        "runs": len(results),
        "passed": passed,
        "pass_rate": round(passed / len(results), 3) if results else 0.0,
        "scenarios": {
            name: {**asdict(t), "pass_rate": round(t.pass_rate, 3)}
            for name, t in tally(results).items()
        },
    }


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
