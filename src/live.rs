//! The gazetteer the server is serving now, and replacing it while requests run: edits, reloads
//! and background merges. Tokio and files, but no gRPC: the transport calls in here.
//!
//! Readers take a snapshot (`Arc`) per request, so a request finishes on the index it started
//! with; new indexes are built on the blocking pool, validated, and published with one atomic
//! swap (`arc-swap`, lock-free for readers). A reload that fails leaves the old index in place.
//!
//! What is served is three layers: the files (`base`), the edits not yet merged into the base
//! (the edit layer, [`Overlay`](crate::edits::Overlay)), and, for reloads, every edit since the log began (laid over
//! the new files, so edits outlive reloads). Edits are typed ([`Edit`](crate::edits::Edit)) and parsed once, at the
//! edge; they are made durable through an [`EditLog`](crate::edits::EditLog): the file journal, or the
//! shared store replicas follow.
//!
//! Work that must not be cut in half runs in its own task, never in the caller's future: a
//! gRPC handler is dropped when its client's deadline passes or the client goes away, and
//! whatever it was awaiting would stop at that `.await`.
//!
//! - An edit (validate, log, apply) runs in a spawned task; the caller only awaits its result.
//!   Once the log write has begun, the edit is applied too, whether or not anyone is still
//!   waiting, so what is served always equals what a restart would replay.
//! - Full builds (reloads and background merges) run one at a time (a build lock), held by the
//!   task doing the build until the build has really ended. Reload requests coalesce: callers
//!   arriving while a reload runs share the next one.
//! - Edits and swaps of the serving index are serialised by `state_lock`, which is never held
//!   across a full build.
//!
//! | concept | file |
//! |---|---|
//! | the serving state: snapshot, layers, edit log | `live/serving.rs` |
//! | edits: log, then apply | `live/edit.rs` |
//! | the edit history, and undo | `live/history.rs` |
//! | following a shared edit log: other servers' edits, in log order | `live/follow.rs` |
//! | reloads from the files | `live/reload.rs` |
//! | what a reload reports and keeps; coalescing rounds | `live/rounds.rs` |
//! | the background merge of the edit layer | `live/merge.rs` |
//! | single-flight full builds, counted | `live/builds.rs` |

mod builds;
mod edit;
mod follow;
mod history;
mod merge;
mod reload;
mod rounds;
mod serving;

pub use builds::{BuildStats, DEFAULT_MERGE_EDITS_AT};
pub use edit::{EditError, Edited};
pub use merge::MergeError;
pub use rounds::{
    relative_paths, relative_to_roots, ReloadError, ReloadOutcome, Reloaded, Trigger,
    MAX_RELOAD_ERRORS, MAX_RELOAD_ERROR_BYTES, SEE_CHECK,
};
pub use serving::{LiveGazetteer, LogStatus, Snapshot, Sources, StartError};
