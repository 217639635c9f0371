"""The tools. Importing this package registers every one of them in TOOLS."""

from agent_tools.tools import (  # noqa: F401  (each module registers its tools)
    appointments,
    lookup,
    service_due,
    slots,
    verify,
)
from agent_tools.tools.base import TOOLS, Tool, ToolRun

# The order a call usually follows; definitions are exported in this order.
CALL_ORDER = (
    "lookup_by_phone",
    "verify_identity",
    "get_service_due",
    "find_open_slots",
    "book_appointment",
    "reschedule_appointment",
    "cancel_appointment",
)
for _name in CALL_ORDER:
    TOOLS[_name] = TOOLS.pop(_name)

__all__ = ["TOOLS", "Tool", "ToolRun"]
