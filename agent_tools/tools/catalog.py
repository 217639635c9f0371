"""The service catalog as the LLM sees it: an enum of service types."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator

from db.dealership import load_dealership

ServiceType = StrEnum(  # type: ignore[misc]
    "ServiceType", {key: key for key in load_dealership().services}
)

# Models often send the service as said ("oil change", "Tire Rotation") or
# by its catalog name ("Oil and filter change"): read those as the key.
_BY_NAME = {
    service.name.lower(): key for key, service in load_dealership().services.items()
}


def _service_key(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = " ".join(value.lower().split())
    key = re.sub(r"[\s-]+", "_", text)
    if key in ServiceType.__members__:
        return key
    return _BY_NAME.get(text, value)


ServiceTypeArgument = Annotated[ServiceType, BeforeValidator(_service_key)]
