"""Failures of the data layer that a user must fix (never a traceback)."""


class DatabaseError(Exception):
    """The database cannot be reached, started or written as asked."""


class SeedRefused(DatabaseError):
    """The seed would overwrite data and --reset was not given."""
