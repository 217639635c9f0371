"""``agent-tools eval``, ``chat`` and ``prompt render`` end to end, offline."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import asyncpg
import pytest
import yaml
from typer.testing import CliRunner

from agent_tools.cli.main import app
from agent_tools.harness.roles import day_facts
from db.dealership import load_dealership
from tests.agent_tools.harness.scripted_llm import ScriptedLLM, call, say
from tests.agent_tools.harness.test_runner import BOOKING, booking_agent


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, server_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", server_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")


def scenario_file(folder: Path) -> Path:
    path = folder / "book_oil_change.yaml"
    raw = {k: v for k, v in BOOKING.items() if k != "name"}
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def eval_args(scenario: Path, llm_url: str, results: Path, runs: int) -> list[str]:
    return [
        "eval",
        str(scenario),
        "--model",
        "scripted-agent",
        "--base-url",
        llm_url,
        "--runs",
        str(runs),
        "--concurrency",
        "1",  # the scripted model answers one conversation at a time
        "--results",
        str(results),
        "--customers",
        "200",
    ]


def test_eval_reports_pass_rates_and_saves_each_run(
    environment: None, llm: ScriptedLLM, llm_url: str, tmp_path: Path
) -> None:
    shop = load_dealership()
    day = day_facts(shop, shop.now())["day.open"].isoformat()
    llm.reset(booking_agent(day) + booking_agent(day))

    outcome = CliRunner().invoke(
        app, eval_args(scenario_file(tmp_path), llm_url, tmp_path / "out", runs=2)
    )

    assert outcome.exit_code == 0, outcome.output
    assert "book_oil_change" in outcome.output
    assert "2/2 (100%)" in outcome.output
    assert "2/2 runs passed" in outcome.output
    (folder,) = (tmp_path / "out").iterdir()
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["pass_rate"] == 1.0
    run = json.loads((folder / "book_oil_change-01.json").read_text())
    assert run["passed"] is True
    assert run["usage"]["total_tokens"] == 880
    assert run["latency_ms"]["agent_requests"] == 8
    assert [c["name"] for c in run["tool_calls"]][-1] == "book_appointment"
    assert run["tool_calls"][-1]["answer"]["ok"] is True
    assert run["transcript"][1]["speaker"] == "caller"


def test_eval_exits_non_zero_and_names_the_failed_expectation(
    environment: None, llm: ScriptedLLM, llm_url: str, tmp_path: Path
) -> None:
    shop = load_dealership()
    wrong_day = day_facts(shop, shop.now())["day.open2"].isoformat()
    llm.reset(booking_agent(wrong_day))

    outcome = CliRunner().invoke(
        app, eval_args(scenario_file(tmp_path), llm_url, tmp_path / "out", runs=1)
    )

    assert outcome.exit_code == 1, outcome.output
    assert "FAIL" in outcome.output
    assert "expected oil_change for vehicle" in outcome.output
    assert "0/1 runs passed" in outcome.output


def test_eval_refuses_an_unknown_scenario(environment: None, llm_url: str) -> None:
    outcome = CliRunner().invoke(
        app, ["eval", "no_such_call", "--model", "m", "--base-url", llm_url]
    )

    assert outcome.exit_code == 1
    assert "no such scenario" in outcome.output


def test_chat_shows_tool_calls_and_logs_the_call(
    monkeypatch: pytest.MonkeyPatch, crm_url: str, llm: ScriptedLLM, llm_url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", crm_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    llm.reset([call("lookup_by_phone", phone=None), say("Sorry, I can't find you.")])

    outcome = CliRunner().invoke(
        app,
        ["chat", "--caller", "+1 312 555 0999", "--base-url", llm_url],
        input="Hi, I need an oil change.\n\n",
    )

    assert outcome.exit_code == 0, outcome.output
    assert "lookup_by_phone" in outcome.output
    assert "Sorry, I can't find you." in outcome.output
    rows = asyncio.run(_chat_logs(crm_url))
    assert len(rows) == 1
    assert rows[0]["from_number"] == "+13125550999"
    assert [line["speaker"] for line in json.loads(rows[0]["transcript"])] == [
        "agent",
        "caller",
        "agent",
    ]


async def _chat_logs(url: str) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetch(
            "SELECT from_number, transcript FROM call_logs WHERE platform = 'chat'"
        )
    finally:
        await connection.close()


def test_prompt_render_prints_the_policy_for_the_caller() -> None:
    outcome = CliRunner().invoke(app, ["prompt", "render", "--caller", "3125550147"])

    assert outcome.exit_code == 0
    assert "The caller id ends in 0147." in outcome.output
    assert "Lakeshore Motors Service Center" in outcome.output


def test_cli_eval_refuses_an_unreachable_endpoint_in_one_line(
    environment: None, tmp_path: Path
) -> None:
    closed_port = "http://127.0.0.1:9/v1"

    result = CliRunner().invoke(
        app,
        ["eval", "--model", "x", "--base-url", closed_port, "--results", str(tmp_path)],
    )

    assert result.exit_code == 1
    assert result.output.strip().startswith("agent-tools: cannot reach the model")
    assert len(result.output.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())
