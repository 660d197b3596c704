//! `gazette tag`: bulk tagging of JSON Lines documents, offline or through running servers.
//!
//! One reader thread reads lines (in input order, numbering them), taggers answer them in any
//! order, and this thread writes them back in input order. The reader waits while it is a
//! [`window::Window`] ahead of the writer, so memory is bounded however large the input.
//!
//! | concept | module |
//! |---|---|
//! | inputs: files, directories, stdin; lines with a length limit | `input` |
//! | an input line as a request; response and error lines | `document` |
//! | the bounded reorder window | `window` |
//! | offline taggers: threads over the core | `offline` |
//! | taggers through servers: connecting, ExtractStream calls, retries (`remote::{stream, status}`) | `remote` |
//! | `--resume`: ids already answered | `resume` |
//! | the progress bar and the summary line | `progress` |

use std::collections::HashSet;
use std::io::Write;
use std::sync::mpsc;
use std::sync::Arc;

use super::error::CommandError;
use super::tag_args::TagArgs;
use crate::proto::v1::ExtractRequest;
use document::Failure;
use input::{Line, Origin};

mod document;
mod input;
mod offline;
mod progress;
mod remote;
mod resume;
mod window;

pub(crate) use progress::Summary;

/// Lines handed to a tagger at once (fewer if the window is full or the input pauses), and
/// outcomes handed back at once: one channel hand-off, often a futex wake-up each, per
/// document cost ~10% of a tagging thread's time. (A batch is sent when full, when the window
/// is, or at the end of the input: from a slow pipe, lines are tagged 32 at a time.)
const BATCH: usize = 32;

/// The output's buffer: one write call per ~100 responses.
const OUTPUT_BUFFER: usize = 1 << 20;

/// One line read, to be tagged.
#[derive(Debug)]
pub(crate) struct Job {
    /// Its place in the input.
    seq: u64,
    origin: Origin,
    line: Line,
    /// Input bytes, for the figures.
    bytes: usize,
}

/// One document finished.
#[derive(Debug)]
pub(crate) struct Outcome {
    seq: u64,
    bytes: usize,
    done: Done,
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
    base: ExtractRequest,
    /// Ids answered by an earlier run (`--resume`).
    skip: HashSet<String>,
}

/// A job's request, or what to write for it without asking anyone.
enum Prepared {
    Request(ExtractRequest),
    Done(Done),
}

impl Requests {
    fn prepare(&self, job: &Job, max_line_bytes: usize) -> Prepared {
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

fn failed(id: Option<&str>, origin: &Origin, failure: &Failure) -> Done {
    Done::Failed(document::error_line(id, &origin.to_string(), failure))
}

/// `gazette tag`: tags every document of the inputs and writes one line per document, in input
/// order, to `--output` or stdout; returns the figures. Documents that fail get an error line
/// and the run goes on; failing to read the input or write the output stops it.
pub(crate) fn tag(args: &TagArgs) -> Result<Summary, CommandError> {
    let inputs = input::resolve(&args.inputs)?;
    let total_bytes = input::total_bytes(&inputs);
    let base = args.request.to_request();
    // Options every document shares are checked once, up front: `--types location` would
    // otherwise fail every document one by one.
    let empty = crate::gazetteer::GazetteerBuilder::new().build()?;
    crate::transport::request::validate(base.clone(), usize::MAX, &empty)?;
    let skip = match (&args.output, args.resume) {
        (Some(path), true) => resume::answered(path)?,
        (None, true) => return Err(CommandError::ResumeWithoutOutput),
        _ => HashSet::new(),
    };
    let requests = Arc::new(Requests { base, skip });
    let mut out: Box<dyn Write> = match &args.output {
        // Large writes: the writer is the one serial stage, and a response is ~10 KB.
        Some(path) => Box::new(std::io::BufWriter::with_capacity(
            OUTPUT_BUFFER,
            resume::open(path, args.resume)?,
        )),
        None => Box::new(std::io::BufWriter::with_capacity(
            OUTPUT_BUFFER,
            std::io::stdout(),
        )),
    };
    let (outcomes_tx, outcomes) = mpsc::channel::<Vec<Outcome>>();
    let taggers = if args.servers.is_empty() {
        offline::start(args, requests, outcomes_tx)?
    } else {
        remote::start(args, requests, outcomes_tx)?
    };
    let window = Arc::new(window::Window::new(args.window));
    let reader = {
        let (window, jobs, max) = (window.clone(), taggers.jobs, args.max_line_bytes);
        std::thread::Builder::new()
            .name("tag-reader".into())
            .spawn(move || {
                let mut seq = 0;
                let mut batch = Vec::with_capacity(BATCH);
                let result = input::for_each_line(&inputs, max, |origin, line, bytes| {
                    let job = Job {
                        seq,
                        origin,
                        line,
                        bytes,
                    };
                    seq += 1;
                    // A batch waiting here while the window is full would never be answered.
                    if !batch.is_empty() && !window.try_admit(job.seq) {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if jobs.send(full).is_err() {
                            return false;
                        }
                    }
                    if !window.admit(job.seq) {
                        return false;
                    }
                    batch.push(job);
                    if batch.len() < BATCH {
                        return true;
                    }
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    jobs.send(full).is_ok()
                });
                if !batch.is_empty() {
                    let _ = jobs.send(batch);
                }
                (seq, result)
            })
            .map_err(CommandError::Output)?
    };
    let mut progress = progress::Progress::start(total_bytes);
    let mut order = window::Reorder::default();
    let written = (|| -> Result<(), CommandError> {
        for outcome in outcomes.into_iter().flatten() {
            for (bytes, done) in order.push(outcome.seq, (outcome.bytes, outcome.done)) {
                match &done {
                    Done::Answered(line) | Done::Failed(line) => out.write_all(line.as_bytes())?,
                    Done::Skipped => {}
                }
                progress.record(bytes, &done);
            }
            window.advance(order.next());
        }
        out.flush()?;
        Ok(())
    })();
    // A failed write stops the reader; the taggers stop when their jobs run out.
    window.close();
    let (read, read_result) = reader
        .join()
        .map_err(|_| CommandError::Remote("the reader thread panicked".into()))?;
    (taggers.join)()?;
    written?;
    read_result?;
    if order.next() < read {
        return Err(CommandError::Remote(format!(
            "{} of {read} documents got no answer: {}",
            read - order.next(),
            "every tagger stopped (see the errors above)"
        )));
    }
    Ok(progress.finish())
}

/// Taggers started: where to send jobs, and how to wait for them to finish.
pub(crate) struct Taggers {
    /// Jobs in; dropping it tells the taggers the input is over.
    jobs: mpsc::SyncSender<Vec<Job>>,
    /// Waits for every tagger; an error when they could not work at all.
    join: Box<dyn FnOnce() -> Result<(), CommandError>>,
}
