from __future__ import annotations

import pytest

from agent_tools.normalize import is_placeholder


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "  ",
        "null",
        "NULL",
        "None",
        "N/A",
        "n/a",
        "na",
        "unknown",
        "Unknown",
        "not provided",
        "Not Provided",
        "-",
        "undefined",
    ],
)
def test_is_placeholder_recognises_filler(value: object) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["4417 Birchwood Rd", "1985-03-05", "0", "no", "Nadia", 0, False, [], {}],
)
def test_is_placeholder_keeps_real_values(value: object) -> None:
    assert not is_placeholder(value)
