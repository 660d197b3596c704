//! The `gazette serve` process: flags to `ServerOptions`, load the gazetteer, bind the
//! listeners, run until a signal.

use anyhow::Context;

use super::serve_args::ServeArgs;
use crate::journal::Journal;
use crate::live::{LiveGazetteer, Sources};
use crate::transport::server::{self, ServerOptions};
use crate::Extractor;

/// Runs the server described by `args` until SIGINT or SIGTERM, then drains and returns.
pub(crate) fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let admin_token = args.admin_token().map_err(anyhow::Error::msg)?;
    let admin_read_token = args.admin_read_token().map_err(anyhow::Error::msg)?;
    let admin_tokens = args.admin_tokens().map_err(anyhow::Error::msg)?;
    let tls = args.tls().map_err(anyhow::Error::msg)?;
    let max_message_bytes = args.max_message_bytes().map_err(anyhow::Error::msg)?;
    let edit_store = args.edit_store_url().map_err(anyhow::Error::msg)?;
    let loaded = crate::sources::load(
        &args.gazetteer.gazetteers,
        !args.gazetteer.no_default_gazetteer,
    )
    .context("refusing to start: the gazetteer did not load")?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        // Before the listener is bound and announced: a signal handler installed later (when
        // the server first polls its shutdown future) left a window in which SIGTERM still had
        // its default action and killed the process (1 run in 6 of
        // cli::serve_default_then_sigterm_exits_cleanly).
        let shutdown = shutdown_signal()?;
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {} (--listen / GAZETTE_LISTEN)",
                    args.listen
                )
            })?;
        let console = match args.console_listen {
            Some(addr) => {
                let hosts = crate::transport::ConsoleHosts::new(&args.console_hosts)
                    .map_err(|e| anyhow::anyhow!("--console-host / GAZETTE_CONSOLE_HOSTS: {e}"))?;
                let listener = std::net::TcpListener::bind(addr).with_context(|| {
                    format!("cannot listen on {addr} (--console-listen / GAZETTE_CONSOLE_LISTEN)")
                })?;
                Some(crate::transport::ConsoleListener::new(listener).with_hosts(hosts))
            }
            None => None,
        };
        if let Some(addr) = args.metrics_addr {
            let handle = crate::transport::prometheus::install()
                .context("cannot install the metrics recorder")?;
            let metrics_listener =
                tokio::net::TcpListener::bind(addr).await.with_context(|| {
                    format!("cannot listen on {addr} (--metrics-addr / GAZETTE_METRICS_ADDR)")
                })?;
            tracing::info!(%addr, "metrics on /metrics");
            tokio::spawn(crate::transport::prometheus::serve(
                metrics_listener,
                handle,
            ));
        }
        let options = ServerOptions {
            max_text_bytes: args.max_text_bytes,
            max_message_bytes,
            max_concurrent_rpcs: args.max_concurrent_rpcs,
            idle_timeout: (!args.idle_timeout.is_zero()).then_some(args.idle_timeout),
            drain_timeout: args.drain_timeout,
            tls,
            admin_token,
            admin_read_token,
            admin_tokens,
            max_concurrent_admin_rpcs: args.max_concurrent_admin_rpcs,
            admin_body_timeout: crate::transport::admin::DEFAULT_ADMIN_BODY_TIMEOUT,
            watch: !args.no_watch,
            watch_poll_interval: args.watch_poll_interval,
            request_read_timeout: (!args.request_read_timeout.is_zero())
                .then_some(args.request_read_timeout),
            send_stall_timeout: (!args.send_stall_timeout.is_zero())
                .then_some(args.send_stall_timeout),
            max_connection_response_bytes: args.max_connection_response_buffer_bytes,
            response_bytes: crate::transport::ByteBudget::process_wide(
                args.max_response_buffer_bytes,
            ),
            reload_on_sighup: true,
            console,
            ..ServerOptions::default()
        };
        let sources = Some(Sources {
            paths: args.gazetteer.gazetteers.clone(),
            include_default: !args.gazetteer.no_default_gazetteer,
        });
        let empty = loaded.gazetteer.is_empty();
        let warn_if_empty = |edits: usize| {
            if empty && edits == 0 {
                tracing::warn!(
                    "serving an empty gazetteer (--no-default-gazetteer and no entries from \
                     --gazetteer): Extract finds nothing until entities are added through the \
                     admin API or a reload"
                );
            }
        };
        let live = match (&args.data_dir, edit_store) {
            (_, Some(url)) => {
                let live = crate::pg_log::open_shared(
                    &url,
                    args.edit_store_ca.as_deref(),
                    loaded.gazetteer,
                    sources,
                    args.edit_store_poll,
                )
                .await
                .context("refusing to start: the shared edit store (--edit-store)")?;
                warn_if_empty(live.pending_edits().upserts().len());
                live
            }
            (None, None) => {
                warn_if_empty(0);
                LiveGazetteer::new(Extractor::new(loaded.gazetteer), sources)
            }
            (Some(dir), None) => {
                let journal = Journal::open(dir)
                    .context("refusing to start: the edit journal (--data-dir) cannot be read")?;
                let live = LiveGazetteer::with_log(loaded.gazetteer, sources, Box::new(journal))
                    .context("refusing to start: the edit journal cannot be replayed")?;
                warn_if_empty(live.pending_edits().upserts().len());
                live
            }
        };
        live.set_merge_at(args.merge_edits_at);
        server::run(listener, live, options, shutdown)
            .await
            .context("server failed")
    })
}

/// Installs the SIGINT and SIGTERM handlers now, and returns a future that completes on either
/// (containers stop with SIGTERM). The handlers are registered here, synchronously, not when the
/// future is first polled, so a signal that arrives before serving starts is not lost.
#[cfg(unix)]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot handle SIGINT")?;
    let mut terminate = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
    })
}

/// Completes on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Ignores SIGXFSZ, so a write past the file-size limit (`ulimit -f`, RLIMIT_FSIZE) fails with
/// EFBIG, which the journal undoes and reports to the client as UNAVAILABLE, instead of the
/// signal's default action killing the server mid-write.
pub(crate) fn ignore_file_size_signal() {
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
pub(crate) fn spawn_memory_returner() {
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
