"""The edit history (``ListEdits``): who changed which entry, when, from what to what.

Pages come newest first; :meth:`gazette_client.Admin.iter_edits` walks every page:

>>> from gazette_client import GazetteClient
>>> with GazetteClient("localhost:50051", admin_token="s3cret") as gz:  # doctest: +SKIP
...     for edit in gz.admin.iter_edits(entity_id="p:jane"):
...         print(edit.seq, edit.op, edit.editor, edit.after)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from gazette.v1 import gazette_pb2

from .entries import GazetteerEntry, entry_from_proto

__all__ = ["EditRecord", "EditPage"]


@dataclass(frozen=True)
class EditRecord:
    """One edit as the history keeps it."""

    #: Its place in the edit log: what :meth:`~gazette_client.Admin.revert_edit` takes.
    seq: int
    #: "upsert", "delete" or "restore".
    op: str
    entity_id: str
    #: The name of the admin token that made it; empty for edits older than editors.
    editor: str
    #: When it was logged, Unix milliseconds; 0 for edits older than times.
    at_unix_ms: int
    #: The entity as served just before; ``None`` when it had no entry (or, with
    #: ``before_known`` false, when the edit predates the history).
    before: Optional[GazetteerEntry]
    #: The entity as the edit left it; ``None`` after a delete or a restore.
    after: Optional[GazetteerEntry]
    before_known: bool
    #: The seq of the edit this one undid; 0 for an ordinary edit.
    reverts: int


@dataclass(frozen=True)
class EditPage:
    """One page of the history, newest first."""

    edits: Sequence[EditRecord]
    #: Pass as ``page_token`` for the next (older) page; empty on the last page.
    next_page_token: str


def page_from_proto(r: gazette_pb2.ListEditsResponse) -> EditPage:
    return EditPage(edits=tuple(_record(e) for e in r.edits), next_page_token=r.next_page_token)


def _record(e: gazette_pb2.EditRecord) -> EditRecord:
    return EditRecord(
        seq=e.seq,
        op=e.op,
        entity_id=e.entity_id,
        editor=e.editor,
        at_unix_ms=e.at_unix_ms,
        before=entry_from_proto(e.before) if e.HasField("before") else None,
        after=entry_from_proto(e.after) if e.HasField("after") else None,
        before_known=e.before_known,
        reverts=e.reverts,
    )
