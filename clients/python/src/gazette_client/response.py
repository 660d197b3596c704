"""The answer for one document, typed: :class:`Result` with its :class:`Mention` and
:class:`Entity` lists.

Every span is half-open, ``[start, end)``, in the unit of :attr:`Result.offset_encoding`
(code points unless asked otherwise), relative to the field named by :attr:`Mention.field`:

>>> from gazette_client import Mention, MatchHow, Resolution
>>> text = "Syrian troops left Aleppo."
>>> m = Mention(start=19, end=25, text="Aleppo", entity_id="geo:aleppo", type="LOCATION",
...             matched_alias="Aleppo", entity_index=0, field="text", how=MatchHow.NAME,
...             resolution=Resolution.ONLY_CANDIDATE, alternatives=(), score=1.0,
...             explanation=None)
>>> text[m.start:m.end] == m.text
True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from gazette.v1 import gazette_pb2

from .enums import MatchHow, OffsetEncoding, Resolution, from_wire

__all__ = ["Result", "Mention", "Entity", "Alternative", "Explanation", "Suggestion", "Suppressed"]


@dataclass(frozen=True)
class Alternative:
    """Another entity a mention's span could name; it scored at most the chosen one's score."""

    entity_id: str
    name: str
    type: str
    score: float


@dataclass(frozen=True)
class Explanation:
    """Why a mention was returned (asked for with ``explain=True``)."""

    #: The gazetteer form that matched, as written there.
    alias: str
    #: Folding steps the text needed: "case", "apostrophe", "hyphen", "whitespace", …
    folding: Sequence[str]
    #: The rule that kept the span and chose the entity, in words.
    rule: str


@dataclass(frozen=True)
class Mention:
    """One span of a field that names an entity: ``text[start:end] == mention.text`` in the
    response's offset unit, ``text`` being the field the mention is in."""

    start: int
    end: int
    text: str
    entity_id: str
    type: str
    #: The gazetteer form (name or alias) that matched.
    matched_alias: str
    #: Index of the entity in :attr:`Result.entities`.
    entity_index: int
    #: "text" (the body), "headline", or a field's name.
    field: str
    how: MatchHow
    resolution: Resolution
    #: Other entities the span could name, best first.
    alternatives: Sequence[Alternative]
    score: float
    #: Set when the request asked for ``explain``.
    explanation: Optional[Explanation]


@dataclass(frozen=True)
class Entity:
    """A canonical entity with all its mentions in the document."""

    id: str
    name: str
    type: str
    #: Share of the document's attention in [0, 1]; a result's entities sum to 1.
    salience: float
    #: Indexes into :attr:`Result.mentions`, in document order.
    mention_indexes: Sequence[int]
    #: Gazetteer attributes (wikidata, country_code, …).
    attributes: Mapping[str, str]
    #: The gazetteer namespace it came from (e.g. "geo").
    namespace: str
    mention_count: int
    first_mention_index: int


@dataclass(frozen=True)
class Suggestion:
    """A name the gazetteer does not list, guessed from cues in the text (asked for with
    ``suggest=True``): a candidate for a new entity. Never among the mentions."""

    start: int
    end: int
    text: str
    #: The guessed type: "PERSON", "ORGANIZATION" or "LOCATION".
    type: str
    #: Confidence in [0, 1].
    score: float
    #: The cues that fired, in words ("title: General", "reporting verb: said").
    evidence: Sequence[str]
    #: "text" (the body), "headline", or a field's name; offsets are relative to it.
    field: str


@dataclass(frozen=True)
class Suppressed:
    """A reading of a span that was not tagged, and the rule that dropped it (with
    ``explain=True``): a "never tag" rule's id, or a built-in screen's reason."""

    start: int
    end: int
    text: str
    entity_id: str
    type: str
    rule: str
    field: str


@dataclass(frozen=True)
class Result:
    """The answer for one document."""

    document_id: str
    #: In document order (headline, fields, then body).
    mentions: Sequence[Mention]
    #: One per canonical entity, ordered by first mention.
    entities: Sequence[Entity]
    #: Content hash of the gazetteer that answered.
    gazetteer_version: str
    offset_encoding: OffsetEncoding
    #: With ``suggest=True``: unlisted names, in document order; empty otherwise.
    suggestions: Sequence[Suggestion] = ()
    #: With ``explain=True``: the readings dropped before choosing, and why; empty otherwise.
    suppressed: Sequence[Suppressed] = ()


def from_proto(r: gazette_pb2.ExtractResponse) -> Result:
    """The typed result of a wire response."""
    return Result(
        document_id=r.document_id,
        mentions=tuple(_mention(m) for m in r.mentions),
        entities=tuple(_entity(e) for e in r.entities),
        gazetteer_version=r.gazetteer_version,
        # The server never answers UNSPECIFIED; UTF8 is what it would mean.
        offset_encoding=from_wire(OffsetEncoding, r.offset_encoding, OffsetEncoding.UTF8),
        suggestions=tuple(
            Suggestion(s.start, s.end, s.text, s.type, s.score, tuple(s.evidence), s.field)
            for s in r.suggestions
        ),
        suppressed=tuple(
            Suppressed(s.start, s.end, s.text, s.entity_id, s.type, s.rule, s.field)
            for s in r.suppressed
        ),
    )


def _mention(m: gazette_pb2.Mention) -> Mention:
    return Mention(
        start=m.start,
        end=m.end,
        text=m.text,
        entity_id=m.entity_id,
        type=m.type,
        matched_alias=m.matched_alias,
        entity_index=m.entity_index,
        field=m.field,
        how=from_wire(MatchHow, m.how, MatchHow.UNSPECIFIED),
        resolution=from_wire(Resolution, m.resolution, Resolution.UNSPECIFIED),
        alternatives=tuple(
            Alternative(a.entity_id, a.name, a.type, a.score) for a in m.alternatives
        ),
        score=m.score,
        explanation=(
            Explanation(m.explanation.alias, tuple(m.explanation.folding), m.explanation.rule)
            if m.HasField("explanation")
            else None
        ),
    )


def _entity(e: gazette_pb2.Entity) -> Entity:
    return Entity(
        id=e.id,
        name=e.name,
        type=e.type,
        salience=e.salience,
        mention_indexes=tuple(e.mention_indexes),
        attributes=dict(e.attributes),
        namespace=e.namespace,
        mention_count=e.mention_count,
        first_mention_index=e.first_mention_index,
    )
