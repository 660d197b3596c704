//! The layered index: an immutable [`Gazetteer`] made of a base layer (the files) and, after
//! admin edits, a small edit layer, each with its entries, matcher, version and counts.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use smallvec::SmallVec;

use super::builder::{GazetteerBuilder, LoadError, LoadErrors};
use super::entry::Entry;
use super::store::{EntryRef, EntryStore, EntryTable};
use crate::matcher::{Matcher, SearchLayer as MatchLayer};

// `build` is here rather than in `builder.rs` so that the builder does not import the index,
// which uses the builder for edits and merges.
impl GazetteerBuilder {
    /// Builds the index, or returns every problem found in every source.
    pub fn build(self) -> Result<Gazetteer, LoadErrors> {
        let entries = self.into_entries()?;
        Ok(Gazetteer {
            base: Arc::new(Layer::build(entries)?),
            edits: None,
        })
    }
}

/// One entry's share of a content hash: the first 128 bits of the SHA-256 of its JSON form.
fn entry_hash(e: &Entry) -> u128 {
    // Serialising plain strings, maps and numbers cannot fail.
    let line = serde_json::to_vec(e).unwrap_or_default();
    let digest = Sha256::digest(&line);
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// The content hash of a set of entries: the sum of their [`entry_hash`]es, so it depends on
/// what is served and not on how it is layered or ordered. The same entries give the same
/// version whatever files they came from, and a base with an edit layer has the version of the
/// same entries merged into one index: replicas that merged their edit layers at different
/// times still report one version for one content.
fn content_sum<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> u128 {
    entries
        .into_iter()
        .fold(0u128, |sum, e| sum.wrapping_add(entry_hash(e)))
}

/// Layers of at least this many entries hash their content on a second thread while the
/// matcher is built (a thread costs more than hashing a few thousand entries).
const PARALLEL_FROM: usize = 10_000;

/// The version naming a content sum: `sha256:` and 16 hex digits.
fn version_of(sum: u128) -> String {
    format!("sha256:{:016x}", (sum >> 64) as u64)
}

/// An immutable, validated gazetteer with its matching index: a base layer (the files) and,
/// after admin edits, a small layer of upserted entries plus the base entries they hide.
/// Edits never rebuild the base automaton. Cloning is cheap.
///
/// ```
/// use gazette::{Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// let tsv = "Syria\tLOCATION\tSY\nAleppo\tLOCATION\n";
/// b.add_source("geo", "geo.tsv", Format::Tsv, tsv.as_bytes());
/// let g = b.build()?;
/// assert_eq!(g.get("SY").map(|e| e.name()), Some("Syria"));
/// // The version is a hash of the content: the same files give the same version.
/// assert!(g.version().starts_with("sha256:"));
/// let shared = g.clone(); // shares the index, for another thread
/// assert_eq!((shared.len(), shared.version()), (2, g.version()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    /// [`content_sum`] of the entries, which `version` names.
    content: u128,
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
        // The content hash (a SHA-256 of every entry's JSON) and the id order do not need the
        // matcher: for a large layer they are computed on a second thread meanwhile, a third
        // of the default gazetteer's start-up. (Only they: the store is built after, so the
        // build's peak memory, the matcher's, is not raised.)
        let ids_and_content = || {
            let mut by_id: Vec<u32> = (0..entries.len() as u32).collect();
            by_id.sort_unstable_by(|&a, &b| entries[a as usize].id.cmp(&entries[b as usize].id));
            (by_id, content_sum(&entries))
        };
        let (matcher, (by_id, content)) = std::thread::scope(|s| {
            let side = (entries.len() >= PARALLEL_FROM).then(|| s.spawn(ids_and_content));
            let matcher = Matcher::new(&entries);
            let rest = match side {
                Some(h) => h
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => ids_and_content(),
            };
            (matcher, rest)
        });
        let matcher = matcher.map_err(|e| whole(format!("cannot build the matcher: {e}")))?;
        let entries = EntryStore::new(&entries).map_err(|e| whole(e.to_string()))?;
        let counts = Counts::of(entries.iter());
        Ok(Layer {
            entries,
            matcher,
            version: version_of(content),
            content,
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

/// The delta of a gazetteer without edits.
static NO_EDITS: EntryStore = EntryStore::empty();

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

    /// The content hash naming this version, e.g. `sha256:1f2e…`: a function of the entries in
    /// service only, not of their order or of how they are layered (an edited gazetteer and the
    /// same entries merged into one index have one version).
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
        let delta = Layer::build(b.into_entries()?)?;
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
        // The content sum of what is served: the base's, less the hidden entries, plus the delta.
        let content = hidden
            .iter()
            .map(|&i| entry_hash(&self.base.entries.get(i as usize).to_entry()))
            .fold(self.base.content, u128::wrapping_sub)
            .wrapping_add(delta.content);
        Ok(Gazetteer {
            base: self.base.clone(),
            edits: Some(Arc::new(Edits {
                delta,
                hidden,
                version: version_of(content),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Format;

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
