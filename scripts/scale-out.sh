#!/usr/bin/env bash
# Scale-out on one machine: two `gazette serve` replicas on loopback behind nginx grpc_pass
# (Debian's nginx-light, installed if missing). A Python grpcio client drives bounded load
# through nginx and checks every answer against the gazetteer version it names while replica 1
# is reloaded with a new entry; then replica 2 is killed (SIGKILL) and the service must keep
# answering; then, with replica 2 still down, an edit is sent to replica 1, and replica 2,
# restarted, must serve it (the replicas share an edit store on a throwaway PostgreSQL,
# scripts/lib/postgres.sh). See docs/deployment.md.
#
#   scripts/scale-out.sh [seconds-per-phase]     (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds=${1:-5}
# shellcheck source=lib/debian.sh
. scripts/lib/debian.sh
command -v nginx >/dev/null || debian_install nginx-light
cargo build --release --quiet --bin gazette
bash tests/clients/python/run.sh --prepare-only
py="$root/target/clients/python-venv/bin/python"
export PYTHONPATH="$root/target/clients/python-stubs"

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as an unprivileged user when started as root
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/lib/postgres.sh stop "$work/pg" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

store=$(scripts/lib/postgres.sh start "$work/pg")
echo "scale-out-token" >"$work/token"
# Replica I on PORT, sharing the edit store.
start_replica() {
  target/release/gazette serve --no-default-gazetteer --gazetteer "$work/g$1" --no-watch \
    --listen "127.0.0.1:$2" --edit-store "$store" --edit-store-poll 200ms \
    --admin-token-file "$work/token" 2>>"$work/replica$1.log" &
  pids+=($!)
}

upstreams=""
ports=()
for i in 1 2; do
  mkdir -p "$work/g$i"
  printf 'Ali Habib\tPERSON\tp:habib\nZoë Brandt\tPERSON\tp:brandt\n' >"$work/g$i/people.tsv"
  port=$(free_port)
  ports+=("$port")
  start_replica "$i" "$port"
  upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
for port in "${ports[@]}"; do
  for _ in $(seq 50); do
    target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
listen=$(free_port)
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi}
python3 - "$work" "$listen" "$upstreams" <<'PY'
import sys
work, listen, upstreams = sys.argv[1:]
t = open("deploy/scale-out/nginx.conf.template").read()
t = t.replace("@WORK@", work).replace("@LISTEN@", f"127.0.0.1:{listen}").replace("@UPSTREAMS@", upstreams.rstrip("\n"))
open(f"{work}/nginx.conf", "w").write(t)
PY
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do
  target/release/gazette health --addr "127.0.0.1:$listen" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "replicas on ${ports[*]}, nginx on $listen"

# Phase 1: load, and halfway through replica 1 learns a new entry (SIGHUP reload).
"$py" deploy/scale-out/check.py "127.0.0.1:$listen" "$seconds" reload &
checker=$!
sleep "$(python3 -c "print($seconds / 2)")"
printf 'Beijing\tLOCATION\tloc:beijing\n' >>"$work/g1/people.tsv"
kill -HUP "${pids[0]}"
wait "$checker"
echo "calls per replica (nginx access log):"
awk '{print $1}' "$work/nginx-access.log" | sort | uniq -c
for port in "${ports[@]}"; do
  grep -q "127.0.0.1:$port" "$work/nginx-access.log" || { echo "replica on $port got no calls" >&2; exit 1; }
done

# Phase 2: replica 2 dies; the service keeps answering through replica 1.
kill -KILL "${pids[1]}" && wait "${pids[1]}" 2>/dev/null || true
"$py" deploy/scale-out/check.py "127.0.0.1:$listen" "$seconds" kill

# Phase 3: an edit sent to replica 1 while replica 2 is down; replica 2, restarted on its port,
# serves it (it applies every stored edit before it serves), and so does the service.
"$py" deploy/scale-out/shared_edit.py write "127.0.0.1:${ports[0]}" "$work/token"
start_replica 2 "${ports[1]}"
for _ in $(seq 100); do
  target/release/gazette health --addr "127.0.0.1:${ports[1]}" >/dev/null 2>&1 && break
  sleep 0.1
done
"$py" deploy/scale-out/shared_edit.py check "127.0.0.1:${ports[1]}" "127.0.0.1:$listen" "$work/token"
echo "scale-out: ok"
