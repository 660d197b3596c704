//! What `gazette tag` tells the person running it: a progress bar on a terminal (documents, MB,
//! documents/s, ETA from the input's size), and one summary line at the end.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::job::Done;

/// The run's figures so far, and the bar when stderr is a terminal.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    summary: Summary,
    last_message: Instant,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Summary {
    /// Documents answered.
    pub(crate) answered: u64,
    /// Documents with an error line.
    pub(crate) failed: u64,
    /// Documents skipped because `--resume` found their response.
    pub(crate) skipped: u64,
    /// Input bytes read.
    pub(crate) bytes: u64,
    /// How long it took.
    pub(crate) elapsed: Duration,
}

impl Summary {
    /// Documents read.
    pub(crate) fn total(&self) -> u64 {
        self.answered + self.failed + self.skipped
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "tagged {} documents ({:.1} MB) in {:.2} s: {:.0} documents/s, {:.1} MB/s; {} failed, {} skipped (--resume)",
            self.total(),
            mb,
            secs,
            self.total() as f64 / secs,
            mb / secs,
            self.failed,
            self.skipped,
        )
    }
}

impl Progress {
    /// Starts the clock, and a bar when stderr is a terminal (`total_bytes` known: a bar with an
    /// ETA; stdin: a spinner).
    pub(crate) fn start(total_bytes: Option<u64>) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = match total_bytes {
                Some(n) => ProgressBar::new(n).with_style(
                    ProgressStyle::with_template(
                        "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg} ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {elapsed_precise} {binary_bytes} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            started: now,
            summary: Summary::default(),
            last_message: now,
        }
    }

    /// Counts one document written (or skipped).
    pub(crate) fn record(&mut self, bytes: usize, done: &Done) {
        let s = &mut self.summary;
        s.bytes += bytes as u64;
        match done {
            Done::Answered(_) => s.answered += 1,
            Done::Failed(_) => s.failed += 1,
            Done::Skipped => s.skipped += 1,
        }
        if let Some(bar) = &self.bar {
            bar.set_position(s.bytes);
            // Formatting the message for every document would cost more than drawing.
            if self.last_message.elapsed() > Duration::from_millis(200) {
                self.last_message = Instant::now();
                let secs = self.started.elapsed().as_secs_f64().max(1e-9);
                bar.set_message(format!(
                    "{} docs, {:.0} docs/s, {} failed",
                    s.total(),
                    s.total() as f64 / secs,
                    s.failed
                ));
            }
        }
    }

    /// Clears the bar and returns the figures.
    pub(crate) fn finish(mut self) -> Summary {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.summary.elapsed = self.started.elapsed();
        self.summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_every_kind_of_document() {
        let mut p = Progress::start(None);
        p.record(100, &Done::Answered(String::new()));
        p.record(50, &Done::Failed(String::new()));
        p.record(10, &Done::Skipped);
        let s = p.finish();
        assert_eq!((s.answered, s.failed, s.skipped, s.bytes), (1, 1, 1, 160));
        let line = s.to_string();
        assert!(line.starts_with("tagged 3 documents"), "{line}");
        assert!(line.contains("1 failed, 1 skipped"), "{line}");
    }
}
