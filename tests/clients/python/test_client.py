"""Python (grpcio) client test: code-point offsets must slice Python strings exactly."""
import json
import sys

import grpc

from gazette.v1 import gazette_pb2, gazette_pb2_grpc


def main(addr: str, data_dir: str) -> None:
    with open(f"{data_dir}/multiscript.txt", encoding="utf-8") as f:
        text = f.read()
    with open(f"{data_dir}/multiscript.expected.json", encoding="utf-8") as f:
        expected = [tuple(m) for m in json.load(f)["mentions"]]
    # The test text must make bytes, UTF-16 units and code points all differ.
    assert len(text) != len(text.encode("utf-16-le")) // 2 != len(text.encode("utf-8"))

    with grpc.insecure_channel(addr) as channel:
        stub = gazette_pb2_grpc.EntityExtractorStub(channel)
        resp = stub.Extract(
            gazette_pb2.ExtractRequest(
                document_id="py-1",
                text=text,
                offset_encoding=gazette_pb2.OFFSET_ENCODING_CODE_POINT,
            ),
            timeout=10,
        )
        assert resp.document_id == "py-1", resp.document_id
        assert resp.offset_encoding == gazette_pb2.OFFSET_ENCODING_CODE_POINT
        got = [(m.text, m.entity_id) for m in resp.mentions]
        assert got == expected, f"mentions differ:\n got  {got}\n want {expected}"
        for m in resp.mentions:
            assert text[m.start : m.end] == m.text, (m.start, m.end, m.text, text[m.start : m.end])
            assert resp.entities[m.entity_index].id == m.entity_id

        # A text over the server's limit is INVALID_ARGUMENT, never truncated.
        try:
            stub.Extract(gazette_pb2.ExtractRequest(text="x" * (2 << 20)), timeout=10)
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code()
        else:
            raise AssertionError("oversized text was accepted")

        # Streaming: order and ids.
        reqs = [
            gazette_pb2.ExtractRequest(
                document_id=f"s{i}", text=text, offset_encoding=gazette_pb2.OFFSET_ENCODING_CODE_POINT
            )
            for i in range(5)
        ]
        ids = [r.document_id for r in stub.ExtractStream(iter(reqs), timeout=10)]
        assert ids == [f"s{i}" for i in range(5)], ids
    print(f"python client: {len(got)} mentions, code-point spans exact; stream ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
