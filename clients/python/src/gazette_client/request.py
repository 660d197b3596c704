"""What a request carries: the document (:class:`Document`) and how to read it (:class:`Options`).

>>> from gazette_client import Document, Options, OffsetEncoding
>>> doc = Document("Syrian troops left Aleppo.", document_id="a1",
...                headline="ALEPPO FALLS", fields={"caption": "Aleppo, Syria"})
>>> opts = Options(entity_types=["LOCATION"], explain=True)
>>> opts.offset_encoding is OffsetEncoding.CODE_POINT
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence, Tuple, Union, cast

from gazette.v1 import gazette_pb2

from .enums import OffsetEncoding, Overlap

__all__ = ["Document", "Options", "FieldsArg"]

#: Named texts of a document: a mapping ``{name: text}`` or ``(name, text)`` pairs (in order).
FieldsArg = Union[Mapping[str, str], Sequence[Tuple[str, str]]]


@dataclass(frozen=True)
class Document:
    """One document: its body ``text``, and optionally a ``headline`` and other named ``fields``
    (standfirst, captions). Mentions in the headline or a field have offsets relative to it."""

    text: str
    document_id: str = ""
    headline: str = ""
    fields: FieldsArg = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """How to read a document; the defaults are the server's, except the offset unit.

    ``offset_encoding``
        The unit of the returned spans; code points (Python's ``str`` indexing) by default.
    ``entity_types``
        Only entities of these types (``"LOCATION"``, ``"NORP"``, …); empty: all.
    ``gazetteers``
        Only entries of these gazetteer namespaces (``"geo"``, ``"people"``); empty: all.
    ``overlap``
        :attr:`Overlap.LONGEST` (non-overlapping) or :attr:`Overlap.ALL` candidate spans.
    ``fold_diacritics``
        ``False`` makes "Erdogan" not match "Erdoğan"; ``None`` leaves the server's default (fold).
    ``explain``
        Fill :attr:`Mention.explanation`.
    ``gazetteer_version``
        Run only on this gazetteer version (FAILED_PRECONDITION naming the current one if it
        changed); empty: whatever serves now.
    ``suggest``
        Also fill :attr:`Result.suggestions`: names the gazetteer does not list that look like
        people, organisations or places.
    """

    offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINT
    entity_types: Sequence[str] = ()
    gazetteers: Sequence[str] = ()
    overlap: Overlap = Overlap.LONGEST
    fold_diacritics: Optional[bool] = None
    explain: bool = False
    gazetteer_version: str = ""
    suggest: bool = False


def to_proto(doc: Document, options: Options) -> gazette_pb2.ExtractRequest:
    """The wire request for ``doc`` read with ``options``."""
    pairs = doc.fields.items() if isinstance(doc.fields, Mapping) else doc.fields
    request = gazette_pb2.ExtractRequest(
        document_id=doc.document_id,
        text=doc.text,
        headline=doc.headline,
        fields=[gazette_pb2.Field(name=name, text=text) for name, text in pairs],
        offset_encoding=cast("gazette_pb2.OffsetEncoding", options.offset_encoding.value),
        entity_types=list(options.entity_types),
        gazetteers=list(options.gazetteers),
        overlap=cast("gazette_pb2.OverlapPolicy", options.overlap.value),
        explain=options.explain,
        gazetteer_version=options.gazetteer_version,
        suggest=options.suggest,
    )
    if options.fold_diacritics is not None:
        # An optional field: left unset, the server applies its default.
        request.fold_diacritics = options.fold_diacritics
    return request
