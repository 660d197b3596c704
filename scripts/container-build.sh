#!/usr/bin/env bash
# Builds the image from the unchanged Dockerfile with buildah and smoke-tests it with podman:
# `gazette health` inside the container, then one Extract from a Python grpcio client.
# Not in .ci/run: it needs root, ~2 GB of disk and 10-20 minutes on 2 cores (docs/deployment.md).
#
# No registry serves base images here, so the two FROM images are made locally first (once):
#   debian:bookworm-slim  debootstrap --variant=minbase from the Debian mirror
#   rust:1.95-bookworm    that plus gcc/libc6-dev and this machine's Rust 1.95 toolchain
#                         (rustup's servers are not reachable; the toolchain is copied in)
# Elsewhere, with a registry, `docker build .` uses the real upstream images instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and buildah need it)" >&2; exit 1; }
store=(--storage-driver vfs)
for tool in buildah podman debootstrap runc; do
  command -v "$tool" >/dev/null || missing="${missing:-} $tool"
done
if [ -n "${missing:-}" ]; then
  # shellcheck source=lib/debian.sh
  . scripts/lib/debian.sh
  debian_install buildah podman debootstrap runc fuse-overlayfs uidmap
fi
started=$(date +%s)
has_image() { buildah "${store[@]}" inspect --type image "$1" >/dev/null 2>&1; }

if ! has_image debian:bookworm-slim; then
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  ctr=$(buildah "${store[@]}" from scratch)
  buildah "${store[@]}" copy "$ctr" "$rootfs" / >/dev/null
  buildah "${store[@]}" config --cmd /bin/bash "$ctr"
  buildah "${store[@]}" commit --quiet "$ctr" debian:bookworm-slim >/dev/null
  buildah "${store[@]}" rm "$ctr" >/dev/null
  rm -rf "$rootfs"
fi
if ! has_image rust:1.95-bookworm; then
  toolchain=$(rustc +1.95.0 --print sysroot)
  ctr=$(buildah "${store[@]}" from debian:bookworm-slim)
  buildah "${store[@]}" run --isolation chroot "$ctr" -- sh -c \
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*'
  for part in bin lib libexec; do
    buildah "${store[@]}" copy "$ctr" "$toolchain/$part" "/usr/local/rust/$part" >/dev/null
  done
  buildah "${store[@]}" config --env CARGO_HOME=/usr/local/cargo \
    --env PATH=/usr/local/cargo/bin:/usr/local/rust/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
  buildah "${store[@]}" commit --quiet "$ctr" rust:1.95-bookworm >/dev/null
  buildah "${store[@]}" rm "$ctr" >/dev/null
fi
bases=$(date +%s)

# Outbound TLS is re-signed on this network: cargo needs the host's CA bundle (build-time only).
buildah "${store[@]}" bud --isolation chroot --format docker --layers \
  --volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
  --build-arg GAZETTE_GIT_COMMIT="$(git rev-parse --short=12 HEAD)" \
  -t gazette:dev .
built=$(date +%s)
buildah "${store[@]}" inspect --type image --format '{{.Docker.Config.Healthcheck.Test}} user={{.Docker.Config.User}}' gazette:dev

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
podman "${store[@]}" rm -f gazette-smoke >/dev/null 2>&1 || true
podman "${store[@]}" --runtime runc run -d --name gazette-smoke --network host \
  --ulimit nproc=4096:4096 --ulimit nofile=1024:1024 --read-only \
  gazette:dev serve --listen "127.0.0.1:$port" >/dev/null
trap 'podman "${store[@]}" rm -f gazette-smoke >/dev/null 2>&1 || true' EXIT
for _ in $(seq 50); do
  podman "${store[@]}" exec gazette-smoke /usr/local/bin/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.2
done
podman "${store[@]}" exec gazette-smoke /usr/local/bin/gazette health --addr "127.0.0.1:$port"
podman "${store[@]}" exec gazette-smoke /usr/local/bin/gazette --version
podman "${store[@]}" exec gazette-smoke id -u
bash tests/clients/python/run.sh --prepare-only
PYTHONPATH=target/clients/python-stubs target/clients/python-venv/bin/python - "127.0.0.1:$port" <<'PY'
import sys
import grpc
from gazette.v1 import gazette_pb2, gazette_pb2_grpc
with grpc.insecure_channel(sys.argv[1]) as ch:
    r = gazette_pb2_grpc.EntityExtractorStub(ch).Extract(
        gazette_pb2.ExtractRequest(text="Syrian troops left Aleppo for Damascus."), timeout=10)
    got = [m.text for m in r.mentions]
    assert got == ["Syrian", "Aleppo", "Damascus"], got
    print("extract from the container:", got)
PY
podman "${store[@]}" stop -t 30 gazette-smoke >/dev/null
echo "exit code after SIGTERM: $(podman "${store[@]}" inspect --format '{{.State.ExitCode}}' gazette-smoke)"
echo "times: base images $((bases - started)) s, image build $((built - bases)) s, total $(( $(date +%s) - started )) s"
