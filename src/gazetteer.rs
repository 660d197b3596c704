//! The gazetteer: entries, their validation, and the immutable index built from them.
//!
//! A gazetteer is built once with a [`GazetteerBuilder`] from any number of sources (JSONL or
//! TSV, see [`Format`]), validated as a whole, and then never changes; a new version is a new
//! [`Gazetteer`]. Cloning is cheap (an `Arc`).
//!
//! One concept per file: `entry` (the entry model, its validation and limits), `builder`
//! (reading and validating sources), `index` (the layered [`Gazetteer`] and its counts), `parse`
//! (the line formats), `never` ("never tag" rules, entries of a reserved type), `write` (an entry as a JSONL line, parse's inverse) and `store` (the
//! packed entries and the table over the layers). Everything
//! public is re-exported here, so `crate::gazetteer::Entry` and `gazette::GazetteerBuilder` keep
//! working.

pub(crate) mod builder;
pub(crate) mod entry;
pub(crate) mod index;
pub(crate) mod never;
mod parse;
pub(crate) mod store;
mod write;

pub use builder::{Format, GazetteerBuilder, LoadError, LoadErrors};
pub(crate) use entry::validate_alias;
pub use entry::{
    validate_prior, Alias, CasePolicy, Entry, EntryError, Scope, MAX_ALIASES, MAX_ALIAS_BYTES,
    MAX_ATTRIBUTES, MAX_ATTRIBUTE_KEY_BYTES, MAX_ATTRIBUTE_VALUE_BYTES, MAX_ID_BYTES, MAX_PRIOR,
};
pub use index::{Counts, Gazetteer};
pub use never::{NeverRule, NeverTarget, NEVER_TYPE};
pub use parse::parse_entry;
pub(crate) use store::EntryTable;
pub use store::{AliasRef, EntryRef};
pub use write::entry_json;
