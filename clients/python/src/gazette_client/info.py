"""What the server says about its gazetteer: ``GetInfo`` and ``Reload`` answers, typed.

>>> from gazette_client import GazetteClient
>>> with GazetteClient("localhost:50051") as gz:  # doctest: +SKIP
...     info = gz.admin.get_info()
...     print(info.version, info.entries, [t.type for t in info.by_type])
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from gazette.v1 import gazette_pb2

__all__ = [
    "GazetteerInfo",
    "TypeCount",
    "NamespaceCount",
    "ReloadResult",
    "FileWatch",
    "EditLogInfo",
    "Reloaded",
]


@dataclass(frozen=True)
class TypeCount:
    type: str
    entries: int
    forms: int


@dataclass(frozen=True)
class NamespaceCount:
    namespace: str
    entries: int


@dataclass(frozen=True)
class ReloadResult:
    """What the last reload attempt did."""

    ok: bool
    at_unix_ms: int
    version: str
    #: The first problems, as "file:line: reason".
    errors: Sequence[str]
    #: "rpc", "signal" or "watch".
    trigger: str
    duration_ms: int
    error_count: int


@dataclass(frozen=True)
class FileWatch:
    #: "events" or "poll".
    mode: str
    error: str
    poll_interval_ms: int


@dataclass(frozen=True)
class EditLogInfo:
    #: "journal" or "postgres".
    kind: str
    applied_seq: int
    last_contact_unix_ms: int
    error: str


@dataclass(frozen=True)
class GazetteerInfo:
    """The gazetteer serving now (``GetInfo``)."""

    version: str
    entries: int
    forms: int
    by_type: Sequence[TypeCount]
    by_namespace: Sequence[NamespaceCount]
    loaded_at_unix_ms: int
    last_reload: Optional[ReloadResult]
    edit_layer_entries: int
    #: ``None`` when the files are not watched.
    file_watch: Optional[FileWatch]
    #: ``None`` when edits are disabled.
    edit_log: Optional[EditLogInfo]


@dataclass(frozen=True)
class Reloaded:
    """What ``Reload`` did."""

    version: str
    previous_version: str
    #: False when the files gave the same content.
    changed: bool
    entries: int
    duration_ms: int


def info_from_proto(i: gazette_pb2.GazetteerInfo) -> GazetteerInfo:
    r, w, log = i.last_reload, i.file_watch, i.edit_log
    return GazetteerInfo(
        version=i.version,
        entries=i.entries,
        forms=i.forms,
        by_type=tuple(TypeCount(t.type, t.entries, t.forms) for t in i.by_type),
        by_namespace=tuple(NamespaceCount(n.namespace, n.entries) for n in i.by_namespace),
        loaded_at_unix_ms=i.loaded_at_unix_ms,
        last_reload=(
            ReloadResult(
                r.ok, r.at_unix_ms, r.version, tuple(r.errors), r.trigger, r.duration_ms,
                r.error_count,
            )
            if i.HasField("last_reload")
            else None
        ),
        edit_layer_entries=i.edit_layer_entries,
        file_watch=(
            FileWatch(w.mode, w.error, w.poll_interval_ms) if i.HasField("file_watch") else None
        ),
        edit_log=(
            EditLogInfo(log.kind, log.applied_seq, log.last_contact_unix_ms, log.error)
            if i.HasField("edit_log")
            else None
        ),
    )


def reloaded_from_proto(r: gazette_pb2.ReloadResponse) -> Reloaded:
    return Reloaded(r.version, r.previous_version, r.changed, r.entries, r.duration_ms)
