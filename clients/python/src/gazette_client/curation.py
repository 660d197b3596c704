"""What editors curate with besides entries: finding an entity by name (``SearchEntities``) and
"never tag" rules (``AddNeverRules``, ``ListNeverRules``).

A rule keeps a form from being tagged as a type, as one entity's alias, or at all; it is an
edit like any other (journaled, listed by ``list_edits``, undone by ``revert_edit``, removed
with ``delete_entities`` of its id):

>>> from gazette_client import NeverRule
>>> NeverRule("Obama", type="LOCATION").to_proto().type
'LOCATION'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from gazette.v1 import gazette_pb2

__all__ = ["EntityMatch", "EntitySearch", "NeverRule", "NeverRulesAdded", "NeverRules"]


@dataclass(frozen=True)
class EntityMatch:
    """An entity found by :meth:`~gazette_client.Admin.search_entities`."""

    id: str
    name: str
    type: str
    namespace: str
    #: The form (name or alias) that matched the query.
    matched: str
    #: How it matched: at the start of the form, at a word's start, or anywhere.
    how: str


@dataclass(frozen=True)
class EntitySearch:
    """Best matches first; ``truncated`` when more matched than the page holds."""

    entities: Sequence[EntityMatch]
    truncated: bool


@dataclass(frozen=True)
class NeverRule:
    """Never tag ``form``: as ``type`` (every entity of it), as ``entity``'s alias (that
    entity only), or, with neither, at all. ``id`` is derived when empty
    (``never:LOCATION:obama``); ``namespace`` defaults to the request's."""

    form: str
    type: str = ""
    entity: str = ""
    id: str = ""
    namespace: str = ""

    def to_proto(self) -> gazette_pb2.NeverRule:
        return gazette_pb2.NeverRule(
            form=self.form, type=self.type, entity=self.entity, id=self.id, namespace=self.namespace
        )


@dataclass(frozen=True)
class NeverRulesAdded:
    """The gazetteer version now serving, how many rules were applied, and their ids."""

    version: str
    applied: int
    ids: Sequence[str]


@dataclass(frozen=True)
class NeverRules:
    """The rules in force and the version they are from."""

    rules: Sequence[NeverRule]
    version: str


def search_from_proto(r: gazette_pb2.SearchEntitiesResponse) -> EntitySearch:
    return EntitySearch(
        entities=tuple(
            EntityMatch(e.id, e.name, e.type, e.namespace, e.matched, e.how) for e in r.entities
        ),
        truncated=r.truncated,
    )


def added_from_proto(r: gazette_pb2.AddNeverRulesResponse) -> NeverRulesAdded:
    return NeverRulesAdded(version=r.version, applied=r.applied, ids=tuple(r.ids))


def rules_from_proto(r: gazette_pb2.ListNeverRulesResponse) -> NeverRules:
    return NeverRules(
        rules=tuple(NeverRule(x.form, x.type, x.entity, x.id, x.namespace) for x in r.rules),
        version=r.version,
    )
