//! The metrics Gazette publishes: their names, in one place, and the gauges of the serving
//! gazetteer. They are recorded through the `metrics` facade wherever the event happens (the
//! transport, the serving gazetteer); [`crate::transport::prometheus`] installs the recorder and
//! serves `/metrics`.

/// Names of the metrics, in one place.
pub(crate) mod names {
    /// Counter: RPCs by `method` and gRPC `code`.
    pub(crate) const REQUESTS: &str = "gazette_requests_total";
    /// Histogram: RPC latency in seconds by `method`.
    pub(crate) const LATENCY: &str = "gazette_request_duration_seconds";
    /// Histogram: mentions per document.
    pub(crate) const MENTIONS: &str = "gazette_mentions_per_document";
    /// Counter: reload attempts by `trigger` and `result` (`ok`, `error`).
    pub(crate) const RELOADS: &str = "gazette_reloads_total";
    /// Counter: edited entries by `op` (`upsert`, `delete`, `restore`).
    pub(crate) const EDITS: &str = "gazette_edits_total";
    /// Gauge: entries serving now.
    pub(crate) const ENTRIES: &str = "gazette_gazetteer_entries";
    /// Gauge: 1, labelled with the serving gazetteer's `version`.
    pub(crate) const VERSION: &str = "gazette_gazetteer_info";
    /// Counter: RPCs refused by load shedding.
    pub(crate) const SHED: &str = "gazette_shed_requests_total";
    /// Counter: UTF-8 bytes of text received, by `method`.
    pub(crate) const TEXT_BYTES: &str = "gazette_text_bytes_total";
    /// Gauge: extractor RPCs in flight (unary and streaming).
    pub(crate) const IN_FLIGHT: &str = "gazette_rpcs_in_flight";
    /// Gauge: documents waiting for a matching thread.
    pub(crate) const MATCHING_QUEUE: &str = "gazette_matching_queue";
    /// Counter: short documents that took too long to match on the async worker and were
    /// matched again on a matching thread.
    pub(crate) const MOVED: &str = "gazette_matching_moved_to_pool_total";
    /// Counter: documents whose client stopped waiting (deadline passed, or cancelled), by
    /// `when` the work stopped: `queued` (never started) or `matching` (stopped at a poll).
    pub(crate) const STOPPED: &str = "gazette_extractions_stopped_total";
    /// Gauge: 1 while filesystem events watch the `--gazetteer` files, 0 while only the metadata
    /// poll does (the watch failed; see GetInfo `file_watch.error`).
    pub(crate) const RELOAD_WATCH_OK: &str = "gazette_reload_watch_ok";
    /// Gauge: response bytes held by response bodies, process-wide (against
    /// `--max-response-buffer-bytes`), in steps of 1 MiB.
    pub(crate) const RESPONSE_BUFFER_BYTES: &str = "gazette_response_buffer_bytes";
    /// Counter: responses refused because the response byte budget (process or connection) was
    /// spent, by `scope` (`process`, `connection`).
    pub(crate) const RESPONSE_BUFFER_REFUSALS: &str = "gazette_response_buffer_refusals_total";
    /// Counter: connections closed because a response waited on the peer for longer than
    /// `--send-stall-timeout`.
    pub(crate) const SEND_STALLS: &str = "gazette_send_stalls_total";
    /// Counter: requests ended because a message took longer than `--request-read-timeout` to
    /// arrive.
    pub(crate) const REQUEST_READ_TIMEOUTS: &str = "gazette_request_read_timeouts_total";
    /// Gauge: the `seq` of the last logged edit this server applies.
    pub(crate) const EDITS_APPLIED_SEQ: &str = "gazette_edits_applied_seq";
    /// Gauge: 1 while the shared edit store answers this server's reads, 0 since one failed.
    pub(crate) const EDIT_STORE_UP: &str = "gazette_edit_store_up";
    /// Gauge: Unix time of this server's last successful read of the shared edit store (its
    /// age is how stale this replica may be).
    pub(crate) const EDIT_STORE_LAST_CONTACT: &str =
        "gazette_edit_store_last_contact_timestamp_seconds";
}

/// Publishes the serving gazetteer's size and version. The previous version's info series is set
/// to 0, so `gazette_gazetteer_info == 1` selects exactly the serving one.
pub(crate) fn record_gazetteer(gazetteer: &crate::Gazetteer) {
    static LAST: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    let version = gazetteer.version().to_string();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(previous) = last.replace(version.clone()) {
        if previous != version {
            metrics::gauge!(names::VERSION, "version" => previous).set(0.0);
        }
    }
    metrics::gauge!(names::VERSION, "version" => version).set(1.0);
    metrics::gauge!(names::ENTRIES).set(gazetteer.len() as f64);
}
