"""The one error a command reports as a usage problem (exit status 2, one line)."""
from __future__ import annotations


class UsageError(Exception):
    """Options that cannot be used as given; ``str()`` is the line the user sees."""
