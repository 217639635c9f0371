"""A ``random.Random`` with the few cheap draws the generator's hot path needs.

``randrange`` and ``randint`` cost over a microsecond each (argument checks,
rejection sampling); scaling one ``random()`` costs a fifth of that. The bias
of scaling a 53-bit float is far below anything a mock CRM can show.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Draws(random.Random):
    def below(self, n: int) -> int:
        """Return an int in [0, n)."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """Return an int in [low, high], both ends included."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, values: Sequence[T]) -> T:
        """Return one of ``values``, each as likely."""
        return values[int(self.random() * len(values))]


class Weighted(Generic[T]):
    """Values with weights, drawn by indexing a table with one ``random()``.

    Each value fills table slots in proportion to its weight: integer weights
    exactly, others to one part in ``resolution`` (never fewer than one slot).
    """

    def __init__(self, weights: Mapping[T, float], resolution: int = 100_000) -> None:
        self.weights = dict(weights)
        total = sum(self.weights.values())
        exact = total <= resolution and all(
            float(w).is_integer() for w in self.weights.values()
        )
        table: list[T] = []
        for value, weight in self.weights.items():
            slots = int(weight) if exact else max(1, round(weight / total * resolution))
            table.extend([value] * slots)
        self.table = tuple(table)
        self.size = len(table)

    def pick(self, rng: random.Random) -> T:
        return self.table[int(rng.random() * self.size)]
