"""The service catalog as the LLM sees it: an enum of service types."""

from __future__ import annotations

from enum import StrEnum

from db.dealership import load_dealership

ServiceType = StrEnum(  # type: ignore[misc]
    "ServiceType", {key: key for key in load_dealership().services}
)
