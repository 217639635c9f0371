"""The system prompt: prompts/system.md filled from the dealership and the call.

The template uses ``string.Template`` ($name placeholders): it cannot run code
or reach attributes, so a template (or a value in the dealership file) can
never do more than insert text.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from string import Template

from agent_tools.calls import caller_e164
from db.dealership import WEEKDAYS, Dealership

# Long enough to cover the end-of-year holidays from early December.
MAX_DAYS_LISTED = 60
PROMPTS_DIR = Path(
    os.environ.get("AGENT_TOOLS_PROMPTS_DIR", Path(__file__).parents[1] / "prompts")
)


@cache
def _template(path: Path) -> Template:
    return Template(path.read_text(encoding="utf-8"))


def render_system_prompt(
    dealership: Dealership, now: datetime, caller_phone: str | None = None
) -> str:
    """Return the system prompt for a call arriving at ``now`` from ``caller_phone``."""
    local = now.astimezone(dealership.tz)
    values = {
        "dealership_name": dealership.name,
        "dealership_address": dealership.address,
        "dealership_phone": dealership.phone,
        "greeting": dealership.greeting,
        "today": f"{local:%A}, {local:%B} {local.day}, {local.year}",
        "time_now": _clock(local),
        "time_zone": dealership.time_zone,
        "opening_hours": opening_hours(dealership),
        "closures": upcoming_closures(dealership, local),
        "services": ", ".join(s.name for s in dealership.services.values()),
        "advisers": ", ".join(dealership.advisers),
        "caller_line": _caller_line(caller_phone),
    }
    # substitute, not safe_substitute: a placeholder the code does not fill
    # is a bug in the template and must fail loudly, not reach a caller.
    return _template(PROMPTS_DIR / "system.md").substitute(values)


def _clock(at: datetime) -> str:
    hour = at.hour % 12 or 12
    suffix = "a.m." if at.hour < 12 else "p.m."
    return f"{hour}:{at.minute:02d} {suffix}"


def opening_hours(dealership: Dealership) -> str:
    """Return the weekly hours as one spoken line, closed days included."""
    parts = []
    for day in WEEKDAYS:
        hours = dealership.opening_hours.get(day)
        if hours is None:
            parts.append(f"{day.title()} closed")
            continue
        opens, closes = hours
        parts.append(
            f"{day.title()} {_clock(datetime.combine(datetime.min, opens))} to "
            f"{_clock(datetime.combine(datetime.min, closes))}"
        )
    return "; ".join(parts)


def upcoming_closures(dealership: Dealership, local: datetime) -> str:
    """Return the holidays the shop closes for within the booking window."""
    days = (local.date() + timedelta(days=n) for n in range(MAX_DAYS_LISTED))
    named = [(day, dealership.holiday_name(day)) for day in days]
    closures = [f"{name} ({day:%A}, {day:%B} {day.day})" for day, name in named if name]
    return "; ".join(closures) or "none"


def _caller_line(caller_phone: str | None) -> str:
    # Only the last four digits: the tools read the full caller id from the
    # call itself, and the model has no need to repeat the number.
    e164 = caller_e164(caller_phone)
    if e164 is None:
        return (
            "This call has no caller id. Ask for the phone number on the "
            "caller's account and look it up with lookup_by_phone."
        )
    return (
        f"The caller id ends in {e164[-4:]}. Look it up with lookup_by_phone "
        "(phone null) before anything else."
    )
