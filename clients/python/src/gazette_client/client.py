"""The synchronous client: :class:`GazetteClient` and its :class:`Admin` calls.

>>> from gazette_client import GazetteClient, Options
>>> with GazetteClient("localhost:50051") as gz:  # doctest: +SKIP
...     result = gz.extract("Syrian troops left Aleppo.", options=Options(explain=True))
...     for m in result.mentions:
...         print(m.type, m.text, m.entity_id, m.explanation.rule)
"""
from __future__ import annotations

import time
from typing import Iterable, Iterator, Optional, Tuple, Type, TypeVar, Union

from google.protobuf.message import Message

import grpc

from gazette.v1 import gazette_pb2 as pb

from .config import DEFAULT_TIMEOUT, channel_options
from .curation import (
    EntitySearch,
    NeverRule,
    NeverRules,
    NeverRulesAdded,
    added_from_proto,
    rules_from_proto,
    search_from_proto,
)
from .entries import EditResult, GazetteerEntry, edit_result, entry_from_proto, entry_to_proto
from .errors import from_rpc_error
from .history import EditPage, EditRecord, page_from_proto
from .info import GazetteerInfo, Reloaded, info_from_proto, reloaded_from_proto
from .request import Document, FieldsArg, Options, to_proto
from .response import Result, from_proto
from .retry import Budget, RetryPolicy
from .streaming import Replay

__all__ = ["GazetteClient", "Admin"]

_Req = TypeVar("_Req", bound=Message)
_Resp = TypeVar("_Resp", bound=Message)
Metadata = Tuple[Tuple[str, Union[str, bytes]], ...]

_EXTRACTOR = "/gazette.v1.EntityExtractor/"
_ADMIN = "/gazette.v1.GazetteerAdmin/"


class GazetteClient:
    """A connection to a Gazette server (or a load balancer in front of replicas).

    ``target`` is ``host:port`` (or any gRPC target, ``dns:///gazette.internal:50051``).
    ``timeout`` is the default deadline of a unary call in seconds, across its retries;
    ``retry`` says how shed calls are retried; ``options`` are the default
    :class:`~gazette_client.Options` of every extract; ``admin_token`` is sent as
    ``authorization: Bearer …`` on admin calls. Plaintext unless ``credentials`` are given.
    Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        target: str,
        *,
        admin_token: Optional[str] = None,
        credentials: Optional[grpc.ChannelCredentials] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy = RetryPolicy(),
        options: Options = Options(),
    ) -> None:
        opts = channel_options(timeout)
        self.channel: grpc.Channel = (
            grpc.secure_channel(target, credentials, options=opts)
            if credentials is not None
            else grpc.insecure_channel(target, options=opts)
        )
        self._timeout = timeout
        self._retry = retry
        self._options = options
        self._extract = method(
            self.channel, _EXTRACTOR + "Extract", pb.ExtractRequest, pb.ExtractResponse
        )
        self._stream = self.channel.stream_stream(
            _EXTRACTOR + "ExtractStream",
            request_serializer=pb.ExtractRequest.SerializeToString,
            response_deserializer=pb.ExtractResponse.FromString,
        )
        auth: Metadata = (("authorization", f"Bearer {admin_token}"),) if admin_token else ()
        #: The admin calls (``GazetteerAdmin``), with the client's token.
        self.admin = Admin(self, auth)

    def __enter__(self) -> GazetteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self.channel.close()

    def extract(
        self,
        text: str,
        *,
        document_id: str = "",
        headline: str = "",
        fields: FieldsArg = (),
        options: Optional[Options] = None,
        timeout: Optional[float] = None,
    ) -> Result:
        """Finds the entities in one document: its body ``text``, ``headline`` and other named
        ``fields``, read with ``options`` (the client's by default). Raises
        :class:`~gazette_client.GazetteError`."""
        doc = Document(text, document_id, headline, fields)
        request = to_proto(doc, options or self._options)
        return from_proto(self._unary(self._extract, request, timeout))

    def extract_stream(
        self,
        documents: Iterable[Union[Document, str]],
        options: Optional[Options] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Iterator[Result]:
        """Streams many documents through ``ExtractStream``; results come in input order, as
        they are ready, with less overhead than one call each. ``documents`` is read lazily. A
        stream the server shed or that lost its server is opened again where it stopped; an
        invalid document ends it with a :class:`~gazette_client.GazetteError` naming it (the
        results before it stand). ``timeout`` (none by default) covers the whole stream."""
        opts = options or self._options
        replay = Replay(to_proto(_document(d), opts) for d in documents)
        budget = Budget(self._retry, timeout)
        while True:
            call = self._stream(replay.attempt(), timeout=budget.remaining())
            try:
                for response in call:
                    replay.answered()
                    budget.progress()
                    yield from_proto(response)
                replay.raise_input_error()
                return
            except grpc.RpcError as e:
                error = from_rpc_error(e)
            finally:
                call.cancel()  # ends the call if the caller stopped iterating early
            wait = budget.delay(error, resumable=True)
            if wait is None:
                raise error
            time.sleep(wait)

    def _unary(
        self,
        rpc: grpc.UnaryUnaryMultiCallable[_Req, _Resp],
        request: _Req,
        timeout: Optional[float],
        metadata: Metadata = (),
    ) -> _Resp:
        budget = Budget(self._retry, self._timeout if timeout is None else timeout)
        while True:
            try:
                return rpc(request, timeout=budget.remaining(), metadata=metadata)
            except grpc.RpcError as e:
                error = from_rpc_error(e)
            wait = budget.delay(error)
            if wait is None:
                raise error
            time.sleep(wait)


class Admin:
    """The ``GazetteerAdmin`` calls. Changes need the client's ``admin_token`` (with write
    rights); reads need it only when the server protects them."""

    def __init__(self, client: GazetteClient, auth: Metadata) -> None:
        self._client = client
        self._auth = auth
        ch = client.channel
        self._get_info = method(ch, _ADMIN + "GetInfo", pb.GetInfoRequest, pb.GazetteerInfo)
        self._reload = method(ch, _ADMIN + "Reload", pb.ReloadRequest, pb.ReloadResponse)
        self._upsert = method(
            ch, _ADMIN + "UpsertEntities", pb.UpsertEntitiesRequest, pb.EditResponse
        )
        self._delete = method(
            ch, _ADMIN + "DeleteEntities", pb.DeleteEntitiesRequest, pb.EditResponse
        )
        self._get_entity = method(ch, _ADMIN + "GetEntity", pb.GetEntityRequest, pb.GazetteerEntry)
        self._list_edits = method(
            ch, _ADMIN + "ListEdits", pb.ListEditsRequest, pb.ListEditsResponse
        )
        self._revert = method(ch, _ADMIN + "RevertEdit", pb.RevertEditRequest, pb.EditResponse)
        self._search = method(
            ch, _ADMIN + "SearchEntities", pb.SearchEntitiesRequest, pb.SearchEntitiesResponse
        )
        self._add_never = method(
            ch, _ADMIN + "AddNeverRules", pb.AddNeverRulesRequest, pb.AddNeverRulesResponse
        )
        self._list_never = method(
            ch, _ADMIN + "ListNeverRules", pb.ListNeverRulesRequest, pb.ListNeverRulesResponse
        )

    def _do(
        self,
        m: grpc.UnaryUnaryMultiCallable[_Req, _Resp],
        request: _Req,
        timeout: Optional[float],
    ) -> _Resp:
        return self._client._unary(m, request, timeout, self._auth)

    def get_info(self, *, timeout: Optional[float] = None) -> GazetteerInfo:
        """The gazetteer serving now: version, counts, last reload, edit log."""
        return info_from_proto(self._do(self._get_info, pb.GetInfoRequest(), timeout))

    def reload(self, *, timeout: Optional[float] = None) -> Reloaded:
        """Rebuilds the index from the gazetteer files; a bad file raises FAILED_PRECONDITION
        with one precondition violation per bad line."""
        return reloaded_from_proto(self._do(self._reload, pb.ReloadRequest(), timeout))

    def upsert_entities(
        self, entries: Iterable[GazetteerEntry], namespace: str, *, timeout: Optional[float] = None
    ) -> EditResult:
        """Adds entries to ``namespace``, or replaces those with the same ids; all or nothing
        (INVALID_ARGUMENT with a field violation per bad entry)."""
        request = pb.UpsertEntitiesRequest(
            entries=[entry_to_proto(e) for e in entries], namespace=namespace
        )
        return edit_result(self._do(self._upsert, request, timeout))

    def delete_entities(self, ids: Iterable[str], *, timeout: Optional[float] = None) -> EditResult:
        """Removes entries by id; unknown ids change nothing and are not counted."""
        request = pb.DeleteEntitiesRequest(ids=list(ids))
        return edit_result(self._do(self._delete, request, timeout))

    def get_entity(self, id: str, *, timeout: Optional[float] = None) -> GazetteerEntry:
        """One entry as served now; NOT_FOUND if no entry has that id."""
        return entry_from_proto(self._do(self._get_entity, pb.GetEntityRequest(id=id), timeout))

    def list_edits(
        self,
        *,
        entity_id: str = "",
        editor: str = "",
        page_size: int = 0,
        page_token: str = "",
        timeout: Optional[float] = None,
    ) -> EditPage:
        """One page of the edit history, newest first (``page_size`` 0: the server's 50)."""
        request = pb.ListEditsRequest(
            entity_id=entity_id, editor=editor, page_size=page_size, page_token=page_token
        )
        return page_from_proto(self._do(self._list_edits, request, timeout))

    def iter_edits(
        self,
        *,
        entity_id: str = "",
        editor: str = "",
        page_size: int = 0,
        timeout: Optional[float] = None,
    ) -> Iterator[EditRecord]:
        """Every edit in the history, newest first, fetching page after page as needed."""
        token = ""
        while True:
            page = self.list_edits(
                entity_id=entity_id,
                editor=editor,
                page_size=page_size,
                page_token=token,
                timeout=timeout,
            )
            yield from page.edits
            if not page.next_page_token:
                return
            token = page.next_page_token

    def revert_edit(self, seq: int, *, timeout: Optional[float] = None) -> EditResult:
        """Undoes the edit ``seq`` (from the history); the undo is an edit too. NOT_FOUND for an
        unknown seq; FAILED_PRECONDITION naming a later edit of the same entity to undo first."""
        return edit_result(self._do(self._revert, pb.RevertEditRequest(seq=seq), timeout))

    def search_entities(
        self, query: str, *, type: str = "", page_size: int = 0, timeout: Optional[float] = None
    ) -> EntitySearch:
        """Entities whose name or an alias contains ``query`` (folded as matching folds), best
        first; ``page_size`` 0: the server's 20 (at most 100)."""
        request = pb.SearchEntitiesRequest(query=query, type=type, page_size=page_size)
        return search_from_proto(self._do(self._search, request, timeout))

    def add_never_rules(
        self, rules: Iterable[NeverRule], namespace: str = "", *, timeout: Optional[float] = None
    ) -> NeverRulesAdded:
        """Adds "never tag" rules, all or nothing (INVALID_ARGUMENT naming ``rules[i].form``,
        ``.type``, ``.entity`` or ``.id``); each is an edit, undone like any other."""
        request = pb.AddNeverRulesRequest(
            rules=[r.to_proto() for r in rules], namespace=namespace
        )
        return added_from_proto(self._do(self._add_never, request, timeout))

    def list_never_rules(self, *, timeout: Optional[float] = None) -> NeverRules:
        """The "never tag" rules in force."""
        request = pb.ListNeverRulesRequest()
        return rules_from_proto(self._do(self._list_never, request, timeout))


def _document(d: Union[Document, str]) -> Document:
    return Document(d) if isinstance(d, str) else d


def method(
    channel: grpc.Channel, path: str, request: Type[_Req], response: Type[_Resp]
) -> grpc.UnaryUnaryMultiCallable[_Req, _Resp]:
    """A typed unary method of ``channel`` (the generated ``*_pb2_grpc`` stubs are untyped)."""
    return channel.unary_unary(
        path,
        request_serializer=request.SerializeToString,
        response_deserializer=response.FromString,
    )
