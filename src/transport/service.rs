//! The `gazette.v1.EntityExtractor` service: request validation, extraction, response building.

use std::pin::Pin;

use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use super::status::RequestError;
use crate::extract::{ExtractOptions, Extraction, Extractor};
use crate::offsets::Encoding;
use crate::proto::v1::{
    entity_extractor_server::EntityExtractor, Entity, ExtractRequest, ExtractResponse, Mention,
    OffsetEncoding,
};

/// Default for `--max-text-bytes`: 1 MiB, as Google Cloud Natural Language allows.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// Texts shorter than this are matched on the async worker; longer ones on the blocking pool so
/// one big document cannot stall every other request on that worker.
const INLINE_TEXT_BYTES: usize = 64 * 1024;

/// A request that passed validation.
#[derive(Debug, Clone)]
pub struct ValidRequest {
    /// Echoed in the response.
    pub document_id: String,
    /// The text to tag.
    pub text: String,
    /// Core options built from the request.
    pub options: ExtractOptions,
}

/// Checks `req` against the API contract and `max_text_bytes`, reporting every violation.
pub fn validate(req: ExtractRequest, max_text_bytes: usize) -> Result<ValidRequest, RequestError> {
    let mut errors: Option<RequestError> = None;
    let mut fail = |e: RequestError| match &mut errors {
        Some(all) => all.push(e),
        None => errors = Some(e),
    };
    if req.text.len() > max_text_bytes {
        let mut e = RequestError::new(
            "text",
            "TEXT_TOO_LARGE",
            format!(
                "text is {} bytes, over the limit of {max_text_bytes} bytes; split the document",
                req.text.len()
            ),
        );
        e.metadata
            .insert("limitBytes".into(), max_text_bytes.to_string());
        e.metadata
            .insert("actualBytes".into(), req.text.len().to_string());
        fail(e);
    }
    let encoding = match OffsetEncoding::try_from(req.offset_encoding) {
        Ok(OffsetEncoding::Unspecified | OffsetEncoding::Utf8) => Encoding::Utf8,
        Ok(OffsetEncoding::Utf16) => Encoding::Utf16,
        Ok(OffsetEncoding::CodePoint) => Encoding::CodePoint,
        Err(_) => {
            fail(RequestError::new(
                "offset_encoding",
                "UNKNOWN_OFFSET_ENCODING",
                format!(
                    "unknown value {}; use OFFSET_ENCODING_UTF8 (1), _UTF16 (2) or _CODE_POINT (3)",
                    req.offset_encoding
                ),
            ));
            Encoding::Utf8
        }
    };
    for (i, t) in req.entity_types.iter().enumerate() {
        let ok = !t.is_empty()
            && t.len() <= 64
            && t.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            fail(RequestError::new(
                format!("entity_types[{i}]"),
                "INVALID_ENTITY_TYPE",
                format!("{t:?} is not an entity type; types are upper case, e.g. LOCATION"),
            ));
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    Ok(ValidRequest {
        document_id: req.document_id,
        text: req.text,
        options: ExtractOptions {
            entity_types: req.entity_types,
            encoding,
        },
    })
}

/// Builds the proto response for `extraction` of `text`.
pub fn to_response(document_id: String, text: &str, extraction: &Extraction) -> ExtractResponse {
    let mut entity_index = vec![0u32; extraction.mentions.len()];
    let entities = extraction
        .entities
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let e = extraction.entry(g.entry as usize);
            for &m in &g.mentions {
                entity_index[m as usize] = gi as u32;
            }
            Entity {
                id: e.id.clone(),
                name: e.name.clone(),
                r#type: e.entity_type.clone(),
                salience: g.salience,
                mention_indexes: g.mentions.clone(),
                attributes: e
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                namespace: e.namespace.clone(),
            }
        })
        .collect();
    let mentions = extraction
        .mentions
        .iter()
        .zip(entity_index)
        .map(|(m, entity_index)| {
            let e = extraction.entry(m.entry);
            Mention {
                start: m.start as u32,
                end: m.end as u32,
                text: text[m.byte_start..m.byte_end].to_string(),
                entity_id: e.id.clone(),
                r#type: e.entity_type.clone(),
                matched_alias: e.form(m.form).to_string(),
                entity_index,
            }
        })
        .collect();
    let offset_encoding = match extraction.encoding {
        Encoding::Utf8 => OffsetEncoding::Utf8,
        Encoding::Utf16 => OffsetEncoding::Utf16,
        Encoding::CodePoint => OffsetEncoding::CodePoint,
    };
    ExtractResponse {
        document_id,
        mentions,
        entities,
        gazetteer_version: extraction.gazetteer_version().to_string(),
        offset_encoding: offset_encoding as i32,
    }
}

/// The gRPC service over one extractor.
#[derive(Debug, Clone)]
pub struct ExtractorService {
    extractor: Extractor,
    max_text_bytes: usize,
}

impl ExtractorService {
    /// A service answering with `extractor`, refusing texts over `max_text_bytes`.
    pub fn new(extractor: Extractor, max_text_bytes: usize) -> Self {
        ExtractorService {
            extractor,
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
        let valid = validate(req, self.max_text_bytes).map_err(|mut e| {
            e.context = context;
            Status::from(e)
        })?;
        let extractor = self.extractor.clone();
        if valid.text.len() < INLINE_TEXT_BYTES {
            return run(&extractor, valid);
        }
        tokio::task::spawn_blocking(move || run(&extractor, valid))
            .await
            .map_err(|e| Status::internal(format!("extraction task failed: {e}")))?
    }
}

fn run(extractor: &Extractor, req: ValidRequest) -> Result<ExtractResponse, Status> {
    let extraction = extractor
        .extract(&req.text, &req.options)
        .map_err(|e| RequestError::new("text", "TEXT_TOO_LARGE", e.to_string()))?;
    Ok(to_response(req.document_id, &req.text, &extraction))
}

type ResponseStream = Pin<Box<dyn Stream<Item = Result<ExtractResponse, Status>> + Send>>;

#[tonic::async_trait]
impl EntityExtractor for ExtractorService {
    #[tracing::instrument(skip_all, fields(document_id = %request.get_ref().document_id))]
    async fn extract(
        &self,
        request: Request<ExtractRequest>,
    ) -> Result<Response<ExtractResponse>, Status> {
        let response = self.handle(request.into_inner(), None).await?;
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
            let result = st.service.handle(req, Some(context)).await;
            st.done = result.is_err();
            Some((result, st))
        });
        Ok(Response::new(Box::pin(output)))
    }
}

struct StreamState {
    service: ExtractorService,
    input: Streaming<ExtractRequest>,
    position: usize,
    done: bool,
}
