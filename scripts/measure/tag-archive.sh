#!/usr/bin/env bash
# `gazette tag` on a generated archive (examples/tag_archive.rs: N news-like documents, 0.8-4 KB,
# default gazetteer): offline MB/s with 1 and 2 threads, and through a local release server with
# the server's CPU per document (utime+stime from /proc/PID/stat around the run) against the
# offline CPU per document of the same archive (the one-thread run's CPU less that of loading
# the gazetteer, i.e. a run on an empty input). Outputs go to /dev/null in the timed runs; the
# first 2,000 documents are tagged both ways beforehand and must give identical lines.
# Usage: scripts/measure/tag-archive.sh [N] [STREAMS]   (default 100000 4)
# Run it with `nice` on a shared machine; the load generator and the server share its cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-100000}"
streams="${2:-4}"
cd "$root"
cargo build --release --quiet --bin gazette --example tag_archive
bin="$root/target/release/gazette"
dir="$root/target/tag-archive"
mkdir -p "$dir"
archive="$dir/archive-$n.jsonl"
[ -s "$archive" ] || "$root/target/release/examples/tag_archive" "$archive" "$n"
python3 - "$bin" "$archive" "$n" "$streams" "$dir" <<'PY'
import os, resource, signal, subprocess, sys, time

bin, archive, n, streams, workdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
size = os.path.getsize(archive)
tick = os.sysconf("SC_CLK_TCK")
env = {**os.environ, "NO_COLOR": "1", "GAZETTE_LOG": "warn"}

def run(args, stdin=None):
    """Wall seconds and CPU seconds (user+sys) of one `gazette` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([bin, *args], check=True, env=env, stdin=stdin,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14, 15)

with open("/proc/loadavg") as f:
    print(f"load average before: {' '.join(f.read().split()[:3])}")
print(f"archive: {n} documents, {size / 1e6:.1f} MB ({archive})")
with open(os.devnull) as empty:
    _, load_cpu = run(["tag", "--threads", "1", "-o", "/dev/null"], stdin=empty)
print(f"loading the default gazetteer (tag on an empty input): {load_cpu:.2f} s CPU")

walls, cpus = {}, {}
for threads in (1, 2):
    wall, cpu = run(["tag", "--threads", str(threads), "-o", "/dev/null", archive])
    walls[threads], cpus[threads] = wall, cpu
    # Cores obtained: CPU over wall time. On a shared machine the two-thread run gets less
    # than two, and the speed-up is bounded by what it got, not by the tagger.
    print(f"offline, {threads} thread(s): {wall:.2f} s, {size / 1e6 / wall:.1f} MB/s, "
          f"{n / wall:.0f} documents/s, {cpu:.2f} s CPU ({cpu / wall:.2f} cores)")
    if threads == 1:
        offline_cpu_doc = (cpu - load_cpu) / n
print(f"offline speed-up, 2 threads over 1: {walls[1] / walls[2]:.2f}x (target >= 1.8x); "
      f"CPU of the 2-thread run over the 1-thread run: {cpus[2] / cpus[1]:.2f} "
      f"(1.00: no work added by the second thread)")
print(f"offline CPU per document (less the load): {offline_cpu_doc * 1e6:.1f} us")

server = subprocess.Popen([bin, "serve", "--listen", "127.0.0.1:0"], stderr=subprocess.PIPE,
                          stdout=subprocess.DEVNULL, text=True,
                          env={**env, "GAZETTE_LOG": "info"})
try:
    addr = None
    for line in server.stderr:
        if " addr=" in line:
            addr = line.split(" addr=")[1].split()[0]
            break
    assert addr, "the server did not start"
    url = f"http://{addr}"
    # Same lines both ways, on a sample.
    head = os.path.join(workdir, "head.jsonl")
    with open(archive) as src, open(head, "w") as dst:
        for i, line in zip(range(2000), src):
            dst.write(line)
    outs = []
    for mode in (["--threads", "2"], ["--server", url, "--streams", streams]):
        out = subprocess.run([bin, "tag", *mode, head], check=True, env=env,
                             capture_output=True).stdout
        outs.append(out)
    assert outs[0] == outs[1], "offline and server outputs differ"
    print(f"first 2000 documents: offline and server outputs identical ({len(outs[0])} bytes)")
    cpu0 = proc_cpu(server.pid)
    wall, client_cpu = run(["tag", "--server", url, "--streams", streams, "-o", "/dev/null", archive])
    server_cpu = proc_cpu(server.pid) - cpu0
    print(f"through the server ({streams} streams): {wall:.2f} s, {size / 1e6 / wall:.1f} MB/s, "
          f"{n / wall:.0f} documents/s; server CPU {server_cpu:.2f} s, client CPU {client_cpu:.2f} s")
    per_doc = server_cpu / n
    print(f"server CPU per document: {per_doc * 1e6:.1f} us; offline: {offline_cpu_doc * 1e6:.1f} us; "
          f"ratio {per_doc / offline_cpu_doc:.2f} (target <= 1.5)")
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
PY
