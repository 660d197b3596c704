//! The gRPC edge: the service, its error mapping and the server (the `serve` flags and process
//! are in [`crate::cli`]).
//!
//! | concept | module |
//! |---|---|
//! | TLS files and the defaults shared with the `serve` flags | `config` |
//! | the handlers (unary and streaming) | `service` |
//! | request validation into core options | `request` |
//! | core extraction into the proto response | `response` |
//! | request errors → `tonic::Status` (the one mapping), every error within the trailer budget | `status` |
//! | decode errors as INVALID_ARGUMENT | `codec` |
//! | any status cut to the trailer budget, whoever built it | `fit_errors` |
//! | health, reflection, HTTP/2 settings, TLS, shutdown with a bounded drain | `server` |
//! | load shedding, client deadlines, oversized messages | `admission` |
//! | the threads matching runs on, stopping abandoned work | `matching` |
//! | TCP options, closing idle connections and connections stalled on a response | `connection` |
//! | slow peers: response chunking and byte budgets, request read timeout | `slow_peer` |
//! | response bytes held against a limit, per connection and process-wide | `byte_budget` |
//! | the shape every layer wraps (`HttpService`, `BoxFuture`, `take_ready`) | `http_service` |
//! | ending health `Watch` streams at shutdown | `drain` |
//! | the shared edit store's health, a health service of its own | `store_health` |
//! | reload triggers: SIGHUP, file changes | `triggers` |
//! | `GazetteerAdmin`: info, reload, edits; tokens checked from the headers, its own limits | `admin` |
//! | the web console: embedded page and gRPC-web on `--console-listen` | `console` |
//! | the host names the console answers (DNS rebinding) | `console_hosts` |
//! | the Prometheus recorder and the `/metrics` endpoint | `prometheus` |

pub(crate) mod admin;
pub(crate) mod admission;
pub(crate) mod byte_budget;
pub(crate) mod codec;
pub(crate) mod config;
pub(crate) mod connection;
pub(crate) mod console;
pub(crate) mod console_hosts;
pub(crate) mod drain;
pub(crate) mod fit_errors;
pub(crate) mod http_service;
pub(crate) mod matching;
pub(crate) mod prometheus;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod server;
pub(crate) mod service;
pub(crate) mod slow_peer;
pub(crate) mod status;
pub(crate) mod store_health;
pub(crate) mod triggers;

// The public surface: what an embedding program or the integration tests need to run a server.
// Everything else is this crate's business.
pub use admin::{parse_tokens, NamedToken, Role};
pub use byte_budget::ByteBudget;
pub use config::{default_max_message_bytes, TlsFiles, DEFAULT_MAX_CONCURRENT_RPCS};
pub use console::{ConsoleListener, CONTENT_SECURITY_POLICY};
pub use console_hosts::ConsoleHosts;
pub use prometheus::{install as install_metrics, serve as serve_metrics};
pub use server::{run, ServeError, ServerOptions};
pub use service::DEFAULT_MAX_TEXT_BYTES;
pub use status::{encoded_error_bytes, MAX_ERROR_BYTES};
pub use store_health::EDIT_STORE_HEALTH_SERVICE;
