"""Turn numbers as speech-to-text writes them into figures.

STT engines write a number as words ("forty-five"), as figures, or as pieces
that look like clock times or sums ("5:55", "three hundred twelve").
number-parser does the arithmetic; this module only fixes what it gets wrong
for digit strings (phone numbers, ZIP codes, house numbers).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from number_parser import parse as _numbers_to_figures
from number_parser import parse_ordinal

# Month names and abbreviations, as a caller or a transcript writes them.
MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
} | {"sept": 9}

# Callers are read as English. Without a language, number-parser rebuilds its
# tables for every language it knows on each call (about 1 ms each time).
LANGUAGE = "en"
_LETTER = re.compile("[a-z]")

_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_SPOKEN_ZEROS = {"zero", "oh", "o"}
_SINGLE_DIGIT = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d)"
_REPEAT = re.compile(rf"\b(double|triple)[\s-]+({_SINGLE_DIGIT})\b")
# "one eight hundred five five five": a place word followed by digits read one
# by one closes its group, else number-parser sums it into "805".
_PLACE_THEN_DIGITS = re.compile(
    rf"\b(hundred|thousand)\s+(?=(?:{_SINGLE_DIGIT})[\s,]+(?:{_SINGLE_DIGIT})\b)"
)
_NUMBER_WORD = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"double|triple)\b"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_WORD = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    "eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    "eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|"
    "seventieth|eightieth|ninetieth"
)
_ORDINAL = re.compile(rf"\b(?:(?:{_TENS})[\s-]+)?(?:{_ORDINAL_WORD})\b")
_FIGURE_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class SpokenDigits:
    """The digits heard in a stretch of text."""

    digits: str
    """Every digit, in the order said."""
    from_words: bool
    """True when at least one digit was said as a word."""


def clean(text: str) -> str:
    """Lowercase text and collapse its whitespace."""
    return " ".join(text.lower().split())


def has_number_words(text: str) -> bool:
    """Tell whether text holds a number said as a word."""
    return _NUMBER_WORD.search(clean(text)) is not None


def to_figures(text: str) -> str:
    """Replace number words with figures, keeping every zero that was said."""
    text = _zeros_to_figures(clean(text))
    if not _LETTER.search(text):
        return text
    return _numbers_to_figures(text, language=LANGUAGE)


def spoken_digits(text: str) -> SpokenDigits:
    """Read the digits of a digit string however it was said or written.

    "three one two", "three twelve", "three hundred twelve", "3:12" and
    "double three" are all read digit by digit; anything that is not a number
    is skipped, so the caller must check how many digits came back.
    """
    # Hyphens only join digits here ("oh-one-four-seven"). An ordinal ("my
    # second number") is never a digit, and number-parser would make it one.
    text = _ORDINAL.sub(" ", clean(text.replace("-", " ")))
    from_words = has_number_words(text)
    text = _REPEAT.sub(_repeat_digit, text)
    text = _PLACE_THEN_DIGITS.sub(r"\1, ", text)
    digits = "".join(re.findall(r"\d", to_figures(text)))
    return SpokenDigits(digits=digits, from_words=from_words)


def ordinals_to_figures(text: str) -> str:
    """Write ordinal words as figures with their suffix ("fifth" -> "5th")."""
    return _ORDINAL.sub(_ordinal_figure, clean(text))


def strip_ordinal_suffixes(text: str) -> str:
    """Drop the suffix from written ordinals ("5th" -> "5")."""
    return _FIGURE_ORDINAL.sub(r"\1", text)


def ordinal_suffix(number: int) -> str:
    """Return the English ordinal suffix for number."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def is_number_token(token: str) -> bool:
    """Tell whether token is a figure or a word that is part of a number."""
    token = token.strip(",.")
    return (
        token.isdigit()
        or token in _SPOKEN_ZEROS
        or _NUMBER_WORD.fullmatch(token.split("-")[-1]) is not None
    )


def _zeros_to_figures(text: str) -> str:
    # number-parser drops a zero inside a sum ("twenty zero five" -> "20 5").
    # "oh" and "o" count as zero only next to another number, so the "o" of
    # "o'hare" or a caller's "oh, it's" stays a word.
    tokens = text.split(" ")
    for index, token in enumerate(tokens):
        if token == "zero" or (
            token in _SPOKEN_ZEROS and _next_to_number(tokens, index)
        ):
            tokens[index] = "0"
    return " ".join(tokens)


def _next_to_number(tokens: list[str], index: int) -> bool:
    neighbours = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
    return any(is_number_token(token) for token in neighbours)


def _repeat_digit(match: re.Match[str]) -> str:
    times = 2 if match.group(1) == "double" else 3
    digit = _DIGIT_WORDS.get(match.group(2), match.group(2))
    return " ".join([digit] * times)


def _ordinal_figure(match: re.Match[str]) -> str:
    number = parse_ordinal(match.group(0).replace("-", " "), language=LANGUAGE)
    if number is None:
        return match.group(0)
    return f"{number}{ordinal_suffix(number)}"
