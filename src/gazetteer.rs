//! The gazetteer: entries, their validation, and the immutable index built from them.
//!
//! A gazetteer is built once with a [`GazetteerBuilder`] from any number of sources (JSONL or
//! TSV, see [`Format`]), validated as a whole, and then never changes; a new version is a new
//! [`Gazetteer`]. Cloning is cheap (an `Arc`).

mod parse;
mod store;

use store::EntryStore;
pub use store::{AliasRef, EntryRef};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use smallvec::SmallVec;

use crate::matcher::{Matcher, SearchLayer as MatchLayer};
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

impl CasePolicy {
    /// The policy in two bits, for the packed tables (the entry store, the matcher's readings).
    pub(crate) fn bits(self) -> u8 {
        match self {
            CasePolicy::Proper => 0,
            CasePolicy::Exact => 1,
            CasePolicy::Insensitive => 2,
        }
    }

    /// The policy of [`CasePolicy::bits`] (the low two bits of `bits`).
    pub(crate) fn from_bits(bits: u8) -> CasePolicy {
        match bits & 3 {
            1 => CasePolicy::Exact,
            2 => CasePolicy::Insensitive,
            _ => CasePolicy::Proper,
        }
    }
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

/// Longest name or alias accepted, in bytes: names are short, and a limit keeps the automaton
/// sane.
pub const MAX_ALIAS_BYTES: usize = 512;

/// Most aliases one entry may list (derived short forms not counted): every edit rebuilds the
/// edit layer, so one entry with 100,000 aliases made every later edit 40 times slower.
pub const MAX_ALIASES: usize = 1_000;

/// Longest id, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Most attributes one entry may carry: they are returned with every mention of it.
pub const MAX_ATTRIBUTES: usize = 64;

/// Longest attribute key, in bytes.
pub const MAX_ATTRIBUTE_KEY_BYTES: usize = 128;

/// Longest attribute value, in bytes: attributes are identifiers and short facts, not documents.
pub const MAX_ATTRIBUTE_VALUE_BYTES: usize = 4_096;

/// Largest `prior` magnitude: scores add small context bonuses (4, 8) to the prior, which a
/// float of 1e30 would swallow.
pub const MAX_PRIOR: f32 = 1_000_000.0;

/// What is wrong with one entry, and in which of its fields (`prior`, `aliases[3]`; empty for
/// the entry as a whole).
///
/// ```
/// let err = gazette::gazetteer::parse_entry(r#"{"name":"X","type":"LOCATION","prior":1e39}"#, "geo")
///     .unwrap_err();
/// assert_eq!(err.field.as_str(), "prior");
/// assert_eq!(err.to_string(), format!("prior: {}", err.message));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct EntryError {
    /// The field, relative to the entry.
    pub field: crate::field_path::FieldPath,
    /// What is wrong, in lower case.
    pub message: String,
}

impl EntryError {
    /// An error in `field` (a path relative to the entry).
    pub fn new(field: crate::field_path::FieldPath, message: impl Into<String>) -> EntryError {
        EntryError {
            field,
            message: message.into(),
        }
    }

    /// An error about the entry as a whole.
    pub fn whole(message: impl Into<String>) -> EntryError {
        EntryError::new(crate::field_path::FieldPath::new(), message)
    }

    /// An error in the top-level field `name`.
    pub(crate) fn at(name: &str, message: impl Into<String>) -> EntryError {
        EntryError::new(crate::field_path::FieldPath::new().field(name), message)
    }

    fn render(&self) -> String {
        if self.field.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.field, self.message)
        }
    }
}

/// Checks a `prior` and returns it as stored: finite, at most [`MAX_PRIOR`] in magnitude, and
/// `-0` as `0` (so the two spell one version). Used for file lines and RPC edits alike (an RPC
/// float can be NaN, which JSON cannot carry).
pub fn validate_prior(prior: f32) -> Result<f32, EntryError> {
    if !prior.is_finite() || prior.abs() > MAX_PRIOR {
        return Err(EntryError::at(
            "prior",
            format!("must be a finite number from -{MAX_PRIOR} to {MAX_PRIOR}, not {prior}"),
        ));
    }
    Ok(if prior == 0.0 { 0.0 } else { prior })
}

/// Collects and validates entries from sources, then builds a [`Gazetteer`].
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

    /// Builds the index, or returns every problem found in every source.
    pub fn build(self) -> Result<Gazetteer, LoadErrors> {
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
        Ok(Gazetteer {
            base: Arc::new(Layer::build(entries)?),
            edits: None,
        })
    }

    /// Adds an already-validated entry (from an admin edit), checking only id uniqueness.
    pub fn add_entry(&mut self, entry: Entry, source_name: &str, line: usize) -> &mut Self {
        self.push(entry, source_name, line);
        self
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
    short_hash(h)
}

fn short_hash(h: Sha256) -> String {
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// An immutable, validated gazetteer with its matching index: a base layer (the files) and,
/// after admin edits, a small layer of upserted entries plus the base entries they hide.
/// Edits never rebuild the base automaton. Cloning is cheap.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    base: Arc<Layer>,
    edits: Option<Arc<Edits>>,
}

/// Entries and their automaton.
#[derive(Debug)]
struct Layer {
    entries: EntryStore,
    matcher: Matcher,
    version: String,
    /// Entry indexes sorted by id, to find an entry by id without a map per entry.
    by_id: Vec<u32>,
    counts: Counts,
}

/// How many entries and forms a gazetteer holds, per type and per namespace.
///
/// Counted once when a gazetteer is built or edited and kept with it: reports (`GetInfo`,
/// metrics, `gazette check`) read these figures instead of walking every entry per call, which
/// cost ~12 ms at 365k entries and let a few callers slow extraction down.
///
/// ```
/// use gazette::{Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\tSY\n".as_bytes());
/// let g = b.build()?;
/// assert_eq!(g.counts().by_type["LOCATION"], (1, 1));
/// assert_eq!(g.counts().by_namespace["geo"], 1);
/// # Ok::<(), gazette::LoadErrors>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched forms (names plus aliases, derived short names included).
    pub forms: usize,
    /// Entries and forms per entity type, sorted by type.
    pub by_type: BTreeMap<String, (usize, usize)>,
    /// Entries per namespace, sorted by namespace.
    pub by_namespace: BTreeMap<String, usize>,
}

impl Counts {
    fn of<'a>(entries: impl Iterator<Item = EntryRef<'a>>) -> Counts {
        let mut c = Counts::default();
        for e in entries {
            c.add(e);
        }
        c
    }

    fn add(&mut self, e: EntryRef<'_>) {
        let forms = 1 + e.alias_count();
        self.forms += forms;
        let t = self.by_type.entry(e.entity_type().to_string()).or_default();
        t.0 += 1;
        t.1 += forms;
        *self
            .by_namespace
            .entry(e.namespace().to_string())
            .or_default() += 1;
    }

    /// Takes away an entry counted before (a base entry an edit hides).
    fn remove(&mut self, e: EntryRef<'_>) {
        let forms = 1 + e.alias_count();
        self.forms = self.forms.saturating_sub(forms);
        if let Some(t) = self.by_type.get_mut(e.entity_type()) {
            t.0 = t.0.saturating_sub(1);
            t.1 = t.1.saturating_sub(forms);
            if t.0 == 0 {
                self.by_type.remove(e.entity_type());
            }
        }
        if let Some(n) = self.by_namespace.get_mut(e.namespace()) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.by_namespace.remove(e.namespace());
            }
        }
    }
}

impl Layer {
    fn build(entries: Vec<Entry>) -> Result<Layer, LoadErrors> {
        let whole = |message: String| {
            LoadErrors(vec![LoadError {
                source_name: "<gazetteer>".into(),
                line: 0,
                message,
            }])
        };
        let matcher =
            Matcher::new(&entries).map_err(|e| whole(format!("cannot build the matcher: {e}")))?;
        let version = content_version(&entries);
        let mut by_id: Vec<u32> = (0..entries.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| entries[a as usize].id.cmp(&entries[b as usize].id));
        let entries = EntryStore::new(&entries).map_err(|e| whole(e.to_string()))?;
        let counts = Counts::of(entries.iter());
        Ok(Layer {
            entries,
            matcher,
            version,
            by_id,
            counts,
        })
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.by_id
            .binary_search_by(|&i| self.entries.get(i as usize).id().cmp(id))
            .ok()
            .map(|k| self.by_id[k])
    }
}

/// Admin edits over a base layer.
#[derive(Debug)]
struct Edits {
    delta: Layer,
    /// Base entries deleted or replaced by an upsert.
    hidden: HashSet<u32>,
    version: String,
    /// The base's counts without the hidden entries, plus the delta's.
    counts: Counts,
}

/// The entries of a gazetteer's layers as one table: base entries first, then upserted ones.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryTable<'a> {
    base: &'a EntryStore,
    delta: &'a EntryStore,
}

/// The delta of a gazetteer without edits.
static NO_EDITS: EntryStore = EntryStore::empty();

impl<'a> EntryTable<'a> {
    /// The entry at table index `i`.
    pub(crate) fn get(self, i: usize) -> EntryRef<'a> {
        if i < self.base.len() {
            self.base.get(i)
        } else {
            self.delta.get(i - self.base.len())
        }
    }
}

impl Gazetteer {
    /// Every entry in service (base entries not hidden by edits, then upserted ones).
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        let hidden = self.edits.as_ref().map(|e| &e.hidden);
        let delta = self.edits.iter().flat_map(|e| e.delta.entries.iter());
        self.base
            .entries
            .iter()
            .enumerate()
            .filter(move |(i, _)| hidden.is_none_or(|h| !h.contains(&(*i as u32))))
            .map(|(_, e)| e)
            .chain(delta)
    }

    /// The entry with table index `index` (as in [`crate::Mention::entry`]).
    pub fn entry(&self, index: usize) -> EntryRef<'_> {
        self.table().get(index)
    }

    /// The entry in service with this id.
    pub fn get(&self, id: &str) -> Option<EntryRef<'_>> {
        if let Some(edits) = &self.edits {
            if let Some(i) = edits.delta.find(id) {
                return Some(edits.delta.entries.get(i as usize));
            }
            let i = self.base.find(id)?;
            return (!edits.hidden.contains(&i)).then(|| self.base.entries.get(i as usize));
        }
        self.base
            .find(id)
            .map(|i| self.base.entries.get(i as usize))
    }

    /// Number of entries in service.
    pub fn len(&self) -> usize {
        match &self.edits {
            Some(e) => self.base.entries.len() - e.hidden.len() + e.delta.entries.len(),
            None => self.base.entries.len(),
        }
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The content hash naming this version, e.g. `sha256:1f2e…`; with edits, a hash of the
    /// base version and the edits.
    pub fn version(&self) -> &str {
        match &self.edits {
            Some(e) => &e.version,
            None => &self.base.version,
        }
    }

    /// The namespaces entries came from (`geo`, `people` …).
    pub fn namespaces(&self) -> BTreeSet<String> {
        let delta = self.edits.iter().flat_map(|e| e.delta.entries.namespaces());
        self.base
            .entries
            .namespaces()
            .chain(delta)
            .map(str::to_string)
            .collect()
    }

    /// Number of matched forms (names plus aliases).
    pub fn alias_count(&self) -> usize {
        self.counts().forms
    }

    /// Entry and alias counts per entity type, sorted by type.
    pub fn counts_by_type(&self) -> BTreeMap<String, (usize, usize)> {
        self.counts().by_type.clone()
    }

    /// The counts per type and namespace, computed when this gazetteer was built or edited.
    pub fn counts(&self) -> &Counts {
        match &self.edits {
            Some(e) => &e.counts,
            None => &self.base.counts,
        }
    }

    /// This gazetteer's base (the files) with `upserts` added or replacing entries of the same
    /// id and `deletes` removed. Only the small upsert layer is built; the base automaton is
    /// shared. Every upsert is validated as a gazetteer line would be.
    ///
    /// ```
    /// use gazette::{Format, GazetteerBuilder};
    /// let mut b = GazetteerBuilder::new();
    /// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\tSY\nTurkey\tLOCATION\tTR\n".as_bytes());
    /// let base = b.build()?;
    /// let mut new = GazetteerBuilder::new();
    /// new.add_source("people", "edit", Format::Tsv, "Ali Habib\tPERSON\tQ1\n".as_bytes());
    /// let upserts: Vec<_> = new.build()?.entries().map(|e| e.to_entry()).collect();
    /// let edited = base.with_edits(upserts, &["TR".to_string()])?;
    /// assert_eq!(edited.len(), 2);
    /// assert!(edited.get("TR").is_none() && edited.get("Q1").is_some());
    /// assert_ne!(edited.version(), base.version());
    /// # Ok::<(), gazette::LoadErrors>(())
    /// ```
    pub fn with_edits(
        &self,
        upserts: Vec<Entry>,
        deletes: &[String],
    ) -> Result<Gazetteer, LoadErrors> {
        if upserts.is_empty() && deletes.is_empty() {
            return Ok(Gazetteer {
                base: self.base.clone(),
                edits: None,
            });
        }
        let mut b = GazetteerBuilder::new();
        for (i, e) in upserts.into_iter().enumerate() {
            b.add_entry(e, "<edits>", i + 1);
        }
        if !b.errors.is_empty() {
            return Err(LoadErrors(b.errors));
        }
        let delta = Layer::build(b.entries)?;
        let mut hidden = HashSet::new();
        for id in delta
            .entries
            .iter()
            .map(|e| e.id())
            .chain(deletes.iter().map(String::as_str))
        {
            if let Some(i) = self.base.find(id) {
                hidden.insert(i);
            }
        }
        // Only the hidden entries and the delta are walked: both are edit-sized.
        let mut counts = self.base.counts.clone();
        for &i in &hidden {
            counts.remove(self.base.entries.get(i as usize));
        }
        for e in delta.entries.iter() {
            counts.add(e);
        }
        let mut h = Sha256::new();
        h.update(self.base.version.as_bytes());
        h.update(delta.version.as_bytes());
        let mut deleted: Vec<&String> = deletes.iter().collect();
        deleted.sort();
        for d in deleted {
            h.update(b"\0");
            h.update(d.as_bytes());
        }
        Ok(Gazetteer {
            base: self.base.clone(),
            edits: Some(Arc::new(Edits {
                delta,
                hidden,
                version: short_hash(h),
                counts,
            })),
        })
    }

    /// One layer holding every entry in service: the edit layer folded into a new base (a full
    /// build, for a background merge). Entries keep their derived short forms.
    pub fn merged(&self) -> Result<Gazetteer, LoadErrors> {
        let mut b = GazetteerBuilder::new();
        for (i, e) in self.entries().enumerate() {
            b.add_entry(e.to_entry(), "<merge>", i + 1);
        }
        b.build()
    }

    /// Whether `other` serves this gazetteer's base layer itself, not a copy of it.
    #[cfg(test)]
    pub(crate) fn shares_base_with(&self, other: &Gazetteer) -> bool {
        Arc::ptr_eq(&self.base, &other.base)
    }

    /// Entries in the edit layer (0 when there is none).
    pub fn edit_layer_len(&self) -> usize {
        self.edits.as_ref().map_or(0, |e| e.delta.entries.len())
    }

    /// The base and edit layers, for a search.
    pub(crate) fn layers(&self) -> SmallVec<[MatchLayer<'_>; 2]> {
        let mut layers = SmallVec::new();
        layers.push(MatchLayer {
            matcher: &self.base.matcher,
            offset: 0,
            hidden: self.edits.as_ref().map(|e| &e.hidden),
        });
        if let Some(e) = &self.edits {
            layers.push(MatchLayer {
                matcher: &e.delta.matcher,
                offset: self.base.entries.len() as u32,
                hidden: None,
            });
        }
        layers
    }

    /// All layers' entries as one table, indexed like mentions.
    pub(crate) fn table(&self) -> EntryTable<'_> {
        EntryTable {
            base: &self.base.entries,
            delta: self.edits.as_ref().map_or(&NO_EDITS, |e| &e.delta.entries),
        }
    }
}

/// Parses and validates one entry given as a JSONL gazetteer line's object (as admin edits send
/// them), for `namespace`: the same checks and limits as a file line.
pub fn parse_entry(json: &str, namespace: &str) -> Result<Entry, EntryError> {
    parse::jsonl_line(json, namespace)?.ok_or_else(|| EntryError::whole("empty entry"))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn build(ns: &str, tsv: &str) -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        b.add_source(ns, ns, Format::Tsv, tsv.as_bytes());
        b.build().expect("builds")
    }

    /// The stored figures are kept through edits (hidden entries taken away, upserts added) and
    /// equal a recount over every entry in service.
    #[test]
    fn stored_counts_follow_edits() {
        let base = build(
            "geo",
            "Syria\tLOCATION\tSY\nTurkey\tLOCATION\tTR\nAli Habib\tPERSON\tQ1\n",
        );
        assert_eq!(base.counts(), &Counts::of(base.entries()));
        let upserts: Vec<Entry> = build("people", "Bashar al-Assad\tPERSON\tQ2\nAnkara\tORG\tTR\n")
            .entries()
            .map(|e| e.to_entry())
            .collect();
        let edited = base
            .with_edits(upserts, &["SY".to_string()])
            .expect("edits");
        let c = edited.counts();
        assert_eq!(c, &Counts::of(edited.entries()));
        assert_eq!(
            c.by_type.get("LOCATION"),
            None,
            "SY deleted, TR replaced by an ORG"
        );
        assert_eq!(c.by_type["PERSON"].0, 2);
        assert_eq!(c.by_namespace["geo"], 1);
        assert_eq!(c.by_namespace["people"], 2);
        assert_eq!(edited.alias_count(), c.forms);
        let merged = edited.merged().expect("merges");
        assert_eq!(merged.counts(), c);
    }
}
