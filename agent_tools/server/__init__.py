"""The HTTP tool server."""
