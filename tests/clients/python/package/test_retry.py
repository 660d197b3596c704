"""A shed call (RESOURCE_EXHAUSTED with RetryInfo) is retried after the server's delay."""
from __future__ import annotations

import grpc

from gazette_client import Document, GazetteClient, GazetteError, RetryPolicy
from servers import SHED_ADDR, busy


def test_the_shed_error_carries_the_servers_retry_delay() -> None:
    with busy(release_on_retry=False), GazetteClient(
        SHED_ADDR, retry=RetryPolicy(max_attempts=1)
    ) as gz:
        try:
            gz.extract("Aleppo")
        except GazetteError as e:
            assert e.code is grpc.StatusCode.RESOURCE_EXHAUSTED, e
            assert e.retry_delay is not None and e.retry_delay > 0, e
            assert e.reason == "OVERLOADED"
        else:
            raise AssertionError("the busy server did not shed")


def test_a_shed_call_succeeds_on_retry() -> None:
    with busy(release_on_retry=True) as retried, GazetteClient(SHED_ADDR) as gz:
        result = gz.extract("Aleppo")
        assert retried.is_set(), "the call got through without being shed"
    assert result.mentions[0].text == "Aleppo"


def test_a_shed_stream_is_opened_again() -> None:
    docs = [Document(t, document_id=t) for t in ["Aleppo", "Homs", "Damascus"]]
    with busy(release_on_retry=True) as retried, GazetteClient(SHED_ADDR) as gz:
        got = [r.document_id for r in gz.extract_stream(docs)]
        assert retried.is_set(), "the stream got through without being shed"
    assert got == ["Aleppo", "Homs", "Damascus"]


def test_retries_stop_within_the_calls_deadline() -> None:
    # The server stays busy: the client may not go on retrying past its deadline, however many
    # attempts its policy allows (the last try may be cut by the deadline, or shed).
    with busy(release_on_retry=False), GazetteClient(
        SHED_ADDR, timeout=0.5, retry=RetryPolicy(max_attempts=1000)
    ) as gz:
        try:
            gz.extract("Aleppo")
        except GazetteError as e:
            assert e.code in (
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                grpc.StatusCode.DEADLINE_EXCEEDED,
            ), e
        else:
            raise AssertionError("the busy server did not shed")
