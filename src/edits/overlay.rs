//! The edits in effect: every edit so far folded by id, the last write winning, and laid over a
//! gazetteer as its upper layer. Serving (the edit layer, reloads) and `gazette compact` fold
//! edits with this one type, so they cannot disagree on what a sequence of edits means.

use std::collections::{BTreeMap, BTreeSet};

use super::Edit;
use crate::gazetteer::{Entry, Gazetteer, LoadErrors};

/// Edits folded by id: at most one upsert or one delete per id.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Overlay {
    upserts: BTreeMap<String, Entry>,
    deletes: BTreeSet<String>,
}

impl Overlay {
    /// `edits` folded, in order.
    pub fn fold<'a>(edits: impl IntoIterator<Item = &'a Edit>) -> Overlay {
        let mut o = Overlay::default();
        for e in edits {
            o.apply(e);
        }
        o
    }

    /// Applies one edit: it replaces whatever an earlier edit did to the same id (a restore
    /// leaves the id to the base under the overlay).
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Upsert(entry) => {
                self.deletes.remove(&entry.id);
                self.upserts.insert(entry.id.clone(), entry.clone());
            }
            Edit::Delete { id } => {
                self.upserts.remove(id);
                self.deletes.insert(id.clone());
            }
            // Nothing for this id in the layer: the layer's base (the files) decides.
            Edit::Restore { id } => {
                self.upserts.remove(id);
                self.deletes.remove(id);
            }
        }
    }

    /// `base` with these edits as its upper layer: an upsert replaces the base's entry of the
    /// same id, a delete hides it. Only the layer is built, never the base's automaton.
    pub fn over(&self, base: &Gazetteer) -> Result<Gazetteer, LoadErrors> {
        let deletes: Vec<String> = self.deletes.iter().cloned().collect();
        base.with_edits(self.upserts.values().cloned().collect(), &deletes)
    }

    /// The edits here that `done` does not already hold: what is left to apply over a base
    /// built with `done` (a background merge). An id whose upsert or delete is the same in both
    /// is left out, whatever happened to it in between: the result is the same.
    pub fn without(&self, done: &Overlay) -> Overlay {
        Overlay {
            upserts: self
                .upserts
                .iter()
                .filter(|(id, e)| done.upserts.get(*id) != Some(*e))
                .map(|(id, e)| (id.clone(), e.clone()))
                .collect(),
            deletes: self
                .deletes
                .iter()
                .filter(|id| !done.deletes.contains(*id))
                .cloned()
                .collect(),
        }
    }

    /// The upserted entries in effect, by id.
    pub fn upserts(&self) -> impl ExactSizeIterator<Item = &Entry> {
        self.upserts.values()
    }

    /// The ids deleted, in order.
    pub fn deletes(&self) -> impl ExactSizeIterator<Item = &str> {
        self.deletes.iter().map(String::as_str)
    }

    /// Whether an edit of `id` is in effect.
    pub fn touches(&self, id: &str) -> bool {
        self.upserts.contains_key(id) || self.deletes.contains(id)
    }

    /// True when no edit is in effect.
    pub fn is_empty(&self) -> bool {
        self.upserts.is_empty() && self.deletes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entry;

    fn upsert(id: &str, name: &str) -> Edit {
        let line = format!(r#"{{"id":"{id}","name":"{name}","type":"LOCATION"}}"#);
        Edit::Upsert(parse_entry(&line, "geo").unwrap())
    }

    fn delete(id: &str) -> Edit {
        Edit::Delete { id: id.into() }
    }

    #[test]
    fn the_last_write_per_id_wins() {
        let o = Overlay::fold(&[
            upsert("a", "Aleppo"),
            delete("a"),
            upsert("b", "Homs"),
            upsert("b", "Hama"),
            delete("c"),
            upsert("c", "Idlib"),
            upsert("d", "Raqqa"),
            Edit::Restore { id: "d".into() },
        ]);
        let names: Vec<&str> = o.upserts().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Hama", "Idlib"]);
        assert_eq!(o.deletes().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn without_keeps_what_changed_since() {
        let done = Overlay::fold(&[upsert("a", "Aleppo"), delete("b"), upsert("c", "Homs")]);
        let mut now = done.clone();
        for e in [upsert("a", "Hama"), upsert("d", "Idlib"), delete("c")] {
            now.apply(&e);
        }
        // Changed and changed back: already in the merged base.
        now.apply(&upsert("x", "Raqqa"));
        now.apply(&delete("x"));
        let left = now.without(&done);
        let names: Vec<&str> = left.upserts().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Hama", "Idlib"]);
        assert_eq!(left.deletes().collect::<Vec<_>>(), ["c", "x"]);
        assert!(done.without(&done).is_empty());
    }

    #[test]
    fn over_replaces_and_hides_base_entries() {
        let mut b = crate::GazetteerBuilder::new();
        b.add_source(
            "geo",
            "geo.tsv",
            crate::Format::Tsv,
            "Aleppo\tLOCATION\ta\nHoms\tLOCATION\tb\n".as_bytes(),
        );
        let base = b.build().unwrap();
        let o = Overlay::fold(&[upsert("a", "Halab"), delete("b")]);
        let g = o.over(&base).unwrap();
        let names: Vec<String> = g.entries().map(|e| e.name().to_string()).collect();
        assert_eq!(names, ["Halab"]);
    }
}
