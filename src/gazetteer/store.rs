//! The entries of a built gazetteer, packed into a few flat arrays.
//!
//! An [`Entry`] is the shape a gazetteer line parses into: a `String` per field, a `Vec` of
//! aliases, a map of attributes — a dozen allocations and ~150 bytes inline. Kept as they were
//! parsed, a million entries cost ~520 bytes each once the allocator's fragmentation is
//! counted, more than the whole matching index. A built gazetteer never changes, so it keeps
//! every string in one buffer, each entry as one fixed-size record of offsets, and types and
//! namespaces (a handful of distinct values) once each. [`EntryRef`] reads an entry back.

use std::collections::BTreeMap;

use super::entry::{Alias, CasePolicy, Entry, Scope};

/// Every entry of one gazetteer layer.
#[derive(Debug, Default)]
pub(crate) struct EntryStore {
    records: Vec<Record>,
    /// The end of each string in `text`; string `k` starts where string `k - 1` ends. An entry's
    /// strings are consecutive: its id, its name, its aliases, then its attributes as key, value.
    ends: Vec<u32>,
    text: String,
    /// Per alias, in entry order: its case policy, scope and whether it was derived.
    alias_flags: Vec<u8>,
    types: Vec<Box<str>>,
    namespaces: Vec<Box<str>>,
}

/// One entry's place in the store (28 bytes).
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Index in `ends` of the entry's id.
    first_string: u32,
    /// Index in `ends` of its `country_code` value, or [`NONE`]; with `admin1`, what resolution
    /// reads of every reading of every mention, so found once here instead of by a scan of the
    /// attributes each time.
    country_code: u32,
    /// Index in `ends` of its `admin1` value, or [`NONE`].
    admin1: u32,
    /// Index in `alias_flags` of the entry's first alias.
    first_alias: u32,
    prior: f32,
    entity_type: u16,
    namespace: u16,
    attributes: u16,
    case: CasePolicy,
    /// [`GATED`], [`CAPITAL`], [`COUNTRY`] and the name's gate ([`NAME_GATE_WORD`],
    /// [`NAME_GATE_NAME`]), in the byte the struct had as padding.
    flags: u8,
}

const _: () = assert!(std::mem::size_of::<Record>() == 28);

/// No such string (an attribute the entry does not have).
const NONE: u32 = u32::MAX;

// An entry's flags, decided when the store is built from its attributes, so that resolution
// tests a bit instead of scanning the attributes per reading.
/// It has a `gate_…` attribute (a form that needs evidence to be a place).
const GATED: u8 = 1;
/// It has a `capital` attribute.
const CAPITAL: u8 = 1 << 1;
/// Its `feature` is `country`.
const COUNTRY: u8 = 1 << 2;
/// Its name is listed in `gate_word`.
const NAME_GATE_WORD: u8 = 1 << 3;
/// Its name is listed in `gate_name`.
const NAME_GATE_NAME: u8 = 1 << 4;

/// The store cannot address this many strings, bytes, types or namespaces.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the gazetteer is too large to store: {0}")]
pub(crate) struct TooLarge(&'static str);

// An alias's flags: its case policy in the low two bits (`CasePolicy::bits`), then these.
const SCOPED: u8 = 1 << 2;
const DERIVED: u8 = 1 << 3;
/// The alias is listed in its entry's `gate_word`.
const GATE_WORD: u8 = 1 << 4;
/// The alias is listed in its entry's `gate_name`.
const GATE_NAME: u8 = 1 << 5;

/// Which gates list a form (`gate_word`, `gate_name`: `|`-separated forms), as (word, name).
fn gates_of(e: &Entry, form: &str) -> (bool, bool) {
    let listed = |key: &str| {
        e.attributes
            .get(key)
            .is_some_and(|v| v.split('|').any(|f| f == form))
    };
    (listed("gate_word"), listed("gate_name"))
}

/// A table of distinct values (types, namespaces) being filled: usually a handful, but a
/// gazetteer may have thousands, so they are found by hash, not by a scan per entry.
#[derive(Default)]
struct Interner<'e> {
    index: rustc_hash::FxHashMap<&'e str, u16>,
    values: Vec<Box<str>>,
}

impl<'e> Interner<'e> {
    /// The index of `value`, adding it if new.
    fn intern(&mut self, value: &'e str, what: &'static str) -> Result<u16, TooLarge> {
        if let Some(&i) = self.index.get(value) {
            return Ok(i);
        }
        let i = u16::try_from(self.values.len()).map_err(|_| TooLarge(what))?;
        self.values.push(value.into());
        self.index.insert(value, i);
        Ok(i)
    }
}

impl EntryStore {
    /// Packs `entries`, in order.
    pub(crate) fn new(entries: &[Entry]) -> Result<EntryStore, TooLarge> {
        let mut s = EntryStore {
            records: Vec::with_capacity(entries.len()),
            ..EntryStore::default()
        };
        let strings: usize = entries
            .iter()
            .map(|e| 2 + e.aliases.len() + 2 * e.attributes.len())
            .sum();
        s.ends.reserve_exact(strings);
        s.alias_flags
            .reserve_exact(entries.iter().map(|e| e.aliases.len()).sum());
        let bytes: usize = entries
            .iter()
            .map(|e| {
                let attrs: usize = e.attributes.iter().map(|(k, v)| k.len() + v.len()).sum();
                let aliases: usize = e.aliases.iter().map(|a| a.text.len()).sum();
                e.id.len() + e.name.len() + aliases + attrs
            })
            .sum();
        if bytes > u32::MAX as usize || strings > u32::MAX as usize {
            return Err(TooLarge("more than 4 GiB of names"));
        }
        s.text.reserve_exact(bytes);
        let (mut types, mut namespaces) = (Interner::default(), Interner::default());
        for e in entries {
            // Only the few entries with a gate have forms to look up in it.
            let gated = e.attributes.keys().any(|k| k.starts_with("gate_"));
            let gates = |form: &str| {
                if gated {
                    gates_of(e, form)
                } else {
                    (false, false)
                }
            };
            let (name_word, name_name) = gates(&e.name);
            let flag = |on: bool, bit: u8| if on { bit } else { 0 };
            let mut record = Record {
                first_string: s.ends.len() as u32,
                country_code: NONE,
                admin1: NONE,
                first_alias: s.alias_flags.len() as u32,
                prior: e.prior,
                entity_type: types.intern(&e.entity_type, "over 65,536 entity types")?,
                namespace: namespaces.intern(&e.namespace, "over 65,536 namespaces")?,
                attributes: u16::try_from(e.attributes.len())
                    .map_err(|_| TooLarge("an entry with over 65,535 attributes"))?,
                case: e.case,
                flags: flag(gated, GATED)
                    | flag(e.attributes.contains_key("capital"), CAPITAL)
                    | flag(
                        e.attributes.get("feature").is_some_and(|f| f == "country"),
                        COUNTRY,
                    )
                    | flag(name_word, NAME_GATE_WORD)
                    | flag(name_name, NAME_GATE_NAME),
            };
            s.push_str(&e.id);
            s.push_str(&e.name);
            for a in &e.aliases {
                s.push_str(&a.text);
                let scoped = if a.scope == Scope::Document {
                    SCOPED
                } else {
                    0
                };
                let derived = if a.derived { DERIVED } else { 0 };
                let (word, name) = gates(&a.text);
                s.alias_flags.push(
                    a.case.bits()
                        | scoped
                        | derived
                        | flag(word, GATE_WORD)
                        | flag(name, GATE_NAME),
                );
            }
            for (k, v) in &e.attributes {
                s.push_str(k);
                s.push_str(v);
                let value = (s.ends.len() - 1) as u32;
                match k.as_str() {
                    "country_code" => record.country_code = value,
                    "admin1" => record.admin1 = value,
                    _ => {}
                }
            }
            s.records.push(record);
        }
        s.types = types.values;
        s.namespaces = namespaces.values;
        Ok(s)
    }

    /// An empty store, for a gazetteer without an edit layer.
    pub(crate) const fn empty() -> EntryStore {
        EntryStore {
            records: Vec::new(),
            ends: Vec::new(),
            text: String::new(),
            alias_flags: Vec::new(),
            types: Vec::new(),
            namespaces: Vec::new(),
        }
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        // Checked in `new`: the whole text fits in u32.
        self.ends.push(self.text.len() as u32);
    }

    fn string(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    /// The entry at index `i` (panics when out of range, like slice indexing).
    pub(crate) fn get(&self, i: usize) -> EntryRef<'_> {
        EntryRef {
            store: self,
            record: &self.records[i],
            index: i,
        }
    }

    /// Every entry, in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = EntryRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The distinct namespaces of the entries.
    pub(crate) fn namespaces(&self) -> impl Iterator<Item = &str> + '_ {
        self.namespaces.iter().map(|n| &**n)
    }
}

/// One entry of a built gazetteer, read in place: what [`Entry`] holds, through methods.
///
/// ```
/// use gazette::{Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// b.add_source("geo", "geo.jsonl", Format::Jsonl,
///     r#"{"id":"SY","name":"Syria","type":"LOCATION","aliases":["Syrian Arab Republic"],"attributes":{"country_code":"SY"}}"#.as_bytes());
/// let g = b.build()?;
/// let e = g.get("SY").unwrap();
/// assert_eq!((e.name(), e.entity_type(), e.namespace()), ("Syria", "LOCATION", "geo"));
/// assert_eq!(e.aliases().map(|a| a.text).collect::<Vec<_>>(), ["Syrian Arab Republic"]);
/// assert_eq!(e.attribute("country_code"), Some("SY"));
/// assert_eq!(e.to_entry().id, "SY");
/// # Ok::<(), gazette::LoadErrors>(())
/// ```
#[derive(Clone, Copy)]
pub struct EntryRef<'a> {
    store: &'a EntryStore,
    record: &'a Record,
    index: usize,
}

/// One alias of an [`EntryRef`]: an [`Alias`] read in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasRef<'a> {
    /// The alias as written in the gazetteer.
    pub text: &'a str,
    /// The case policy for this alias.
    pub case: CasePolicy,
    /// Where the alias may match.
    pub scope: Scope,
    /// True for forms derived by Gazette (a PERSON's surname), not written in the gazetteer.
    pub derived: bool,
}

impl<'a> EntryRef<'a> {
    fn first(&self) -> usize {
        self.record.first_string as usize
    }

    fn alias_range(&self) -> std::ops::Range<usize> {
        let start = self.record.first_alias as usize;
        let end = self
            .store
            .records
            .get(self.index + 1)
            .map_or(self.store.alias_flags.len(), |r| r.first_alias as usize);
        start..end
    }

    /// Canonical, unique id (`Q858`, `geonames:163843`, `people:ali-habib`).
    pub fn id(&self) -> &'a str {
        self.store.string(self.first())
    }

    /// Canonical name; it is also matched.
    pub fn name(&self) -> &'a str {
        self.store.string(self.first() + 1)
    }

    /// Entity type, upper case (`PERSON`, `ORGANIZATION`, `LOCATION`, `NORP`, …).
    pub fn entity_type(&self) -> &'a str {
        &self.store.types[self.record.entity_type as usize]
    }

    /// The namespace (file stem) the entry came from, such as `geo`.
    pub fn namespace(&self) -> &'a str {
        &self.store.namespaces[self.record.namespace as usize]
    }

    /// Case policy of the name, and the default for aliases.
    pub fn case(&self) -> CasePolicy {
        self.record.case
    }

    /// Preference when one alias names several entities: higher wins.
    pub fn prior(&self) -> f32 {
        self.record.prior
    }

    /// Number of aliases (not counting the name).
    pub fn alias_count(&self) -> usize {
        self.alias_range().len()
    }

    /// Further surface forms that name this entity, derived ones included.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = AliasRef<'a>> + 'a {
        let store = self.store;
        let first = self.first() + 2;
        let range = self.alias_range();
        let start = range.start;
        range.map(move |k| {
            let flags = store.alias_flags[k];
            AliasRef {
                text: store.string(first + (k - start)),
                case: CasePolicy::from_bits(flags),
                scope: if flags & SCOPED != 0 {
                    Scope::Document
                } else {
                    Scope::Global
                },
                derived: flags & DERIVED != 0,
            }
        })
    }

    /// The name followed by the aliases: every form that is matched, with its case policy and
    /// scope.
    pub fn forms(&self) -> impl Iterator<Item = (&'a str, CasePolicy, Scope)> + 'a {
        std::iter::once((self.name(), self.case(), Scope::Global))
            .chain(self.aliases().map(|a| (a.text, a.case, a.scope)))
    }

    /// The form with index `i` in [`EntryRef::forms`] order.
    pub fn form(&self, i: usize) -> &'a str {
        self.store.string(self.first() + 1 + i)
    }

    /// Free-form attributes returned with the entity, sorted by key.
    pub fn attributes(&self) -> impl ExactSizeIterator<Item = (&'a str, &'a str)> + 'a {
        let store = self.store;
        let first = self.first() + 2 + self.alias_count();
        (0..self.record.attributes as usize)
            .map(move |j| (store.string(first + 2 * j), store.string(first + 2 * j + 1)))
    }

    /// The `country_code` attribute, read without a scan of the attributes.
    pub(crate) fn country_code(&self) -> Option<&'a str> {
        self.fixed_string(self.record.country_code)
    }

    /// The `admin1` attribute (first-level region), read without a scan of the attributes.
    pub(crate) fn admin1(&self) -> Option<&'a str> {
        self.fixed_string(self.record.admin1)
    }

    fn fixed_string(&self, k: u32) -> Option<&'a str> {
        (k != NONE).then(|| self.store.string(k as usize))
    }

    /// Whether the entry has a `capital` attribute.
    pub(crate) fn is_capital(&self) -> bool {
        self.record.flags & CAPITAL != 0
    }

    /// Whether the entry's `feature` is `country`.
    pub(crate) fn is_country(&self) -> bool {
        self.record.flags & COUNTRY != 0
    }

    /// Which gates list the form with index `i` in [`EntryRef::forms`] order, as (`gate_word`,
    /// `gate_name`): decided when the store was built, since resolution asks it of every
    /// reading.
    pub(crate) fn form_gates(&self, i: usize) -> (bool, bool) {
        if self.record.flags & GATED == 0 {
            return (false, false);
        }
        let (flags, word, name) = match i.checked_sub(1) {
            None => (self.record.flags, NAME_GATE_WORD, NAME_GATE_NAME),
            Some(a) => {
                let k = self.record.first_alias as usize + a;
                let flags = self.store.alias_flags.get(k).copied().unwrap_or(0);
                (flags, GATE_WORD, GATE_NAME)
            }
        };
        (flags & word != 0, flags & name != 0)
    }

    /// The attribute named `key`, if the entry has it.
    pub fn attribute(&self, key: &str) -> Option<&'a str> {
        self.attributes().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The entry as an owned [`Entry`], to edit or to build another gazetteer from.
    pub fn to_entry(&self) -> Entry {
        Entry {
            id: self.id().to_string(),
            name: self.name().to_string(),
            entity_type: self.entity_type().to_string(),
            aliases: self
                .aliases()
                .map(|a| Alias {
                    text: a.text.to_string(),
                    case: a.case,
                    scope: a.scope,
                    derived: a.derived,
                })
                .collect(),
            case: self.case(),
            prior: self.prior(),
            attributes: self
                .attributes()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            namespace: self.namespace().to_string(),
        }
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_entry().fmt(f)
    }
}

impl PartialEq for EntryRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.to_entry() == other.to_entry()
    }
}

/// The entries of a gazetteer's layers as one table: base entries first, then upserted ones.
///
/// Kept here with the stores it reads, not with the index that makes it, so the matcher and
/// resolver can take a table without importing the index (which imports the matcher).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryTable<'a> {
    pub(super) base: &'a EntryStore,
    pub(super) delta: &'a EntryStore,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        id: &str,
        aliases: &[(&str, CasePolicy, Scope, bool)],
        attrs: &[(&str, &str)],
    ) -> Entry {
        Entry {
            id: id.into(),
            name: format!("Name of {id}"),
            entity_type: if id.len().is_multiple_of(2) {
                "PERSON"
            } else {
                "LOCATION"
            }
            .into(),
            aliases: aliases
                .iter()
                .map(|&(t, case, scope, derived)| Alias {
                    text: t.into(),
                    case,
                    scope,
                    derived,
                })
                .collect(),
            case: CasePolicy::Exact,
            prior: id.len() as f32,
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            namespace: format!("ns{}", id.len() % 3),
        }
    }

    #[test]
    fn what_resolution_reads_per_reading_agrees_with_the_attributes() {
        let gated = entry(
            "nice",
            &[
                ("Nizza", CasePolicy::Proper, Scope::Global, false),
                ("Niça", CasePolicy::Proper, Scope::Global, false),
                ("Nicea", CasePolicy::Proper, Scope::Document, true),
            ],
            &[
                ("admin1", "93"),
                ("capital", "yes"),
                ("country_code", "FR"),
                ("feature", "country"),
                ("gate_name", "Niça|Nicea"),
                ("gate_word", "Name of nice|Nicea"),
                ("population", "340000"),
            ],
        );
        let entries = vec![
            entry(
                "plain",
                &[("P", CasePolicy::Exact, Scope::Global, false)],
                &[],
            ),
            gated,
            entry("city", &[], &[("country_code", "DE"), ("feature", "city")]),
        ];
        let store = EntryStore::new(&entries).unwrap();
        for e in store.iter() {
            assert_eq!(e.country_code(), e.attribute("country_code"), "{}", e.id());
            assert_eq!(e.admin1(), e.attribute("admin1"), "{}", e.id());
            assert_eq!(e.is_capital(), e.attribute("capital").is_some());
            assert_eq!(e.is_country(), e.attribute("feature") == Some("country"));
            for (i, (form, _, _)) in e.forms().enumerate() {
                let listed = |key| {
                    e.attribute(key)
                        .is_some_and(|v| v.split('|').any(|f| f == form))
                };
                let want = (listed("gate_word"), listed("gate_name"));
                assert_eq!(e.form_gates(i), want, "{} form {i} {form:?}", e.id());
            }
        }
        let nice = store.get(1);
        assert_eq!(
            (0..4).map(|i| nice.form_gates(i)).collect::<Vec<_>>(),
            [(true, false), (false, false), (false, true), (true, true)]
        );
        // The alias flags keep their case, scope and derived bits beside the gates.
        let nicea = nice.aliases().nth(2).unwrap();
        assert_eq!(
            (nicea.case, nicea.scope, nicea.derived),
            (CasePolicy::Proper, Scope::Document, true)
        );
    }

    #[test]
    fn every_field_reads_back_as_it_was_stored() {
        let entries = vec![
            entry("a", &[], &[]),
            entry(
                "bb",
                &[
                    ("B", CasePolicy::Insensitive, Scope::Global, false),
                    ("Bé", CasePolicy::Proper, Scope::Document, true),
                ],
                &[("admin1", "X"), ("country_code", "")],
            ),
            entry(
                "",
                &[("", CasePolicy::Exact, Scope::Document, false)],
                &[("k", "v")],
            ),
            entry(
                "dddd",
                &[("D", CasePolicy::Proper, Scope::Global, true)],
                &[],
            ),
        ];
        let store = EntryStore::new(&entries).unwrap();
        assert_eq!(store.len(), entries.len());
        for (e, r) in entries.iter().zip(store.iter()) {
            assert_eq!(&r.to_entry(), e);
            assert_eq!(r.alias_count(), e.aliases.len());
            for (i, (form, _, _)) in r.forms().enumerate() {
                assert_eq!(r.form(i), form);
            }
        }
        assert_eq!(store.get(1).attribute("country_code"), Some(""));
        assert_eq!(store.get(1).attribute("admin2"), None);
        assert_eq!(store.namespaces().count(), 3);
    }

    #[test]
    fn many_distinct_types_are_interned_and_too_many_refused() {
        let many = |n: usize| -> Vec<Entry> {
            (0..n)
                .map(|i| Entry {
                    entity_type: format!("T{i}"),
                    ..entry("x", &[], &[])
                })
                .collect()
        };
        let store = EntryStore::new(&many(65_536)).unwrap();
        assert_eq!(store.get(65_535).entity_type(), "T65535");
        assert_eq!(store.get(7).entity_type(), "T7");
        assert!(EntryStore::new(&many(65_537)).is_err());
    }

    #[test]
    fn the_empty_store_has_no_entries() {
        assert_eq!(EntryStore::empty().len(), 0);
        assert_eq!(EntryStore::new(&[]).unwrap().iter().count(), 0);
    }
}
