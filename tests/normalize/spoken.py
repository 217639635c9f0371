"""Say numbers, dates and addresses the way a caller does and STT writes them."""

from __future__ import annotations

import calendar
from datetime import date

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty"]
TENS += ["fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINAL_ONES = {
    1: "first",
    2: "second",
    3: "third",
    5: "fifth",
    8: "eighth",
    9: "ninth",
    12: "twelfth",
}


def cardinal(number: int, hyphen: bool = True) -> str:
    """Say 0..9999 in words: 45 -> "forty-five", 1205 -> "one thousand two
    hundred five"."""
    if number < 20:
        return ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        joiner = "-" if hyphen else " "
        return TENS[tens] + (joiner + ONES[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        tail = f" {cardinal(rest, hyphen)}" if rest else ""
        return f"{ONES[hundreds]} hundred{tail}"
    thousands, rest = divmod(number, 1000)
    tail = f" {cardinal(rest, hyphen)}" if rest else ""
    return f"{cardinal(thousands, hyphen)} thousand{tail}"


def ordinal(number: int) -> str:
    """Say 1..31 as an ordinal word: 5 -> "fifth", 21 -> "twenty-first"."""
    if number in ORDINAL_ONES:
        return ORDINAL_ONES[number]
    if number < 20:
        return ONES[number] + "th"
    tens, ones = divmod(number, 10)
    if ones == 0:
        return TENS[tens][:-1] + "ieth"
    return f"{TENS[tens]}-{ordinal(ones)}"


def digit_by_digit(digits: str, zero: str = "oh") -> str:
    """Say each digit: "0147" -> "oh one four seven"."""
    return " ".join(zero if digit == "0" else ONES[int(digit)] for digit in digits)


def in_pairs(digits: str) -> str:
    """Say a two- to four-digit group as pairs: "4417" -> "forty four seventeen",
    "1205" -> "twelve oh five", "1200" -> "twelve hundred"."""
    number = int(digits)
    if len(digits) == 2 and digits[0] != "0":
        return cardinal(number, hyphen=False)
    if len(digits) not in (3, 4) or digits[0] == "0":
        return digit_by_digit(digits)
    high, low = divmod(number, 100)
    if low == 0:
        return f"{cardinal(high, hyphen=False)} hundred"
    low_words = f"oh {ONES[low]}" if low < 10 else cardinal(low, hyphen=False)
    return f"{cardinal(high, hyphen=False)} {low_words}"


def with_repeats(digits: str) -> str:
    """Say runs of the same digit with "double" and "triple"."""
    words: list[str] = []
    index = 0
    while index < len(digits):
        run = 1
        while index + run < len(digits) and digits[index + run] == digits[index]:
            run += 1
        run = min(run, 3)
        digit = digit_by_digit(digits[index])
        words.append({1: digit, 2: f"double {digit}", 3: f"triple {digit}"}[run])
        index += run
    return " ".join(words)


def year_words(year: int) -> str:
    """Say a year the usual way: "nineteen eighty-five", "two thousand five"."""
    century, rest = divmod(year, 100)
    if year >= 2000 and year < 2010:
        return cardinal(year)
    if rest == 0:
        return f"{cardinal(century)} hundred"
    if rest < 10:
        return f"{cardinal(century)} oh {ONES[rest]}"
    return f"{cardinal(century)} {cardinal(rest)}"


def month_name(day: date) -> str:
    return calendar.month_name[day.month].lower()
