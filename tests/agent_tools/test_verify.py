import json

import pytest

from tests.agent_tools.conftest import Caller, Known, fetch


def by_dob(customer_id: int, dob: object) -> dict[str, object]:
    return {
        "customer_id": customer_id,
        "date_of_birth": dob,
        "street_address": None,
        "zip_code": None,
    }


def by_address(
    customer_id: int, street: object, zip_code: object = None
) -> dict[str, object]:
    return {
        "customer_id": customer_id,
        "date_of_birth": None,
        "street_address": street,
        "zip_code": zip_code,
    }


@pytest.mark.parametrize(
    "dob",
    [
        "1985-03-05",
        "3/5/85",
        "03/05/1985",
        "March 5th, 1985",
        "March fifth nineteen eighty-five",
    ],
)
async def test_verify_accepts_the_date_of_birth_however_it_is_said(
    caller: Caller, known: Known, dob: str
) -> None:
    answer = await caller("verify_identity", by_dob(known.dana, dob))

    assert answer["ok"], answer
    assert answer["data"]["verified"] is True
    assert answer["data"]["understood"] == {"date_of_birth": "1985-03-05"}


async def test_verify_reads_numeric_dates_month_first(
    caller: Caller, known: Known
) -> None:
    answer = await caller("verify_identity", by_dob(known.dana, "05/03/1985"))

    assert answer["data"]["verified"] is False
    assert answer["data"]["attempts_left"] == 2


async def test_verify_asks_for_the_year_and_counts_no_attempt(
    caller: Caller, known: Known, crm
) -> None:
    answer = await caller("verify_identity", by_dob(known.dana, "March fifth"))

    assert answer["error"]["code"] == "missing_year"
    rows = await fetch(crm[0], "SELECT count(*) FROM verification_attempts")
    assert rows[0][0] == 0


@pytest.mark.parametrize(
    ("street", "zip_code"),
    [
        ("4417 Birchwood Road #12B", None),
        ("4417 Birchwood Rd, unit 12 B", "60614"),
        ("forty four seventeen birch wood road apartment twelve b", None),
    ],
)
async def test_verify_accepts_the_address_however_it_is_said(
    caller: Caller, known: Known, street: str, zip_code: str | None
) -> None:
    answer = await caller("verify_identity", by_address(known.dana, street, zip_code))

    assert answer["data"]["verified"] is True, answer


@pytest.mark.parametrize(
    ("street", "zip_code"),
    [
        ("4471 Birchwood Rd Apt 12B", None),
        ("4417 Birchwood Rd Apt 12C", None),
        ("4417 Birchwood Rd Apt 12B", "60615"),
    ],
)
async def test_verify_refuses_a_different_number_unit_or_zip(
    caller: Caller, known: Known, street: str, zip_code: str | None
) -> None:
    answer = await caller("verify_identity", by_address(known.dana, street, zip_code))

    assert answer["data"]["verified"] is False


async def test_verify_ignores_strict_mode_filler(caller: Caller, known: Known) -> None:
    args = {**by_dob(known.dana, "1985-03-05"), "street_address": "", "zip_code": "N/A"}

    answer = await caller("verify_identity", args)

    assert answer["data"]["verified"] is True


async def test_verify_with_only_placeholders_asks_for_something(
    caller: Caller, known: Known
) -> None:
    args = {**by_dob(known.dana, "null"), "street_address": "N/A"}

    answer = await caller("verify_identity", args)

    assert answer["error"]["code"] == "missing_verification"


async def test_verify_never_matches_an_empty_stored_address(
    caller: Caller, known: Known
) -> None:
    empty = await caller("verify_identity", by_address(known.nova, ""))
    something = await caller("verify_identity", by_address(known.nova, "1 Main St"))

    assert empty["error"]["code"] == "missing_verification"
    assert something["data"]["verified"] is False


async def test_verify_one_method_at_a_time(caller: Caller, known: Known) -> None:
    args = {**by_dob(known.dana, "1985-03-05"), "street_address": "4417 Birchwood Rd"}

    answer = await caller("verify_identity", args)

    assert answer["error"]["code"] == "one_method_only"


async def test_verify_locks_the_call_after_three_failures(
    caller: Caller, known: Known, new_caller, crm
) -> None:
    first = await caller("verify_identity", by_dob(known.dana, "1/1/1990"))
    second = await caller("verify_identity", by_dob(known.dana, "1/2/1990"))
    third = await caller("verify_identity", by_dob(known.dana, "1/3/1990"))
    right_but_locked = await caller("verify_identity", by_dob(known.dana, "1985-03-05"))

    assert [first["data"]["attempts_left"], second["data"]["attempts_left"]] == [2, 1]
    assert third["error"]["code"] == "verification_locked"
    assert "transfer" in third["error"]["message"]
    assert right_but_locked["error"]["code"] == "verification_locked"
    other_call = await new_caller()("verify_identity", by_dob(known.dana, "1985-03-05"))
    assert other_call["data"]["verified"] is True
    log = await fetch(
        crm[0],
        "SELECT failed_verification_attempts, verified FROM call_logs "
        "WHERE call_id = $1",
        caller.context.call_id,
    )
    assert (log[0][0], log[0][1]) == (3, False)


async def test_verify_locks_the_customer_after_five_failures_in_a_day(
    known: Known, new_caller
) -> None:
    first, second = new_caller(), new_caller()
    for dob in ("1/1/1990", "1/2/1990", "1/3/1990"):
        await first("verify_identity", by_dob(known.dana, dob))
    await second("verify_identity", by_dob(known.dana, "1/4/1990"))
    fifth = await second("verify_identity", by_dob(known.dana, "1/5/1990"))
    later = await new_caller()("verify_identity", by_dob(known.dana, "1985-03-05"))

    assert fifth["error"]["code"] == "verification_locked"
    assert later["error"]["code"] == "verification_locked"


async def test_verify_never_reveals_the_stored_values(
    caller: Caller, known: Known
) -> None:
    answers = [
        await caller("verify_identity", by_dob(known.dana, "1/1/1990")),
        await caller("verify_identity", by_address(known.dana, "12 Elm St", "60601")),
    ]

    text = json.dumps(answers)
    for secret in ("1985", "Birchwood", "BIRCHWOOD", "60614", "4417"):
        assert secret not in text


async def test_verify_lists_upcoming_appointments_once_verified(
    new_caller, known: Known
) -> None:
    answer = await new_caller("+13125550188").verify(known.pat, "11/30/1979")

    [upcoming] = answer["data"]["upcoming_appointments"]
    assert upcoming["id"] == known.pat_appointment
    assert upcoming["spoken"] == "Wednesday, December 9 at 9:00 AM"
    assert upcoming["start"] == "2026-12-09T09:00-06:00"


async def test_verify_of_an_unknown_customer_is_not_found(caller: Caller) -> None:
    answer = await caller("verify_identity", by_dob(999_999, "1985-03-05"))

    assert answer["error"]["code"] == "customer_not_found"


async def test_verify_locked_call_cannot_verify_anyone_else(
    caller: Caller, known: Known
) -> None:
    for dob in ("1/1/1990", "1/2/1990", "1/3/1990"):
        await caller("verify_identity", by_dob(known.dana, dob))

    someone_else = await caller("verify_identity", by_dob(known.pat, "11/30/1979"))

    assert someone_else["error"]["code"] == "verification_locked"
