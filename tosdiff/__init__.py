"""tosdiff: watch published terms of service and say, clause by clause, what changed and whether it matters."""

__version__ = "0.1.0"
