"""What a seed run wrote: counts and distributions, and their closing text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date


@dataclass
class SeedSummary:
    """Counts and distributions of one seed run."""

    customers: int
    seed: int
    as_of: date
    vehicles: int = 0
    appointments: int = 0
    service_history: int = 0
    vehicles_with_history: int = 0
    purchased_from_us: int = 0
    household_members: int = 0
    """Customers who share a household (and its phone) with the one before."""
    phone_numbers: int = 0
    """Distinct phone numbers handed out."""
    appointment_share: float = 0.0
    """Share of customers drawn to book, after the shop's capacity limit."""
    appointments_not_placed: int = 0
    """Draws that found no free technician and bay within a week; skipped."""
    seconds: float = 0.0
    distributions: dict[str, Counter[str]] = field(default_factory=dict)

    def count(self, name: str, value: str) -> None:
        counter = self.distributions.get(name)
        if counter is None:
            counter = self.distributions[name] = Counter()
        counter[value] += 1

    def render(self) -> str:
        """Return the closing summary printed by ``agent-tools seed``."""
        lines = [
            f"Seeded {self.customers:,} customers in {self.seconds:.1f} s "
            f"(seed {self.seed}, as of {self.as_of.isoformat()})",
            f"  vehicles          {self.vehicles:,}",
            f"  appointments      {self.appointments:,}",
            f"  service history   {self.service_history:,} rows on "
            f"{_percent(self.vehicles_with_history, self.vehicles)} of vehicles",
            f"  bought from us    {_percent(self.purchased_from_us, self.vehicles)}"
            " of vehicles",
            f"  phone numbers     {self.phone_numbers:,} distinct; "
            f"{self.household_members:,} customers share a household's",
        ]
        if self.appointment_share < 0.5:
            lines.append(
                f"  appointments went to {self.appointment_share:.1%} of customers:"
                " the technicians' hours cannot serve more"
            )
        if self.appointments_not_placed:
            lines.append(
                f"  {self.appointments_not_placed:,} appointment draws found no free "
                "slot and were skipped"
            )
        for name, counter in self.distributions.items():
            label = name.replace("_", " ")
            lines.append(f"  {label:<22}{_shares(counter)}")
        return "\n".join(lines)


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "0%"


def _shares(counter: Counter[str]) -> str:
    total = sum(counter.values())
    return ", ".join(
        f"{value} {count / total:.1%}" for value, count in sorted(counter.items())
    )
