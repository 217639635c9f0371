from tests.agent_tools.conftest import Caller, Known, fetch


async def pat(new_caller, known: Known) -> Caller:
    caller = new_caller("+13125550188")
    await caller.verify(known.pat, "11/30/1979")
    return caller


async def test_reschedule_moves_the_customers_own_appointment(
    new_caller, known: Known, crm
) -> None:
    caller = await pat(new_caller, known)

    answer = await caller(
        "reschedule_appointment",
        appointment_id=known.pat_appointment,
        new_start="2026-12-10T13:00:00-06:00",
    )

    assert answer["ok"], answer
    assert answer["data"]["previous_start"] == "Wednesday, December 9 at 9:00 AM"
    assert answer["data"]["appointment"]["spoken"] == "Thursday, December 10 at 1:00 PM"
    [row] = await fetch(
        crm[0],
        "SELECT start_at, end_at FROM appointments WHERE id = $1",
        known.pat_appointment,
    )
    assert row["start_at"].isoformat() == "2026-12-10T19:00:00+00:00"


async def test_cancel_marks_the_appointment_cancelled_once(
    new_caller, known: Known, crm
) -> None:
    caller = await pat(new_caller, known)

    first = await caller(
        "cancel_appointment", appointment_id=known.pat_appointment, reason="car sold"
    )
    again = await caller(
        "cancel_appointment", appointment_id=known.pat_appointment, reason="car sold"
    )

    assert first["ok"] and first == again
    [row] = await fetch(
        crm[0],
        "SELECT status, cancellation_reason FROM appointments WHERE id = $1",
        known.pat_appointment,
    )
    assert (row["status"], row["cancellation_reason"]) == ("cancelled", "car sold")
    later = await caller(
        "reschedule_appointment",
        appointment_id=known.pat_appointment,
        new_start="2026-12-10T13:00:00-06:00",
    )
    assert later["error"]["code"] == "appointment_not_upcoming"


async def test_changes_refuse_someone_elses_appointment(
    caller: Caller, known: Known, crm
) -> None:
    await caller.verify(known.dana, "1985-03-05")

    cancel = await caller(
        "cancel_appointment", appointment_id=known.pat_appointment, reason=None
    )
    move = await caller(
        "reschedule_appointment",
        appointment_id=known.pat_appointment,
        new_start="2026-12-10T13:00:00-06:00",
    )

    assert cancel["error"]["code"] == move["error"]["code"] == "appointment_not_found"
    [row] = await fetch(
        crm[0], "SELECT status FROM appointments WHERE id = $1", known.pat_appointment
    )
    assert row["status"] == "scheduled"


async def test_changes_need_verification(caller: Caller, known: Known) -> None:
    answer = await caller(
        "cancel_appointment", appointment_id=known.pat_appointment, reason=None
    )

    assert answer["error"]["code"] == "verification_required"
