//! The gRPC edge: the service, its error mapping and the server (the `serve` flags and process
//! are in [`crate::cli`]).
//!
//! | concept | module |
//! |---|---|
//! | TLS files and the defaults shared with the `serve` flags | [`config`] |
//! | the handlers (unary and streaming) | [`service`] |
//! | request validation into core options | [`request`] |
//! | core extraction into the proto response | [`response`] |
//! | request errors → `tonic::Status` (the one mapping), every error within the trailer budget | [`status`] |
//! | decode errors as INVALID_ARGUMENT | [`codec`] |
//! | health, reflection, HTTP/2 settings, TLS, shutdown with a bounded drain | [`server`] |
//! | load shedding, client deadlines, oversized messages | [`admission`] |
//! | the threads matching runs on, stopping abandoned work | [`matching`] |
//! | TCP options, closing idle connections and connections stalled on a response | [`connection`] |
//! | slow peers: response chunking and byte budgets, request read timeout | [`slow_peer`] |
//! | ending health `Watch` streams at shutdown | [`drain`] |
//! | reload triggers: SIGHUP, file changes | [`triggers`] |
//! | `GazetteerAdmin`: info, reload, edits; tokens checked from the headers, its own limits | [`admin`] |
//! | the Prometheus recorder and the `/metrics` endpoint | [`prometheus`] |

pub mod admin;
pub mod admission;
pub mod codec;
pub mod config;
pub mod connection;
pub mod drain;
pub mod matching;
pub mod prometheus;
pub mod request;
pub mod response;
pub mod server;
pub mod service;
pub mod slow_peer;
pub mod status;
pub mod triggers;
