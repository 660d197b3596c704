#!/usr/bin/env bash
# Start-up time (spawn to the "serving" log line) and memory (VmRSS, the peak VmHWM, and VmRSS
# 6 s later once freed build memory has been returned) of
# `gazette serve` with the embedded default gazetteer, median of 5 starts; and the same with
# --no-default-gazetteer on the small test gazetteer, for comparison.
# Usage: scripts/measure/measure-startup.sh [BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-}"
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --release --quiet)
  bin="$root/target/release/gazette"
fi
echo "binary: $bin ($(stat -c %s "$bin") bytes)"
python3 - "$bin" "$root/tests/data/gazetteer" <<'PY'
import os, signal, statistics, subprocess, sys, time
bin, test_dir = sys.argv[1], sys.argv[2]

def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # MiB
    return float("nan")

def start(args):
    t = time.perf_counter()
    p = subprocess.Popen([bin, "serve", "--listen", "127.0.0.1:0", *args],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                         env={**os.environ, "GAZETTE_LOG": "info", "NO_COLOR": "1"})
    for line in p.stderr:
        if " addr=" in line:
            break
    ready = (time.perf_counter() - t) * 1000
    time.sleep(0.3)
    rss, hwm = status(p.pid, "VmRSS"), status(p.pid, "VmHWM")
    # The server hands freed build memory back to the OS every 5 s (main.rs): settled RSS.
    time.sleep(5.5)
    settled = status(p.pid, "VmRSS")
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=30)
    return ready, rss, hwm, settled

for label, args in [("default gazetteer", []),
                    ("test gazetteer only", ["--no-default-gazetteer", "--gazetteer", test_dir])]:
    runs = [start(args) for _ in range(5)]
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"{label}: ready in {med(0):.0f} ms, RSS {med(1):.1f} MiB, peak RSS {med(2):.1f} MiB, "
          f"settled RSS {med(3):.1f} MiB (median of 5)")
PY
