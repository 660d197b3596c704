//! Why an offline command failed: the error `extract`, `check`, `compact` and `tag` share.
//!
//! `main` prints an error with its whole `source()` chain (`{:#}`), so a variant either names
//! its cause in its own message or hands it on as its source, never both: both printed
//! `cannot read x.txt: No such file or directory (os error 2): No such file or directory (os
//! error 2)`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::gazetteer::LoadErrors;
use crate::transport::status::RequestError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    /// The gazetteer did not load.
    #[error("{}", load_errors(.0))]
    Load(LoadErrors),
    /// The input could not be read.
    #[error("cannot read {path}")]
    Input {
        /// The input's name (`-` for stdin).
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write output")]
    Output(#[from] std::io::Error),
    /// The input cannot be processed.
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    /// The request built from the flags is one the server would refuse too (the server's own
    /// validation says why, with the request's field paths).
    #[error("invalid request: {0}")]
    Request(RequestError),
    /// JSON serialisation failed.
    #[error("cannot write JSON")]
    Json(#[from] serde_json::Error),
    /// `check` was given paths holding no gazetteer file, or only empty ones.
    #[error("{0}")]
    Empty(String),
    /// Some documents of `gazette tag` failed (each has an error line in the output).
    #[error("{failed} of {total} documents failed; their lines in the output say why")]
    DocumentsFailed {
        /// Documents with an error line.
        failed: u64,
        /// Documents read.
        total: u64,
    },
    /// Flags that apply offline only were given with `--server`, where they would do nothing.
    #[error(
        "{0} tag offline only; with --server the servers' own gazetteers and threads are used"
    )]
    OfflineOnly(String),
    /// Flags that apply with `--server` only were given offline, where they would do nothing.
    #[error("{0} apply to --server only; offline, no server is called")]
    ServerOnly(String),
    /// The client TLS flags cannot be used.
    #[error(transparent)]
    Tls(#[from] crate::cli::client_tls::ClientTlsError),
    /// `--resume` needs an output file to read.
    #[error("--resume needs --output: the ids to skip are read from that file")]
    ResumeWithoutOutput,
    /// The output file of `--resume` could not be read.
    #[error("--resume: cannot read {}", path.display())]
    Resume {
        /// The output file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// No `--server` could be reached, or the async runtime failed.
    #[error("{0}")]
    Remote(String),
}

impl From<RequestError> for CommandError {
    fn from(e: RequestError) -> Self {
        CommandError::Request(e)
    }
}

impl From<LoadErrors> for CommandError {
    fn from(e: LoadErrors) -> Self {
        CommandError::Load(e)
    }
}

/// An error and its causes on one line, `outer: inner: …`, each said once: libraries repeat a
/// cause in their own message (`tcp connect error: tcp connect error: Connection refused`), and
/// a link that the one before it already ends with adds nothing.
pub(crate) fn one_line<'a, E>(links: impl IntoIterator<Item = &'a E>) -> String
where
    E: std::error::Error + ?Sized + 'a,
{
    let mut out = String::new();
    let mut previous = String::new();
    for link in links {
        let text = link.to_string();
        if text.is_empty() || previous.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        previous = text;
    }
    out
}

/// `LoadErrors` listed one a line as `file:line: message`, and `file: message` for a problem
/// with a whole file (its `line` is 0): a missing path is not on line 0 of anything.
fn load_errors(errors: &LoadErrors) -> String {
    let mut out = format!("{} error(s) in gazetteer", errors.0.len());
    for e in &errors.0 {
        let _ = match e.line {
            0 => write!(out, "\n  {}: {}", e.source_name, e.message),
            n => write!(out, "\n  {}:{n}: {}", e.source_name, e.message),
        };
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::gazetteer::LoadError;

    /// `e` and each of its sources: none says what the next one in the chain says, which
    /// `main`'s `{:#}` would then print twice.
    pub(crate) fn assert_said_once(e: &(dyn std::error::Error + 'static)) {
        let mut current = Some(e);
        while let Some(e) = current {
            if let Some(source) = e.source() {
                let (outer, inner) = (e.to_string(), source.to_string());
                assert!(
                    !outer.contains(&inner),
                    "{outer:?} repeats its source {inner:?}"
                );
            }
            current = e.source();
        }
    }

    fn io() -> std::io::Error {
        std::io::Error::from(std::io::ErrorKind::NotFound)
    }

    #[test]
    fn no_variant_repeats_its_source() {
        assert_said_once(&CommandError::Input {
            path: "x.txt".into(),
            source: io(),
        });
        assert_said_once(&CommandError::Output(io()));
        assert_said_once(&CommandError::Resume {
            path: "out.jsonl".into(),
            source: io(),
        });
        let bad_json = serde_json::from_str::<u8>("x").expect_err("not JSON");
        assert_said_once(&CommandError::Json(bad_json));
        assert_said_once(&CommandError::Load(LoadErrors(vec![LoadError {
            source_name: "g.tsv".into(),
            line: 2,
            message: "bad".into(),
        }])));
    }

    #[test]
    fn a_whole_file_problem_names_the_file_without_a_line() {
        let e = CommandError::Load(LoadErrors(vec![
            LoadError {
                source_name: "/nope".into(),
                line: 0,
                message: "cannot read: gone".into(),
            },
            LoadError {
                source_name: "g.tsv".into(),
                line: 3,
                message: "bad".into(),
            },
        ]));
        assert_eq!(
            e.to_string(),
            "2 error(s) in gazetteer\n  /nope: cannot read: gone\n  g.tsv:3: bad"
        );
    }
}
