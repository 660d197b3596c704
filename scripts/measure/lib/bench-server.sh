# Sourced by the RPC benchmark scripts (rpc-bench.sh, memory-under-load.sh): builds the release
# server and load generator, writes the N-entry benchmark corpus if it is missing, and starts
# `gazette serve` on an ephemeral 127.0.0.1 port with that gazetteer, and its Prometheus
# metrics on another. Sets `port`, `metrics_port`, `server` (its pid) and `texts` (a folder
# holding the corpus's articles, for loadgen --corpus); an EXIT trap stops the server and
# removes the folder.
#
#   start_bench_server N
start_bench_server() {
  local n=$1 dir=target/bench-corpus
  cargo build --release --quiet --bin gazette --example loadgen --example bench_corpus
  [ -f "$dir/gazetteer-$n.jsonl" ] || target/release/examples/bench_corpus "$dir" "$n"
  texts=$(mktemp -d)
  cp "$dir/articles-$n.txt" "$texts/"
  local free='import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
  port=$(python3 -c "$free")
  metrics_port=$(python3 -c "$free")
  target/release/gazette serve --no-default-gazetteer --gazetteer "$dir/gazetteer-$n.jsonl" \
    --listen "127.0.0.1:$port" --metrics-addr "127.0.0.1:$metrics_port" --no-watch \
    --max-concurrent-rpcs 1000 2>/dev/null &
  server=$!
  trap 'kill $server 2>/dev/null || true; rm -rf "$texts"' EXIT
  # A million entries take ~10 s to build.
  for _ in $(seq 600); do
    target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not become healthy" >&2
  return 1
}
