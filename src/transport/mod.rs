//! The gRPC edge: configuration, the service, its error mapping and the server.
//!
//! | concept | module |
//! |---|---|
//! | flags and `GAZETTE_*` variables | [`config`] |
//! | request validation, handlers, response building | [`service`] |
//! | request errors → `tonic::Status` (the one mapping) | [`status`] |
//! | decode errors as INVALID_ARGUMENT | [`codec`] |
//! | health, reflection, HTTP/2 settings, shutdown | [`server`] |

pub mod codec;
pub mod config;
pub mod server;
pub mod service;
pub mod status;
