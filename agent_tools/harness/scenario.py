"""Call scenarios: who calls, what they say, and what must (not) happen.

A scenario is a YAML file in ``prompts/scenarios/``. Strings may refer to
facts of the cast (``$customer.first_name``, ``$day.open``): see
``roles.py``. A value that is exactly one reference keeps the fact's type, so
``customer_id: $customer.id`` compares as a number.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from string import Template
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from agent_tools.harness.roles import Facts, Role
from agent_tools.prompting import PROMPTS_DIR

SCENARIOS_DIR = PROMPTS_DIR / "scenarios"


class Strict(BaseModel):
    # A typo in a scenario must fail loading, not silently check nothing.
    model_config = ConfigDict(extra="forbid", frozen=True)


class CallerId(StrEnum):
    """Which number the call arrives from."""

    CUSTOMER = "customer"
    UNKNOWN = "unknown"
    NONE = "none"


class Caller(Strict):
    role: Role
    caller_id: CallerId = CallerId.CUSTOMER


class Persona(Strict):
    """A caller played by an LLM, for open-ended calls."""

    who: str = Field(description="Who the caller is and how they speak.")
    goal: str = Field(description="What they want from the call.")
    knows: list[str] = Field(
        default_factory=list, description="Facts they can give when asked."
    )


class ExpectedCall(Strict):
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    ok: bool | None = None
    error_code: str | None = None
    # A subset of the answer's data, e.g. {verified: false}.
    answer: dict[str, Any] = Field(default_factory=dict)


class ToolExpectations(Strict):
    calls: list[ExpectedCall] = Field(default_factory=list)
    # Calls listed in order must happen in that order (others may interleave).
    ordered: bool = False
    forbidden: list[str] = Field(default_factory=list)


class Booked(Strict):
    vehicle: Any
    day: Any
    service_type: str | None = None


class Rescheduled(Strict):
    appointment: Any
    day: Any


class DatabaseExpectations(Strict):
    booked: Booked | None = None
    nothing_booked: bool = False
    cancelled: Any = None
    rescheduled: Rescheduled | None = None
    untouched: list[Any] = Field(
        default_factory=list, description="Appointments that must not change."
    )


class Expectations(Strict):
    tools: ToolExpectations = ToolExpectations()
    database: DatabaseExpectations = DatabaseExpectations()
    never_say: list[str] = Field(default_factory=list)
    say_any: list[str] = Field(default_factory=list)
    max_turns: int = Field(default=10, ge=1, le=40)


class BusySlot(Strict):
    """Make every technician busy at this local time (the wanted time is taken)."""

    day: Any
    at: str


class Setup(Strict):
    busy: list[BusySlot] = Field(default_factory=list)


class Scenario(Strict):
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    description: str
    caller: Caller
    turns: list[str] | None = None
    persona: Persona | None = None
    setup: Setup = Setup()
    expect: Expectations = Expectations()

    @model_validator(mode="after")
    def _one_way_to_talk(self) -> Scenario:
        if (self.turns is None) == (self.persona is None):
            raise ValueError("give either turns (scripted) or persona, not both")
        if self.turns is not None and len(self.turns) > self.expect.max_turns:
            raise ValueError("more scripted turns than expect.max_turns")
        return self

    @property
    def mode(self) -> Literal["scripted", "persona"]:
        return "scripted" if self.turns is not None else "persona"


def load_scenario(path: Path) -> Scenario:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Scenario.model_validate({"name": path.stem, **raw})


def load_scenarios(
    names: list[str] | None = None, directory: Path = SCENARIOS_DIR
) -> list[Scenario]:
    """Load the named scenarios (file stems or paths), or all of them."""
    if not names:
        return [load_scenario(path) for path in sorted(directory.glob("*.yaml"))]
    paths = [Path(n) if n.endswith(".yaml") else directory / f"{n}.yaml" for n in names]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no such scenario: {', '.join(missing)}")
    return [load_scenario(path) for path in paths]


class FactTemplate(Template):
    # Facts are dotted (customer.first_name); braces allow ${day.open}th.
    idpattern = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*"


WHOLE_REFERENCE = re.compile(r"^\$\{?([a-z][a-z0-9_.]*)\}?$")


class MissingFact(KeyError):
    """A scenario refers to a fact its cast does not have."""


def fill(value: Any, facts: Facts) -> Any:
    """Replace fact references in ``value`` (a string, list or mapping)."""
    if isinstance(value, dict):
        return {key: fill(item, facts) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, facts) for item in value]
    if not isinstance(value, str):
        return value
    whole = WHOLE_REFERENCE.match(value)
    if whole:
        return _fact(facts, whole.group(1))
    try:
        return FactTemplate(value).substitute({k: _text(v) for k, v in facts.items()})
    except KeyError as missing:
        raise MissingFact(f"unknown fact ${missing.args[0]}") from None


def _fact(facts: Facts, name: str) -> Any:
    if name not in facts:
        raise MissingFact(f"unknown fact ${name}")
    return facts[name]


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
