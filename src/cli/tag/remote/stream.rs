//! One stream's work: an ExtractStream call with documents in flight, reopened after each
//! failure, and the fate of the document at its head when it fails.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tonic::transport::Channel;
use tonic::{Code, Status};
use tonic_types::StatusExt;

use super::status::{backoff, code_name, failure};
use crate::cli::tag::document::{self, Failure};
use crate::cli::tag::input::Origin;
use crate::cli::tag::job::{failed, Done, Job, Outcome, Prepared, Requests};
use crate::proto::v1::entity_extractor_client::EntityExtractorClient;
use crate::proto::v1::ExtractRequest;

/// Documents sent on one stream ahead of its answers: enough to keep the server busy while an
/// answer travels back, few enough that a failed stream resends little.
pub(crate) const PIPELINE: usize = 8;

/// A document on its way to a server.
pub(super) struct Pending {
    seq: u64,
    origin: Origin,
    bytes: usize,
    req: ExtractRequest,
    /// Retries after RESOURCE_EXHAUSTED or UNAVAILABLE so far.
    retries: u32,
}

/// One stream's worth of work, reopened after each failure.
pub(super) struct Stream {
    pub(super) url: String,
    pub(super) client: EntityExtractorClient<Channel>,
    pub(super) queue: Arc<Mutex<tokio::sync::mpsc::Receiver<Job>>>,
    pub(super) requests: Arc<Requests>,
    pub(super) outcomes: mpsc::Sender<Vec<Outcome>>,
    pub(super) max_retries: u32,
    pub(super) max_line_bytes: usize,
    /// Documents to send again, in input order, before new ones.
    pub(super) retry: VecDeque<Pending>,
    pub(super) input_done: bool,
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
    pub(super) async fn run(mut self) -> Result<(), String> {
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
                            // The call is over: its status, if it comes, says why.
                            let last = tokio::time::timeout(Duration::from_secs(5), responses.message());
                            return match last.await {
                                Ok(Err(status)) => End::Failed(status),
                                _ => End::Broken,
                            };
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
