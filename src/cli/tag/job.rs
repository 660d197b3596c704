//! The messages between the stages of `gazette tag`: a job (a line read), its outcome, what is
//! written for it, and the request a job becomes; the taggers' handle.

use std::collections::HashSet;
use std::sync::mpsc;

use super::document::{self, Failure};
use super::input::{Line, Origin};
use crate::cli::error::CommandError;
use crate::proto::v1::ExtractRequest;

/// One line read, to be tagged.
#[derive(Debug)]
pub(crate) struct Job {
    /// Its place in the input.
    pub(super) seq: u64,
    pub(super) origin: Origin,
    pub(super) line: Line,
    /// Input bytes, for the figures.
    pub(super) bytes: usize,
}

/// One document finished.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(super) seq: u64,
    pub(super) bytes: usize,
    pub(super) done: Done,
}

/// What is written for a document.
#[derive(Debug)]
pub(crate) enum Done {
    /// A response line.
    Answered(String),
    /// An error line.
    Failed(String),
    /// Nothing: `--resume` found its response in the output.
    Skipped,
}

/// What every tagger needs to turn a job into a request.
#[derive(Debug)]
pub(crate) struct Requests {
    /// The options of the flags, for every document.
    pub(super) base: ExtractRequest,
    /// Ids answered by an earlier run (`--resume`).
    pub(super) skip: HashSet<String>,
}

/// A job's request, or what to write for it without asking anyone.
pub(super) enum Prepared {
    Request(ExtractRequest),
    Done(Done),
}

impl Requests {
    pub(super) fn prepare(&self, job: &Job, max_line_bytes: usize) -> Prepared {
        let line = match &job.line {
            Line::Read(line) => line,
            Line::TooLong(len) => {
                let f = Failure::invalid(format!(
                    "the line is {len} bytes, over --max-line-bytes ({max_line_bytes})"
                ));
                return Prepared::Done(failed(None, &job.origin, &f));
            }
        };
        match document::parse(line, &self.base) {
            Err(message) => {
                let id = document::id_of_bad_line(line);
                Prepared::Done(failed(
                    id.as_deref(),
                    &job.origin,
                    &Failure::invalid(message),
                ))
            }
            Ok(req) if self.skip.contains(&req.document_id) => Prepared::Done(Done::Skipped),
            Ok(req) => Prepared::Request(req),
        }
    }
}

pub(super) fn failed(id: Option<&str>, origin: &Origin, failure: &Failure) -> Done {
    Done::Failed(document::error_line(id, &origin.to_string(), failure))
}

/// Taggers started: where to send jobs, and how to wait for them to finish.
pub(crate) struct Taggers {
    /// Jobs in; dropping it tells the taggers the input is over.
    pub(super) jobs: mpsc::SyncSender<Vec<Job>>,
    /// Waits for every tagger; an error when they could not work at all.
    pub(super) join: Box<dyn FnOnce() -> Result<(), CommandError>>,
}
