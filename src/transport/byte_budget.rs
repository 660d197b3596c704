//! A count of response bytes held, against a limit: one per connection and one for the process,
//! so clients that do not read their answers cannot make the server hold unbounded memory (see
//! `slow_peer.rs`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::metrics::names;

/// Bytes held, against a limit. A single frame larger than the whole limit is let through when
/// nothing else is held, so a limit below the largest response slows it down but never refuses
/// it forever.
#[derive(Debug)]
pub struct ByteBudget {
    held: AtomicUsize,
    limit: usize,
    /// Publish `held` as the process-wide gauge.
    gauge: bool,
    /// The value last published.
    published: AtomicUsize,
}

/// The gauge moves in steps of this much (and back to 0): setting it on every frame of every
/// small response would cost a registry lookup per frame for nothing an operator needs.
const GAUGE_STEP: usize = 1 << 20;

impl ByteBudget {
    /// A budget of `limit` bytes.
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(ByteBudget {
            held: AtomicUsize::new(0),
            limit,
            gauge: false,
            published: AtomicUsize::new(0),
        })
    }

    /// The process-wide budget, published as `gazette_response_buffer_bytes`.
    pub fn process_wide(limit: usize) -> Arc<Self> {
        metrics::gauge!(names::RESPONSE_BUFFER_BYTES).set(0.0);
        Arc::new(ByteBudget {
            held: AtomicUsize::new(0),
            limit,
            gauge: true,
            published: AtomicUsize::new(0),
        })
    }

    /// Bytes held now.
    pub fn held(&self) -> usize {
        self.held.load(Ordering::Acquire)
    }

    /// The limit in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    pub(crate) fn try_take(&self, n: usize) -> bool {
        let taken = self
            .held
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                let after = held.checked_add(n)?;
                (after <= self.limit || held == 0).then_some(after)
            })
            .is_ok();
        if taken {
            self.publish();
        }
        taken
    }

    pub(crate) fn give_back(&self, n: usize) {
        if n > 0 {
            self.held.fetch_sub(n, Ordering::AcqRel);
            self.publish();
        }
    }

    fn publish(&self) {
        if !self.gauge {
            return;
        }
        let held = self.held();
        let last = self.published.load(Ordering::Relaxed);
        if held.abs_diff(last) >= GAUGE_STEP || (held == 0 && last != 0) {
            self.published.store(held, Ordering::Relaxed);
            metrics::gauge!(names::RESPONSE_BUFFER_BYTES).set(held as f64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_lets_one_oversized_frame_through_alone() {
        let b = ByteBudget::new(100);
        assert!(b.try_take(60));
        assert!(!b.try_take(50));
        assert!(b.try_take(40));
        b.give_back(100);
        assert!(b.try_take(500), "alone, a frame over the limit passes");
        assert!(!b.try_take(1));
        b.give_back(500);
        assert_eq!(b.held(), 0);
    }
}
