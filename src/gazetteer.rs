//! The gazetteer: entries, their validation, and the immutable index built from them.
//!
//! A gazetteer is built once with a [`GazetteerBuilder`] from any number of sources (JSONL or
//! TSV, see [`Format`]), validated as a whole, and then never changes; a new version is a new
//! [`Gazetteer`]. Cloning is cheap (an `Arc`).

mod parse;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::Read;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::matcher::Matcher;
use crate::normalize;

/// How the capitalisation of a name in the text must agree with the gazetteer's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasePolicy {
    /// Every capitalised letter of the alias must be capitalised in the text, so `turkey` does
    /// not match `Turkey`, while an ALL-CAPS headline does. The default.
    #[default]
    Proper,
    /// Every cased letter must have the alias's case: for acronyms such as `AP` or `WHO`.
    Exact,
    /// Case is ignored.
    Insensitive,
}

/// Where an alias may match on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Anywhere (the default).
    #[default]
    Global,
    /// Only after the entry's name or a global alias has appeared earlier in the same document:
    /// a surname (`Assad`) that means this person only once the story has named them.
    Document,
}

/// One surface form of an entry: its name or one of its aliases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    /// The alias as written in the gazetteer.
    pub text: String,
    /// The case policy for this alias.
    pub case: CasePolicy,
    /// Where the alias may match.
    pub scope: Scope,
    /// True for forms derived by Gazette (a PERSON's surname), not written in the gazetteer.
    pub derived: bool,
}

/// One entity of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Canonical, unique id (`Q858`, `geonames:163843`, `people:ali-habib`).
    pub id: String,
    /// Canonical name; it is also matched.
    pub name: String,
    /// Entity type, upper case (`PERSON`, `ORGANIZATION`, `LOCATION`, `NORP`, …).
    pub entity_type: String,
    /// Further surface forms that name this entity.
    pub aliases: Vec<Alias>,
    /// Case policy of the name, and the default for aliases.
    pub case: CasePolicy,
    /// Preference when one alias names several entities: higher wins.
    pub prior: f32,
    /// Free-form attributes returned with the entity (`country_code`, `wikidata`, …).
    pub attributes: BTreeMap<String, String>,
    /// The namespace (file stem) the entry came from, such as `geo`.
    pub namespace: String,
}

impl Entry {
    /// The name followed by the aliases: every form that is matched, with its case policy and
    /// scope.
    pub fn forms(&self) -> impl Iterator<Item = (&str, CasePolicy, Scope)> {
        std::iter::once((self.name.as_str(), self.case, Scope::Global)).chain(
            self.aliases
                .iter()
                .map(|a| (a.text.as_str(), a.case, a.scope)),
        )
    }

    /// Adds the surname short forms of a PERSON's name as document-scoped aliases, unless the
    /// gazetteer already lists that form.
    fn derive_short_forms(&mut self) {
        if self.entity_type != "PERSON" {
            return;
        }
        let existing: Vec<String> = self
            .forms()
            .map(|(f, _, _)| normalize::fold_alias(f))
            .collect();
        for short in crate::names::short_forms(&self.name) {
            if validate_alias(&short).is_ok() && !existing.contains(&normalize::fold_alias(&short))
            {
                self.aliases.push(Alias {
                    text: short,
                    case: CasePolicy::Proper,
                    scope: Scope::Document,
                    derived: true,
                });
            }
        }
    }

    /// The form with index `i` in [`Entry::forms`] order.
    pub fn form(&self, i: usize) -> &str {
        if i == 0 {
            &self.name
        } else {
            &self.aliases[i - 1].text
        }
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct LoadError {
    /// The source's name, usually its path.
    pub source_name: String,
    /// 1-based line number; 0 when the problem is not on one line.
    pub line: usize,
    /// What is wrong, in lower case.
    pub message: String,
}

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

/// Longest alias accepted, in bytes: names are short, and a limit keeps the automaton sane.
pub const MAX_ALIAS_BYTES: usize = 512;

/// Collects and validates entries from sources, then builds a [`Gazetteer`].
///
/// ```
/// use gazette::{Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\tSY\n".as_bytes());
/// let g = b.build().unwrap();
/// assert_eq!(g.len(), 1);
/// assert_eq!(g.entries()[0].id, "SY");
/// ```
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<Entry>,
    /// Where each entry came from, for duplicate reports.
    origins: Vec<(String, usize)>,
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
                Err(message) => self.errors.push(LoadError {
                    source_name: source_name.to_string(),
                    line: i + 1,
                    message,
                }),
            }
        }
        self
    }

    fn push(&mut self, mut entry: Entry, source_name: &str, line: usize) {
        entry.derive_short_forms();
        if let Some(&first) = self.ids.get(&entry.id) {
            let (src, l) = &self.origins[first];
            self.errors.push(LoadError {
                source_name: source_name.to_string(),
                line,
                message: format!("duplicate id {:?} (first defined at {src}:{l})", entry.id),
            });
            return;
        }
        self.ids.insert(entry.id.clone(), self.entries.len());
        self.origins.push((source_name.to_string(), line));
        self.entries.push(entry);
    }

    /// The problems found so far.
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// Builds the index, or returns every problem found in every source.
    pub fn build(self) -> Result<Gazetteer, LoadErrors> {
        if !self.errors.is_empty() {
            return Err(LoadErrors(self.errors));
        }
        let matcher = Matcher::new(&self.entries).map_err(|e| {
            LoadErrors(vec![LoadError {
                source_name: "<gazetteer>".into(),
                line: 0,
                message: format!("cannot build the matcher: {e}"),
            }])
        })?;
        let version = content_version(&self.entries);
        let namespaces = self.entries.iter().map(|e| e.namespace.clone()).collect();
        Ok(Gazetteer {
            inner: Arc::new(Inner {
                entries: self.entries,
                matcher,
                version,
                namespaces,
            }),
        })
    }
}

/// A content hash: the same entries give the same version, whatever files they came from.
fn content_version(entries: &[Entry]) -> String {
    let mut h = Sha256::new();
    for e in entries {
        // Serialising plain strings, maps and numbers cannot fail.
        let line = serde_json::to_vec(e).unwrap_or_default();
        h.update(&line);
        h.update(b"\n");
    }
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// An immutable, validated gazetteer with its matching index.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Entry>,
    matcher: Matcher,
    version: String,
    namespaces: BTreeSet<String>,
}

impl Gazetteer {
    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.inner.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.inner.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.inner.entries.is_empty()
    }

    /// The content hash naming this version, e.g. `sha256:1f2e…`.
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// The namespaces entries came from (`geo`, `people` …).
    pub fn namespaces(&self) -> &BTreeSet<String> {
        &self.inner.namespaces
    }

    /// Number of matched forms (names plus aliases).
    pub fn alias_count(&self) -> usize {
        self.inner.entries.iter().map(|e| 1 + e.aliases.len()).sum()
    }

    /// Entry and alias counts per entity type, sorted by type.
    pub fn counts_by_type(&self) -> BTreeMap<String, (usize, usize)> {
        let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for e in self.entries() {
            let c = m.entry(e.entity_type.clone()).or_default();
            c.0 += 1;
            c.1 += 1 + e.aliases.len();
        }
        m
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.inner.matcher
    }
}

/// Checks an alias and returns its folded form, or why it cannot be matched.
pub(crate) fn validate_alias(alias: &str) -> Result<String, String> {
    if alias.len() > MAX_ALIAS_BYTES {
        return Err(format!(
            "alias is {} bytes, longer than the limit of {MAX_ALIAS_BYTES}",
            alias.len()
        ));
    }
    if alias.chars().any(char::is_control) {
        return Err(format!("alias {alias:?} contains a control character"));
    }
    if !alias.chars().any(normalize::is_word_char) {
        return Err(format!("alias {alias:?} has no letter or digit"));
    }
    Ok(normalize::fold_alias(alias))
}
