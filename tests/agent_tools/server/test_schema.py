"""The exported definitions: whole-file comparisons and OpenAI's strict rules."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from agent_tools.cli.main import app
from agent_tools.schema import FORMATS, definitions

GOLDEN = Path(__file__).parent / "golden"
ALLOWED = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "enum",
    "description",
    "anyOf",
    "items",
}


def parameters_of(fmt: str, definition: dict[str, Any]) -> dict[str, Any]:
    if fmt == "openai":
        return definition["function"]["parameters"]
    if fmt == "mcp":
        return definition["inputSchema"]
    return definition["parameters"]


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [node]
    for child in node.get("properties", {}).values():
        nodes += walk(child)
    for member in node.get("anyOf", []):
        nodes += walk(member)
    if "items" in node:
        nodes += walk(node["items"])
    return nodes


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_schema_matches_the_checked_in_definitions(fmt: str) -> None:
    path = GOLDEN / f"schema_{fmt}.json"
    exported = definitions(fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(exported, indent=2) + "\n", encoding="utf-8")

    assert exported == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_schema_follows_the_strict_rules_on_every_object(fmt: str) -> None:
    for definition in definitions(fmt):
        root = parameters_of(fmt, definition)
        assert root["type"] == "object"
        for node in walk(root):
            assert set(node) <= ALLOWED, set(node) - ALLOWED
            if "properties" in node:
                assert node["additionalProperties"] is False
                assert node["required"] == list(node["properties"])
            if isinstance(node.get("enum"), list) and "null" in node.get("type", []):
                assert None in node["enum"]


def test_schema_openai_and_responses_are_strict() -> None:
    assert all(d["function"]["strict"] is True for d in definitions("openai"))
    assert all(d["strict"] is True for d in definitions("responses"))
    assert all("strict" not in d for d in definitions("realtime"))


def test_schema_command_prints_the_same_json() -> None:
    result = CliRunner().invoke(app, ["schema", "--format", "deepgram"])

    assert result.exit_code == 0
    assert json.loads(result.output) == definitions("deepgram")


def test_schema_command_refuses_an_unknown_format() -> None:
    result = CliRunner().invoke(app, ["schema", "--format", "soap"])

    assert result.exit_code != 0
