"""The channel's gRPC service config: a deadline for every unary call and retries of UNAVAILABLE.

These are the defaults of every call on a :class:`~gazette_client.GazetteClient`'s channel,
including calls made on ``client.channel`` with the generated stubs:

>>> import json
>>> from gazette_client.config import service_config
>>> cfg = json.loads(service_config(timeout=5.0))
>>> cfg["methodConfig"][0]["timeout"], cfg["methodConfig"][0]["retryPolicy"]["retryableStatusCodes"]
('5s', ['UNAVAILABLE'])
>>> json.loads(service_config(timeout=0.25))["methodConfig"][0]["timeout"]
'0.250000000s'
"""
from __future__ import annotations

import json
from typing import Any, List, Optional, Tuple

__all__ = ["service_config", "channel_options", "DEFAULT_TIMEOUT"]

#: Seconds a unary call (an extract, an admin call) may take by default.
DEFAULT_TIMEOUT = 10.0

# UNAVAILABLE means the call did not reach a server that could answer (connection refused or
# reset, a replica going away): every Gazette call may be sent again, admin edits included
# (an upsert or delete applied twice gives the same entries; a repeated revert is refused).
# RESOURCE_EXHAUSTED is not listed: gRPC's policy would retry it on its own backoff, blind to
# the server's RetryInfo delay, which retry.RetryPolicy honours instead.
_RETRY = {
    "maxAttempts": 4,
    "initialBackoff": "0.1s",
    "maxBackoff": "2s",
    "backoffMultiplier": 2,
    "retryableStatusCodes": ["UNAVAILABLE"],
}


def service_config(timeout: Optional[float] = DEFAULT_TIMEOUT) -> str:
    """The service config as JSON: unary calls time out after ``timeout`` seconds (``None``:
    never); streams (``ExtractStream``) have no default deadline, as they last as long as their
    input. Both retry UNAVAILABLE."""
    unary: dict[str, Any] = {
        "name": [
            {"service": "gazette.v1.EntityExtractor", "method": "Extract"},
            {"service": "gazette.v1.GazetteerAdmin"},
        ],
        "retryPolicy": _RETRY,
    }
    if timeout is not None:
        unary["timeout"] = _duration(timeout)
    stream = {
        "name": [{"service": "gazette.v1.EntityExtractor", "method": "ExtractStream"}],
        "retryPolicy": _RETRY,
    }
    return json.dumps({"methodConfig": [unary, stream]})


def channel_options(timeout: Optional[float]) -> List[Tuple[str, Any]]:
    """grpc channel options: the service config, and room for the answer to a long article
    (grpc's default 4 MiB limit on received messages is less than the mentions of a 1 MiB text
    may take)."""
    return [
        ("grpc.service_config", service_config(timeout)),
        ("grpc.enable_retries", 1),
        ("grpc.max_receive_message_length", MAX_RESPONSE_BYTES),
    ]


#: The largest answer the channel accepts.
MAX_RESPONSE_BYTES = 64 << 20


def _duration(seconds: float) -> str:
    """A protobuf JSON duration: whole seconds ("10s"), or nine fractional digits
    ("0.250000000s"): fixed-point, as exponents ("1e-05s") are invalid, and all nine digits, as
    @grpc/grpc-js reads the digits after the point as nanoseconds ("0.25s": 25 ns)."""
    return f"{seconds:.0f}s" if seconds == int(seconds) else f"{seconds:.9f}s"
