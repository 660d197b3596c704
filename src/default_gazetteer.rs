//! The default gazetteer compiled into the binary, so `gazette serve` is useful with no flags.
//!
//! A small hand-checked list (countries, capitals and large cities, demonyms, religious groups,
//! international organisations, news agencies) kept in `gazetteers/default/`; ids are Wikidata
//! ids where checked, `demonym:<ISO 3166 code>` or `norp:<name>` otherwise.

use crate::gazetteer::{Format, GazetteerBuilder};

/// One embedded gazetteer file.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedSource {
    /// Namespace (the file stem).
    pub namespace: &'static str,
    /// File name, used in error messages.
    pub file: &'static str,
    /// The file's contents.
    pub text: &'static str,
}

macro_rules! embedded {
    ($ns:literal) => {
        EmbeddedSource {
            namespace: $ns,
            file: concat!("<default>/", $ns, ".jsonl"),
            text: include_str!(concat!("../gazetteers/default/", $ns, ".jsonl")),
        }
    };
}

/// The embedded default sources, one per namespace.
pub const DEFAULT_SOURCES: &[EmbeddedSource] = &[
    embedded!("geo"),
    embedded!("groups"),
    embedded!("orgs"),
    embedded!("media"),
];

/// Adds the embedded default sources to `builder`.
///
/// ```
/// let mut b = gazette::GazetteerBuilder::new();
/// gazette::default_gazetteer::add_to(&mut b);
/// assert!(b.build().unwrap().len() > 50);
/// ```
pub fn add_to(builder: &mut GazetteerBuilder) {
    for s in DEFAULT_SOURCES {
        builder.add_source(s.namespace, s.file, Format::Jsonl, s.text.as_bytes());
    }
}
