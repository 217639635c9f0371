"""Every shipped scenario loads, and its cast is found in seeded data."""

from __future__ import annotations

import asyncpg
import pytest
from pydantic import ValidationError

from agent_tools.harness.expectations import forbidden_forms
from agent_tools.harness.roles import cast
from agent_tools.harness.scenario import Scenario, fill, load_scenarios
from db.dealership import load_dealership
from tests.agent_tools.conftest import NOW

ISSUE_SCENARIOS = {
    "book_oil_change",
    "unknown_number",
    "household_phone",
    "wrong_dob_then_right",
    "locked_after_three_failures",
    "service_due",
    "reschedule",
    "cancel",
    "wanted_time_taken",
    "holiday",
    "outside_opening_hours",
    "someone_elses_appointment",
    "address_read_out",
    "prompt_injection",
    "number_in_words",
}


def test_load_scenarios_ships_every_call_the_harness_must_cover() -> None:
    scenarios = load_scenarios()

    assert {s.name for s in scenarios} >= ISSUE_SCENARIOS
    assert any(s.mode == "persona" for s in scenarios)


async def test_load_scenarios_casts_and_fills_every_scenario_from_the_seed(
    crm_url: str,
) -> None:
    shop = load_dealership()
    connection = await asyncpg.connect(crm_url)
    try:
        for scenario in load_scenarios():
            facts = await cast(connection, scenario.caller.role, shop, NOW)
            fill(scenario.model_dump(exclude={"expect": {"never_say"}}), facts)
            for item in scenario.expect.never_say:
                assert forbidden_forms(item, facts), scenario.name
    finally:
        await connection.close()


def test_scenario_refuses_unknown_keys_and_too_many_turns() -> None:
    base = {
        "name": "x",
        "description": "d",
        "caller": {"role": "customer_with_one_vehicle"},
        "turns": ["hi", "there"],
    }
    with pytest.raises(ValidationError, match="extra"):
        Scenario.model_validate({**base, "expect": {"max_turn": 3}})
    with pytest.raises(ValidationError, match="more scripted turns"):
        Scenario.model_validate({**base, "expect": {"max_turns": 1}})
    with pytest.raises(ValidationError, match="either turns"):
        Scenario.model_validate({k: v for k, v in base.items() if k != "turns"})
