"""The system prompt, filled from the dealership file and the call."""

from __future__ import annotations

from datetime import UTC, datetime

from agent_tools.prompting import render_system_prompt
from db.dealership import load_dealership


def test_render_system_prompt_dates_the_call_in_the_dealership_zone() -> None:
    # 03:30 UTC on Saturday is still Friday evening in Chicago.
    prompt = render_system_prompt(
        load_dealership(), datetime(2026, 12, 5, 3, 30, tzinfo=UTC)
    )

    assert "It is Friday, December 4, 2026, 9:30 p.m. (America/Chicago time)." in (
        " ".join(prompt.split())
    )


def test_render_system_prompt_lists_hours_holidays_and_services() -> None:
    shop = load_dealership()

    prompt = render_system_prompt(shop, datetime(2026, 12, 4, 16, 0, tzinfo=UTC))

    assert "Saturday 8:00 a.m. to 2:00 p.m.; Sunday closed" in prompt
    assert "Christmas Eve (Thursday, December 24)" in prompt
    assert "Christmas Day (Friday, December 25)" in prompt
    assert all(service.name in prompt for service in shop.services.values())
    assert shop.greeting in prompt
    assert "$" not in prompt


def test_render_system_prompt_gives_only_the_caller_ids_last_four_digits() -> None:
    now = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    shop = load_dealership()

    known = render_system_prompt(shop, now, "(312) 555-0147")
    unknown = render_system_prompt(shop, now, None)

    assert "The caller id ends in 0147." in known
    assert "312" not in known.split("## The call")[1]
    assert "This call has no caller id." in unknown
