//! Plain server configuration shared by the server and the command line: TLS files, and the
//! defaults the `serve` flags and `ServerOptions::default` both use (the flags are in `cli`).

/// Default for `--max-concurrent-rpcs`.
pub const DEFAULT_MAX_CONCURRENT_RPCS: usize = 64;

/// PEM files for TLS, read at start-up.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// Certificate chain.
    pub cert: Vec<u8>,
    /// Private key.
    pub key: Vec<u8>,
    /// CA for client certificates; `Some` requires them.
    pub client_ca: Option<Vec<u8>>,
}

/// Room for a text at the limit plus the other fields, and never below gRPC's usual 4 MiB.
pub fn default_max_message_bytes(max_text_bytes: usize) -> usize {
    max_text_bytes.saturating_mul(2).max(4 << 20)
}
