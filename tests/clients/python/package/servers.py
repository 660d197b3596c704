"""The servers the tests talk to, and a way to make the shedding one busy."""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from typing import Iterator

import grpc

from gazette.v1 import gazette_pb2 as pb

#: Default gazetteer, edits on (journal), admin token TOKEN.
ADDR = os.environ["GAZETTE_ADDR"]
TOKEN = os.environ["GAZETTE_ADMIN_TOKEN"]
#: Admits one extractor RPC at a time and sheds the others (RESOURCE_EXHAUSTED + RetryInfo).
SHED_ADDR = os.environ["GAZETTE_SHED_ADDR"]


@contextmanager
def busy(release_on_retry: bool) -> Iterator[threading.Event]:
    """Holds the shedding server's one permit with an open stream until the returned event is
    set (or the block ends). With ``release_on_retry`` the event is set when the client logs
    its first retry: proof it was shed, and the retry can then get through."""
    release = threading.Event()

    def held() -> Iterator[pb.ExtractRequest]:
        yield pb.ExtractRequest(text="Aleppo")
        release.wait()

    handler = _ReleaseOnRetry(release)
    logger = logging.getLogger("gazette_client")
    if release_on_retry:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    with grpc.insecure_channel(SHED_ADDR) as channel:
        stream = channel.stream_stream(
            "/gazette.v1.EntityExtractor/ExtractStream",
            request_serializer=pb.ExtractRequest.SerializeToString,
            response_deserializer=pb.ExtractResponse.FromString,
        )(held(), timeout=30)
        next(stream)  # admitted: the permit is held from here
        try:
            yield release
        finally:
            release.set()
            list(stream)  # the stream ends: the permit is free again
            logger.removeHandler(handler)


class _ReleaseOnRetry(logging.Handler):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.event = release
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.retries += 1
            self.event.set()
