"""Gazetteer entries as the admin calls take and give them, and what an edit answers.

>>> from gazette_client import GazetteerEntry, AliasDetail
>>> entry = GazetteerEntry(id="p:jane", name="Jane Doe", type="PERSON",
...                        aliases=["J. Doe"], attributes={"wikidata": "Q1"},
...                        alias_details=[AliasDetail("Doe", scope="document")])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from gazette.v1 import gazette_pb2

__all__ = ["GazetteerEntry", "AliasDetail", "EditResult"]


@dataclass(frozen=True)
class AliasDetail:
    """An alias with its own case policy or scope (an alias object of a JSONL line)."""

    text: str
    #: "proper", "exact" or "insensitive"; empty: the entry's case.
    case: str = ""
    #: "global" (empty means global) or "document" (only after the full name).
    scope: str = ""


@dataclass(frozen=True)
class GazetteerEntry:
    """A gazetteer entry: the fields of a JSONL line. ``namespace`` and ``derived_aliases`` are
    output only (upserts take the namespace as an argument and derive short names again)."""

    id: str
    name: str = ""
    type: str = ""
    aliases: Sequence[str] = ()
    #: "proper" (empty means proper), "exact" or "insensitive".
    case: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    #: Preference when one name fits several entries: higher wins.
    prior: float = 0.0
    namespace: str = ""
    alias_details: Sequence[AliasDetail] = ()
    derived_aliases: Sequence[str] = ()


@dataclass(frozen=True)
class EditResult:
    """What an upsert, delete or revert did."""

    #: The gazetteer version serving now, with the edit.
    version: str
    #: How many entries changed (deletes of unknown ids are not counted).
    applied: int


def entry_to_proto(e: GazetteerEntry) -> gazette_pb2.GazetteerEntry:
    """The wire form of ``e`` (namespace and derived aliases are ignored by upserts)."""
    return gazette_pb2.GazetteerEntry(
        id=e.id,
        name=e.name,
        type=e.type,
        aliases=list(e.aliases),
        case=e.case,
        attributes=dict(e.attributes),
        prior=e.prior,
        namespace=e.namespace,
        alias_details=[
            gazette_pb2.AliasDetail(text=a.text, case=a.case, scope=a.scope)
            for a in e.alias_details
        ],
        derived_aliases=list(e.derived_aliases),
    )


def entry_from_proto(e: gazette_pb2.GazetteerEntry) -> GazetteerEntry:
    """The typed form of a wire entry."""
    return GazetteerEntry(
        id=e.id,
        name=e.name,
        type=e.type,
        aliases=tuple(e.aliases),
        case=e.case,
        attributes=dict(e.attributes),
        prior=e.prior,
        namespace=e.namespace,
        alias_details=tuple(AliasDetail(a.text, a.case, a.scope) for a in e.alias_details),
        derived_aliases=tuple(e.derived_aliases),
    )


def edit_result(r: gazette_pb2.EditResponse) -> EditResult:
    return EditResult(version=r.version, applied=r.applied)
