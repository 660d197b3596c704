"""A typed Python client for Gazette, the gRPC entity-extraction service.

Offsets default to Unicode code points, which is how Python indexes ``str``: for every
mention, ``text[m.start:m.end] == m.text`` (``text`` being the field the mention is in).

>>> from gazette_client import GazetteClient
>>> with GazetteClient("localhost:50051") as gz:            # doctest: +SKIP
...     for m in gz.extract("Syrian troops left Aleppo.").mentions:
...         print(m.type, m.text, m.entity_id)

Where things are:

=====================  ==========================================================
``client``             :class:`GazetteClient` (synchronous) and its :class:`Admin`
``aio``                :class:`AsyncGazetteClient` (``grpc.aio``) and ``AsyncAdmin``
``request``            :class:`Document` and :class:`Options`: what a request says
``response``           :class:`Result`, :class:`Mention`, :class:`Entity`, …
``enums``              :class:`OffsetEncoding`, :class:`Overlap`, :class:`MatchHow`, …
``entries``            :class:`GazetteerEntry` and :class:`EditResult` (admin edits)
``history``            :class:`EditRecord`, :class:`EditPage` (``ListEdits``)
``info``               :class:`GazetteerInfo`, :class:`Reloaded`
``errors``             :class:`GazetteError` with the server's field violations
``config``             the channel's service config: deadlines, UNAVAILABLE retries
``retry``              :class:`RetryPolicy`: shed calls retried after RetryInfo
``streaming``          resumable ``ExtractStream`` input
``gazette.v1``         the generated protobuf and gRPC stubs, for everything else
=====================  ==========================================================
"""
from .aio import AsyncAdmin, AsyncGazetteClient
from .client import Admin, GazetteClient
from .curation import EntityMatch, EntitySearch, NeverRule, NeverRules, NeverRulesAdded
from .entries import AliasDetail, EditResult, GazetteerEntry
from .enums import MatchHow, OffsetEncoding, Overlap, Resolution
from .errors import FieldViolation, GazetteError, PreconditionViolation
from .history import EditPage, EditRecord
from .info import (
    EditLogInfo,
    FileWatch,
    GazetteerInfo,
    NamespaceCount,
    Reloaded,
    ReloadResult,
    TypeCount,
)
from .request import Document, Options
from .response import (
    Alternative,
    Entity,
    Explanation,
    Mention,
    Result,
    Suggestion,
    Suppressed,
)
from .retry import RetryPolicy

__all__ = [
    "GazetteClient",
    "Admin",
    "AsyncGazetteClient",
    "AsyncAdmin",
    "Document",
    "Options",
    "Result",
    "Mention",
    "Entity",
    "Alternative",
    "Explanation",
    "Suggestion",
    "Suppressed",
    "OffsetEncoding",
    "Overlap",
    "MatchHow",
    "Resolution",
    "GazetteerEntry",
    "AliasDetail",
    "EditResult",
    "EditRecord",
    "EditPage",
    "EntityMatch",
    "EntitySearch",
    "NeverRule",
    "NeverRules",
    "NeverRulesAdded",
    "GazetteerInfo",
    "TypeCount",
    "NamespaceCount",
    "ReloadResult",
    "FileWatch",
    "EditLogInfo",
    "Reloaded",
    "GazetteError",
    "FieldViolation",
    "PreconditionViolation",
    "RetryPolicy",
]
