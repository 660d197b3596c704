//! The flags of `gazette tag`.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;

use super::client_tls::ClientTlsArgs;
use super::gazetteer_args::GazetteerArgs;
use super::request_args::RequestArgs;

/// Options of `gazette tag`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct TagArgs {
    /// JSON Lines files or directories of them (`*.jsonl`, read in name order); `-` or nothing
    /// reads stdin. Each line: `{"document_id": …, "text": …, "headline": …, "fields":
    /// [{"name": …, "text": …}]}` (headline and fields optional).
    #[arg(value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,

    /// Write the responses here instead of stdout (needed by --resume).
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Skip the documents whose id already has a response in --output, and append to it.
    /// Documents that failed (an error line) are tried again.
    #[arg(long, requires = "output")]
    pub(crate) resume: bool,

    /// Tag through this running server (`http://host:port`, or `https://` for TLS) instead of
    /// offline; repeat for several. A host name in an `http://` URL resolving to several
    /// addresses gets streams to each of them.
    #[arg(
        long = "server",
        value_name = "URL",
        env = "GAZETTE_TAG_SERVER",
        value_delimiter = ','
    )]
    pub(crate) servers: Vec<String>,

    /// With --server: ExtractStream calls kept open to each server address.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u64).range(1..=256).map(|v| v as usize))]
    pub(crate) streams: usize,

    /// With --server: how often one document is retried after RESOURCE_EXHAUSTED or
    /// UNAVAILABLE (waiting the server's RetryInfo delay) before its error line is written.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub(crate) max_retries: u32,

    /// Offline: matching threads (default: one per core).
    #[arg(long, value_name = "N", env = "GAZETTE_TAG_THREADS",
          value_parser = clap::value_parser!(u64).range(1..=1024).map(|v| v as usize))]
    pub(crate) threads: Option<usize>,

    /// Documents read ahead of the oldest one not yet written: bounds memory however large the
    /// input, while the output stays in input order.
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000).map(|v| v as usize))]
    pub(crate) window: usize,

    /// Longest input line read, in bytes; a longer one gets an error line and is skipped.
    #[arg(long, value_name = "N", default_value_t = 16 << 20)]
    pub(crate) max_line_bytes: usize,

    /// TLS to `https://` servers (with --server only).
    #[command(flatten)]
    pub(crate) tls: ClientTlsArgs,

    /// Which gazetteers to load (offline only).
    #[command(flatten)]
    pub(crate) gazetteer: GazetteerArgs,

    /// The request options every document is tagged with.
    #[command(flatten)]
    pub(crate) request: RequestArgs,
}
