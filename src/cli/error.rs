//! Why an offline command failed: the error `extract`, `check` and `compact` share.

use crate::gazetteer::LoadErrors;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    /// The gazetteer did not load.
    #[error(transparent)]
    Load(#[from] LoadErrors),
    /// The input could not be read.
    #[error("cannot read {path}: {source}")]
    Input {
        /// The input's name (`-` for stdin).
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// The input cannot be processed.
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    /// JSON serialisation failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}
