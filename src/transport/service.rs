//! The `gazette.v1.EntityExtractor` service: request validation, extraction, response building.

use std::pin::Pin;

use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use std::sync::Arc;

use super::live::LiveGazetteer;
use super::request::{validate, ValidRequest};
use super::response::to_response;
use super::status::{version_mismatch, RequestError};
use crate::extract::{Extractor, Field};
use crate::proto::v1::{entity_extractor_server::EntityExtractor, ExtractRequest, ExtractResponse};

/// Default for `--max-text-bytes`: 1 MiB, as Google Cloud Natural Language allows.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// Texts shorter than this are matched on the async worker; longer ones on the blocking pool so
/// one big document cannot stall every other request on that worker.
const INLINE_TEXT_BYTES: usize = 64 * 1024;

/// The gRPC service over the live gazetteer.
#[derive(Debug, Clone)]
pub struct ExtractorService {
    live: Arc<LiveGazetteer>,
    max_text_bytes: usize,
}

impl ExtractorService {
    /// A service answering with the gazetteer serving in `live` at each request, refusing texts
    /// over `max_text_bytes`.
    pub fn new(live: Arc<LiveGazetteer>, max_text_bytes: usize) -> Self {
        ExtractorService {
            live,
            max_text_bytes,
        }
    }

    /// Validates and answers one document. `context` (a stream position) prefixes the message
    /// of a validation error.
    async fn handle(
        &self,
        req: ExtractRequest,
        context: Option<String>,
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
            return run(&extractor, valid);
        }
        tokio::task::spawn_blocking(move || run(&extractor, valid))
            .await
            .map_err(|e| Status::internal(format!("extraction task failed: {e}")))?
    }
}

fn run(extractor: &Extractor, req: ValidRequest) -> Result<ExtractResponse, Status> {
    let fields: Vec<Field<'_>> = req
        .fields
        .iter()
        .map(|(name, text)| Field { name, text })
        .collect();
    let extraction = extractor
        .extract_fields(&fields, &req.options)
        .map_err(|e| RequestError::new("text", "TEXT_TOO_LARGE", e.to_string()))?;
    Ok(to_response(req.document_id, &req.fields, &extraction))
}

type ResponseStream = Pin<Box<dyn Stream<Item = Result<ExtractResponse, Status>> + Send>>;

#[tonic::async_trait]
impl EntityExtractor for ExtractorService {
    #[tracing::instrument(skip_all, fields(document_id = %request.get_ref().document_id))]
    async fn extract(
        &self,
        request: Request<ExtractRequest>,
    ) -> Result<Response<ExtractResponse>, Status> {
        let started = std::time::Instant::now();
        let result = self.handle(request.into_inner(), None).await;
        observe("Extract", started, &result);
        let response = result?;
        tracing::debug!(mentions = response.mentions.len(), "extracted");
        Ok(Response::new(response))
    }

    type ExtractStreamStream = ResponseStream;

    async fn extract_stream(
        &self,
        request: Request<Streaming<ExtractRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let state = StreamState {
            service: self.clone(),
            input: request.into_inner(),
            position: 0,
            done: false,
        };
        // Pull-based: the next request is read only when the transport asks for the next
        // response, so a client that stops reading stops the server reading too.
        let output = futures_util::stream::unfold(state, |mut st| async move {
            if st.done {
                return None;
            }
            let req = match st.input.next().await? {
                Ok(req) => req,
                Err(status) => {
                    st.done = true;
                    return Some((Err(status), st));
                }
            };
            let position = st.position;
            st.position += 1;
            let context = format!("document {position} (document_id {:?})", req.document_id);
            let started = std::time::Instant::now();
            let result = st.service.handle(req, Some(context)).await;
            observe("ExtractStream", started, &result);
            st.done = result.is_err();
            Some((result, st))
        });
        Ok(Response::new(Box::pin(output)))
    }
}

/// Records one document's outcome: count by code, latency, mentions.
fn observe(
    method: &'static str,
    started: std::time::Instant,
    result: &Result<ExtractResponse, Status>,
) {
    use super::metrics::names;
    let code = match result {
        Ok(_) => "OK".to_string(),
        Err(s) => format!("{:?}", s.code()),
    };
    metrics::counter!(names::REQUESTS, "method" => method, "code" => code).increment(1);
    metrics::histogram!(names::LATENCY, "method" => method).record(started.elapsed().as_secs_f64());
    if let Ok(r) = result {
        metrics::histogram!(names::MENTIONS).record(r.mentions.len() as f64);
    }
}

struct StreamState {
    service: ExtractorService,
    input: Streaming<ExtractRequest>,
    position: usize,
    done: bool,
}
