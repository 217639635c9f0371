"""``python -m agent_tools`` runs the ``agent-tools`` command."""

from agent_tools.cli.main import app

app(prog_name="agent-tools")
