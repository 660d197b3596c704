#!/usr/bin/env bash
# Scale figures for a synthetic gazetteer of N entries (examples/synth_gazetteer, seed 7):
# start-up (spawn to SERVING, i.e. parse + validate + build), peak and steady RSS (6 s after
# start), RSS per entry, edit-to-visible latency of an UpsertEntities call (it returns once the
# edit is journaled, synced and visible), and the time of a full Reload.
# Usage: scripts/measure/measure-scale.sh N [N...]   e.g. scripts/measure/measure-scale.sh 100000 1000000
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cargo build --release --quiet --example synth_gazetteer
cargo build --release --quiet
bash tests/clients/python/run.sh --prepare-only >/dev/null
for n in "$@"; do
  work="$root/target/scale/$n"
  rm -rf "$work" && mkdir -p "$work/gazetteer" "$work/data"
  target/release/examples/synth_gazetteer "$n" 7 "$work/gazetteer/synth.jsonl"
  echo "scale-test-token" > "$work/token"
  PYTHONPATH="$root/target/clients/python-stubs" "$root/target/clients/python-venv/bin/python" - "$n" "$work" "$root/target/release/gazette" <<'PY'
import os, signal, subprocess, sys, time
import grpc
from gazette.v1 import gazette_pb2 as pb, gazette_pb2_grpc as rpc

n, work, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")

t = time.perf_counter()
p = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer", "--no-watch",
                      "--gazetteer", f"{work}/gazetteer", "--data-dir", f"{work}/data",
                      "--admin-token-file", f"{work}/token"],
                     stderr=subprocess.PIPE, text=True, env={**os.environ, "GAZETTE_LOG": "info", "NO_COLOR": "1"})
addr = None
for line in p.stderr:
    if " addr=" in line:
        addr = line.split(" addr=")[1].split()[0]
        break
ready = time.perf_counter() - t
# Steady: after the server's memory returner (every 5 s, main.rs) has handed back what the
# build freed.
time.sleep(6)
rss, hwm = status(p.pid, "VmRSS"), status(p.pid, "VmHWM")
auth = [("authorization", "Bearer scale-test-token")]
with grpc.insecure_channel(addr) as ch:
    admin, ex = rpc.GazetteerAdminStub(ch), rpc.EntityExtractorStub(ch)
    edits = []
    for i in range(5):
        entry = pb.GazetteerEntry(id=f"edit{i}", name=f"Zaha Okonkwo Edit{i}", type="PERSON")
        t = time.perf_counter()
        admin.UpsertEntities(pb.UpsertEntitiesRequest(entries=[entry], namespace="newsroom"), metadata=auth, timeout=60)
        edits.append(time.perf_counter() - t)
        r = ex.Extract(pb.ExtractRequest(text=f"Zaha Okonkwo Edit{i} spoke."), timeout=10)
        assert [m.entity_id for m in r.mentions] == [f"edit{i}"], r.mentions
    t = time.perf_counter()
    admin.Reload(pb.ReloadRequest(), metadata=auth, timeout=600)
    reload_s = time.perf_counter() - t
    time.sleep(6)
    after = status(p.pid, "VmRSS")
p.send_signal(signal.SIGTERM)
p.wait(timeout=60)
edits.sort()
print(f"N={n}: ready {ready:.2f} s; RSS {rss:.0f} MiB ({rss * 1048576 / n:.0f} B/entry), peak {hwm:.0f} MiB; "
      f"edit-to-visible median {edits[2]*1000:.1f} ms (max {edits[-1]*1000:.1f} ms); reload {reload_s:.2f} s; "
      f"RSS after reload {after:.0f} MiB")
PY
done
