//! Paths to fields, written one way everywhere: `entries[1].aliases[0]`, `fields[0].name`,
//! `attributes["wikidata"]`.
//!
//! Every error that names a field (an entry's validation, a request's validation, a protobuf
//! decode failure) builds its path with [`FieldPath`], outermost field first, so clients can
//! rely on one syntax (the one of `google.rpc.BadRequest.FieldViolation.field`).
//!
//! ```
//! use gazette::field_path::FieldPath;
//! let inner = FieldPath::new().field("aliases").index(3);
//! let path = FieldPath::new().field("entries").index(1).join(&inner);
//! assert_eq!(path.as_str(), "entries[1].aliases[3]");
//! assert_eq!(FieldPath::new().field("attributes").key("cc").as_str(), r#"attributes["cc"]"#);
//! ```

use std::fmt;

/// A field path, outermost first; empty for "the whole message".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(String);

impl FieldPath {
    /// The empty path (the whole message or entry).
    pub fn new() -> FieldPath {
        FieldPath::default()
    }

    /// This path followed by the field `name`.
    pub fn field(mut self, name: &str) -> FieldPath {
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(name);
        self
    }

    /// This path followed by element `i` of a repeated field.
    pub fn index(mut self, i: usize) -> FieldPath {
        self.0.push_str(&format!("[{i}]"));
        self
    }

    /// This path followed by the entry `key` of a map field (quoted: keys may hold dots).
    pub fn key(mut self, key: &str) -> FieldPath {
        self.0.push_str(&format!("[{key:?}]"));
        self
    }

    /// This path followed by `rest`, a path relative to it.
    pub fn join(mut self, rest: &FieldPath) -> FieldPath {
        if !self.0.is_empty() && !rest.0.is_empty() && !rest.0.starts_with('[') {
            self.0.push('.');
        }
        self.0.push_str(&rest.0);
        self
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the empty path.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<FieldPath> for String {
    fn from(p: FieldPath) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compose_outermost_first() {
        let cases = [
            (FieldPath::new().field("text"), "text"),
            (
                FieldPath::new().field("fields").index(0).field("name"),
                "fields[0].name",
            ),
            (
                FieldPath::new()
                    .field("entries")
                    .index(2)
                    .join(&FieldPath::new().field("aliases").index(7)),
                "entries[2].aliases[7]",
            ),
            (
                FieldPath::new()
                    .field("ids")
                    .join(&FieldPath::new().index(4)),
                "ids[4]",
            ),
            (
                FieldPath::new()
                    .field("entries")
                    .index(1)
                    .join(&FieldPath::new()),
                "entries[1]",
            ),
            (
                FieldPath::new().join(&FieldPath::new().field("prior")),
                "prior",
            ),
        ];
        for (path, want) in cases {
            assert_eq!(path.as_str(), want);
        }
    }
}
