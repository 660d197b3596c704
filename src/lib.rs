//! Gazette finds named entities in news text by gazetteer matching, and serves them over gRPC.
//!
//! # Layout
//!
//! The core (no I/O, no async, no proto types):
//!
//! | concept | module |
//! |---|---|
//! | folding text for matching, with the map back to the original | [`normalize`] |
//! | entries and their validation, the builder, the layered immutable index (`gazetteer::{entry, builder, index, parse, store}`) | [`gazetteer`] |
//! | field paths in errors (`entries[1].aliases[0]`) | [`field_path`] |
//! | the embedded default gazetteer | [`default_gazetteer`] |
//! | aho-corasick and phrase search with boundary and case checks, counted and stoppable (`matcher::{build, scan, check, readings, …}`) | `matcher` |
//! | people's short names (`Assad` for `Bashar al-Assad`) | [`names`] |
//! | choosing a reading (screens: person names, gated forms; qualifiers, context, ties), grouping mentions into entities, salience (`resolve::{person, evidence, qualifier, place, words}`) | [`resolve`] |
//! | suggestions of unlisted names from cues: people, organisations, places (`suggest::{token, run, context, lexicon, classify, surname, check}`) | [`suggest`] |
//! | byte offsets to UTF-16 / code points | [`offsets`] |
//! | the front door: `Extractor::extract` | [`extract`] |
//! | edits: typed changes, folded by id, and the [`EditLog`](edits::EditLog) seam | [`edits`] |
//! | the promises, checked on arbitrary bytes (fuzzing, regressions) | [`invariants`] |
//! | quoting input in bounded messages | `quote` |
//!
//! The edges (files, gRPC, the command line):
//!
//! | concept | module |
//! |---|---|
//! | reading gazetteer directories from disk | [`sources`] |
//! | the durable journal of admin edits, the file [`EditLog`](edits::EditLog) | [`journal`] |
//! | the serving gazetteer: snapshots, edits, reloads, background merges, following a shared log (tokio, no gRPC) | [`live`] |
//! | the shared edit log on PostgreSQL, for several replicas (`--edit-store`) | [`pg_log`] |
//! | metric names and the serving gazetteer's gauges | `metrics` |
//! | generated protobuf types and the gRPC service | [`proto`], [`transport`] |
//! | the command line: `serve`, `extract`, `tag`, `check`, `health`, `compact`, `journal repair` (`cli::{args, request_args, serve_args, serve, extract, response_json, tag, tag_args, check, health, compact}`) | [`cli`] |
//!
//! # Example
//!
//! ```
//! use gazette::{ExtractOptions, Extractor, Format, GazetteerBuilder};
//! let mut b = GazetteerBuilder::new();
//! b.add_source("people", "people.tsv", Format::Tsv, "Ali Habib\tPERSON\n".as_bytes());
//! let ex = Extractor::new(b.build()?);
//! let text = "General Ali Habib’s defection";
//! let out = ex.extract(text, &ExtractOptions::default())?;
//! let m = &out.mentions[0];
//! assert_eq!(&text[m.start..m.end], "Ali Habib");
//! assert_eq!(out.entry(m.entry).entity_type(), "PERSON");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod cli;
pub mod default_gazetteer;
pub mod edits;
pub mod extract;
pub mod field_path;
pub mod gazetteer;
pub mod invariants;
pub mod journal;
pub mod live;
mod matcher;
pub(crate) mod metrics;
pub mod names;
pub mod normalize;
pub mod offsets;
pub mod pg_log;
pub mod proto;
pub(crate) mod quote;
pub mod resolve;
pub mod sources;
pub mod suggest;
pub mod transport;

pub use extract::{
    Explanation, ExtractError, ExtractOptions, Extraction, Extractor, Field, Mention, Overlap,
};
pub use gazetteer::{
    Alias, AliasRef, CasePolicy, Counts, Entry, EntryRef, Format, Gazetteer, GazetteerBuilder,
    LoadError, LoadErrors, Scope,
};
pub use offsets::Encoding;
pub use resolve::{Alternative, How, Resolution, Suppressed};
