"""Results shared by every reader through the cache, forgotten at once when their data changes.

A module keeps a ``Generation`` for each kind of data (the observatory's statistics, the radar's
public procurement data): the cached results carry the generation in their key, and the service that
changes the data calls ``bump()``, which moves the generation on once the transaction commits. Every
process then reads fresh results on its next request; the old entries expire by themselves.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, name: str):
        self.name = name
        self.key = f"{name}:generation"

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            value = 1
            cache.add(self.key, value, None)
        return int(value)

    def bump(self) -> None:
        """Forget every result of this generation, after the current transaction commits."""
        transaction.on_commit(self._bump_now)

    def _bump_now(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet (or evicted): any new value invalidates the old keys
            cache.set(self.key, self.current() + 1, None)

    def cached(self, what: str, fingerprint: str, compute: Callable[[], Any], seconds: int) -> Any:
        return cache.get_or_set(f"{self.name}:{what}:{self.current()}:{fingerprint}", compute, seconds)


def fingerprint(*parts) -> str:
    """A short, stable key for ``parts`` (their ``repr``: use tuples and sorted values, never sets)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
