//! The command line: `gazette serve` and the offline commands. `main.rs` parses [`Cli`] and
//! hands it to [`run`]; this is the binary's edge, the only place `clap` and `anyhow` are used.
//!
//! | concept | module |
//! |---|---|
//! | clap types: `Cli`, sub-commands, `--encoding` | `args` |
//! | `--gazetteer` and `--no-default-gazetteer`, shared by the commands | `gazetteer_args` |
//! | the `serve` flags and `GAZETTE_*` variables, reading token and TLS files | `serve_args` |
//! | the `gazette serve` process: flags → `ServerOptions`, listeners, signals | `serve` |
//! | `gazette extract` | `extract` |
//! | `gazette check` | `check` |
//! | `gazette health`, the gRPC health client | `health` |
//! | `gazette compact`: folding the journal or the shared store into a gazetteer file | `compact` |
//! | `gazette tag`: bulk tagging of JSON Lines, offline or through servers (`tag::{input, document, window, offline, remote, resume, progress}`) | `tag` |
//! | the `tag` flags | `tag_args` |
//! | the request options `extract` and `tag` share (`--encoding`, `--types`, `--explain`) | `request_args` |
//! | the JSON printed for a response: every field, always | `response_json` |
//! | the error the offline commands share | `error` |

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;

use args::{Command, JournalCommand, LogFormat};

mod args;
mod check;
mod client_tls;
mod compact;
pub(crate) mod error;
mod extract;
mod gazetteer_args;
mod health;
mod request_args;
mod response_json;
mod serve;
mod serve_args;
mod tag;
mod tag_args;

pub use args::Cli;

/// Sets up logging as `cli` asks, runs its command, and turns an error into `error: …` on
/// stderr and exit status 1.
pub fn run(cli: Cli) -> ExitCode {
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
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", error::one_line(e.chain()));
            ExitCode::FAILURE
        }
    }
}

fn dispatch(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => {
            serve::ignore_file_size_signal();
            serve::spawn_memory_returner();
            serve::serve(*args)
        }
        Command::Extract(args) => {
            extract::extract(&args, &mut std::io::stdout().lock())?;
            Ok(())
        }
        Command::Tag(args) => {
            let summary = tag::tag(&args)?;
            eprintln!("{summary}");
            if summary.failed > 0 {
                return Err(error::CommandError::DocumentsFailed {
                    failed: summary.failed,
                    total: summary.total(),
                }
                .into());
            }
            Ok(())
        }
        Command::Health {
            addr,
            service,
            timeout_secs,
            tls,
        } => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            let timeout = std::time::Duration::from_secs(timeout_secs);
            let serving =
                runtime.block_on(health::health(&addr, &service, timeout, &tls.load()?))?;
            anyhow::ensure!(serving, "{addr} is not SERVING");
            println!("SERVING");
            Ok(())
        }
        Command::Compact {
            data_dir,
            edit_store,
            edit_store_ca,
            prune_through,
            into,
            gazetteer,
        } => {
            let include_default = !gazetteer.no_default_gazetteer;
            let Some(value) = edit_store else {
                let data_dir = data_dir.context("--data-dir or --edit-store")?;
                let c = compact::journal(&data_dir, &gazetteer.gazetteers, include_default, &into)?;
                println!(
                    "compacted: {} entities folded into {}; {} edits remain in the journal",
                    c.folded,
                    into.display(),
                    c.remaining
                );
                return Ok(());
            };
            let url = serve_args::store_url(&value).map_err(anyhow::Error::msg)?;
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(async {
                let config = crate::pg_log::config(&url)?;
                let tls = crate::pg_log::StoreTls::for_config(&config, edit_store_ca.as_deref())?;
                let store = crate::pg_log::PgLog::connect_with(
                    config,
                    tls,
                    tokio::runtime::Handle::current(),
                )
                .await?;
                match prune_through {
                    None => {
                        let c =
                            compact::store(&store, &gazetteer.gazetteers, include_default, &into)
                                .await?;
                        println!(
                            "compacted: {} entities folded into {} through seq {}; the store is \
                             unchanged ({} of its edits stay there in any case). Once every \
                             replica serves {}, drop the folded edits from the store with \
                             --prune-through {}",
                            c.folded,
                            into.display(),
                            c.through,
                            c.remaining,
                            into.display(),
                            c.through
                        );
                    }
                    Some(through) => {
                        let p = compact::prune(
                            &store,
                            through,
                            &gazetteer.gazetteers,
                            include_default,
                            &into,
                        )
                        .await?;
                        println!(
                            "pruned: {} edits of {} entities through seq {} dropped from the store \
                             ({} holds them)",
                            p.rows,
                            p.entities,
                            through,
                            into.display()
                        );
                    }
                }
                anyhow::Ok(())
            })
        }
        Command::Journal(JournalCommand::Repair { data_dir }) => {
            let r = crate::journal::repair(&data_dir)?;
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
            check::check(&paths, &mut std::io::stdout().lock())?;
            Ok(())
        }
    }
}
