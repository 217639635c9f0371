"""Vehicle identification numbers (ISO 3779 / 49 CFR 565) that check out."""

from __future__ import annotations

from functools import cache

# Letters I, O and Q never appear in a VIN (they read as 1 and 0).
VIN_CHARACTERS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Position 10 repeats every 30 years: 2010 is A again, as 1980 was.
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
# Position 11 (plant) carries the millions of the serial so VINs never repeat.
PLANT_CODES = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
SERIALS_PER_PLANT = 1_000_000


def year_code(year: int) -> str:
    """Return the model-year character at VIN position 10."""
    return _YEAR_CODES[(year - 1980) % 30]


def make_vin(wmi: str, vds: str, year: int, number: int) -> str:
    """Build a valid VIN; distinct ``number`` values give distinct VINs.

    ``vds`` holds VIN positions 4-8; ``number`` fills the plant and serial.
    """
    plant, serial = divmod(number, SERIALS_PER_PLANT)
    # Scramble the serial (a bijection modulo one million) so neighbours in
    # the table do not end in neighbouring digits.
    serial = (serial * 7_654_321 + 123_457) % SERIALS_PER_PLANT
    head = f"{wmi}{vds}"
    tail = f"{year_code(year)}{PLANT_CODES[plant]}{serial:06d}"
    total = _weighted_sum(head, 0) + _weighted_sum(tail[:2], 9) + _serial_sum(serial)
    remainder = total % 11
    check = "X" if remainder == 10 else str(remainder)
    return f"{head}{check}{tail}"


@cache
def _weighted_sum(part: str, start: int) -> int:
    weights = _WEIGHTS[start : start + len(part)]
    return sum(
        _VALUES[char] * weight for char, weight in zip(part, weights, strict=True)
    )


def _serial_sum(serial: int) -> int:
    total = 0
    for weight in (2, 3, 4, 5, 6, 7):  # positions 17 down to 12
        serial, digit = divmod(serial, 10)
        total += digit * weight
    return total
