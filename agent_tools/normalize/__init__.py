"""Read what a caller said, as speech-to-text wrote it, into typed values.

Pure functions, no database. Each one refuses what it cannot read safely
with a CallerInputError whose message tells the agent what to ask next, and
refuses a value of the wrong type with an ArgumentError.
"""

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize.address import (
    STREET_NAME_MIN_RATIO,
    StreetAddress,
    parse_street_address,
    parse_zip,
    street_addresses_match,
)
from agent_tools.normalize.dates import MAX_AGE_YEARS, parse_date_of_birth
from agent_tools.normalize.mileage import MAX_MILEAGE, parse_mileage
from agent_tools.normalize.phone import PhoneNumber, parse_phone
from agent_tools.normalize.placeholders import is_placeholder
from agent_tools.normalize.times import (
    DayRange,
    local_datetime,
    parse_day_range,
    parse_start_time,
)

__all__ = [
    "MAX_AGE_YEARS",
    "MAX_MILEAGE",
    "STREET_NAME_MIN_RATIO",
    "ArgumentError",
    "CallerInputError",
    "DayRange",
    "PhoneNumber",
    "StreetAddress",
    "is_placeholder",
    "local_datetime",
    "parse_date_of_birth",
    "parse_day_range",
    "parse_mileage",
    "parse_phone",
    "parse_start_time",
    "parse_street_address",
    "parse_zip",
    "street_addresses_match",
]
