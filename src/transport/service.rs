//! The `gazette.v1.EntityExtractor` service: request validation, extraction, response building.

use std::pin::Pin;

use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use std::sync::Arc;

use tokio::time::Instant;

use super::admission::{Deadline, Permit, PermitHandle};
use super::matching::{MatchingPool, Stopped};
use super::request::{validate, ValidRequest};
use super::response::to_response;
use super::status::{deadline_exceeded, version_mismatch, RequestError};
use crate::extract::{ExtractError, Extractor, Field};
use crate::live::LiveGazetteer;
use crate::proto::v1::{entity_extractor_server::EntityExtractor, ExtractRequest, ExtractResponse};

/// Default for `--max-text-bytes`: 1 MiB, as Google Cloud Natural Language allows.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// Texts shorter than this are first matched on the async worker, where a handoff to a matching
/// thread would cost more than the work (a news article takes ~20 µs). Longer texts go to the
/// [`MatchingPool`].
const INLINE_TEXT_BYTES: usize = 8 * 1024;

/// How long a short text may be matched on the async worker: past this (checked at the
/// matcher's polls, a fraction of a millisecond apart), it is matched again on a matching
/// thread. Bytes do not tell cost (8 KiB of `a™a™…` costs twenty times 8 KiB of news), and a
/// worker busy with matching delays every other RPC it serves, health checks included.
const INLINE_BUDGET: std::time::Duration = std::time::Duration::from_micros(100);

/// The gRPC service over the live gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct ExtractorService {
    live: Arc<LiveGazetteer>,
    max_text_bytes: usize,
    pool: MatchingPool,
}

impl ExtractorService {
    /// A service answering with the gazetteer serving in `live` at each request, refusing texts
    /// over `max_text_bytes`, matching on `pool`.
    pub(crate) fn new(live: Arc<LiveGazetteer>, max_text_bytes: usize, pool: MatchingPool) -> Self {
        ExtractorService {
            live,
            max_text_bytes,
            pool,
        }
    }

    /// Validates and answers one document. `context` (a stream position) prefixes the message
    /// of a validation error; `permit` and `deadline` go with the work to the matching thread.
    async fn handle(
        &self,
        req: ExtractRequest,
        context: Option<String>,
        permit: Option<&Permit>,
        deadline: Option<Deadline>,
    ) -> Result<ExtractResponse, Status> {
        // One snapshot for the whole request: a reload meanwhile does not change its answer.
        let snapshot = self.live.snapshot();
        let extractor = snapshot.extractor.clone();
        let current = extractor.gazetteer().version();
        if !req.gazetteer_version.is_empty() && req.gazetteer_version != current {
            return Err(version_mismatch(&req.gazetteer_version, current));
        }
        let valid =
            validate(req, self.max_text_bytes, extractor.gazetteer()).map_err(|mut e| {
                e.context = context;
                Status::from(e)
            })?;
        if valid.text_bytes() < INLINE_TEXT_BYTES {
            let started = std::time::Instant::now();
            let over_budget = std::cell::Cell::new(false);
            let inline = run(&extractor, &valid, &|| {
                over_budget.set(started.elapsed() > INLINE_BUDGET);
                over_budget.get()
            });
            if !over_budget.get() {
                return inline;
            }
            metrics::counter!(crate::metrics::names::MOVED).increment(1);
        }
        let deadline = deadline.map(|Deadline(at)| at.into_std());
        match self
            .pool
            .run(permit.cloned(), deadline, move |stop| {
                run(&extractor, &valid, stop)
            })
            .await
        {
            Ok(answer) => answer,
            Err(Stopped::Abandoned) => Err(stopped(deadline)),
            Err(Stopped::Failed) => Err(Status::internal("extraction failed; see the server log")),
        }
    }
}

/// The status of a document whose work stopped because its client stopped waiting (nobody but
/// a log reads it).
fn stopped(deadline: Option<std::time::Instant>) -> Status {
    if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
        deadline_exceeded()
    } else {
        Status::cancelled("the client cancelled the request")
    }
}

fn run(
    extractor: &Extractor,
    req: &ValidRequest,
    stop: &dyn Fn() -> bool,
) -> Result<ExtractResponse, Status> {
    let fields: Vec<Field<'_>> = req
        .fields
        .iter()
        .map(|(name, text)| Field { name, text })
        .collect();
    let extraction = match extractor.extract_fields_until(&fields, &req.options, stop) {
        Ok(extraction) => extraction,
        Err(ExtractError::Interrupted) => return Err(Status::cancelled("stopped")),
        Err(e) => return Err(RequestError::new("text", "TEXT_TOO_LARGE", e.to_string()).into()),
    };
    if stop() {
        return Err(Status::cancelled("stopped"));
    }
    Ok(to_response(
        req.document_id.clone(),
        &req.fields,
        &extraction,
    ))
}

type ResponseStream = Pin<Box<dyn Stream<Item = Result<ExtractResponse, Status>> + Send>>;

#[tonic::async_trait]
impl EntityExtractor for ExtractorService {
    async fn extract(
        &self,
        request: Request<ExtractRequest>,
    ) -> Result<Response<ExtractResponse>, Status> {
        let started = Instant::now();
        let deadline = request.extensions().get::<Deadline>().copied();
        let permit = request
            .extensions()
            .get::<PermitHandle>()
            .and_then(PermitHandle::permit);
        let req = request.into_inner();
        let document = Document::of(&req);
        let result = within(deadline, self.handle(req, None, permit.as_ref(), deadline)).await;
        observe("Extract", &document, started, &result);
        result.map(Response::new)
    }

    type ExtractStreamStream = ResponseStream;

    async fn extract_stream(
        &self,
        request: Request<Streaming<ExtractRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let deadline = request.extensions().get::<Deadline>().copied();
        let permit = request
            .extensions()
            .get::<PermitHandle>()
            .and_then(PermitHandle::permit);
        let state = StreamState {
            service: self.clone(),
            input: request.into_inner(),
            position: 0,
            done: false,
            permit,
            deadline,
        };
        // Pull-based: the next request is read only when the transport asks for the next
        // response, so a client that stops reading stops the server reading too.
        // The client's deadline covers the whole call, waiting for its next document included.
        let output = futures_util::stream::unfold(state, move |mut st| async move {
            if st.done {
                return None;
            }
            let next = async { Ok(st.next().await) };
            let result = match within(deadline, next).await {
                Ok(None) => return None,
                Ok(Some(result)) => result,
                Err(status) => Err(status),
            };
            st.done = result.is_err();
            Some((result, st))
        });
        Ok(Response::new(Box::pin(output)))
    }
}

/// `work`, or DEADLINE_EXCEEDED once `deadline` passes: also when it has passed before the work
/// starts or by the time it ends (matching on the async worker runs to the end of one poll), as
/// the client has stopped waiting. Matching handed to a matching thread sees the deadline too,
/// and stops at its next poll.
async fn within<T>(
    deadline: Option<Deadline>,
    work: impl std::future::Future<Output = Result<T, Status>>,
) -> Result<T, Status> {
    let Some(Deadline(at)) = deadline else {
        return work.await;
    };
    if Instant::now() >= at {
        return Err(deadline_exceeded());
    }
    match tokio::time::timeout_at(at, work).await {
        Ok(_) if Instant::now() >= at => Err(deadline_exceeded()),
        Ok(result) => result,
        Err(_) => Err(deadline_exceeded()),
    }
}

/// What the per-RPC log line and metrics say about a document, taken before it is consumed.
struct Document {
    id: String,
    text_bytes: usize,
}

impl Document {
    fn of(req: &ExtractRequest) -> Self {
        let fields: usize = req.fields.iter().map(|f| f.text.len()).sum();
        Document {
            id: req.document_id.clone(),
            text_bytes: req.text.len() + req.headline.len() + fields,
        }
    }
}

/// Records one document's outcome: count by code, latency, text bytes, mentions, and one debug
/// line (never the text itself).
fn observe(
    method: &'static str,
    document: &Document,
    started: Instant,
    result: &Result<ExtractResponse, Status>,
) {
    use crate::metrics::names;
    let code = match result {
        Ok(_) => tonic::Code::Ok,
        Err(s) => s.code(),
    };
    let elapsed = started.elapsed();
    let mentions = result.as_ref().map_or(0, |r| r.mentions.len());
    // Names as grpc-go's `codes.Code.String()` gives them, as most dashboards expect.
    let code_name = match code {
        tonic::Code::Ok => "OK".to_string(),
        other => format!("{other:?}"),
    };
    metrics::counter!(names::REQUESTS, "method" => method, "code" => code_name).increment(1);
    metrics::histogram!(names::LATENCY, "method" => method).record(elapsed.as_secs_f64());
    metrics::counter!(names::TEXT_BYTES, "method" => method).increment(document.text_bytes as u64);
    if result.is_ok() {
        metrics::histogram!(names::MENTIONS).record(mentions as f64);
    }
    tracing::debug!(
        method,
        code = ?code,
        latency_us = elapsed.as_micros() as u64,
        bytes = document.text_bytes,
        mentions,
        document_id = %document.id,
        "rpc"
    );
}

struct StreamState {
    service: ExtractorService,
    input: Streaming<ExtractRequest>,
    position: usize,
    done: bool,
    permit: Option<Permit>,
    deadline: Option<Deadline>,
}

impl StreamState {
    /// Reads and answers the next document; `None` when the client has finished.
    async fn next(&mut self) -> Option<Result<ExtractResponse, Status>> {
        let req = match self.input.next().await? {
            Ok(req) => req,
            Err(status) => return Some(Err(status)),
        };
        let position = self.position;
        self.position += 1;
        let document = Document::of(&req);
        let context = format!("document {position} (document_id {:?})", req.document_id);
        let started = Instant::now();
        let result = self
            .service
            .handle(req, Some(context), self.permit.as_ref(), self.deadline)
            .await;
        observe("ExtractStream", &document, started, &result);
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tonic::Code;

    fn extractor() -> Extractor {
        Extractor::new(super::super::request::tests::gazetteer())
    }

    fn service(max_text_bytes: usize) -> ExtractorService {
        let live = LiveGazetteer::new(extractor(), None);
        ExtractorService::new(live, max_text_bytes, MatchingPool::new(1).expect("pool"))
    }

    fn doc(text: &str) -> ExtractRequest {
        ExtractRequest {
            text: text.into(),
            ..Default::default()
        }
    }

    /// A text of at least `bytes` bytes, long enough to go to the matching pool when over
    /// [`INLINE_TEXT_BYTES`], mentioning the one known name once per sentence; and that count.
    fn long_text(bytes: usize) -> (String, usize) {
        let sentence = "Ali Habib spoke to the council again on Tuesday. ";
        let n = bytes / sentence.len() + 1;
        (sentence.repeat(n), n)
    }

    #[test]
    fn run_answers_when_not_stopped() {
        let x = extractor();
        let valid = validate(doc("Ali Habib spoke."), 1 << 20, x.gazetteer()).expect("valid");
        let r = run(&x, &valid, &|| false).expect("answer");
        assert_eq!(r.mentions.len(), 1);
        assert_eq!(r.mentions[0].entity_id, "p:habib");
    }

    #[test]
    fn run_told_to_stop_is_cancelled_not_an_error_of_the_request() {
        let x = extractor();
        let valid = validate(doc("Ali Habib spoke."), 1 << 20, x.gazetteer()).expect("valid");
        let status = run(&x, &valid, &|| true).expect_err("stopped");
        assert_eq!(status.code(), Code::Cancelled, "{status:?}");
        // Stopped during matching (ExtractError::Interrupted) rather than after it: the same.
        let (text, _) = long_text(64 * 1024);
        let valid = validate(doc(&text), 1 << 20, x.gazetteer()).expect("valid");
        let body = [Field {
            name: crate::extract::BODY,
            text: &text,
        }];
        let interrupted = x.extract_fields_until(&body, &valid.options, &|| true);
        assert!(matches!(interrupted, Err(ExtractError::Interrupted)));
        let status = run(&x, &valid, &|| true).expect_err("stopped");
        assert_eq!(status.code(), Code::Cancelled, "{status:?}");
    }

    #[test]
    fn stopped_work_is_deadline_exceeded_once_the_deadline_passed_else_cancelled() {
        let now = std::time::Instant::now();
        assert_eq!(stopped(Some(now)).code(), Code::DeadlineExceeded);
        let later = now + Duration::from_secs(3600);
        assert_eq!(stopped(Some(later)).code(), Code::Cancelled);
        assert_eq!(stopped(None).code(), Code::Cancelled);
    }

    #[tokio::test]
    async fn within_passes_the_answer_on_while_the_deadline_holds() {
        let answer = within(None, async { Ok::<_, Status>(7) }).await;
        assert_eq!(answer.expect("no deadline"), 7);
        let err = within(None, async { Err::<(), _>(Status::not_found("x")) }).await;
        assert_eq!(err.expect_err("its error").code(), Code::NotFound);
        let far = Deadline(Instant::now() + Duration::from_secs(3600));
        assert_eq!(
            within(Some(far), async { Ok(8) }).await.expect("in time"),
            8
        );
    }

    #[tokio::test]
    async fn within_is_deadline_exceeded_once_the_deadline_passes() {
        // Passed before the work starts: the work is not even begun.
        let began = std::cell::Cell::new(false);
        let passed = Deadline(Instant::now());
        let work = async {
            began.set(true);
            Ok(())
        };
        let status = within(Some(passed), work).await.expect_err("passed");
        assert_eq!(status.code(), Code::DeadlineExceeded);
        assert!(!began.get());
        // Passes while the work runs.
        let soon = Deadline(Instant::now() + Duration::from_millis(20));
        let slow = async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        };
        let status = within(Some(soon), slow).await.expect_err("cut");
        assert_eq!(status.code(), Code::DeadlineExceeded);
    }

    #[tokio::test]
    async fn a_stale_version_pin_is_failed_precondition_naming_the_current_one() {
        let s = service(1 << 20);
        let current = extractor().gazetteer().version().to_string();
        let pinned = ExtractRequest {
            gazetteer_version: current.clone(),
            ..doc("Ali Habib")
        };
        assert!(s.handle(pinned, None, None, None).await.is_ok());
        let stale = ExtractRequest {
            gazetteer_version: "sha256:0000".into(),
            ..doc("Ali Habib")
        };
        let status = s.handle(stale, None, None, None).await.expect_err("stale");
        assert_eq!(status.code(), Code::FailedPrecondition);
        assert!(status.message().contains(&current), "{}", status.message());
    }

    #[tokio::test]
    async fn invalid_requests_are_invalid_argument_with_their_stream_position() {
        let s = service(10);
        let status = s
            .handle(doc("Ali Habib spoke."), None, None, None)
            .await
            .expect_err("over the service's limit");
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(
            status.message().starts_with("text: "),
            "{}",
            status.message()
        );
        let bad = ExtractRequest {
            entity_types: vec!["person".into()],
            ..doc("Ali")
        };
        let context = Some("document 3 (document_id \"d\")".to_string());
        let status = s.handle(bad, context, None, None).await.expect_err("bad");
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(
            status
                .message()
                .starts_with("document 3 (document_id \"d\"): entity_types[0]: "),
            "{}",
            status.message()
        );
    }

    #[tokio::test]
    async fn long_texts_are_answered_by_the_matching_pool_within_their_deadline() {
        let s = service(1 << 20);
        let (text, n) = long_text(INLINE_TEXT_BYTES * 2);
        let r = s
            .handle(doc(&text), None, None, None)
            .await
            .expect("answer");
        assert_eq!(r.mentions.len(), n);
        // Already past its deadline when its turn on a matching thread comes: not run.
        let passed = Deadline(Instant::now());
        let status = s
            .handle(doc(&text), None, None, Some(passed))
            .await
            .expect_err("abandoned");
        assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    }

    #[test]
    fn a_document_counts_the_text_of_every_field() {
        let req = ExtractRequest {
            document_id: "d-1".into(),
            headline: "abc".into(),
            fields: vec![crate::proto::v1::Field {
                name: "caption".into(),
                text: "de".into(),
            }],
            ..doc("fghij")
        };
        let d = Document::of(&req);
        assert_eq!((d.id.as_str(), d.text_bytes), ("d-1", 10));
    }
}
