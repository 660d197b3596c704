//! People suggested in full earlier in the document, for their later short forms: `Habib`
//! after `Ali Habib`, `Assad` (also in `post-Assad`) after `Bashar al-Assad`.

use rustc_hash::FxHashMap;

use super::lexicon::key;

/// Where a person was first suggested in full, and as what.
#[derive(Debug, Clone)]
struct Full {
    field: usize,
    start: usize,
    name: String,
}

/// The people suggested in full so far, by surname and by full name (lower-case, without
/// diacritics).
#[derive(Debug, Default)]
pub(crate) struct Surnames {
    by_key: FxHashMap<String, Full>,
}

/// The surname of a name written `name`: its last word without a particle prefix
/// (`al-Assad` → `Assad`).
fn surname(name: &str) -> &str {
    let last = name.rsplit(' ').next().unwrap_or(name);
    match last.split_once(['-', '‐', '‑']) {
        Some((p, rest)) if super::lexicon::is_particle(p) => rest,
        _ => last,
    }
}

impl Surnames {
    /// Remembers the person `name` (two words or more), suggested at `start` of `field`. The
    /// first person with a surname keeps it.
    pub(crate) fn add(&mut self, field: usize, start: usize, name: &str) {
        if !name.contains(' ') {
            return;
        }
        let full = Full {
            field,
            start,
            name: name.to_string(),
        };
        self.by_key
            .entry(key(surname(name)))
            .or_insert_with(|| full.clone());
        self.by_key.entry(key(name)).or_insert(full);
    }

    /// The full name `word` is the surname (or the full name) of, when that person was
    /// suggested before `start` of `field`.
    pub(crate) fn of(&self, field: usize, start: usize, word: &str) -> Option<&str> {
        if self.by_key.is_empty() {
            return None;
        }
        let full = self.by_key.get(&key(word))?;
        ((full.field, full.start) < (field, start)).then_some(full.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_link_later_words_only() {
        let mut s = Surnames::default();
        s.add(0, 10, "Bashar al-Assad");
        s.add(0, 50, "Ali Habib");
        assert_eq!(s.of(0, 60, "Assad"), Some("Bashar al-Assad"));
        assert_eq!(s.of(0, 60, "HABIB"), Some("Ali Habib"));
        assert_eq!(s.of(0, 20, "Habib"), None);
        assert_eq!(s.of(1, 0, "Ali Habib"), Some("Ali Habib"));
        assert_eq!(s.of(1, 0, "Ali"), None);
    }
}
