import pytest

from tests.agent_tools.conftest import Caller, Known


def due(vehicle_id: int, mileage: object) -> dict[str, object]:
    return {"vehicle_id": vehicle_id, "current_mileage": mileage}


async def test_service_due_needs_a_verified_customer(
    caller: Caller, known: Known
) -> None:
    answer = await caller("get_service_due", due(known.dana_camry, None))

    assert answer["error"]["code"] == "verification_required"


@pytest.mark.parametrize(
    "mileage", ["45,000", "45000", 45000, "45k", "about forty-five thousand"]
)
async def test_service_due_reads_the_mileage_as_said(
    caller: Caller, known: Known, mileage: object
) -> None:
    await caller.verify(known.dana, "1985-03-05")

    answer = await caller("get_service_due", due(known.dana_camry, mileage))

    assert answer["data"]["mileage"] == 45000
    assert answer["data"]["mileage_estimated"] is False


@pytest.mark.parametrize("mileage", [True, "", "lots", -5])
async def test_service_due_refuses_what_is_not_a_mileage(
    caller: Caller, known: Known, mileage: object
) -> None:
    await caller.verify(known.dana, "1985-03-05")

    answer = await caller("get_service_due", due(known.dana_camry, mileage))

    assert not answer["ok"]
    assert answer["error"]["code"] in {"invalid_arguments", "invalid_mileage"}


async def test_service_due_explains_each_item(caller: Caller, known: Known) -> None:
    await caller.verify(known.dana, "1985-03-05")

    answer = await caller("get_service_due", due(known.dana_camry, "40,000"))

    items = {item["service_type"]: item for item in answer["data"]["items"]}
    oil = items["oil_change"]
    assert oil["status"] == "overdue"
    assert oil["reason"] == (
        "last oil and filter change about 6,200 miles and 8 months ago; "
        "recommended every 5,000 miles or 6 months"
    )
    assert answer["data"]["items"][0]["status"] == "overdue"


async def test_service_due_estimates_the_mileage_and_says_so(
    caller: Caller, known: Known
) -> None:
    await caller.verify(known.dana, "1985-03-05")

    answer = await caller("get_service_due", due(known.dana_camry, None))

    assert answer["data"]["mileage_estimated"] is True
    assert answer["data"]["mileage"] > 40_000
    assert "estimate" in answer["data"]["message"]


async def test_service_due_refuses_another_customers_vehicle(
    caller: Caller, known: Known
) -> None:
    await caller.verify(known.dana, "1985-03-05")

    answer = await caller("get_service_due", due(known.pat_truck, None))

    assert answer["error"]["code"] == "vehicle_not_found"


async def test_service_due_assumes_unrecorded_work_was_done_on_schedule(
    new_caller, known: Known
) -> None:
    caller = new_caller("+13125550188")
    await caller.verify(known.pat, "11/30/1979")

    answer = await caller("get_service_due", due(known.pat_truck, "63,800"))

    items = {item["service_type"]: item for item in answer["data"]["items"]}
    assert all(item["status"] != "overdue" for item in items.values())
    assert items["oil_change"]["status"] == "coming_up"
    assert items["oil_change"]["reason"] == (
        "no oil and filter change on record with us; on schedule the next one is "
        "due in 1,200 miles or 5 months; recommended every 5,000 miles or 6 months"
    )
