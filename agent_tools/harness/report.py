"""The eval report: one table row per scenario, pass rates over runs."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from agent_tools.harness.evaluate import tally
from agent_tools.harness.runner import RunResult


def report_table(results: list[RunResult], *, model: str) -> Table:
    """Return the pass/fail table, the first failed expectation on each row."""
    tallies = tally(results)
    several = any(t.runs > 1 for t in tallies.values())
    table = Table(title=f"Scenarios against {model}", title_justify="left")
    table.add_column("scenario")
    table.add_column("result")
    if several:
        table.add_column("pass rate", justify="right")
    table.add_column("first failed expectation", overflow="fold")
    for name, entry in sorted(tallies.items()):
        ok = entry.passed == entry.runs
        row = [name, "[green]pass[/]" if ok else "[red]FAIL[/]"]
        if several:
            row.append(f"{entry.passed}/{entry.runs} ({entry.pass_rate:.0%})")
        row.append(entry.failures[0] if entry.failures else "")
        table.add_row(*row)
    return table


def print_report(results: list[RunResult], *, model: str, console: Console) -> None:
    console.print(report_table(results, model=model))
    passed = sum(r.passed for r in results)
    tokens = sum(r.call.usage()["total_tokens"] for r in results)
    console.print(
        f"{passed}/{len(results)} runs passed ({passed / max(len(results), 1):.0%}); "
        f"{tokens:,} tokens"
    )
