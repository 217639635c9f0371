"""Vehicle identification numbers (ISO 3779 / 49 CFR 565) that check out."""

from __future__ import annotations

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


def check_digit(vin: str) -> str:
    """Return the check character (position 9) of a 17-character VIN."""
    total = sum(
        _VALUES[char] * weight for char, weight in zip(vin, _WEIGHTS, strict=True)
    )
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def make_vin(wmi: str, vds: str, year: int, number: int) -> str:
    """Build a valid VIN; distinct ``number`` values give distinct VINs.

    ``vds`` holds VIN positions 4-8; ``number`` fills the plant and serial.
    """
    plant, serial = divmod(number, SERIALS_PER_PLANT)
    # Scramble the serial (a bijection modulo one million) so neighbours in
    # the table do not end in neighbouring digits.
    serial = (serial * 7_654_321 + 123_457) % SERIALS_PER_PLANT
    body = f"{wmi}{vds}0{year_code(year)}{PLANT_CODES[plant]}{serial:06d}"
    return f"{body[:8]}{check_digit(body)}{body[9:]}"
