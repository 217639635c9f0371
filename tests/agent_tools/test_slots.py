from datetime import datetime

from agent_tools.database import Database
from agent_tools.toolbox import Toolbox
from tests.agent_tools.conftest import CHICAGO, Caller, Known


def slots(
    service: str = "oil_change", date_from: object = None, **extra: object
) -> dict:
    return {
        "service_type": service,
        "date_from": date_from,
        "date_to": None,
        "part_of_day": None,
        "limit": None,
        **extra,
    }


async def at(crm, moment: datetime, tool: str, args: dict) -> dict:
    database = Database.from_url(crm[0])
    try:
        box = Toolbox(database, clock=lambda: moment)
        return await Caller(box, "clock-call", None)(tool, args)
    finally:
        await database.close()


async def test_slots_start_after_the_lead_time_with_the_local_offset(
    caller: Caller,
) -> None:
    answer = await caller("find_open_slots", slots(limit=3))

    assert [s["start"] for s in answer["data"]["slots"]] == [
        "2026-12-04T12:00-06:00",
        "2026-12-04T12:30-06:00",
        "2026-12-04T13:00-06:00",
    ]
    assert answer["data"]["slots"][0]["spoken"] == "Friday, December 4 at 12:00 PM"


async def test_slots_tomorrow_in_the_evening_means_the_local_tomorrow(crm) -> None:
    evening = datetime(2026, 12, 3, 21, 30, tzinfo=CHICAGO)

    answer = await at(
        crm, evening, "find_open_slots", slots(date_from="tomorrow at nine")
    )

    assert answer["data"]["searched_from"] == "2026-12-04"
    assert answer["data"]["slots"][0]["start"] == "2026-12-04T09:00-06:00"


async def test_slots_keep_the_right_offset_around_the_spring_change(crm) -> None:
    early_march = datetime(2027, 3, 1, 10, 0, tzinfo=CHICAGO)

    saturday = await at(
        crm, early_march, "find_open_slots", slots(date_from="2027-03-13")
    )
    monday = await at(
        crm, early_march, "find_open_slots", slots(date_from="2027-03-15")
    )

    assert saturday["data"]["slots"][0]["start"] == "2027-03-13T08:00-06:00"
    assert monday["data"]["slots"][0]["start"] == "2027-03-15T08:00-05:00"


async def test_slots_skip_holidays_and_sundays(caller: Caller) -> None:
    answer = await caller(
        "find_open_slots", slots(date_from="2026-12-24", date_to="2026-12-27", limit=20)
    )

    days = {s["start"][:10] for s in answer["data"]["slots"]}
    assert days == {"2026-12-26"}


async def test_slots_honour_the_part_of_day(caller: Caller) -> None:
    answer = await caller(
        "find_open_slots", slots(date_from="next tuesday", part_of_day="afternoon")
    )

    hours = {int(s["start"][11:13]) for s in answer["data"]["slots"]}
    assert hours <= {12, 13, 14, 15}
    assert answer["data"]["searched_from"] == "2026-12-08"


async def test_slots_leave_out_times_where_every_technician_is_busy(
    caller: Caller, known: Known, crm
) -> None:
    from tests.agent_tools.test_booking import fill_technicians

    await fill_technicians(
        crm[0], known, datetime(2026, 12, 8, 8, 0, tzinfo=CHICAGO), 60
    )

    answer = await caller("find_open_slots", slots(date_from="2026-12-08", limit=1))

    assert answer["data"]["slots"][0]["start"] == "2026-12-08T09:00-06:00"


async def test_slots_ask_which_day_when_it_is_unclear(caller: Caller) -> None:
    answer = await caller("find_open_slots", slots(date_from="sometime"))

    assert answer["error"]["code"] == "unclear_time"


async def test_slots_refuse_an_unknown_service(caller: Caller) -> None:
    answer = await caller("find_open_slots", slots(service="teleport"))

    assert answer["error"]["code"] == "invalid_arguments"
    assert "service_type" in answer["error"]["message"]


async def test_slots_read_a_service_named_as_said(caller: Caller) -> None:
    for said in ("oil change", "Oil Change", "Oil and filter change", "oil-change"):
        answer = await caller("find_open_slots", slots(service=said, limit=1))
        assert answer["data"]["service_type"] == "oil_change", said


async def test_slots_list_every_service_when_the_name_is_unknown(
    caller: Caller,
) -> None:
    answer = await caller("find_open_slots", slots(service="car wash"))

    assert "'multi_point_inspection'" in answer["error"]["message"]


async def test_slots_beyond_the_booking_horizon_say_so(caller: Caller) -> None:
    answer = await caller("find_open_slots", slots(date_from="2027-06-01"))

    assert answer["error"]["code"] == "too_far_ahead"
