"""Typed tools a dealership's phone voice agent calls during a call."""
