"""Faker's en_US locale data, read once and sampled in bulk.

Calling Faker per field costs about 30 µs; indexing its name lists with our
own ``random.Random`` costs well under one. The lists come from the pinned
Faker version, so the same seed gives the same names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from faker.providers.address.en_US import Provider as AddressProvider
from faker.providers.person.en_US import Provider as PersonProvider

from db.seed.draws import Weighted

# COPY's text format treats these as syntax; Faker's lists have none today.
_UNSAFE = re.compile(r"[\t\n\r\\]")


@dataclass(frozen=True)
class LocaleData:
    female_first: Weighted[str]
    male_first: Weighted[str]
    last: Weighted[str]
    street_suffixes: tuple[str, ...]
    city_prefixes: tuple[str, ...]
    city_suffixes: tuple[str, ...]
    zip_ranges: dict[str, tuple[int, int]]


@cache
def locale_data() -> LocaleData:
    """Return Faker's en_US names, street and city parts and ZIP ranges."""
    person, address = PersonProvider, AddressProvider
    return LocaleData(
        female_first=_names(person.first_names_female),
        male_first=_names(person.first_names_male),
        last=_names(person.last_names),
        street_suffixes=tuple(address.street_suffixes),
        city_prefixes=tuple(address.city_prefixes),
        city_suffixes=tuple(address.city_suffixes),
        zip_ranges=dict(address.states_postcode),
    )


def _names(weights: dict[str, float]) -> Weighted[str]:
    for value in weights:
        if _UNSAFE.search(value):
            raise ValueError(f"unusable value in the locale data: {value!r}")
    return Weighted(weights)


@cache
def email_part(name: str) -> str:
    """Return ``name`` as the letters an e-mail local part can carry."""
    return "".join(char for char in name.lower() if char.isascii() and char.isalnum())
