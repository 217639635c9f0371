"""Tool definitions for LLMs, generated from the argument models.

One function makes a model's JSON schema valid under OpenAI's strict rules
(every object closed, every property required, optional as a union with
null, only supported keywords); each platform's format wraps that schema.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from agent_tools.tools import TOOLS, Tool

JsonSchema = dict[str, Any]

# Keywords that every platform accepts; the server still enforces lengths and
# ranges when it validates with the same models.
KEPT_KEYWORDS = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "enum",
    "description",
    "anyOf",
    "items",
}


def strict_schema(model: type[BaseModel]) -> JsonSchema:
    """Return ``model``'s JSON schema in OpenAI strict form, with refs inlined."""
    raw = model.model_json_schema()
    definitions = raw.pop("$defs", {})
    return _strict(raw, definitions)


def _strict(node: JsonSchema, definitions: dict[str, JsonSchema]) -> JsonSchema:
    if "$ref" in node:
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _strict(merged, definitions)
    if "anyOf" in node:
        return _union(node, definitions)
    out = {key: value for key, value in node.items() if key in KEPT_KEYWORDS}
    if "properties" in node:
        out["properties"] = {
            name: _strict(child, definitions)
            for name, child in node["properties"].items()
        }
        out["required"] = list(node["properties"])
        out["additionalProperties"] = False
    if "items" in node:
        out["items"] = _strict(node["items"], definitions)
    return out


def _union(node: JsonSchema, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """Collapse ``X | None`` into one node with a null type where possible."""
    members = [_strict(member, definitions) for member in node["anyOf"]]
    description = node.get("description")
    simple = all(
        set(m) <= {"type", "enum"} and isinstance(m.get("type"), str) for m in members
    )
    if simple:
        types = [m["type"] for m in members]
        out: JsonSchema = {"type": types if len(types) > 1 else types[0]}
        enums = [m["enum"] for m in members if "enum" in m]
        if enums:
            out["enum"] = [value for values in enums for value in values]
            if "null" in types:
                out["enum"].append(None)
    else:
        out = {"anyOf": members}
    if description:
        out["description"] = description
    return out


def parameters(tool: Tool[Any]) -> JsonSchema:
    return strict_schema(tool.arguments)


def openai_chat(tool: Tool[Any]) -> JsonSchema:
    return {
        "type": "function",
        "function": {
            "name": tool.name,
            "description": tool.description,
            "parameters": parameters(tool),
            "strict": True,
        },
    }


def openai_responses(tool: Tool[Any]) -> JsonSchema:
    return {
        "type": "function",
        "name": tool.name,
        "description": tool.description,
        "parameters": parameters(tool),
        "strict": True,
    }


def openai_realtime(tool: Tool[Any]) -> JsonSchema:
    return {
        "type": "function",
        "name": tool.name,
        "description": tool.description,
        "parameters": parameters(tool),
    }


def deepgram(tool: Tool[Any]) -> JsonSchema:
    return {
        "name": tool.name,
        "description": tool.description,
        "parameters": parameters(tool),
    }


def mcp(tool: Tool[Any]) -> JsonSchema:
    return {
        "name": tool.name,
        "description": tool.description,
        "inputSchema": parameters(tool),
    }


FORMATS: dict[str, Callable[[Tool[Any]], JsonSchema]] = {
    "openai": openai_chat,
    "responses": openai_responses,
    "realtime": openai_realtime,
    "deepgram": deepgram,
    "mcp": mcp,
}


def definitions(
    fmt: str, tools: dict[str, Tool[Any]] | None = None
) -> list[JsonSchema]:
    """Return every tool's definition in format ``fmt`` (a key of FORMATS)."""
    render = FORMATS[fmt]
    return [render(tool) for tool in (tools or TOOLS).values()]


def vapi(tool: Tool[Any], server_url: str) -> JsonSchema:
    """A Vapi custom function tool whose calls go to our /vapi/tool-calls."""
    return {
        "type": "function",
        "function": {
            "name": tool.name,
            "description": tool.description,
            "parameters": parameters(tool),
            "strict": True,
        },
        "async": False,
        "server": {"url": f"{server_url.rstrip('/')}/vapi/tool-calls"},
    }


def retell(tool: Tool[Any], server_url: str) -> JsonSchema:
    """A Retell custom function whose calls go to our /retell/functions."""
    return {
        "type": "custom",
        "name": tool.name,
        "description": tool.description,
        "url": f"{server_url.rstrip('/')}/retell/functions",
        "method": "POST",
        "parameters": parameters(tool),
        "speak_during_execution": False,
        "speak_after_execution": True,
        "timeout_ms": 10_000,
    }


# Formats whose definitions carry the URL the platform calls the tools at.
SERVER_FORMATS: dict[str, Callable[[Tool[Any], str], JsonSchema]] = {
    "vapi": vapi,
    "retell": retell,
}


def server_definitions(
    fmt: str, server_url: str, tools: dict[str, Tool[Any]] | None = None
) -> list[JsonSchema]:
    """Return every tool's definition in ``fmt`` (a key of SERVER_FORMATS)."""
    render = SERVER_FORMATS[fmt]
    return [render(tool, server_url) for tool in (tools or TOOLS).values()]
