//! End-to-end tests: a real server on 127.0.0.1:0, called over gRPC.

mod extract;
mod health;
mod reflection;
mod stream;
mod suggest;
mod validation;

use crate::common;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::{ExtractRequest, ExtractResponse, OffsetEncoding};
use tonic::Code;
use tonic_types::StatusExt;

fn req(id: &str, text: &str, enc: OffsetEncoding) -> ExtractRequest {
    ExtractRequest {
        document_id: id.into(),
        text: text.into(),
        offset_encoding: enc as i32,
        ..Default::default()
    }
}
