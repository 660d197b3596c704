//! The reorder window: documents finish out of order (threads, streams, retries) but are
//! written in input order, and the reader may run only so far ahead of the writer, so memory
//! is bounded by the window, not by the input.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

/// How far the reader may run ahead: document `seq` is read only once every document before
/// `seq - capacity` is written. Shared by the reader (waits) and the writer (advances).
#[derive(Debug)]
pub(crate) struct Window {
    capacity: u64,
    state: Mutex<State>,
    moved: Condvar,
}

#[derive(Debug)]
struct State {
    written: u64,
    closed: bool,
}

impl Window {
    /// A window of `capacity` documents (at least one).
    pub(crate) fn new(capacity: usize) -> Self {
        Window {
            capacity: capacity.max(1) as u64,
            state: Mutex::new(State {
                written: 0,
                closed: false,
            }),
            moved: Condvar::new(),
        }
    }

    /// Waits until document `seq` may be read; false if the run was closed meanwhile (the
    /// writer failed), and the reader should stop.
    pub(crate) fn admit(&self, seq: u64) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        while !s.closed && seq >= s.written + self.capacity {
            s = self.moved.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        !s.closed
    }

    /// Whether document `seq` may be read now, without waiting.
    pub(crate) fn try_admit(&self, seq: u64) -> bool {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.closed || seq < s.written + self.capacity
    }

    /// Every document before `written` is written.
    pub(crate) fn advance(&self, written: u64) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.written = written;
        self.moved.notify_all();
    }

    /// Stops the reader at its next document.
    pub(crate) fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.closed = true;
        self.moved.notify_all();
    }
}

/// Finished documents held until every earlier one is finished: at most the window's worth.
#[derive(Debug)]
pub(crate) struct Reorder<T> {
    next: u64,
    held: BTreeMap<u64, T>,
}

impl<T> Default for Reorder<T> {
    fn default() -> Self {
        Reorder {
            next: 0,
            held: BTreeMap::new(),
        }
    }
}

impl<T> Reorder<T> {
    /// Takes document `seq` and returns the documents now ready, in order.
    pub(crate) fn push(&mut self, seq: u64, item: T) -> Vec<T> {
        self.held.insert(seq, item);
        let mut ready = Vec::new();
        while let Some(item) = self.held.remove(&self.next) {
            ready.push(item);
            self.next += 1;
        }
        ready
    }

    /// The sequence number of the next document to write: every one before it is out.
    pub(crate) fn next(&self) -> u64 {
        self.next
    }

    /// Documents held, waiting for an earlier one.
    #[cfg(test)]
    pub(crate) fn held(&self) -> usize {
        self.held.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn documents_come_out_in_order_whatever_order_they_finish_in() {
        let mut r = Reorder::default();
        assert!(r.push(2, 'c').is_empty());
        assert!(r.push(1, 'b').is_empty());
        assert_eq!(r.held(), 2);
        assert_eq!(r.push(0, 'a'), ['a', 'b', 'c']);
        assert_eq!(r.push(3, 'd'), ['d']);
        assert_eq!((r.next(), r.held()), (4, 0));
    }

    #[test]
    fn the_reader_waits_for_the_writer_and_stops_when_closed() {
        let w = Arc::new(Window::new(2));
        assert!(w.admit(0) && w.admit(1));
        assert!(!w.try_admit(2));
        let reader = {
            let w = w.clone();
            std::thread::spawn(move || w.admit(2))
        };
        // The reader can only be released by the writer's advance.
        w.advance(1);
        assert!(reader.join().expect("reader"));
        let reader = {
            let w = w.clone();
            std::thread::spawn(move || w.admit(5))
        };
        w.close();
        assert!(!reader.join().expect("reader"));
    }
}
