"""The checks that need no call: forbidden text and loose value matching."""

from __future__ import annotations

from datetime import date

from agent_tools.harness.expectations import check_never_said, same_value

FACTS = {
    "customer.dob": date(1985, 3, 5),
    "customer.street": "4417 Birchwood Rd Apt 12B",
    "other.name": "Jordan Castillo",
}
NEVER = ["customer.dob", "customer.street", "other.name"]


def test_check_never_said_catches_a_date_of_birth_in_any_written_form() -> None:
    for text in (
        "You were born on 3/5/1985.",
        "I have 03/05/85 on file.",
        "Your birthday is March 5th, 1985, right?",
        "That's march 5 1985.",
        "DOB 1985-03-05.",
        "Born 5 March 1985.",
    ):
        assert check_never_said(NEVER, FACTS, text) != [], text


def test_check_never_said_lets_other_dates_and_numbers_pass() -> None:
    text = "You're booked for March 5 at 9:00. Your total is 3/5 of the quote: $31985."
    assert check_never_said(NEVER, FACTS, text) == []
    assert check_never_said(NEVER, FACTS, "Born 3/5/19850?") == []


def test_check_never_said_catches_an_address_and_another_customers_name() -> None:
    failures = check_never_said(
        NEVER, FACTS, "We have 4417  Birchwood on file. Castillo is booked Tuesday."
    )
    assert failures == [
        "said customer.street ('4417 Birchwood')",
        "said other.name ('Castillo')",
    ]


def test_same_value_compares_as_an_llm_fairly_spells_a_value() -> None:
    assert same_value(42, "42")
    assert same_value("Oil_Change", "oil_change ")
    assert same_value(date(2026, 12, 8), "2026-12-08T09:00:00-06:00")
    assert same_value("*", "three one two")
    assert not same_value("*", None)
    assert not same_value(42, "forty-two")
    assert not same_value(date(2026, 12, 8), "2026-12-09T09:00:00-06:00")
