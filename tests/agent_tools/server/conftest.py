from tests.agent_tools.platforms.conftest import serve  # noqa: F401  (shared fixture)
