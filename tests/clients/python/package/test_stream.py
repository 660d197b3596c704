"""Many documents through one ExtractStream: order, laziness, errors."""
from __future__ import annotations

from typing import Iterator, Union

import grpc

from gazette_client import Document, GazetteClient, GazetteError, Options
from servers import ADDR


# Enough text that the documents overflow the HTTP/2 flow-control windows: the stream must wait
# for answers before it may send more.
PADDING = " and then nothing happened" * 600


def test_results_come_in_input_order_and_the_input_is_read_lazily() -> None:
    read = 0

    def documents() -> Iterator[Union[Document, str]]:
        nonlocal read
        for i in range(200):
            read += 1
            yield Document(f"Rain in Aleppo, day {i}.{PADDING}", document_id=f"d{i}") if i % 2 else "Homs"

    with GazetteClient(ADDR) as gz:
        results = gz.extract_stream(documents(), Options(entity_types=["LOCATION"]))
        first = next(results)
        assert first.document_id == "" and first.mentions[0].text == "Homs"
        # Flow control: the stream has not pulled the whole input for one answer.
        assert read < 200, read
        rest = list(results)
    assert [r.document_id for r in rest[::2]] == [f"d{i}" for i in range(1, 200, 2)]
    assert all(r.mentions[0].text == "Aleppo" for r in rest[::2])


def test_an_invalid_document_ends_the_stream_and_the_results_before_it_stand() -> None:
    docs = [Document("Aleppo", document_id="ok"), Document("x" * (2 << 20), document_id="big")]
    got = []
    with GazetteClient(ADDR) as gz:
        try:
            for r in gz.extract_stream(docs):
                got.append(r.document_id)
        except GazetteError as e:
            assert e.code is grpc.StatusCode.INVALID_ARGUMENT, e
            assert "big" in e.details, e
        else:
            raise AssertionError("the oversized document was accepted")
    assert got == ["ok"]


def test_the_inputs_own_error_reaches_the_caller() -> None:
    def documents() -> Iterator[str]:
        yield "Aleppo"
        raise OSError("archive unreadable")

    with GazetteClient(ADDR) as gz:
        got = []
        try:
            for r in gz.extract_stream(documents()):
                got.append(r)
        except OSError as e:
            assert "archive unreadable" in str(e)
        else:
            raise AssertionError("the input's error was swallowed")
    assert len(got) == 1
