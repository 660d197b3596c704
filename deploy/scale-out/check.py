"""Drives a bounded load through nginx and checks every answer (scripts/scale-out.sh).

Each call's mentions must be exactly what the gazetteer version it names implies, and that
version must be one the replicas served at some point. Usage:

    check.py ADDR SECONDS PHASE    PHASE: "reload" (expects the new name once reloaded) or "kill"
"""
import sys
import time

import grpc

from gazette.v1 import gazette_pb2, gazette_pb2_grpc

TEXT = "Ali Habib met Zoë Brandt in Beijing."
BASE = {"Ali Habib", "Zoë Brandt"}
ADDED = "Beijing"  # added to replica 1's gazetteer by the reload


def main(addr: str, seconds: float, phase: str) -> None:
    versions: dict[str, set[str]] = {}
    calls = errors = 0
    deadline = time.monotonic() + seconds
    with grpc.insecure_channel(addr) as channel:
        stub = gazette_pb2_grpc.EntityExtractorStub(channel)
        while time.monotonic() < deadline and calls < 100_000:
            calls += 1
            try:
                resp = stub.Extract(gazette_pb2.ExtractRequest(text=TEXT), timeout=5)
            except grpc.RpcError as e:
                errors += 1
                # Only the kill phase may lose calls, and only while nginx learns the replica
                # is gone.
                assert phase == "kill" and errors <= 5, f"call {calls}: {e.code()} {e.details()}"
                continue
            got = {m.text for m in resp.mentions}
            assert resp.gazetteer_version, "no version in the response"
            assert got in (BASE, BASE | {ADDED}), f"unexpected mentions {got}"
            # A version must always give the same answer: no torn reads, no mixed replicas.
            seen = versions.setdefault(resp.gazetteer_version, got)
            assert seen == got, f"version {resp.gazetteer_version} answered {got} and {seen}"
    print(f"{phase}: {calls} calls, {errors} errors, versions {sorted(versions)}")
    for v, got in sorted(versions.items()):
        print(f"  {v}: {sorted(got)}")
    if phase == "reload":
        assert any(ADDED in got for got in versions.values()), "the reload never showed"


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
