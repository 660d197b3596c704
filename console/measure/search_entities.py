"""SearchEntities latency from a client: 20 calls per query, median and max, against the server at
argv[1] (HOST:PORT). Run by console/measure/search-entities.sh; prints figures only."""
import sys
import time

import grpc

sys.path.insert(0, sys.argv[2])
from gazette.v1 import gazette_pb2 as pb, gazette_pb2_grpc as rpc
ch = grpc.insecure_channel(sys.argv[1])  # a loopback address the script started
admin = rpc.GazetteerAdminStub(ch)
info = admin.GetInfo(pb.GetInfoRequest())
print("entries", info.entries, "forms", info.forms)
for q in ["assad", "a", "ministry of", "北京", "zzzzqx"]:
    ts = []
    for _ in range(20):
        t = time.perf_counter(); r = admin.SearchEntities(pb.SearchEntitiesRequest(query=q)); ts.append(time.perf_counter() - t)
    ts.sort()
    print(f"{q!r}: {len(r.entities)} shown, truncated={r.truncated}, median {ts[10]*1e3:.1f} ms, max {ts[-1]*1e3:.1f} ms")
