import json

import pytest

from tests.agent_tools.conftest import DANA, HOUSEHOLD_PHONE, Caller, Known, fetch


async def test_lookup_uses_the_caller_id_when_phone_is_null(
    caller: Caller, known: Known
) -> None:
    answer = await caller("lookup_by_phone", phone=None)

    assert answer["ok"], answer
    [customer] = answer["data"]["customers"]
    assert customer == {
        "id": known.dana,
        "first_name": "Dana",
        "last_initial": "W",
        "vehicles": [
            {"id": known.dana_camry, "year": 2019, "make": "Toyota", "model": "Camry"}
        ],
        "verification_needed": True,
    }


@pytest.mark.parametrize(
    "phone",
    [
        "1 (312) 555-0147",
        "13125550147",
        "312.555.0147",
        "+1 312 555 0147",
        "(312) 555-0147 x 22",
        3125550147,
        "three one two five five five oh one four seven",
    ],
)
async def test_lookup_reads_every_way_of_writing_a_number(
    new_caller, known: Known, phone: object
) -> None:
    answer = await new_caller(phone=None)("lookup_by_phone", {"phone": phone})

    assert answer["ok"], answer
    assert [c["id"] for c in answer["data"]["customers"]] == [known.dana]


async def test_lookup_keeps_the_extension_apart(caller: Caller) -> None:
    answer = await caller("lookup_by_phone", phone="(312) 555-0147 x 22")

    assert answer["data"]["extension"] == "22"
    assert len(answer["data"]["customers"]) == 1


@pytest.mark.parametrize(
    "phone",
    [
        "1 (123) 555-0147",
        "555-0147",
        "three one two five five five oh one four",
        "31255501477",
    ],
)
async def test_lookup_refuses_an_invalid_or_partial_number(
    caller: Caller, phone: str
) -> None:
    answer = await caller("lookup_by_phone", phone=phone)

    assert not answer["ok"]
    assert answer["error"]["code"] == "invalid_phone"
    assert "10-digit" in answer["error"]["message"]


async def test_lookup_returns_every_customer_of_a_household(
    new_caller, known: Known
) -> None:
    answer = await new_caller(HOUSEHOLD_PHONE)("lookup_by_phone", phone=None)

    ids = [c["id"] for c in answer["data"]["customers"]]
    assert ids == [known.sam, known.lee]
    assert "Several people" in answer["data"]["next_step"]


async def test_lookup_of_an_unknown_number_finds_nobody(caller: Caller) -> None:
    answer = await caller("lookup_by_phone", phone="(415) 555-0142")

    assert answer["ok"]
    assert answer["data"]["customers"] == []


async def test_lookup_without_caller_id_asks_for_the_number(new_caller) -> None:
    answer = await new_caller(phone=None)("lookup_by_phone", phone=None)

    assert answer["error"]["code"] == "missing_phone"


async def test_lookup_shows_nothing_personal(caller: Caller) -> None:
    text = json.dumps(await caller("lookup_by_phone", phone=None))

    for secret in (
        "1985",
        "Birchwood",
        "60614",
        "Whitaker",
        "1HGCM",
        "example.com",
        "Ignore",
    ):
        assert secret not in text
    assert DANA["phone"] not in text


async def test_lookup_is_written_to_the_call_log_after_answering(
    caller: Caller, known: Known, crm
) -> None:
    await caller("lookup_by_phone", phone=None)
    await caller("lookup_by_phone", phone="555")
    await caller.toolbox.database.drain()

    [log] = await fetch(
        crm[0], "SELECT * FROM call_logs WHERE call_id = $1", caller.context.call_id
    )
    used = json.loads(log["tools_used"])
    # Written after each answer, so the two lines may land in either order.
    assert sorted((u["tool"], u["result"]) for u in used) == [
        ("lookup_by_phone", "invalid_phone"),
        ("lookup_by_phone", "ok"),
    ]
    assert (log["customer_id"], log["from_number"]) == (known.dana, DANA["phone"])
    assert log["platform"] == "test"


@pytest.mark.parametrize("caller_id", ["anonymous", "Restricted", "+266696687"])
async def test_lookup_treats_a_withheld_caller_id_as_none(
    new_caller, caller_id: str
) -> None:
    answer = await new_caller(caller_id)("lookup_by_phone", phone=None)

    assert answer["error"]["code"] == "missing_phone"
