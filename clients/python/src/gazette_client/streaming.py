"""Resumable ``ExtractStream`` input: the requests sent but not yet answered are kept, so a
stream cut by a retryable error (shed, or a replica going away) is opened again with them first
and then goes on with the rest of the input. Answers come in request order, one per request, so
the unanswered requests are exactly the oldest ``len(pending)`` sent.

How many are kept is bounded by flow control: the server reads a document only once the previous
answer is handed to the transport.
"""
from __future__ import annotations

import asyncio
import threading
from collections import deque
from typing import AsyncIterable, AsyncIterator, Deque, Iterable, Iterator, Optional, Union

from gazette.v1 import gazette_pb2

Request = gazette_pb2.ExtractRequest


class _Pending:
    """Unanswered requests, numbered from ``base`` (the number of answers received)."""

    def __init__(self) -> None:
        self.requests: Deque[Request] = deque()
        self.base = 0
        self.generation = 0
        self.error: Optional[BaseException] = None
        self.done = False

    def at(self, position: int) -> Optional[Request]:
        index = position - self.base
        return self.requests[index] if index < len(self.requests) else None


class Replay:
    """The requests of a synchronous stream, attempt after attempt.

    grpc pulls each attempt's requests on a thread of its own, so the source is pulled under a
    lock (an old attempt's thread may still be in it), and the bookkeeping under another that is
    never held while the source runs (the caller's code may be slow or blocking).
    """

    def __init__(self, source: Iterable[Request]) -> None:
        self._source = iter(source)
        self._pulling = threading.Lock()
        self._state = threading.Lock()
        self._pending = _Pending()

    def attempt(self) -> Iterator[Request]:
        """The next attempt's requests: the unanswered ones again, then the rest of the source.
        Earlier attempts' iterators stop."""
        with self._state:
            self._pending.generation += 1
            return self._requests(self._pending.generation, self._pending.base)

    def _requests(self, generation: int, position: int) -> Iterator[Request]:
        p = self._pending
        while True:
            with self._pulling:
                with self._state:
                    if generation != p.generation:
                        return
                    request = p.at(position)
                    if request is None and p.done:
                        return
                if request is None:
                    try:
                        request = next(self._source)
                    except StopIteration:
                        with self._state:
                            p.done = True
                        return
                    except Exception as e:  # the caller's input failed: end the stream, re-raise later
                        with self._state:
                            p.done, p.error = True, e
                        return
                    with self._state:
                        p.requests.append(request)
            position += 1
            yield request

    def answered(self) -> None:
        """One more answer received: its request is done with."""
        with self._state:
            self._pending.requests.popleft()
            self._pending.base += 1

    def raise_input_error(self) -> None:
        """Re-raises what the caller's input raised, if it did."""
        if self._pending.error is not None:
            raise self._pending.error


class AsyncReplay:
    """:class:`Replay` for ``grpc.aio``: one event loop, so only the source needs a lock (an
    async generator cannot be pulled by two tasks at once)."""

    def __init__(self, source: Union[Iterable[Request], AsyncIterable[Request]]) -> None:
        self._source: AsyncIterator[Request] = _aiter(source)
        self._pulling = asyncio.Lock()
        self._pending = _Pending()

    def attempt(self) -> AsyncIterator[Request]:
        self._pending.generation += 1
        return self._requests(self._pending.generation, self._pending.base)

    async def _requests(self, generation: int, position: int) -> AsyncIterator[Request]:
        p = self._pending
        while True:
            async with self._pulling:
                if generation != p.generation:
                    return
                request = p.at(position)
                if request is None:
                    if p.done:
                        return
                    try:
                        request = await self._source.__anext__()
                    except StopAsyncIteration:
                        p.done = True
                        return
                    except Exception as e:  # the caller's input failed: end the stream, re-raise later
                        p.done, p.error = True, e
                        return
                    p.requests.append(request)
            position += 1
            yield request

    def answered(self) -> None:
        self._pending.requests.popleft()
        self._pending.base += 1

    def raise_input_error(self) -> None:
        if self._pending.error is not None:
            raise self._pending.error


async def _from_sync(items: Iterable[Request]) -> AsyncIterator[Request]:
    for item in items:
        yield item


def _aiter(source: Union[Iterable[Request], AsyncIterable[Request]]) -> AsyncIterator[Request]:
    if isinstance(source, AsyncIterable):
        return source.__aiter__()
    return _from_sync(source)
