#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (and for trying --edit-store by hand):
#
#   scripts/lib/postgres.sh start DIR   creates and starts a cluster in DIR on a free loopback
#                                       port; prints its URL (postgres://postgres@127.0.0.1:PORT/postgres)
#   scripts/lib/postgres.sh stop DIR    stops it (immediately: it is throwaway) and removes DIR
#   scripts/lib/postgres.sh restart DIR stops it at once (as a crash would) and starts it again
#   scripts/lib/postgres.sh tls DIR CERT KEY
#                                       turns TLS on with the PEM certificate and key given
#                                       (connections may then ask for it: sslmode=require)
#
# Installs Debian's `postgresql` package when no server binaries are found. initdb refuses to run
# as root, so as root the cluster runs as the `postgres` user (DIR is handed to it). Sockets stay
# in DIR; only 127.0.0.1 is listened on; authentication is `trust` (loopback, tests only).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1
  if ! bindir >/dev/null; then
    # shellcheck source=scripts/lib/debian.sh
    . "$here/debian.sh"
    echo "installing postgresql (Debian package) for the edit-store tests" >&2
    debian_install postgresql
  fi
  local bin
  bin=$(bindir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # The cluster's files live in DIR when the postgres user can reach it and its socket path
  # fits (Unix sockets allow ~107 bytes), else (a checkout under a private home directory, a
  # deep path) in a fresh directory under /tmp that DIR/where names.
  local home=$dir
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  if [ ${#dir} -gt 80 ] || { [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -w "$dir"; }; then
    home=$(mktemp -d /tmp/gazette-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$home"
  fi
  echo "$home" >"$dir/where"
  dir=$home
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  local port tries=0
  while :; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      cat "$dir/log" >&2
      exit 1
    fi
  done
  echo "$port" >"$dir/port"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# Where the cluster of DIR lives (see start).
home_of() {
  if [ -f "$1/where" ]; then cat "$1/where"; else echo "$1"; fi
}

stop() {
  local dir=$1 bin home
  home=$(home_of "$dir")
  bin=$(bindir) || return 0
  if [ -d "$home/data" ]; then
    as_owner "$bin/pg_ctl" -D "$home/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$home" "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  restart)
    # The same cluster again (a database restart in fault tests): immediate stop, then start on
    # the port it had.
    bin=$(bindir)
    home=$(home_of "$2")
    port=$(cat "$home/port")
    as_owner "$bin/pg_ctl" -D "$home/data" -m immediate stop >/dev/null 2>&1 || true
    as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/log" -w -t 30 \
      -o "-p $port -k $home -c listen_addresses=127.0.0.1" start >/dev/null
    ;;
  tls)
    bin=$(bindir)
    home=$(home_of "$2")
    # The server reads its key only if no one else may (0600, owned by the cluster's user).
    install -m 600 "$3" "$home/data/server.crt"
    install -m 600 "$4" "$home/data/server.key"
    [ "$(id -u)" = 0 ] && chown postgres: "$home/data/server.crt" "$home/data/server.key"
    echo "ssl = on" >>"$home/data/postgresql.auto.conf"
    as_owner "$bin/pg_ctl" -D "$home/data" reload >/dev/null
    ;;
  *)
    echo "usage: $0 start|stop|restart DIR | tls DIR CERT KEY" >&2
    exit 2
    ;;
esac
