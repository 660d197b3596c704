//! Command-line and environment configuration shared by the sub-commands.

use std::net::SocketAddr;

use clap::builder::TypedValueParser;
use std::path::PathBuf;

use super::service::DEFAULT_MAX_TEXT_BYTES;

/// Which gazetteers to load.
#[derive(Debug, Clone, clap::Args)]
pub struct GazetteerArgs {
    /// A gazetteer directory (or file) to load, in addition to the embedded default; repeat for
    /// several. Files: *.jsonl and *.tsv, the file stem is the namespace.
    #[arg(
        long = "gazetteer",
        value_name = "DIR",
        env = "GAZETTE_GAZETTEER",
        value_delimiter = ','
    )]
    pub gazetteers: Vec<PathBuf>,

    /// Do not load the embedded default gazetteer.
    #[arg(long, env = "GAZETTE_NO_DEFAULT_GAZETTEER")]
    pub no_default_gazetteer: bool,
}

/// Options of `gazette serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on for gRPC.
    #[arg(
        long,
        value_name = "ADDR",
        env = "GAZETTE_LISTEN",
        default_value = "0.0.0.0:50051"
    )]
    pub listen: SocketAddr,

    /// Which gazetteers to load.
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,

    /// Longest `text` accepted, in UTF-8 bytes; longer texts get INVALID_ARGUMENT, never
    /// truncation.
    #[arg(long, value_name = "N", env = "GAZETTE_MAX_TEXT_BYTES", default_value_t = DEFAULT_MAX_TEXT_BYTES,
          value_parser = clap::value_parser!(u64).range(1..=64 * 1024 * 1024).map(|v| v as usize))]
    pub max_text_bytes: usize,
}
