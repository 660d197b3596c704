//! The builder: collects entries from gazetteer sources (JSONL or TSV), validates each line and
//! the ids across sources, and reports every problem with its source and line.
//!
//! [`GazetteerBuilder::build`] lives in `index.rs`, beside the layers it builds: the index uses
//! this builder to validate admin edits, and keeping `build` there spares this file an import
//! of the index (no cycle between files).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use super::entry::Entry;
use super::parse;

/// Formats a gazetteer source can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line:
    /// `{"id","name","type","aliases":[…],"case":"proper|exact|insensitive","prior","attributes":{…}}`.
    /// Only `name` and `type` are required; an alias is a string or `{"text","case"}`.
    Jsonl,
    /// `name<TAB>type[<TAB>id]` per line; blank lines and lines starting with `#` are skipped.
    Tsv,
}

impl Format {
    /// The format for a file name's extension (`.jsonl`, `.tsv`), if any.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1;
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" => Some(Format::Jsonl),
            "tsv" => Some(Format::Tsv),
            _ => None,
        }
    }
}

/// A problem with one line (or, for `line == 0`, one whole source) of a gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The source's name, usually its path.
    pub source_name: String,
    /// 1-based line number; 0 when the problem is not on one line.
    pub line: usize,
    /// What is wrong, in lower case.
    pub message: String,
}

/// `file:line: message`, or `file: message` for a whole source (never `file:0:`).
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.source_name, self.message),
            line => write!(f, "{}:{line}: {}", self.source_name, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Every problem found while building a gazetteer; a gazetteer with any of them is not built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error(s) in gazetteer", self.0.len())?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

/// Collects and validates entries from sources, then builds a [`Gazetteer`](super::Gazetteer).
///
/// ```
/// use gazette::{Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\tSY\n".as_bytes());
/// let g = b.build().unwrap();
/// assert_eq!(g.len(), 1);
/// assert_eq!(g.entry(0).id(), "SY");
/// ```
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<Entry>,
    /// Where each entry came from, for duplicate reports.
    origins: Vec<(u32, usize)>,
    /// The sources' names, once each (a name per entry was ~70 bytes of peak per entry).
    source_names: Vec<String>,
    ids: HashMap<String, usize>,
    errors: Vec<LoadError>,
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads every line of `reader` as `format`, adding valid entries under `namespace` and
    /// recording every invalid line as `source_name:line: reason`.
    pub fn add_source(
        &mut self,
        namespace: &str,
        source_name: &str,
        format: Format,
        reader: impl Read,
    ) -> &mut Self {
        let mut text = String::new();
        let mut reader = reader;
        if let Err(e) = reader.read_to_string(&mut text) {
            self.errors.push(LoadError {
                source_name: source_name.to_string(),
                line: 0,
                message: format!("cannot read: {e}"),
            });
            return self;
        }
        for (i, line) in text.lines().enumerate() {
            let parsed = match format {
                Format::Jsonl => parse::jsonl_line(line, namespace),
                Format::Tsv => parse::tsv_line(line, namespace),
            };
            match parsed {
                Ok(Some(entry)) => self.push(entry, source_name, i + 1),
                Ok(None) => {}
                Err(e) => self.errors.push(LoadError {
                    source_name: source_name.to_string(),
                    line: i + 1,
                    message: e.to_string(),
                }),
            }
        }
        self
    }

    fn push(&mut self, mut entry: Entry, source_name: &str, line: usize) {
        entry.derive_short_forms();
        if let Some(&first) = self.ids.get(&entry.id) {
            let (src, l) = self.origins[first];
            let src = &self.source_names[src as usize];
            self.errors.push(LoadError {
                source_name: source_name.to_string(),
                line,
                message: format!("duplicate id {:?} (first defined at {src}:{l})", entry.id),
            });
            return;
        }
        self.ids.insert(entry.id.clone(), self.entries.len());
        if self.source_names.last().is_none_or(|s| s != source_name) {
            self.source_names.push(source_name.to_string());
        }
        self.origins
            .push((self.source_names.len() as u32 - 1, line));
        self.entries.push(entry);
    }

    /// The problems found so far.
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// The validated entries, or every problem found in every source.
    pub(crate) fn into_entries(self) -> Result<Vec<Entry>, LoadErrors> {
        if !self.errors.is_empty() {
            return Err(LoadErrors(self.errors));
        }
        // The id map and the origins (~100 bytes an entry) are only for reporting duplicates:
        // freed before the index is built, where the build's memory peaks.
        let GazetteerBuilder {
            entries,
            origins,
            source_names,
            ids,
            errors,
        } = self;
        drop((origins, source_names, ids, errors));
        Ok(entries)
    }

    /// Adds an already-validated entry (from an admin edit), checking only id uniqueness.
    pub fn add_entry(&mut self, entry: Entry, source_name: &str, line: usize) -> &mut Self {
        self.push(entry, source_name, line);
        self
    }
}
