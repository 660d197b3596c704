"""A small typed helper over the generated Gazette stubs.

Offsets default to Unicode code points, which is how Python indexes ``str``: for every mention,
``text[m.start:m.end] == m.text``.

>>> from gazette_client import GazetteClient
>>> with GazetteClient("localhost:50051") as gz:            # doctest: +SKIP
...     for m in gz.extract("Syrian troops left Aleppo.").mentions:
...         print(m.type, m.text, m.entity_id)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import grpc

from gazette.v1 import gazette_pb2, gazette_pb2_grpc

__all__ = ["GazetteClient", "Mention", "Entity", "Result", "GazetteError"]


@dataclass(frozen=True)
class Mention:
    """One span of the text that names an entity."""

    text: str
    start: int
    end: int
    type: str
    entity_id: str
    score: float


@dataclass(frozen=True)
class Entity:
    """An entity with all its mentions in the document."""

    id: str
    name: str
    type: str
    mention_count: int
    salience: float


@dataclass(frozen=True)
class Result:
    """The answer for one document."""

    document_id: str
    gazetteer_version: str
    mentions: Sequence[Mention]
    entities: Sequence[Entity]


class GazetteError(Exception):
    """A call failed; ``code`` is the gRPC status code, ``details`` the server's message."""

    def __init__(self, code: grpc.StatusCode, details: str):
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details


class GazetteClient:
    """A connection to a Gazette server. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        target: str,
        *,
        timeout: float = 10.0,
        credentials: Optional[grpc.ChannelCredentials] = None,
    ) -> None:
        self._channel = (
            grpc.secure_channel(target, credentials)
            if credentials is not None
            else grpc.insecure_channel(target)
        )
        self._stub = gazette_pb2_grpc.EntityExtractorStub(self._channel)
        self._timeout = timeout

    def __enter__(self) -> "GazetteClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def extract(
        self,
        text: str,
        *,
        document_id: str = "",
        headline: str = "",
        entity_types: Iterable[str] = (),
    ) -> Result:
        """Finds the entities in ``text`` (and ``headline``); offsets in code points."""
        request = self._request(text, document_id, headline, entity_types)
        try:
            response = self._stub.Extract(request, timeout=self._timeout)
        except grpc.RpcError as e:  # a grpc.Call as well
            raise GazetteError(e.code(), e.details()) from None
        return _result(response)

    def extract_many(self, texts: Iterable[str]) -> Iterator[Result]:
        """Streams documents through one ``ExtractStream`` call; answers come in order."""
        requests = (
            self._request(text, str(i), "", ()) for i, text in enumerate(texts)
        )
        try:
            for response in self._stub.ExtractStream(requests):
                yield _result(response)
        except grpc.RpcError as e:
            raise GazetteError(e.code(), e.details()) from None

    @staticmethod
    def _request(
        text: str, document_id: str, headline: str, entity_types: Iterable[str]
    ) -> gazette_pb2.ExtractRequest:
        return gazette_pb2.ExtractRequest(
            document_id=document_id,
            text=text,
            headline=headline,
            entity_types=list(entity_types),
            offset_encoding=gazette_pb2.OFFSET_ENCODING_CODE_POINT,
        )


def _result(r: gazette_pb2.ExtractResponse) -> Result:
    return Result(
        document_id=r.document_id,
        gazetteer_version=r.gazetteer_version,
        mentions=tuple(
            Mention(m.text, m.start, m.end, m.type, m.entity_id, m.score)
            for m in r.mentions
        ),
        entities=tuple(
            Entity(e.id, e.name, e.type, e.mention_count, e.salience)
            for e in r.entities
        ),
    )
