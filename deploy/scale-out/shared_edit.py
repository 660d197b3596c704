"""Phase 3 of scripts/scale-out.sh: the replicas share an edit store (PostgreSQL).

    shared_edit.py write REPLICA TOKEN_FILE          an edit sent to one replica
    shared_edit.py check REPLICA NGINX TOKEN_FILE    served by another replica (restarted after
                                                     the edit) and through nginx
"""
import sys
import time

import grpc

from gazette.v1 import gazette_pb2, gazette_pb2_grpc

ID = "p:okonkwo"
NAME = "Zaha Okonkwo"


def metadata(token_file: str):
    with open(token_file) as f:
        return [("authorization", "Bearer " + f.read().strip())]


def write(replica: str, token_file: str) -> None:
    with grpc.insecure_channel(replica) as channel:
        admin = gazette_pb2_grpc.GazetteerAdminStub(channel)
        entry = gazette_pb2.GazetteerEntry(id=ID, name=NAME, type="PERSON")
        r = admin.UpsertEntities(
            gazette_pb2.UpsertEntitiesRequest(namespace="newsroom", entries=[entry]),
            metadata=metadata(token_file),
            timeout=10,
        )
        print(f"edit sent to {replica}: applied {r.applied}, version {r.version}")


def check(replica: str, nginx: str, token_file: str) -> None:
    with grpc.insecure_channel(replica) as channel:
        admin = gazette_pb2_grpc.GazetteerAdminStub(channel)
        deadline = time.monotonic() + 10
        while True:
            try:
                e = admin.GetEntity(
                    gazette_pb2.GetEntityRequest(id=ID), metadata=metadata(token_file), timeout=5
                )
                print(f"{replica} serves {e.id} ({e.name})")
                break
            except grpc.RpcError as err:
                if time.monotonic() > deadline:
                    sys.exit(f"{replica} does not serve {ID} after 10 s: {err.code()}")
                time.sleep(0.1)
    with grpc.insecure_channel(nginx) as channel:
        stub = gazette_pb2_grpc.EntityExtractorStub(channel)
        for _ in range(20):
            resp = stub.Extract(gazette_pb2.ExtractRequest(text=f"{NAME} spoke."), timeout=5)
            found = [m.entity_id for m in resp.mentions]
            if found != [ID]:
                sys.exit(f"through nginx: expected [{ID}], got {found}")
    print("through nginx: 20 of 20 calls find the edit")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
