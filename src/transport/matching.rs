//! Where matching runs: a few threads of its own, never tokio's workers.
//!
//! Matching is CPU work. On tokio's workers, a burst of large documents delays everything else
//! those workers poll, health checks included: 500 requests of just under 64 KiB each held
//! health checks for up to 4.3 s. On tokio's blocking pool (up to 512 threads) the same burst
//! runs hundreds of threads on two cores, and a health check waits its turn among them. Here one
//! thread per core takes documents from a queue, so the async workers only decode, encode and
//! answer, and always have a core's share to do it with.
//!
//! The queue needs no bound of its own: every document in it holds its RPC's admission
//! [`Permit`], so it holds at most `--max-concurrent-rpcs` documents. A document whose client
//! has gone (cancelled, or past its deadline) is skipped when its turn comes, and one being
//! matched stops at the matcher's next poll; either way its permit is released only then.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::oneshot;

use super::admission::Permit;
use crate::metrics::names;

type Job = Box<dyn FnOnce() + Send>;

/// The matching threads and their queue. Threads end when the last clone is dropped.
#[derive(Debug, Clone)]
pub(crate) struct MatchingPool {
    queue: Sender<Job>,
}

/// Why a document's work ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Stopped {
    /// The client stopped waiting before or while the document was matched.
    #[error("the client stopped waiting")]
    Abandoned,
    /// The matching threads are gone, or the work panicked (logged).
    #[error("the matching thread failed")]
    Failed,
}

impl MatchingPool {
    /// A pool of `threads` matching threads (at least one).
    pub(crate) fn new(threads: usize) -> std::io::Result<MatchingPool> {
        let (queue, jobs) = channel::<Job>();
        let jobs = Arc::new(Mutex::new(jobs));
        for i in 0..threads.max(1) {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("gazette-match-{i}"))
                .spawn(move || work_loop(&jobs))?;
        }
        Ok(MatchingPool { queue })
    }

    /// Runs `work` on a matching thread and returns its result. `work` receives a `stop` check
    /// to poll: true once `deadline` has passed or this future has been dropped (the client
    /// went away). `permit` is held until the work ends, whenever that is.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        permit: Option<Permit>,
        deadline: Option<Instant>,
        work: impl FnOnce(&dyn Fn() -> bool) -> T + Send + 'static,
    ) -> Result<T, Stopped> {
        let (tx, rx) = oneshot::channel();
        let abandoned = Arc::new(AtomicBool::new(false));
        let on_drop = SetOnDrop(abandoned.clone());
        metrics::gauge!(names::MATCHING_QUEUE).increment(1.0);
        let job: Job = Box::new(move || {
            metrics::gauge!(names::MATCHING_QUEUE).decrement(1.0);
            let _permit = permit;
            let stop = || {
                abandoned.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d)
            };
            if stop() {
                metrics::counter!(names::STOPPED, "when" => "queued").increment(1);
                let _ = tx.send(Err(Stopped::Abandoned));
                return;
            }
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| work(&stop)));
            if stop() {
                metrics::counter!(names::STOPPED, "when" => "matching").increment(1);
            }
            let _ = tx.send(out.map_err(|_| {
                tracing::error!("a matching job panicked; its request fails");
                Stopped::Failed
            }));
        });
        if self.queue.send(job).is_err() {
            return Err(Stopped::Failed);
        }
        let out = rx.await;
        // Answered: nothing left to stop.
        std::mem::forget(on_drop);
        out.unwrap_or(Err(Stopped::Failed))
    }
}

/// Takes jobs until the pool is dropped. (Jobs catch their own panics.)
fn work_loop(jobs: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            // Held while waiting: the other threads wait for the lock instead of the queue.
            let Ok(jobs) = jobs.lock() else { return };
            match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        job();
    }
}

/// Sets its flag when dropped: the RPC's future was dropped before the answer came.
struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::admission::Admission;
    use std::time::Duration;

    #[tokio::test]
    async fn an_abandoned_job_is_told_to_stop_and_keeps_its_permit_until_it_does() {
        let pool = MatchingPool::new(1).expect("pool");
        let admission = Admission::new(1, 1024);
        let permit = admission.try_permit().expect("a permit");
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let runner = pool.clone();
        let call = tokio::spawn(async move {
            runner
                .run(Some(permit), None, move |stop| {
                    started_tx.send(()).expect("test waits");
                    // Work that polls until told to stop, then waits to be released.
                    while !stop() {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    release_rx.recv().expect("test releases");
                })
                .await
        });
        tokio::task::spawn_blocking(move || started_rx.recv())
            .await
            .expect("join")
            .expect("started");
        call.abort();
        let _ = call.await;
        // The client is gone, the work is not: the permit is still held.
        assert_eq!(admission.in_flight(), 1);
        assert!(
            admission.try_permit().is_none(),
            "a second RPC was admitted"
        );
        release_tx.send(()).expect("release");
        for _ in 0..500 {
            if admission.in_flight() == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the permit was never released");
    }

    #[tokio::test]
    async fn a_job_past_its_deadline_when_its_turn_comes_is_skipped() {
        let pool = MatchingPool::new(1).expect("pool");
        let past = Instant::now();
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        let out = pool
            .run(None, Some(past), move |_| {
                flag.store(true, Ordering::SeqCst)
            })
            .await;
        assert_eq!(out, Err(Stopped::Abandoned));
        assert!(!ran.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn a_panicking_job_fails_its_request_and_the_thread_goes_on() {
        let pool = MatchingPool::new(1).expect("pool");
        let out = pool.run(None, None, |_| panic!("boom")).await;
        assert_eq!(out, Err::<(), _>(Stopped::Failed));
        assert_eq!(pool.run(None, None, |_| 7).await, Ok(7));
    }
}
