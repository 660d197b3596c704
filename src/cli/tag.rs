//! `gazette tag`: bulk tagging of JSON Lines documents, offline or through running servers.
//!
//! One reader thread reads lines (in input order, numbering them), taggers answer them in any
//! order, and this thread writes them back in input order. The reader waits while it is a
//! [`window::Window`] ahead of the writer, so memory is bounded however large the input.
//!
//! | concept | module |
//! |---|---|
//! | inputs: files, directories, stdin; lines with a length limit | `input` |
//! | the stages' messages: a job, its outcome, its request; the taggers' handle | `job` |
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
use job::{Done, Job, Outcome, Requests};

mod document;
mod input;
mod job;
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

/// The flags of `flags` that were given, by name.
fn given(flags: &[(bool, &'static str)]) -> Vec<&'static str> {
    flags
        .iter()
        .filter_map(|&(given, flag)| given.then_some(flag))
        .collect()
}

/// `gazette tag`: tags every document of the inputs and writes one line per document, in input
/// order, to `--output` or stdout; returns the figures. Documents that fail get an error line
/// and the run goes on; failing to read the input or write the output stops it.
pub(crate) fn tag(args: &TagArgs) -> Result<Summary, CommandError> {
    if !args.servers.is_empty() {
        let offline_only = given(&[
            (args.threads.is_some(), "--threads"),
            (!args.gazetteer.gazetteers.is_empty(), "--gazetteer"),
            (
                args.gazetteer.no_default_gazetteer,
                "--no-default-gazetteer",
            ),
        ]);
        if !offline_only.is_empty() {
            return Err(CommandError::OfflineOnly(offline_only.join(", ")));
        }
    } else {
        let tls = &args.tls;
        let server_only = given(&[
            (tls.ca_cert.is_some(), "--ca-cert"),
            (tls.client_cert.is_some(), "--client-cert"),
            (tls.client_key.is_some(), "--client-key"),
        ]);
        if !server_only.is_empty() {
            return Err(CommandError::ServerOnly(server_only.join(", ")));
        }
    }
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
