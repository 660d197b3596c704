"""Units without a server: the request mapping and the resumable stream input."""
from __future__ import annotations

from typing import Iterator

from gazette.v1 import gazette_pb2 as pb
from gazette_client import Document, OffsetEncoding, Options, Overlap
from gazette_client.request import to_proto
from gazette_client.streaming import Replay


def test_every_option_reaches_the_request() -> None:
    doc = Document("body", document_id="d1", headline="head", fields=[("caption", "c")])
    opts = Options(
        offset_encoding=OffsetEncoding.UTF16,
        entity_types=["LOCATION"],
        gazetteers=["geo"],
        overlap=Overlap.ALL,
        fold_diacritics=False,
        explain=True,
        gazetteer_version="sha256:1",
    )
    r = to_proto(doc, opts)
    assert (r.document_id, r.text, r.headline) == ("d1", "body", "head")
    assert [(f.name, f.text) for f in r.fields] == [("caption", "c")]
    assert r.offset_encoding == pb.OFFSET_ENCODING_UTF16
    assert list(r.entity_types) == ["LOCATION"] and list(r.gazetteers) == ["geo"]
    assert r.overlap == pb.OVERLAP_POLICY_ALL
    assert r.HasField("fold_diacritics") and r.fold_diacritics is False
    assert r.explain and r.gazetteer_version == "sha256:1"
    # Unset optional: the server's default applies.
    default = to_proto(Document("x"), Options())
    assert not default.HasField("fold_diacritics")
    assert default.offset_encoding == pb.OFFSET_ENCODING_CODE_POINT


def _requests(n: int) -> Iterator[pb.ExtractRequest]:
    for i in range(n):
        yield pb.ExtractRequest(document_id=str(i))


def _ids(it: Iterator[pb.ExtractRequest], n: int) -> list[str]:
    return [next(it).document_id for _ in range(n)]


def test_a_new_attempt_resends_the_unanswered_requests_then_goes_on() -> None:
    replay = Replay(_requests(5))
    first = replay.attempt()
    assert _ids(first, 3) == ["0", "1", "2"]
    replay.answered()  # "0" answered; "1" and "2" were sent but not answered
    second = replay.attempt()
    assert [r.document_id for r in second] == ["1", "2", "3", "4"]
    # The cut attempt's iterator stops rather than take documents from the new one.
    assert list(first) == []


def test_the_inputs_error_is_raised_after_the_stream_ends() -> None:
    def failing() -> Iterator[pb.ExtractRequest]:
        yield pb.ExtractRequest(document_id="0")
        raise ValueError("bad input file")

    replay = Replay(failing())
    assert [r.document_id for r in replay.attempt()] == ["0"]
    try:
        replay.raise_input_error()
    except ValueError as e:
        assert str(e) == "bad input file"
    else:
        raise AssertionError("the input's error was lost")
