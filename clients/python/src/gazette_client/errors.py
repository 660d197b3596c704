"""The one exception the client raises, with the server's error details made readable.

The server puts a ``google.rpc.Status`` in the ``grpc-status-details-bin`` trailer: field
violations (``google.rpc.BadRequest``) for bad input, precondition violations for a failed reload
or revert, and a retry delay (``google.rpc.RetryInfo``) when it sheds load:

>>> from gazette_client import GazetteClient, GazetteError
>>> with GazetteClient("localhost:50051") as gz:  # doctest: +SKIP
...     try:
...         gz.extract("Aleppo", gazetteers=["nope"])
...     except GazetteError as e:
...         print(e.code.name, [(v.field, v.description) for v in e.field_violations])
INVALID_ARGUMENT [('gazetteers[0]', '…')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple, Union

import grpc
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2, status_pb2

__all__ = ["GazetteError", "FieldViolation", "PreconditionViolation"]

_DETAILS_KEY = "grpc-status-details-bin"

#: Trailing metadata as grpc gives it: ``(key, value)`` pairs, values ``bytes`` for ``-bin`` keys.
Trailers = Sequence[Tuple[str, Union[str, bytes]]]


@dataclass(frozen=True)
class FieldViolation:
    """A bad request field: its path (``"fields[1].name"``, ``"text"``) and what is wrong."""

    field: str
    description: str


@dataclass(frozen=True)
class PreconditionViolation:
    """A failed precondition: ``subject`` is e.g. ``"people.jsonl:3"`` or an edit's seq."""

    type: str
    subject: str
    description: str


class GazetteError(Exception):
    """A call failed. ``code`` is the gRPC status code and ``details`` the server's message;
    ``field_violations``, ``precondition_violations``, ``retry_delay`` (seconds) and
    ``reason`` are filled from the status details when the server sent them."""

    def __init__(
        self,
        code: grpc.StatusCode,
        details: str,
        *,
        field_violations: Sequence[FieldViolation] = (),
        precondition_violations: Sequence[PreconditionViolation] = (),
        retry_delay: Optional[float] = None,
        reason: str = "",
    ) -> None:
        self.code = code
        self.details = details
        self.field_violations = tuple(field_violations)
        self.precondition_violations = tuple(precondition_violations)
        self.retry_delay = retry_delay
        self.reason = reason
        parts = [f"{v.field}: {v.description}" for v in self.field_violations]
        parts += [f"{v.subject}: {v.description}" for v in self.precondition_violations]
        # The server's message usually names the first violations already.
        parts = [p for p in parts if p not in details]
        suffix = f" [{'; '.join(parts)}]" if parts else ""
        super().__init__(f"{code.name}: {details}{suffix}")


def from_status(code: grpc.StatusCode, details: Optional[str], trailers: Optional[Trailers]) -> GazetteError:
    """The error for a failed call: its code, message and trailing metadata."""
    status = _status(trailers or ())
    fields: list[FieldViolation] = []
    preconditions: list[PreconditionViolation] = []
    retry_delay: Optional[float] = None
    reason = ""
    for any_ in status.details if status is not None else ():
        bad = error_details_pb2.BadRequest()
        failed = error_details_pb2.PreconditionFailure()
        retry = error_details_pb2.RetryInfo()
        info = error_details_pb2.ErrorInfo()
        if any_.Unpack(bad):
            fields += [FieldViolation(v.field, v.description) for v in bad.field_violations]
        elif any_.Unpack(failed):
            preconditions += [
                PreconditionViolation(v.type, v.subject, v.description) for v in failed.violations
            ]
        elif any_.Unpack(retry):
            retry_delay = retry.retry_delay.ToTimedelta().total_seconds()
        elif any_.Unpack(info):
            reason = info.reason
    return GazetteError(
        code,
        details or "",
        field_violations=fields,
        precondition_violations=preconditions,
        retry_delay=retry_delay,
        reason=reason,
    )


def from_rpc_error(e: grpc.RpcError) -> GazetteError:
    """The error for a synchronous call's ``RpcError`` (which is also its ``grpc.Call``)."""
    if not isinstance(e, grpc.Call):
        return GazetteError(grpc.StatusCode.UNKNOWN, str(e))
    return from_status(e.code(), e.details(), e.trailing_metadata())


def _status(trailers: Trailers) -> Optional[status_pb2.Status]:
    for key, value in trailers:
        if key == _DETAILS_KEY and isinstance(value, bytes):
            try:
                return status_pb2.Status.FromString(value)
            except DecodeError:
                # Not the server's: a proxy may set the trailer too. The code and message stand.
                return None
    return None
