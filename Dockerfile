# syntax=docker/dockerfile:1
# Gazette: multi-stage build. The runtime image holds only the binary (with the default
# gazetteer embedded), runs as a non-root user, and checks its own health over gRPC.

FROM rust:1.95-bookworm AS builder
WORKDIR /src

# Dependencies first, in their own layer: a stub crate with the real manifests, so that source
# edits do not rebuild every dependency.
COPY Cargo.toml Cargo.lock build.rs ./
COPY proto ./proto
RUN mkdir -p src benches \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && echo 'fn main() {}' > benches/extract.rs \
 && echo 'fn main() {}' > benches/scale.rs \
 && cargo build --release --locked \
 && rm -rf src benches

COPY src ./src
COPY gazetteers ./gazetteers
COPY benches ./benches
# The image has no .git: pass the commit for `gazette --version`
# (--build-arg GAZETTE_GIT_COMMIT=$(git rev-parse --short=12 HEAD)).
ARG GAZETTE_GIT_COMMIT=unknown
# Make sure cargo sees the real sources as newer than the stub build.
RUN touch src/main.rs src/lib.rs \
 && cargo build --release --locked \
 && cp target/release/gazette /usr/local/bin/gazette

FROM debian:bookworm-slim AS runtime
RUN groupadd --system --gid 10001 gazette \
 && useradd --system --uid 10001 --gid gazette --no-create-home --shell /usr/sbin/nologin gazette \
 && mkdir -p /gazetteers \
 && chown gazette:gazette /gazetteers
COPY --from=builder /usr/local/bin/gazette /usr/local/bin/gazette

# Extra gazetteer directories can be mounted here and passed with --gazetteer /gazetteers
# (or GAZETTE_GAZETTEER=/gazetteers); the embedded default is always available.
VOLUME ["/gazetteers"]
ENV GAZETTE_LISTEN=0.0.0.0:50051 \
    GAZETTE_METRICS_ADDR=0.0.0.0:9090
# gRPC, then Prometheus metrics (GET /metrics).
EXPOSE 50051 9090
USER 10001:10001

HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/gazette", "health", "--addr", "127.0.0.1:50051"]

# Exec form: gazette is PID 1 and receives SIGTERM directly, then drains and exits 0.
ENTRYPOINT ["/usr/local/bin/gazette"]
CMD ["serve"]
