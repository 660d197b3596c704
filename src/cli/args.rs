//! The command line's clap types: `Cli`, its sub-commands and the flags they share.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::client_tls::ClientTlsArgs;
use super::gazetteer_args::GazetteerArgs;
use super::request_args::RequestArgs;
use super::serve_args::ServeArgs;
use super::tag_args::TagArgs;

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
    Extract(ExtractArgs),
    /// Tag documents in bulk: JSON Lines in (files, a directory or stdin), one response per
    /// line out in input order, offline on all cores or against running servers.
    Tag(Box<TagArgs>),
    /// Ask a running server's health service; exits 0 only when it is SERVING.
    Health {
        /// Server address (host:port, or a URL: `https://host:port` for TLS).
        #[arg(long, default_value = "127.0.0.1:50051", env = "GAZETTE_HEALTH_ADDR")]
        addr: String,
        /// Service to check; empty means the whole server.
        #[arg(long, default_value = "")]
        service: String,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3)]
        timeout_secs: u64,
        /// TLS to an `https://` address.
        #[command(flatten)]
        tls: ClientTlsArgs,
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

/// `gazette extract`: one document from a file or stdin, its headline and fields from flags.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) gazetteer: GazetteerArgs,
    #[command(flatten)]
    pub(crate) request: RequestArgs,
    /// The document's headline, matched before the body (its mentions say `field: headline`).
    #[arg(long, value_name = "TEXT")]
    pub(crate) headline: Option<String>,
    /// An extra field, matched after the headline and before the body; repeat for several.
    /// The text is given inline, like --headline: fields are short (captions, bylines), and a
    /// value starting with `@` is just text (`@handle`). Whole articles with fields from files:
    /// `gazette tag`, one JSON document a line.
    #[arg(long = "field", value_name = "NAME=TEXT", value_parser = parse_field)]
    pub(crate) fields: Vec<(String, String)>,
    /// Input file; `-` or nothing reads stdin.
    pub(crate) file: Option<PathBuf>,
}

/// Parses a `--field NAME=TEXT` value (the text may hold `=`; the name is checked by the
/// request validation, as the server checks it).
fn parse_field(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .ok_or_else(|| format!("expected NAME=TEXT, got {s:?}"))
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
