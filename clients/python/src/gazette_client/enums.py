"""The API's enums as Python enums, with the proto's numbers as values.

>>> from gazette_client import OffsetEncoding
>>> OffsetEncoding.CODE_POINT.value
3
"""
from __future__ import annotations

import enum
from typing import Type, TypeVar

__all__ = ["OffsetEncoding", "Overlap", "MatchHow", "Resolution"]


class OffsetEncoding(enum.IntEnum):
    """The unit of ``Mention.start`` and ``Mention.end``; spans are half-open ``[start, end)``."""

    #: UTF-8 bytes (Rust, Go, C); the server's default.
    UTF8 = 1
    #: UTF-16 code units (JavaScript, Java, C#).
    UTF16 = 2
    #: Unicode code points: what Python's ``str`` indexes, so this client's default.
    CODE_POINT = 3


class Overlap(enum.IntEnum):
    """Which overlapping candidate spans to return."""

    #: Leftmost-longest, non-overlapping (the default).
    LONGEST = 1
    #: Every candidate span, overlapping or not.
    ALL = 2


class MatchHow(enum.IntEnum):
    """How a mention matched its entity."""

    UNSPECIFIED = 0
    NAME = 1
    ALIAS = 2
    #: A short form (a surname) after the full name appeared earlier in the document.
    PARTIAL_NAME = 3


class Resolution(enum.IntEnum):
    """Which rule chose a mention's entity."""

    UNSPECIFIED = 0
    ONLY_CANDIDATE = 1
    PRIOR = 2
    CONTEXT = 3
    PARTIAL_NAME = 4


_E = TypeVar("_E", MatchHow, Resolution, OffsetEncoding)


def from_wire(kind: Type[_E], value: int, unknown: _E) -> _E:
    """``kind(value)``, or ``unknown`` for a value a newer server added: an answer is still
    readable by an older client."""
    try:
        return kind(value)
    except ValueError:
        return unknown
