"""The ``agent-tools`` command line."""
