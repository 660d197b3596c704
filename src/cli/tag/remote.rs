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
use tonic::{Code, Status};
use tonic_types::StatusExt;

use super::document::{self, Failure, FieldViolation};
use super::input::Origin;
use super::{failed, Done, Job, Outcome, Prepared, Requests, Taggers};
use crate::cli::error::CommandError;
use crate::cli::tag_args::TagArgs;
use crate::proto::v1::entity_extractor_client::EntityExtractorClient;
use crate::proto::v1::ExtractRequest;

/// Documents sent on one stream ahead of its answers: enough to keep the server busy while an
/// answer travels back, few enough that a failed stream resends little.
const PIPELINE: usize = 8;

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
    let channels = runtime.block_on(connect_all(&args.servers))?;
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
async fn connect_all(servers: &[String]) -> Result<Vec<(String, Channel)>, CommandError> {
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
        let channel = endpoint.connect().await.map_err(|e| {
            CommandError::Remote(format!(
                "--server {url}: cannot connect: {}",
                source_chain(&e)
            ))
        })?;
        channels.push((url, channel));
    }
    Ok(channels)
}

/// The URLs behind one `--server` value: `http://` ones by resolved address, `https://` ones as
/// given (TLS checks the name).
async fn addresses(server: &str) -> Result<Vec<String>, CommandError> {
    let url = if server.contains("://") {
        server.to_string()
    } else {
        format!("http://{server}")
    };
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
    let mut s = e.to_string();
    let mut next = e.source();
    while let Some(inner) = next {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        next = inner.source();
    }
    s
}

/// A document on its way to a server.
struct Pending {
    seq: u64,
    origin: Origin,
    bytes: usize,
    req: ExtractRequest,
    /// Retries after RESOURCE_EXHAUSTED or UNAVAILABLE so far.
    retries: u32,
}

/// One stream's worth of work, reopened after each failure.
struct Stream {
    url: String,
    client: EntityExtractorClient<Channel>,
    queue: Arc<Mutex<tokio::sync::mpsc::Receiver<Job>>>,
    requests: Arc<Requests>,
    outcomes: mpsc::Sender<Vec<Outcome>>,
    max_retries: u32,
    max_line_bytes: usize,
    /// Documents to send again, in input order, before new ones.
    retry: VecDeque<Pending>,
    input_done: bool,
}

/// How one call ended.
enum End {
    /// Every document answered and the input is over.
    Done,
    /// The server ended the stream early or it broke; nothing is the head document's fault.
    Broken,
    /// The call failed with this status (at its head document, if one was in flight).
    Failed(Status),
}

impl Stream {
    /// Runs calls until the input is over; an error when the server failed this many times in a
    /// row with nothing answered (its documents then have error lines).
    async fn run(mut self) -> Result<(), String> {
        let mut failures_in_a_row = 0u32;
        loop {
            if self.input_done && self.retry.is_empty() {
                return Ok(());
            }
            let mut in_flight = VecDeque::new();
            let end = self.call(&mut in_flight, &mut failures_in_a_row).await;
            let (documents_fault, delay) = match end {
                End::Done => return Ok(()),
                End::Broken => (false, None),
                End::Failed(status) => self.settle_head(&mut in_flight, status),
            };
            // What was sent and not answered goes out again, first.
            while let Some(p) = in_flight.pop_back() {
                self.retry.push_front(p);
            }
            if !documents_fault {
                failures_in_a_row += 1;
            }
            if failures_in_a_row > self.max_retries {
                let why = format!(
                    "{}: {failures_in_a_row} failures in a row; {}",
                    self.url,
                    delay
                        .as_ref()
                        .map_or("the stream broke", |(_, m)| m.as_str())
                );
                self.fail_everything_held(&why);
                return Err(why);
            }
            let wait = delay.map_or_else(|| backoff(failures_in_a_row), |(d, _)| d);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
        }
    }

    /// One ExtractStream call: sends documents (at most [`PIPELINE`] unanswered) and writes
    /// answers, until the input is over or the call fails.
    async fn call(&mut self, in_flight: &mut VecDeque<Pending>, failures: &mut u32) -> End {
        let (tx, rx) = tokio::sync::mpsc::channel::<ExtractRequest>(PIPELINE);
        let mut responses = match self
            .client
            .extract_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
            .await
        {
            Ok(r) => r.into_inner(),
            Err(status) => return End::Failed(status),
        };
        let mut tx = Some(tx);
        loop {
            let can_send = tx.is_some() && in_flight.len() < PIPELINE;
            if !can_send && in_flight.is_empty() {
                return End::Done;
            }
            tokio::select! {
                biased;
                answer = responses.message(), if !in_flight.is_empty() => match answer {
                    Ok(Some(response)) => {
                        let Some(p) = in_flight.pop_front() else { return End::Broken };
                        *failures = 0;
                        let line = document::response_line(response);
                        self.emit(&p, Done::Answered(line));
                    }
                    Ok(None) => return End::Broken,
                    Err(status) => return End::Failed(status),
                },
                next = next_pending(&mut self.retry, &self.queue, &self.requests, &self.outcomes, self.max_line_bytes), if can_send => match next {
                    None => {
                        self.input_done = true;
                        // Ends the request stream; the server answers what it has and ends.
                        tx = None;
                    }
                    Some(p) => {
                        let Some(sender) = &tx else { return End::Broken };
                        if sender.send(p.req.clone()).await.is_err() {
                            self.retry.push_front(p);
                            return End::Broken;
                        }
                        in_flight.push_back(p);
                    }
                },
            }
        }
    }

    /// Decides the head document's fate after `status`: retried or failed. Returns whether the
    /// failure was the document's own (so the server is not to blame), and the delay before the
    /// next call with a description of the failure.
    fn settle_head(
        &mut self,
        in_flight: &mut VecDeque<Pending>,
        status: Status,
    ) -> (bool, Option<(Duration, String)>) {
        let retryable = matches!(status.code(), Code::ResourceExhausted | Code::Unavailable);
        let described = format!("{}: {}", code_name(status.code()), status.message());
        let server_delay = status
            .get_details_retry_info()
            .and_then(|r| r.retry_delay)
            .map(|d| d.min(Duration::from_secs(60)));
        let Some(mut head) = in_flight.pop_front() else {
            return (false, server_delay.map(|d| (d, described)));
        };
        if retryable {
            head.retries += 1;
            if head.retries > self.max_retries {
                let f = failure(&status);
                self.emit(&head, failed(Some(&head.req.document_id), &head.origin, &f));
                // Retries exhausted for this document: the stream itself is still suspect.
                return (false, server_delay.map(|d| (d, described)));
            }
            let delay = server_delay.unwrap_or_else(|| backoff(head.retries));
            in_flight.push_front(head);
            return (false, Some((delay, described)));
        }
        let f = failure(&status);
        self.emit(&head, failed(Some(&head.req.document_id), &head.origin, &f));
        (true, Some((Duration::ZERO, described)))
    }

    /// Gives every document this stream holds an error line (the server is gone).
    fn fail_everything_held(&mut self, why: &str) {
        let f = Failure {
            code: "UNAVAILABLE".into(),
            message: why.to_string(),
            violations: Vec::new(),
        };
        while let Some(p) = self.retry.pop_front() {
            self.emit(&p, failed(Some(&p.req.document_id), &p.origin, &f));
        }
    }

    fn emit(&self, p: &Pending, done: Done) {
        let _ = self.outcomes.send(vec![Outcome {
            seq: p.seq,
            bytes: p.bytes,
            done,
        }]);
    }
}

/// The next document to send: a retry first, else the next line of input (lines that need no
/// server, a bad line or a `--resume` skip, are finished here). `None` when the input is over.
/// Cancel-safe: it awaits only the queue's lock and `recv`, and finishes nothing it then drops.
async fn next_pending(
    retry: &mut VecDeque<Pending>,
    queue: &Mutex<tokio::sync::mpsc::Receiver<Job>>,
    requests: &Requests,
    outcomes: &mpsc::Sender<Vec<Outcome>>,
    max_line_bytes: usize,
) -> Option<Pending> {
    if let Some(p) = retry.pop_front() {
        return Some(p);
    }
    loop {
        let job = queue.lock().await.recv().await?;
        match requests.prepare(&job, max_line_bytes) {
            Prepared::Request(req) => {
                return Some(Pending {
                    seq: job.seq,
                    origin: job.origin,
                    bytes: job.bytes,
                    req,
                    retries: 0,
                })
            }
            Prepared::Done(done) => {
                let _ = outcomes.send(vec![Outcome {
                    seq: job.seq,
                    bytes: job.bytes,
                    done,
                }]);
            }
        }
    }
}

/// The wait before retry `n` when the server gave no delay: 100 ms doubling, at most 5 s.
fn backoff(n: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << n.saturating_sub(1).min(6)))
        .min(Duration::from_secs(5))
}

/// A status as the error of one document: its code's name, message and field violations.
fn failure(status: &Status) -> Failure {
    Failure {
        code: code_name(status.code()),
        message: status.message().to_string(),
        violations: status
            .get_details_bad_request()
            .map(|b| {
                b.field_violations
                    .into_iter()
                    .map(|v| FieldViolation {
                        field: v.field,
                        description: v.description,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A code's canonical name (`INVALID_ARGUMENT`), as the other error lines and gRPC docs say it.
fn code_name(code: Code) -> String {
    let camel = format!("{code:?}");
    let mut name = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_as_grpc_names_them() {
        assert_eq!(code_name(Code::InvalidArgument), "INVALID_ARGUMENT");
        assert_eq!(code_name(Code::Unavailable), "UNAVAILABLE");
        assert_eq!(code_name(Code::Ok), "OK");
    }

    #[test]
    fn backoff_doubles_from_100ms_up_to_5s() {
        let got: Vec<u128> = (1..=9).map(|n| backoff(n).as_millis()).collect();
        assert_eq!(got, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    }

    /// A stream over a channel that is never used, and where its outcomes go.
    fn stream(max_retries: u32) -> (Stream, mpsc::Receiver<Vec<Outcome>>) {
        let channel = tonic::transport::Endpoint::from_static("http://127.0.0.1:9").connect_lazy();
        let (outcomes, received) = mpsc::channel();
        let (_, queue) = tokio::sync::mpsc::channel(1);
        let stream = Stream {
            url: "http://127.0.0.1:9".into(),
            client: EntityExtractorClient::new(channel),
            queue: Arc::new(Mutex::new(queue)),
            requests: Arc::new(Requests {
                base: ExtractRequest::default(),
                skip: Default::default(),
            }),
            outcomes,
            max_retries,
            max_line_bytes: 1 << 20,
            retry: VecDeque::new(),
            input_done: false,
        };
        (stream, received)
    }

    fn pending(seq: u64) -> Pending {
        Pending {
            seq,
            origin: Origin {
                source: "in.jsonl".into(),
                line: seq + 1,
            },
            bytes: 10,
            req: ExtractRequest {
                document_id: format!("d{seq}"),
                ..Default::default()
            },
            retries: 0,
        }
    }

    fn shed(delay_ms: u64) -> Status {
        let details =
            tonic_types::ErrorDetails::with_retry_info(Some(Duration::from_millis(delay_ms)));
        Status::with_error_details(Code::ResourceExhausted, "busy", details)
    }

    /// RESOURCE_EXHAUSTED keeps the head document for a retry after the server's delay, at most
    /// `max_retries` times; then the document gets its error line. Another code fails the head
    /// at once, and is the document's fault, not the server's.
    #[tokio::test]
    async fn shedding_is_retried_after_the_servers_delay_a_bounded_number_of_times() {
        let (mut s, received) = stream(2);
        let mut in_flight = VecDeque::from([pending(0), pending(1)]);
        for retry in 1..=2 {
            let (fault, delay) = s.settle_head(&mut in_flight, shed(70));
            assert!(!fault);
            assert_eq!(delay.map(|(d, _)| d), Some(Duration::from_millis(70)));
            assert_eq!((in_flight[0].seq, in_flight[0].retries), (0, retry));
            assert!(received.try_recv().is_err(), "nothing written yet");
        }
        s.settle_head(&mut in_flight, shed(70));
        let out = received.try_recv().expect("an error line");
        let Done::Failed(line) = &out[0].done else {
            panic!("not an error line")
        };
        assert!(
            line.contains("RESOURCE_EXHAUSTED") && line.contains("in.jsonl:1"),
            "{line}"
        );
        assert_eq!(in_flight.len(), 1);
        // Without RetryInfo, UNAVAILABLE waits the backoff.
        let (_, delay) = s.settle_head(&mut in_flight, Status::unavailable("down"));
        assert_eq!(delay.map(|(d, _)| d), Some(backoff(1)));
        let (fault, delay) = s.settle_head(&mut in_flight, Status::invalid_argument("bad"));
        assert!(fault);
        assert_eq!(delay.map(|(d, _)| d), Some(Duration::ZERO));
        let out = received.try_recv().expect("an error line");
        assert_eq!(out[0].seq, 1);
        assert!(in_flight.is_empty());
    }

    #[test]
    fn a_status_keeps_its_field_violations() {
        let details = tonic_types::ErrorDetails::with_bad_request_violation("text", "too big");
        let status = Status::with_error_details(Code::InvalidArgument, "bad", details);
        let f = failure(&status);
        assert_eq!(f.code, "INVALID_ARGUMENT");
        assert_eq!(f.violations[0].field, "text");
    }
}
