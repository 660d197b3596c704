"""Retries of calls the server shed: RESOURCE_EXHAUSTED with a ``google.rpc.RetryInfo`` delay.

gRPC's own retry policy (in the service config, :mod:`gazette_client.config`) retries
UNAVAILABLE, but it cannot read RetryInfo, which the server sends when it sheds load; this policy
waits at least that delay (doubling it on each further shed, with jitter so that shed clients do
not come back all at once) while the call's deadline allows.

>>> from gazette_client import RetryPolicy
>>> RetryPolicy(max_attempts=1)  # never retry a shed call
RetryPolicy(max_attempts=1, max_delay=2.0)
"""
from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import Optional

import grpc

from .errors import GazetteError

__all__ = ["RetryPolicy"]

log = logging.getLogger("gazette_client")


#: The first wait before a cut stream is opened again (as the service config's initialBackoff).
_UNAVAILABLE_BACKOFF = 0.1


@dataclass(frozen=True)
class RetryPolicy:
    """How often a shed call is tried in all, and the longest wait between two tries (seconds)."""

    max_attempts: int = 5
    max_delay: float = 2.0


class Budget:
    """One call's attempts and deadline, across its retries."""

    def __init__(self, policy: RetryPolicy, timeout: Optional[float]) -> None:
        self._policy = policy
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self.attempt = 1

    def remaining(self) -> Optional[float]:
        """The time left for the next attempt; ``None``: no deadline."""
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - time.monotonic())

    def progress(self) -> None:
        """The call got an answer: a stream that goes on for hours may be cut (and resumed)
        more than ``max_attempts`` times in all, but not that many times in a row."""
        self.attempt = 1

    def delay(self, error: GazetteError, resumable: bool = False) -> Optional[float]:
        """How long to wait before trying again after ``error``; ``None``: do not retry.
        ``resumable``: the call is a stream that can be opened again where it was cut, which
        gRPC's own retries cannot do once answers have come (so UNAVAILABLE is retried here)."""
        if error.code == grpc.StatusCode.RESOURCE_EXHAUSTED and error.retry_delay is not None:
            return self._next(error, error.retry_delay)
        if error.code == grpc.StatusCode.UNAVAILABLE and resumable:
            return self._next(error, _UNAVAILABLE_BACKOFF)
        return None

    def backoff(self, error: GazetteError) -> Optional[float]:
        """Like :meth:`delay` for a resumable stream's UNAVAILABLE, whatever ``error`` says:
        for errors that hide the server's status (see ``aio.py``)."""
        return self._next(error, _UNAVAILABLE_BACKOFF)

    def _next(self, error: GazetteError, first: float) -> Optional[float]:
        if self.attempt >= self._policy.max_attempts:
            return None
        base = min(first * 2.0 ** (self.attempt - 1), self._policy.max_delay)
        wait = base * random.uniform(1.0, 1.5)
        left = self.remaining()
        if left is not None and wait >= left:
            return None
        self.attempt += 1
        log.debug("%s; retrying in %.3f s (attempt %d)", error.code.name, wait, self.attempt)
        return wait
