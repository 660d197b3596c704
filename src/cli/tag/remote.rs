//! Tagging through running servers: `--streams` ExtractStream calls to each server address, each
//! with a few documents in flight. A stream ends at its first error; the document at its head
//! is then either retried (RESOURCE_EXHAUSTED and UNAVAILABLE, after the server's RetryInfo
//! delay, at most `--max-retries` times) or answered with an error line (anything else), and the
//! documents behind it go out again on a new stream.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tonic::transport::Channel;

use super::job::{Job, Outcome, Requests, Taggers};
use crate::cli::client_tls::ClientTls;
use crate::cli::error::CommandError;
use crate::cli::tag_args::TagArgs;
use crate::proto::v1::entity_extractor_client::EntityExtractorClient;
use status::code_name;
use stream::{Stream, PIPELINE};

mod status;
mod stream;

/// Largest response accepted (a long document with explanations is large).
const MAX_RESPONSE_BYTES: usize = 256 << 20;

/// Connects to every server address and starts the streams.
pub(super) fn start(
    args: &TagArgs,
    requests: Arc<Requests>,
    outcomes: mpsc::Sender<Vec<Outcome>>,
) -> Result<Taggers, CommandError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("tag-rpc")
        .enable_all()
        .build()
        .map_err(|e| CommandError::Remote(format!("cannot start the async runtime: {e}")))?;
    let tls = args.tls.load()?;
    let channels = runtime.block_on(connect_all(&args.servers, &tls))?;
    let total = channels.len() * args.streams;
    let (jobs, from_reader) = mpsc::sync_channel::<Vec<Job>>(total);
    let (to_streams, queue) = tokio::sync::mpsc::channel::<Job>(total * PIPELINE);
    // The reader is a plain thread; this one hands its lines over to the async streams.
    let bridge = std::thread::Builder::new()
        .name("tag-bridge".into())
        .spawn(move || {
            while let Ok(batch) = from_reader.recv() {
                for job in batch {
                    if to_streams.blocking_send(job).is_err() {
                        return;
                    }
                }
            }
        })
        .map_err(CommandError::Output)?;
    let queue = Arc::new(Mutex::new(queue));
    let mut tasks = Vec::with_capacity(total);
    for (url, channel) in &channels {
        for _ in 0..args.streams {
            let stream = Stream {
                url: url.clone(),
                client: EntityExtractorClient::new(channel.clone())
                    .max_decoding_message_size(MAX_RESPONSE_BYTES)
                    .max_encoding_message_size(usize::MAX),
                queue: queue.clone(),
                requests: requests.clone(),
                outcomes: outcomes.clone(),
                max_retries: args.max_retries,
                max_line_bytes: args.max_line_bytes,
                retry: VecDeque::new(),
                input_done: false,
            };
            tasks.push(runtime.spawn(stream.run()));
        }
    }
    drop(outcomes);
    Ok(Taggers {
        jobs,
        join: Box::new(move || {
            let results = runtime.block_on(futures_util::future::join_all(tasks));
            let _ = bridge.join();
            let errors: Vec<String> = results
                .into_iter()
                .filter_map(|r| match r {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(e),
                    Err(e) => Some(format!("a stream task failed: {e}")),
                })
                .collect();
            match errors.len() {
                0 => Ok(()),
                n if n == total => Err(CommandError::Remote(format!(
                    "every stream gave up; the last: {}",
                    errors.last().map_or("", String::as_str)
                ))),
                _ => {
                    for e in &errors {
                        tracing::warn!(error = %e, "a stream gave up; the others went on");
                    }
                    Ok(())
                }
            }
        }),
    })
}

/// A channel to every address of every `--server`: a host name resolving to several addresses
/// (a headless Kubernetes service) gets one to each. An address that does not answer is an
/// error naming it, before anything is read.
async fn connect_all(
    servers: &[String],
    tls: &ClientTls,
) -> Result<Vec<(String, Channel)>, CommandError> {
    let mut urls = Vec::new();
    for server in servers {
        urls.extend(addresses(server).await?);
    }
    let mut channels = Vec::with_capacity(urls.len());
    for url in urls {
        let endpoint = tonic::transport::Endpoint::from_shared(url.clone())
            .map_err(|e| CommandError::Remote(format!("--server {url}: {e}")))?
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true);
        let endpoint = tls.apply(endpoint, &url)?;
        let channel = endpoint.connect().await.map_err(|e| {
            CommandError::Remote(format!(
                "--server {url}: cannot connect: {}",
                source_chain(&e)
            ))
        })?;
        answers(&url, channel.clone(), tls.has_identity()).await?;
        channels.push((url, channel));
    }
    Ok(channels)
}

/// Asks the server's health service once. A connection can open and still be refused at the
/// first call (a server under mutual TLS rejects a missing client certificate after the
/// handshake): that is said now, with its reason, not after the streams' retries.
async fn answers(
    url: &str,
    channel: Channel,
    with_client_certificate: bool,
) -> Result<(), CommandError> {
    let check = crate::cli::health::check(channel, "");
    match tokio::time::timeout(Duration::from_secs(10), check).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(status)) => {
            let mut why = format!("{}: {}", code_name(status.code()), status.message());
            if let Some(source) = std::error::Error::source(&status) {
                why = format!("{why}: {}", source_chain(source));
                if url.starts_with("https://") && !with_client_certificate {
                    // All a client sees of a server that dropped it for want of a certificate.
                    why.push_str(" (a server under mutual TLS drops a client without a certificate: see --client-cert)");
                }
            }
            Err(CommandError::Remote(format!(
                "--server {url}: cannot connect: {why}"
            )))
        }
        Err(_) => Err(CommandError::Remote(format!(
            "--server {url}: no answer to a health check within 10 s"
        ))),
    }
}

/// The URLs behind one `--server` value: `http://` ones by resolved address, `https://` ones as
/// given (TLS checks the name).
async fn addresses(server: &str) -> Result<Vec<String>, CommandError> {
    let url = crate::cli::health::url(server);
    let bad = |why: String| CommandError::Remote(format!("--server {server}: {why}"));
    let uri: http::Uri = url.parse().map_err(|e| bad(format!("not a URL: {e}")))?;
    if uri.scheme_str() != Some("http") {
        return Ok(vec![url]);
    }
    let host = uri.host().ok_or_else(|| bad("no host".into()))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = uri.port_u16().unwrap_or(80);
    let mut resolved: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| bad(format!("cannot resolve: {e}")))?
        .collect();
    resolved.sort();
    resolved.dedup();
    Ok(resolved.iter().map(|a| format!("http://{a}")).collect())
}

fn source_chain(e: &dyn std::error::Error) -> String {
    crate::cli::error::one_line(std::iter::successors(Some(e), |e| e.source()))
}
