//! `gazette`: parses the command line and hands over to the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use gazette::transport::config::{GazetteerArgs, ServeArgs};
use gazette::{commands, Encoding, ExtractOptions};

/// mimalloc rather than glibc malloc: each gazetteer reload builds a new index (about 90 MiB for
/// the default) on a blocking-pool thread, and glibc kept every freed index in that thread's
/// arena, so RSS climbed by one index per new thread until it plateaued near three times the
/// steady state (100 → 288 MiB over 9 reloads in scripts/soak.sh). mimalloc returns the pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
struct Cli {
    /// Log line format on stderr (levels from GAZETTE_LOG, e.g. `info,gazette=debug`).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "plain",
        env = "GAZETTE_LOG_FORMAT"
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Plain,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the gRPC server.
    Serve(Box<ServeArgs>),
    /// Tag a text file (or stdin) offline and print the response as JSON.
    Extract {
        #[command(flatten)]
        gazetteer: GazetteerArgs,
        /// Offset unit: utf8, utf16 or code-point.
        #[arg(long, default_value = "utf8", value_parser = commands::parse_encoding)]
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
    /// Fold the edit journal's new entities into a gazetteer file (run with the server stopped).
    Compact {
        /// The server's data directory (holding journal.jsonl).
        #[arg(long, value_name = "DIR", env = "GAZETTE_DATA_DIR")]
        data_dir: PathBuf,
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
enum JournalCommand {
    /// Move the first bad line of journal.jsonl and every line after it into
    /// journal.jsonl.bad-<time>, so the server starts on the edits before it.
    Repair {
        /// The server's data directory (holding journal.jsonl).
        #[arg(long, value_name = "DIR", env = "GAZETTE_DATA_DIR")]
        data_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GAZETTE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Plain => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().init(),
    }
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => {
            ignore_file_size_signal();
            spawn_memory_returner();
            gazette::transport::serve::serve(*args)
        }
        Command::Extract {
            gazetteer,
            encoding,
            entity_types,
            explain,
            file,
        } => {
            let options = ExtractOptions {
                entity_types,
                encoding,
                explain,
                ..ExtractOptions::default()
            };
            commands::extract(
                &gazetteer.gazetteers,
                !gazetteer.no_default_gazetteer,
                file.as_deref(),
                &options,
                &mut std::io::stdout().lock(),
            )?;
            Ok(())
        }
        Command::Health {
            addr,
            service,
            timeout_secs,
        } => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            let timeout = std::time::Duration::from_secs(timeout_secs);
            let serving = runtime.block_on(commands::health(&addr, &service, timeout))?;
            anyhow::ensure!(serving, "{addr} is not SERVING");
            println!("SERVING");
            Ok(())
        }
        Command::Compact {
            data_dir,
            into,
            gazetteer,
        } => {
            let c = commands::compact(
                &data_dir,
                &gazetteer.gazetteers,
                !gazetteer.no_default_gazetteer,
                &into,
            )?;
            println!(
                "compacted: {} entities folded into {}; {} edits remain in the journal",
                c.folded,
                into.display(),
                c.remaining
            );
            Ok(())
        }
        Command::Journal(JournalCommand::Repair { data_dir }) => {
            let r = gazette::journal::repair(&data_dir)?;
            match (r.bad_line, r.moved_to) {
                (Some(line), Some(to)) => println!(
                    "repaired: line {line} and after ({} lines) moved to {}; {} edits kept",
                    r.moved_lines,
                    to.display(),
                    r.kept_edits
                ),
                _ => println!("journal is sound: {} edits, nothing moved", r.kept_edits),
            }
            Ok(())
        }
        Command::Check { paths } => {
            commands::check(&paths, &mut std::io::stdout().lock())?;
            Ok(())
        }
    }
}

/// Ignores SIGXFSZ, so a write past the file-size limit (`ulimit -f`, RLIMIT_FSIZE) fails with
/// EFBIG, which the journal undoes and reports to the client as UNAVAILABLE, instead of the
/// signal's default action killing the server mid-write.
fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code, and runs
    // before any other thread exists.
    #[cfg(unix)]
    #[allow(unsafe_code)]
    if unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) } == libc::SIG_ERR {
        tracing::warn!(
            "cannot ignore SIGXFSZ: a journal write past the file-size limit would kill the server"
        );
    }
}

/// Every few seconds, asks mimalloc to hand pages it holds free back to the OS.
///
/// mimalloc purges freed pages lazily, from inside later allocations. Building a gazetteer frees
/// about as much as it keeps (aho-corasick's intermediate automaton, the parse), and an idle
/// server makes no further allocations, so that memory stayed resident: 341 MiB steady after
/// starting on 100k entries, against 113 MiB once purged (and 208 vs 425 MiB after a reload).
fn spawn_memory_returner() {
    let spawned = std::thread::Builder::new()
        .name("memory-returner".into())
        .spawn(|| loop {
            std::thread::sleep(std::time::Duration::from_secs(5));
            // SAFETY: mi_collect takes no pointers and has no preconditions; it only returns
            // memory that mimalloc already holds as free.
            #[allow(unsafe_code)]
            unsafe {
                libmimalloc_sys::mi_collect(true)
            };
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the memory returner thread: {e}");
    }
}
