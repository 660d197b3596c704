//! The flags and `GAZETTE_*` variables of `gazette serve`, and reading the files they name.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;

use super::gazetteer_args::GazetteerArgs;
use crate::transport::config::{default_max_message_bytes, TlsFiles, DEFAULT_MAX_CONCURRENT_RPCS};
use crate::transport::service::DEFAULT_MAX_TEXT_BYTES;

/// Options of `gazette serve`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on for gRPC.
    #[arg(
        long,
        value_name = "ADDR",
        env = "GAZETTE_LISTEN",
        default_value = "0.0.0.0:50051"
    )]
    pub(crate) listen: SocketAddr,

    /// Which gazetteers to load.
    #[command(flatten)]
    pub(crate) gazetteer: GazetteerArgs,

    /// Longest `text` accepted, in UTF-8 bytes; longer texts get INVALID_ARGUMENT, never
    /// truncation.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_TEXT_BYTES", default_value_t = DEFAULT_MAX_TEXT_BYTES,
          value_parser = clap::value_parser!(u64).range(1..=64 * 1024 * 1024).map(|v| v as usize))]
    pub(crate) max_text_bytes: usize,

    /// File holding the bearer token that admin changes (Reload, Upsert, Delete) require; it
    /// allows the admin reads too. Without it changes are refused.
    #[arg(long, value_name = "PATH", env = "GAZETTE_ADMIN_TOKEN_FILE")]
    pub(crate) admin_token_file: Option<PathBuf>,

    /// File holding a read-only bearer token: it allows GetInfo and GetEntity, and changes are
    /// PERMISSION_DENIED. Once either token is configured, reads need one of them; with neither,
    /// reads are open.
    #[arg(long, value_name = "PATH", env = "GAZETTE_ADMIN_READ_TOKEN_FILE")]
    pub(crate) admin_read_token_file: Option<PathBuf>,

    /// File of named admin tokens, one a line: `NAME ROLE SECRET` (ROLE `read` or `write`;
    /// blank lines and `#` comments skipped). Each edit records the name of the token that made
    /// it. Works beside --admin-token-file (named `admin`) and --admin-read-token-file
    /// (`reader`).
    #[arg(long, value_name = "PATH", env = "GAZETTE_ADMIN_TOKENS_FILE")]
    pub(crate) admin_tokens_file: Option<PathBuf>,

    /// Admin RPCs served at once across all connections (their own limit, apart from
    /// --max-concurrent-rpcs); more are shed with RESOURCE_EXHAUSTED and a retry delay.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_CONCURRENT_ADMIN_RPCS",
          default_value_t = crate::transport::admin::DEFAULT_MAX_CONCURRENT_ADMIN_RPCS,
          value_parser = clap::value_parser!(u64).range(1..=1_000).map(|v| v as usize))]
    pub(crate) max_concurrent_admin_rpcs: usize,

    /// Serve Prometheus metrics on this address at `GET /metrics` (off by default).
    #[arg(long, value_name = "ADDR", env = "GAZETTE_METRICS_ADDR")]
    pub(crate) metrics_addr: Option<SocketAddr>,

    /// Serve the editor's web console on this address (off by default): its page and gRPC-web,
    /// same-origin, through the same admission and admin tokens as --listen. See docs/console.md.
    #[arg(long, value_name = "ADDR", env = "GAZETTE_CONSOLE_LISTEN")]
    pub(crate) console_listen: Option<SocketAddr>,

    /// A host name the console answers besides IP addresses and localhost (repeatable): the
    /// name a reverse proxy or DNS gives it. Other names get 421, so that a page elsewhere
    /// cannot reach the console by pointing its own name at it (DNS rebinding).
    #[arg(
        long = "console-host",
        value_name = "NAME",
        env = "GAZETTE_CONSOLE_HOSTS",
        value_delimiter = ',',
        requires = "console_listen"
    )]
    pub(crate) console_hosts: Vec<String>,

    /// Directory for the admin edit journal (created if missing). Without it, edits are refused.
    #[arg(long, value_name = "DIR", env = "GAZETTE_DATA_DIR")]
    pub(crate) data_dir: Option<PathBuf>,

    /// A shared edit log for several replicas, instead of --data-dir's journal: a PostgreSQL URL
    /// (`postgres://user@host:5432/db`) or a file holding one (a mounted secret). Edits are
    /// committed there before they are acknowledged, and every replica applies everyone's in
    /// commit order.
    #[arg(
        long,
        value_name = "URL|FILE",
        env = "GAZETTE_EDIT_STORE",
        conflicts_with = "data_dir"
    )]
    pub(crate) edit_store: Option<String>,

    /// PEM file of the CA that signed the --edit-store server's certificate. TLS to the store is
    /// asked for with sslmode=require in its URL, and then always verified (the certificate must
    /// chain to this CA, or to the system's roots without it, and name the host).
    #[arg(
        long,
        value_name = "FILE",
        env = "GAZETTE_EDIT_STORE_CA",
        requires = "edit_store"
    )]
    pub(crate) edit_store_ca: Option<PathBuf>,

    /// How often a replica asks the --edit-store for edits it was not notified of (a
    /// notification sent while its listening connection was down is lost).
    #[arg(long, value_name = "DURATION", env = "GAZETTE_EDIT_STORE_POLL", default_value = "1s",
          value_parser = parse_poll_interval)]
    pub(crate) edit_store_poll: Duration,

    /// Merge the edit layer into the base index in the background once it holds this many
    /// upserted entries (each edit rebuilds the layer, so it must stay small).
    #[arg(long, value_name = "N", env = "GAZETTE_MERGE_EDITS_AT", default_value_t = crate::live::DEFAULT_MERGE_EDITS_AT)]
    pub(crate) merge_edits_at: usize,

    /// Do not reload when the --gazetteer files change (SIGHUP and the Reload RPC still do).
    #[arg(long, env = "GAZETTE_NO_WATCH")]
    pub(crate) no_watch: bool,

    /// How often the --gazetteer files' metadata (inode, size, times) is compared, as a backstop
    /// to filesystem events and the fallback when they fail (watch limit, a directory deleted).
    #[arg(long, value_name = "DURATION", env = "GAZETTE_WATCH_POLL_INTERVAL", default_value = "5s",
          value_parser = parse_poll_interval)]
    pub(crate) watch_poll_interval: Duration,

    /// Largest request message decoded, in bytes; larger ones get RESOURCE_EXHAUSTED. Default:
    /// the larger of 4 MiB and twice --max-text-bytes.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_MESSAGE_BYTES",
          value_parser = clap::value_parser!(u64).range(1024..=256 * 1024 * 1024).map(|v| v as usize))]
    pub(crate) max_message_bytes: Option<usize>,

    /// RPCs (unary or streaming) served at once across all connections; more are shed at once
    /// with RESOURCE_EXHAUSTED and a retry delay. Health and reflection are never shed.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_CONCURRENT_RPCS", default_value_t = DEFAULT_MAX_CONCURRENT_RPCS,
          value_parser = clap::value_parser!(u64).range(1..=100_000).map(|v| v as usize))]
    pub(crate) max_concurrent_rpcs: usize,

    /// Close a connection after this long with no RPC open on it ("0s": never).
    #[arg(long, value_name = "DURATION", env = "GAZETTE_IDLE_TIMEOUT", default_value = "5m",
          value_parser = humantime::parse_duration)]
    pub(crate) idle_timeout: Duration,

    /// On SIGTERM/SIGINT, how long in-flight RPCs may run before the server exits anyway (keep
    /// it under Kubernetes' terminationGracePeriodSeconds).
    #[arg(long, value_name = "DURATION", env = "GAZETTE_DRAIN_TIMEOUT", default_value = "20s",
          value_parser = humantime::parse_duration)]
    pub(crate) drain_timeout: Duration,

    /// Fail a request whose message has not fully arrived this long after the server began
    /// waiting for it, with DEADLINE_EXCEEDED (unary: the whole request; ExtractStream: each
    /// message, from its first byte; idle streams are not affected). "0s": no limit.
    #[arg(long, value_name = "DURATION", env = "GAZETTE_REQUEST_READ_TIMEOUT", default_value = "10s",
          value_parser = humantime::parse_duration)]
    pub(crate) request_read_timeout: Duration,

    /// Close a connection when one of its responses has waited this long for the client to read
    /// (its HTTP/2 window stays shut). "0s": never.
    #[arg(long, value_name = "DURATION", env = "GAZETTE_SEND_STALL_TIMEOUT", default_value = "10s",
          value_parser = humantime::parse_duration)]
    pub(crate) send_stall_timeout: Duration,

    /// Response bytes held in memory at once, process-wide, for clients still to read them;
    /// responses beyond it get RESOURCE_EXHAUSTED with a retry delay.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_RESPONSE_BUFFER_BYTES",
          default_value_t = crate::transport::slow_peer::DEFAULT_MAX_RESPONSE_BUFFER_BYTES,
          value_parser = clap::value_parser!(u64).range(64 * 1024..).map(|v| v as usize))]
    pub(crate) max_response_buffer_bytes: usize,

    /// Like --max-response-buffer-bytes, for each connection.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_CONNECTION_RESPONSE_BUFFER_BYTES",
          default_value_t = crate::transport::slow_peer::DEFAULT_MAX_CONNECTION_RESPONSE_BUFFER_BYTES,
          value_parser = clap::value_parser!(u64).range(64 * 1024..).map(|v| v as usize))]
    pub(crate) max_connection_response_buffer_bytes: usize,

    /// PEM certificate chain to serve TLS with (needs --tls-key).
    #[arg(
        long,
        value_name = "PATH",
        env = "GAZETTE_TLS_CERT",
        requires = "tls_key"
    )]
    pub(crate) tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(
        long,
        value_name = "PATH",
        env = "GAZETTE_TLS_KEY",
        requires = "tls_cert"
    )]
    pub(crate) tls_key: Option<PathBuf>,

    /// PEM CA certificate(s): clients must present a certificate signed by one (mutual TLS).
    #[arg(
        long,
        value_name = "PATH",
        env = "GAZETTE_TLS_CLIENT_CA",
        requires = "tls_cert"
    )]
    pub(crate) tls_client_ca: Option<PathBuf>,
}

impl ServeArgs {
    /// The TLS files named by the flags, read; an unreadable file is an error naming its flag.
    pub(crate) fn tls(&self) -> Result<Option<TlsFiles>, String> {
        fn read(path: &std::path::Path, flag: &str) -> Result<Vec<u8>, String> {
            std::fs::read(path).map_err(|e| format!("{flag} {}: {e}", path.display()))
        }
        let (Some(cert), Some(key)) = (&self.tls_cert, &self.tls_key) else {
            return Ok(None);
        };
        Ok(Some(TlsFiles {
            cert: read(cert, "--tls-cert / GAZETTE_TLS_CERT")?,
            key: read(key, "--tls-key / GAZETTE_TLS_KEY")?,
            client_ca: self
                .tls_client_ca
                .as_deref()
                .map(|p| read(p, "--tls-client-ca / GAZETTE_TLS_CLIENT_CA"))
                .transpose()?,
        }))
    }

    /// The message limit: the flag, or the default derived from the text limit. A limit below
    /// the text limit would turn valid texts into transport errors, so it is refused.
    pub(crate) fn max_message_bytes(&self) -> Result<usize, String> {
        match self.max_message_bytes {
            None => Ok(default_max_message_bytes(self.max_text_bytes)),
            Some(n) if n <= self.max_text_bytes => Err(format!(
                "--max-message-bytes / GAZETTE_MAX_MESSAGE_BYTES ({n}) must be larger than \
                 --max-text-bytes ({})",
                self.max_text_bytes
            )),
            Some(n) => Ok(n),
        }
    }

    /// The admin token from `--admin-token-file`, trimmed; an unreadable or empty file is an
    /// error naming the flag.
    pub(crate) fn admin_token(&self) -> Result<Option<String>, String> {
        read_token(
            self.admin_token_file.as_deref(),
            "--admin-token-file / GAZETTE_ADMIN_TOKEN_FILE",
        )
    }

    /// The named tokens of `--admin-tokens-file`; a bad line is an error naming `file:line`.
    pub(crate) fn admin_tokens(&self) -> Result<Vec<crate::transport::NamedToken>, String> {
        let Some(path) = self.admin_tokens_file.as_deref() else {
            return Ok(Vec::new());
        };
        let flag = "--admin-tokens-file / GAZETTE_ADMIN_TOKENS_FILE";
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?;
        crate::transport::parse_tokens(&text).map_err(|e| {
            format!(
                "{flag} {}:{}",
                path.display(),
                e.trim_start_matches("line ")
            )
        })
    }

    /// The read-only admin token from `--admin-read-token-file`, like [`Self::admin_token`].
    pub(crate) fn admin_read_token(&self) -> Result<Option<String>, String> {
        read_token(
            self.admin_read_token_file.as_deref(),
            "--admin-read-token-file / GAZETTE_ADMIN_READ_TOKEN_FILE",
        )
    }

    /// The `--edit-store` URL ([`store_url`]).
    pub(crate) fn edit_store_url(&self) -> Result<Option<String>, String> {
        self.edit_store.as_deref().map(store_url).transpose()
    }
}

/// An `--edit-store` value as a URL: the value itself when it is one, else the trimmed contents
/// of the file it names (so the password stays out of the command line and the environment).
pub(crate) fn store_url(value: &str) -> Result<String, String> {
    if value.starts_with("postgres://") || value.starts_with("postgresql://") {
        return Ok(value.to_string());
    }
    read_token(
        Some(std::path::Path::new(value)),
        "--edit-store / GAZETTE_EDIT_STORE (not a postgres:// URL, so a file holding one)",
    )
    .map(Option::unwrap_or_default)
}

/// A token from the file at `path`, trimmed; an unreadable or empty file is an error naming
/// `flag`.
fn read_token(path: Option<&std::path::Path>, flag: &str) -> Result<Option<String>, String> {
    let Some(path) = path else {
        return Ok(None);
    };
    let token =
        std::fs::read_to_string(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?;
    let token = token.trim();
    if token.is_empty() {
        return Err(format!("{flag} {} is empty", path.display()));
    }
    Ok(Some(token.to_string()))
}

/// A `--watch-poll-interval`: a duration of at least 100 ms (stat calls in a busy loop otherwise).
fn parse_poll_interval(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| e.to_string())?;
    if d < Duration::from_millis(100) {
        return Err("must be at least 100ms".to_string());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    #[test]
    fn admin_read_token_and_admin_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let read = dir.path().join("read");
        std::fs::write(&read, " r3ad \n").expect("write");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "\n").expect("write");
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("gazette").chain(args.iter().copied()))
                .map(|c| c.serve)
        };
        let args = parse(&["--admin-read-token-file", read.to_str().expect("utf-8")]).expect("ok");
        assert_eq!(
            args.admin_read_token().expect("read").as_deref(),
            Some("r3ad")
        );
        assert_eq!(args.admin_token().expect("none"), None);
        assert_eq!(args.max_concurrent_admin_rpcs, 4);
        let args = parse(&[
            "--admin-read-token-file",
            empty.to_str().expect("utf-8"),
            "--max-concurrent-admin-rpcs",
            "2",
        ])
        .expect("ok");
        let err = args.admin_read_token().expect_err("empty");
        assert!(
            err.contains("--admin-read-token-file / GAZETTE_ADMIN_READ_TOKEN_FILE"),
            "{err}"
        );
        assert_eq!(args.max_concurrent_admin_rpcs, 2);
        assert!(parse(&["--max-concurrent-admin-rpcs", "0"]).is_err());
    }
}
