"""A ``random.Random`` with the few cheap draws the generator's hot path needs.

``randrange`` and ``randint`` cost over a microsecond each (argument checks,
rejection sampling); scaling one ``random()`` costs a fifth of that. The bias
of scaling a 53-bit float is far below anything a mock CRM can show.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
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


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """Values with weights, drawn by one ``random()`` and a bisection."""

    values: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: Mapping[T, float]) -> Weighted[T]:
        return cls(tuple(weights), tuple(accumulate(weights.values())))

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def weights(self) -> dict[T, float]:
        """Return each value's own weight."""
        previous = (0.0, *self.cumulative[:-1])
        return {
            value: high - low
            for value, high, low in zip(
                self.values, self.cumulative, previous, strict=True
            )
        }
