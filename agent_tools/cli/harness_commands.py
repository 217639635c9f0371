"""``agent-tools prompt render``, ``eval`` and ``chat``."""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import asyncpg
import openai
import typer
from openai import AsyncOpenAI
from rich.console import Console
from rich.markup import escape

from agent_tools.cli.common import clean_failures, fail
from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.harness.conversation import Conversation, ToolCallRecord
from agent_tools.harness.evaluate import DEFAULT_CUSTOMERS, DEFAULT_SEED, EvalPlan
from agent_tools.harness.evaluate import evaluate as run_evaluation
from agent_tools.harness.report import print_report
from agent_tools.harness.runner import RunResult, RunSettings, save_call_log
from agent_tools.harness.scenario import load_scenarios
from agent_tools.prompting import render_system_prompt
from agent_tools.toolbox import Toolbox
from db.dealership import load_dealership
from db.engine import database_url
from db.migrate import upgrade

prompt_app = typer.Typer(help="The agent's system prompt.", no_args_is_help=True)

BaseUrl = Annotated[
    str | None,
    typer.Option(
        help="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1 (vLLM) or "
        "http://localhost:11434/v1 (Ollama). Default: OPENAI_BASE_URL or OpenAI.",
    ),
]


@prompt_app.command("render")
def render(
    caller: Annotated[
        str | None, typer.Option(help="The caller id to render the prompt for.")
    ] = None,
) -> None:
    """Print the system prompt as a call would get it right now."""
    shop = load_dealership()
    typer.echo(render_system_prompt(shop, shop.now(), caller))


def make_client(base_url: str | None) -> AsyncOpenAI:
    """The client for the model endpoint; the key comes from OPENAI_API_KEY."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key and not (base_url or os.environ.get("OPENAI_BASE_URL")):
        raise fail("set OPENAI_API_KEY, or give --base-url for a local endpoint")
    # Local servers (vLLM, Ollama) accept any key but the client needs one.
    return AsyncOpenAI(base_url=base_url, api_key=key or "not-needed", max_retries=2)


@clean_failures
def evaluate(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(help="Scenario names or YAML paths; default: all."),
    ] = None,
    model: Annotated[str, typer.Option(help="The agent model to test.")] = "",
    base_url: BaseUrl = None,
    runs: Annotated[int, typer.Option(min=1, max=100, help="Runs per scenario.")] = 1,
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="Runs played at once.")
    ] = 4,
    results: Annotated[
        Path, typer.Option(help="Folder for the per-run JSON results.")
    ] = Path("results"),
    caller_model: Annotated[
        str | None, typer.Option(help="Model playing persona callers; default --model.")
    ] = None,
    customers: Annotated[
        int, typer.Option(min=50, help="Customers in the seeded CRM.")
    ] = DEFAULT_CUSTOMERS,
    seed: Annotated[int, typer.Option(help="Seed of the CRM.")] = DEFAULT_SEED,
) -> None:
    """Play call scenarios against a model, each run on a fresh seeded CRM."""
    if not model:
        raise fail("give the model to test with --model")
    try:
        chosen = load_scenarios(scenarios or None)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    client = make_client(base_url)
    console = Console()
    plan = EvalPlan(chosen, runs, concurrency, results, customers, seed)
    plan.on_result = _progress(console)
    settings = RunSettings(client=client, model=model, caller_model=caller_model)
    try:
        outcome = asyncio.run(_evaluate(plan, settings))
    except EndpointUnreachable as exc:
        raise fail(
            f"cannot reach the model endpoint {client.base_url}: {exc}"
        ) from None
    print_report(outcome, model=model, console=console)
    console.print(f"results: {results.resolve()}")
    if not all(result.passed for result in outcome):
        raise typer.Exit(1)


class EndpointUnreachable(Exception):
    """The model endpoint refused or never answered a connection."""


async def _check_reachable(client: AsyncOpenAI) -> None:
    """Refuse an endpoint that cannot be reached at all, before seeding anything.

    Only a failed connection counts: an endpoint without a model list (or one
    that wants another key for it) may still serve chat completions.
    """
    try:
        await client.with_options(max_retries=0, timeout=10).models.list()
    except openai.APIConnectionError as exc:
        raise EndpointUnreachable(str(exc) or type(exc).__name__) from None
    except openai.OpenAIError:
        pass


async def _evaluate(plan: EvalPlan, settings: RunSettings) -> list[RunResult]:
    try:
        await _check_reachable(settings.client)
        return await run_evaluation(plan, database_url(), settings)
    finally:
        await settings.client.close()


def _progress(console: Console) -> Callable[[RunResult], None]:
    def show(result: RunResult) -> None:
        mark = "[green]pass[/]" if result.passed else "[red]FAIL[/]"
        console.print(f"{mark} {result.scenario} run {result.run}", highlight=False)

    return show


@clean_failures
def chat(
    caller: Annotated[
        str | None, typer.Option(help="The number you are calling from.")
    ] = None,
    model: Annotated[str, typer.Option(help="The agent model.")] = "gpt-4o-mini",
    base_url: BaseUrl = None,
) -> None:
    """Talk to the agent as the caller, with the real tools on the CRM in use.

    Each tool call is shown as it happens; an empty line or Ctrl-D hangs up.
    The call is logged in call_logs with its transcript.
    """
    url = database_url()
    upgrade(url)
    asyncio.run(_chat(url, caller, model, make_client(base_url), Console()))


async def _chat(
    url: str, caller: str | None, model: str, client: AsyncOpenAI, console: Console
) -> None:
    shop = load_dealership()
    started = shop.now()
    database = Database.from_url(url)
    context = CallContext.create(f"chat-{uuid.uuid4().hex}", caller, platform="chat")
    conversation = Conversation(
        client,
        model,
        Toolbox(database, dealership=shop),
        context,
        render_system_prompt(shop, shop.now(), caller),
        greeting=shop.greeting,
        on_tool=lambda call: _show_tool(console, call),
    )
    console.print(f"[bold]agent:[/] {escape(shop.greeting)}")
    try:
        await _talk(conversation, console)
    finally:
        await _log_chat(url, conversation, started)
        await database.close()
        await client.close()
    console.print(f"call logged as {context.call_id}")


async def _talk(conversation: Conversation, console: Console) -> None:
    while True:
        try:
            line = input("you: ").strip()
        except EOFError:
            return
        if not line:
            return
        try:
            reply = await conversation.reply(line)
        except openai.OpenAIError as exc:
            console.print(f"[red]model endpoint failed:[/] {escape(str(exc))}")
            return
        console.print(f"[bold]agent:[/] {escape(reply)}")


def _show_tool(console: Console, call: ToolCallRecord) -> None:
    answer = json.dumps(call.answer)
    console.print(
        f"  [cyan]{call.name}[/]({escape(call.arguments)}) "
        f"[dim]{call.ms:.0f} ms → {escape(answer[:400])}[/]",
        highlight=False,
    )


async def _log_chat(url: str, conversation: Conversation, started: datetime) -> None:
    record = conversation.record
    tools = ", ".join(call.name for call in record.tool_calls) or "none"
    summary = f"Chat from the command line: {record.turns} turns; tools: {tools}."
    connection = await asyncpg.connect(url)
    try:
        await save_call_log(connection, conversation, started, summary)
    finally:
        await connection.close()
