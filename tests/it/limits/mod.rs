//! Limits and overload on a real server: oversized messages, load shedding (unary and streams),
//! client deadlines, idle connections, errors that fit in a response, and the admin surface's
//! limits. Every load here is bounded in count and guarded by a timeout that fails the test
//! instead of hanging it.

mod admin;
mod errors;
mod load;
mod raw;

use crate::common;

use crate::common::{bounded, doc, ServerOptions};

use std::time::Duration;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use tonic::Code;

async fn start(options: ServerOptions) -> common::TestServer {
    common::start_tiny(options).await
}
