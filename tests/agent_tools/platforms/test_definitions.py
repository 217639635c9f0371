"""Definitions that point a platform at our server, ready to paste."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from agent_tools.cli.main import app
from tests.agent_tools.platforms.conftest import assert_golden


@pytest.mark.parametrize("fmt", ["vapi", "retell"])
def test_schema_command_prints_definitions_pointing_at_the_server(fmt: str):
    result = CliRunner().invoke(
        app, ["schema", "--format", fmt, "--server-url", "https://tools.example.com/"]
    )

    assert result.exit_code == 0, result.output
    assert_golden(f"schema_{fmt}", json.loads(result.output))


def test_schema_command_needs_a_server_url_for_vapi():
    result = CliRunner().invoke(app, ["schema", "--format", "vapi"])

    assert result.exit_code == 2
