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

    /// File holding the bearer token that admin changes (Reload) require. Without it they are
    /// refused.
    #[arg(long, value_name = "PATH", env = "GAZETTE_ADMIN_TOKEN_FILE")]
    pub admin_token_file: Option<PathBuf>,

    /// Serve Prometheus metrics on this address at `GET /metrics` (off by default).
    #[arg(long, value_name = "ADDR", env = "GAZETTE_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// Directory for the admin edit journal (created if missing). Without it, edits are refused.
    #[arg(long, value_name = "DIR", env = "GAZETTE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Merge the edit layer into the base index in the background once it holds this many
    /// upserted entries (each edit rebuilds the layer, so it must stay small).
    #[arg(long, value_name = "N", env = "GAZETTE_MERGE_EDITS_AT", default_value_t = crate::transport::live::DEFAULT_MERGE_EDITS_AT)]
    pub merge_edits_at: usize,

    /// Do not reload when the --gazetteer files change (SIGHUP and the Reload RPC still do).
    #[arg(long, env = "GAZETTE_NO_WATCH")]
    pub no_watch: bool,
}

impl ServeArgs {
    /// The admin token from `--admin-token-file`, trimmed; an unreadable or empty file is an
    /// error naming the flag.
    pub fn admin_token(&self) -> Result<Option<String>, String> {
        let Some(path) = &self.admin_token_file else {
            return Ok(None);
        };
        let token = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "--admin-token-file / GAZETTE_ADMIN_TOKEN_FILE {}: {e}",
                path.display()
            )
        })?;
        let token = token.trim();
        if token.is_empty() {
            return Err(format!(
                "--admin-token-file / GAZETTE_ADMIN_TOKEN_FILE {} is empty",
                path.display()
            ));
        }
        Ok(Some(token.to_string()))
    }
}
