//! The command line's clap types: `Cli`, its sub-commands and the flags they share.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::gazetteer_args::GazetteerArgs;
use super::serve_args::ServeArgs;
use crate::offsets::Encoding;

/// `gazette --version`: the crate version and the git commit it was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("GAZETTE_GIT_COMMIT"),
    ")"
);

/// Finds named entities in news text by gazetteer matching, over gRPC.
#[derive(Debug, Parser)]
#[command(version = VERSION, about)]
pub struct Cli {
    /// Log line format on stderr (levels from GAZETTE_LOG, e.g. `info,gazette=debug`).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "plain",
        env = "GAZETTE_LOG_FORMAT"
    )]
    pub(crate) log_format: LogFormat,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum LogFormat {
    /// Human-readable lines.
    Plain,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the gRPC server.
    Serve(Box<ServeArgs>),
    /// Tag a text file (or stdin) offline and print the response as JSON.
    Extract {
        #[command(flatten)]
        gazetteer: GazetteerArgs,
        /// Offset unit: utf8, utf16 or code-point.
        #[arg(long, default_value = "utf8", value_parser = parse_encoding)]
        encoding: Encoding,
        /// Only these entity types (comma-separated, e.g. LOCATION,NORP).
        #[arg(long = "types", value_delimiter = ',')]
        entity_types: Vec<String>,
        /// Explain each mention: alias, folding steps, deciding rule.
        #[arg(long)]
        explain: bool,
        /// Input file; `-` or nothing reads stdin.
        file: Option<PathBuf>,
    },
    /// Ask a running server's health service; exits 0 only when it is SERVING.
    Health {
        /// Server address (host:port or URL).
        #[arg(long, default_value = "127.0.0.1:50051", env = "GAZETTE_HEALTH_ADDR")]
        addr: String,
        /// Service to check; empty means the whole server.
        #[arg(long, default_value = "")]
        service: String,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3)]
        timeout_secs: u64,
    },
    /// Fold the edit log's new entities into a gazetteer file. With --data-dir (the server
    /// stopped) the journal then keeps only what the file cannot hold. With --edit-store
    /// (replicas may run) the store is left as it is; once every replica serves the file, run
    /// again with --prune-through SEQ to drop the folded edits from the store.
    Compact {
        /// The server's data directory (holding journal.jsonl).
        #[arg(
            long,
            value_name = "DIR",
            env = "GAZETTE_DATA_DIR",
            required_unless_present = "edit_store",
            conflicts_with = "edit_store"
        )]
        data_dir: Option<PathBuf>,
        /// The replicas' shared edit store: a postgres:// URL, or a file holding one.
        #[arg(long, value_name = "URL|FILE", env = "GAZETTE_EDIT_STORE")]
        edit_store: Option<String>,
        /// PEM file of the CA of the store's certificate (with sslmode=require in the URL).
        #[arg(
            long,
            value_name = "FILE",
            env = "GAZETTE_EDIT_STORE_CA",
            requires = "edit_store"
        )]
        edit_store_ca: Option<PathBuf>,
        /// Drop from the store the edits up to this seq that the --into file holds (the seq a
        /// compaction printed), once every replica serves the file.
        #[arg(long, value_name = "SEQ", requires = "edit_store")]
        prune_through: Option<u64>,
        /// The .jsonl file to fold into (created if missing); its stem becomes the namespace.
        #[arg(long, value_name = "FILE")]
        into: PathBuf,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
    /// Offline work on the edit journal (run with the server stopped).
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Validate gazetteer directories or files and print counts, or every error.
    Check {
        /// Directories or files to check (the default gazetteer is not included).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum JournalCommand {
    /// Move the first bad line of journal.jsonl and every line after it into
    /// `journal.jsonl.bad-<time>`, so the server starts on the edits before it.
    Repair {
        /// The server's data directory (holding journal.jsonl).
        #[arg(long, value_name = "DIR", env = "GAZETTE_DATA_DIR")]
        data_dir: PathBuf,
    },
}

/// Parses an `--encoding` value.
pub(crate) fn parse_encoding(s: &str) -> Result<Encoding, String> {
    match s.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf8" | "utf-8" => Ok(Encoding::Utf8),
        "utf16" | "utf-16" => Ok(Encoding::Utf16),
        "code-point" | "codepoint" => Ok(Encoding::CodePoint),
        _ => Err(format!(
            "unknown encoding {s:?}: use utf8, utf16 or code-point"
        )),
    }
}
