"""The asyncio client (``grpc.aio``): :class:`AsyncGazetteClient`, the same calls as
:class:`~gazette_client.GazetteClient`, awaited.

>>> import asyncio
>>> from gazette_client import AsyncGazetteClient
>>> async def main() -> None:
...     async with AsyncGazetteClient("localhost:50051") as gz:
...         result = await gz.extract("Syrian troops left Aleppo.")
...         async for r in gz.extract_stream(["Aleppo", "Damascus"]):
...             print(r.mentions)
>>> asyncio.run(main())  # doctest: +SKIP
"""
from __future__ import annotations

import asyncio
from typing import (
    AsyncIterable,
    AsyncIterator,
    Iterable,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import grpc
import grpc.aio
from google.protobuf.message import Message

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
from .errors import GazetteError, from_status
from .history import EditPage, EditRecord, page_from_proto
from .info import GazetteerInfo, Reloaded, info_from_proto, reloaded_from_proto
from .request import Document, FieldsArg, Options, to_proto
from .response import Result, from_proto
from .retry import Budget, RetryPolicy
from .streaming import AsyncReplay

__all__ = ["AsyncGazetteClient", "AsyncAdmin"]

_Req = TypeVar("_Req", bound=Message)
_Resp = TypeVar("_Resp", bound=Message)
Metadata = Tuple[Tuple[str, Union[str, bytes]], ...]

_EXTRACTOR = "/gazette.v1.EntityExtractor/"
_ADMIN = "/gazette.v1.GazetteerAdmin/"

Documents = Union[Iterable[Union[Document, str]], AsyncIterable[Union[Document, str]]]


class AsyncGazetteClient:
    """:class:`~gazette_client.GazetteClient` for asyncio; the same arguments. Create it inside
    the event loop that uses it; use as ``async with``, or ``await close()``."""

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
        self.channel: grpc.aio.Channel = (
            grpc.aio.secure_channel(target, credentials, options=opts)
            if credentials is not None
            else grpc.aio.insecure_channel(target, options=opts)
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
        self.admin = AsyncAdmin(self, auth)

    async def __aenter__(self) -> AsyncGazetteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        await self.channel.close()

    async def extract(
        self,
        text: str,
        *,
        document_id: str = "",
        headline: str = "",
        fields: FieldsArg = (),
        options: Optional[Options] = None,
        timeout: Optional[float] = None,
    ) -> Result:
        """See :meth:`gazette_client.GazetteClient.extract`."""
        doc = Document(text, document_id, headline, fields)
        request = to_proto(doc, options or self._options)
        return from_proto(await self._unary(self._extract, request, timeout))

    async def extract_stream(
        self,
        documents: Documents,
        options: Optional[Options] = None,
        *,
        timeout: Optional[float] = None,
    ) -> AsyncIterator[Result]:
        """See :meth:`gazette_client.GazetteClient.extract_stream`; ``documents`` may be an
        async iterable too."""
        opts = options or self._options
        replay = AsyncReplay(_requests(documents, opts))
        budget = Budget(self._retry, timeout)
        while True:
            call = self._stream(replay.attempt(), timeout=budget.remaining())
            try:
                async for response in call:
                    replay.answered()
                    budget.progress()
                    yield from_proto(response)
                replay.raise_input_error()
                return
            except grpc.aio.AioRpcError as e:
                error = _error(e)
                lost = _status_lost(e)
            finally:
                call.cancel()  # ends the call if the caller stopped iterating early
            wait = budget.backoff(error) if lost else budget.delay(error, resumable=True)
            if wait is None:
                raise error
            await asyncio.sleep(wait)

    async def _unary(
        self,
        rpc: grpc.aio.UnaryUnaryMultiCallable[_Req, _Resp],
        request: _Req,
        timeout: Optional[float],
        metadata: Metadata = (),
    ) -> _Resp:
        budget = Budget(self._retry, self._timeout if timeout is None else timeout)
        while True:
            try:
                return await rpc(request, timeout=budget.remaining(), metadata=metadata)
            except grpc.aio.AioRpcError as e:
                error = _error(e)
            wait = budget.delay(error)
            if wait is None:
                raise error
            await asyncio.sleep(wait)


class AsyncAdmin:
    """:class:`~gazette_client.Admin` for asyncio; the same calls, awaited."""

    def __init__(self, client: AsyncGazetteClient, auth: Metadata) -> None:
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

    async def _do(
        self,
        m: grpc.aio.UnaryUnaryMultiCallable[_Req, _Resp],
        request: _Req,
        timeout: Optional[float],
    ) -> _Resp:
        return await self._client._unary(m, request, timeout, self._auth)

    async def get_info(self, *, timeout: Optional[float] = None) -> GazetteerInfo:
        return info_from_proto(await self._do(self._get_info, pb.GetInfoRequest(), timeout))

    async def reload(self, *, timeout: Optional[float] = None) -> Reloaded:
        return reloaded_from_proto(await self._do(self._reload, pb.ReloadRequest(), timeout))

    async def upsert_entities(
        self, entries: Iterable[GazetteerEntry], namespace: str, *, timeout: Optional[float] = None
    ) -> EditResult:
        request = pb.UpsertEntitiesRequest(
            entries=[entry_to_proto(e) for e in entries], namespace=namespace
        )
        return edit_result(await self._do(self._upsert, request, timeout))

    async def delete_entities(
        self, ids: Iterable[str], *, timeout: Optional[float] = None
    ) -> EditResult:
        request = pb.DeleteEntitiesRequest(ids=list(ids))
        return edit_result(await self._do(self._delete, request, timeout))

    async def get_entity(self, id: str, *, timeout: Optional[float] = None) -> GazetteerEntry:
        request = pb.GetEntityRequest(id=id)
        return entry_from_proto(await self._do(self._get_entity, request, timeout))

    async def list_edits(
        self,
        *,
        entity_id: str = "",
        editor: str = "",
        page_size: int = 0,
        page_token: str = "",
        timeout: Optional[float] = None,
    ) -> EditPage:
        request = pb.ListEditsRequest(
            entity_id=entity_id, editor=editor, page_size=page_size, page_token=page_token
        )
        return page_from_proto(await self._do(self._list_edits, request, timeout))

    async def iter_edits(
        self,
        *,
        entity_id: str = "",
        editor: str = "",
        page_size: int = 0,
        timeout: Optional[float] = None,
    ) -> AsyncIterator[EditRecord]:
        """Every edit in the history, newest first, fetching page after page as needed."""
        token = ""
        while True:
            page = await self.list_edits(
                entity_id=entity_id,
                editor=editor,
                page_size=page_size,
                page_token=token,
                timeout=timeout,
            )
            for edit in page.edits:
                yield edit
            if not page.next_page_token:
                return
            token = page.next_page_token

    async def revert_edit(self, seq: int, *, timeout: Optional[float] = None) -> EditResult:
        request = pb.RevertEditRequest(seq=seq)
        return edit_result(await self._do(self._revert, request, timeout))

    async def search_entities(
        self, query: str, *, type: str = "", page_size: int = 0, timeout: Optional[float] = None
    ) -> EntitySearch:
        """Entities whose name or an alias contains ``query`` (folded as matching folds), best
        first; ``page_size`` 0: the server's 20 (at most 100)."""
        request = pb.SearchEntitiesRequest(query=query, type=type, page_size=page_size)
        return search_from_proto(await self._do(self._search, request, timeout))

    async def add_never_rules(
        self, rules: Iterable[NeverRule], namespace: str = "", *, timeout: Optional[float] = None
    ) -> NeverRulesAdded:
        """Adds "never tag" rules, all or nothing (INVALID_ARGUMENT naming ``rules[i].form``,
        ``.type``, ``.entity`` or ``.id``); each is an edit, undone like any other."""
        request = pb.AddNeverRulesRequest(
            rules=[r.to_proto() for r in rules], namespace=namespace
        )
        return added_from_proto(await self._do(self._add_never, request, timeout))

    async def list_never_rules(self, *, timeout: Optional[float] = None) -> NeverRules:
        """The "never tag" rules in force."""
        request = pb.ListNeverRulesRequest()
        return rules_from_proto(await self._do(self._list_never, request, timeout))


def method(
    channel: grpc.aio.Channel, path: str, request: Type[_Req], response: Type[_Resp]
) -> grpc.aio.UnaryUnaryMultiCallable[_Req, _Resp]:
    """A typed unary method of ``channel``."""
    return channel.unary_unary(
        path,
        request_serializer=request.SerializeToString,
        response_deserializer=response.FromString,
    )


def _status_lost(e: grpc.aio.AioRpcError) -> bool:
    """grpc.aio reports a write that raced the server's end of a stream (a shed stream, an
    invalid document) as this INTERNAL, losing the server's status (grpc/grpc#36066; the sync
    API reports the status). The stream resumes where it was, and the next try shows the
    status, unless it races again."""
    return e.code() == grpc.StatusCode.INTERNAL and e.details() == "Internal error from Core"


def _error(e: grpc.aio.AioRpcError) -> GazetteError:
    return from_status(e.code(), e.details(), tuple(e.trailing_metadata() or ()))


async def _requests(documents: Documents, options: Options) -> AsyncIterator[pb.ExtractRequest]:
    if isinstance(documents, AsyncIterable):
        async for d in documents:
            yield to_proto(Document(d) if isinstance(d, str) else d, options)
    else:
        for d in documents:
            yield to_proto(Document(d) if isinstance(d, str) else d, options)
