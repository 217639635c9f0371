"""A seeded CRM at a fixed instant, and the scripted model server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from openai import AsyncOpenAI

from agent_tools.harness.roles import Facts, day_facts
from agent_tools.harness.runner import RunSettings
from db.databases import create_database, drop_database
from db.dealership import load_dealership
from db.migrate import upgrade
from tests.agent_tools.conftest import NOW
from tests.agent_tools.harness.scripted_llm import ScriptedLLM, serve
from tests.conftest import unique_name

CUSTOMERS = 300


@pytest.fixture(scope="session")
def eval_template(server_url: str) -> Iterator[str]:
    """A CRM seeded as of the tests' fixed day, so "upcoming" is stable."""
    from db.seed import seed_database

    name = unique_name("evaltpl")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    seed_database(url, customers=CUSTOMERS, seed=7, as_of=NOW.date())
    yield name
    asyncio.run(drop_database(server_url, name))


@pytest.fixture
def crm_url(server_url: str, eval_template: str) -> Iterator[str]:
    name = unique_name("evalrun")
    url = asyncio.run(create_database(server_url, name, template=eval_template))
    yield url
    asyncio.run(drop_database(server_url, name))


@pytest.fixture(scope="session")
def llm_server() -> Iterator[tuple[ScriptedLLM, str]]:
    script = ScriptedLLM()
    with serve(script) as base_url:
        yield script, base_url


@pytest.fixture
def llm(llm_server: tuple[ScriptedLLM, str]) -> ScriptedLLM:
    script = llm_server[0]
    script.reset([])
    return script


@pytest.fixture
def llm_url(llm_server: tuple[ScriptedLLM, str]) -> str:
    return llm_server[1]


@pytest.fixture
async def settings(llm_url: str) -> AsyncIterator[RunSettings]:
    client = AsyncOpenAI(base_url=llm_url, api_key="test-key", max_retries=0)
    yield RunSettings(client=client, model="scripted-agent", clock=lambda: NOW)
    await client.close()


@pytest.fixture(scope="session")
def days() -> Facts:
    return day_facts(load_dealership(), NOW)
