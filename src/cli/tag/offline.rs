//! Offline taggers: `--threads` threads over one in-memory gazetteer, each taking the next line,
//! doing what the server does with it (validate, extract, build the response) and handing the
//! finished line back.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::document::{self, Failure};
use super::job::{failed, Done, Job, Outcome, Prepared, Requests, Taggers};
use crate::cli::error::CommandError;
use crate::cli::extract::respond;
use crate::cli::tag_args::TagArgs;
use crate::extract::Extractor;
use crate::sources;
use crate::transport::request::validate;

/// Loads the gazetteers and starts the threads.
pub(super) fn start(
    args: &TagArgs,
    requests: Arc<Requests>,
    outcomes: mpsc::Sender<Vec<Outcome>>,
) -> Result<Taggers, CommandError> {
    let loaded = sources::load(
        &args.gazetteer.gazetteers,
        !args.gazetteer.no_default_gazetteer,
    )?;
    let extractor = Extractor::new(loaded.gazetteer);
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    // A couple of batches queued per thread, so none waits on the reader.
    let (jobs, queue) = mpsc::sync_channel::<Vec<Job>>(threads * 2);
    let queue = Arc::new(Mutex::new(queue));
    let max_line_bytes = args.max_line_bytes;
    let mut handles = Vec::with_capacity(threads);
    for i in 0..threads {
        let (queue, outcomes) = (queue.clone(), outcomes.clone());
        let (extractor, requests) = (extractor.clone(), requests.clone());
        let handle = std::thread::Builder::new()
            .name(format!("tag-{i}"))
            .spawn(move || loop {
                // The lock is held only to take a batch, never while tagging.
                let batch = match queue.lock() {
                    Ok(q) => q.recv(),
                    Err(_) => return,
                };
                let Ok(batch) = batch else { return };
                let done: Vec<Outcome> = batch
                    .iter()
                    .map(|job| Outcome {
                        seq: job.seq,
                        bytes: job.bytes,
                        done: tag_one(&extractor, &requests, job, max_line_bytes),
                    })
                    .collect();
                if outcomes.send(done).is_err() {
                    return; // the writer stopped
                }
            })
            .map_err(CommandError::Output)?;
        handles.push(handle);
    }
    Ok(Taggers {
        jobs,
        join: Box::new(move || {
            for h in handles {
                h.join()
                    .map_err(|_| CommandError::Remote("a tagging thread panicked".into()))?;
            }
            Ok(())
        }),
    })
}

/// What the server would answer for `job`, as its output line.
fn tag_one(extractor: &Extractor, requests: &Requests, job: &Job, max_line_bytes: usize) -> Done {
    let req = match requests.prepare(job, max_line_bytes) {
        Prepared::Done(done) => return done,
        Prepared::Request(req) => req,
    };
    let id = req.document_id.clone();
    let valid = match validate(req, usize::MAX, extractor.gazetteer()) {
        Ok(valid) => valid,
        Err(e) => return failed(Some(&id), &job.origin, &Failure::from(e)),
    };
    match respond(extractor, &valid) {
        Ok(response) => Done::Answered(document::response_line(response)),
        Err(e) => failed(Some(&id), &job.origin, &Failure::invalid(e.to_string())),
    }
}
