//! The library's front door: [`Extractor::extract`] turns a text into mentions and entities.

use crate::gazetteer::{Entry, Gazetteer};
use crate::matcher::RawMatch;
use crate::normalize::fold;
use crate::offsets::{convert, Encoding};
use crate::resolve::{group, EntityGroup};

/// Longest text [`Extractor::extract`] accepts: offsets are kept in 32 bits (as in the proto).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Why a text could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The text is longer than [`MAX_TEXT_BYTES`].
    #[error("text is {len} bytes, over the limit of {limit} bytes")]
    TextTooLong {
        /// The text's length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

/// What to extract and how to report it.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Only return entities of these types; empty means every type. Overlaps are resolved
    /// before filtering, so a type filter never turns part of a longer name into a mention.
    pub entity_types: Vec<String>,
    /// Unit of the returned offsets.
    pub encoding: Encoding,
}

/// Finds gazetteer entities in text. Cheap to clone.
///
/// ```
/// use gazette::{ExtractOptions, Extractor, Format, GazetteerBuilder};
/// let mut b = GazetteerBuilder::new();
/// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\tSY\n".as_bytes());
/// let ex = Extractor::new(b.build()?);
/// let text = "Post-Syria talks, not Syrian ones, in Syria’s capital.";
/// let out = ex.extract(text, &ExtractOptions::default())?;
/// let found: Vec<&str> = out.mentions.iter().map(|m| &text[m.byte_start..m.byte_end]).collect();
/// assert_eq!(found, ["Syria", "Syria"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    gazetteer: Gazetteer,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Start, in the requested encoding (half-open span `[start, end)`).
    pub start: usize,
    /// End (exclusive), in the requested encoding.
    pub end: usize,
    /// Start in UTF-8 bytes, whatever the requested encoding.
    pub byte_start: usize,
    /// End (exclusive) in UTF-8 bytes.
    pub byte_end: usize,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
    /// Which of the entry's forms matched (0 = its name; see [`Entry::forms`]).
    pub form: usize,
}

/// The result of one extraction.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Mentions in document order, non-overlapping.
    pub mentions: Vec<Mention>,
    /// One group per entity, ordered by first mention.
    pub entities: Vec<EntityGroup>,
    /// Unit of the offsets in `mentions`.
    pub encoding: Encoding,
    gazetteer: Gazetteer,
}

impl Extraction {
    /// The gazetteer entry a mention or group refers to.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.gazetteer.entries()[index]
    }

    /// The version of the gazetteer that produced this result.
    pub fn gazetteer_version(&self) -> &str {
        self.gazetteer.version()
    }
}

impl Extractor {
    /// An extractor over `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Self {
        Extractor { gazetteer }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds every entity in `text`. Any string shorter than [`MAX_TEXT_BYTES`] is valid.
    pub fn extract(
        &self,
        text: &str,
        options: &ExtractOptions,
    ) -> Result<Extraction, ExtractError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(ExtractError::TextTooLong {
                len: text.len(),
                limit: MAX_TEXT_BYTES,
            });
        }
        let folded = fold(text);
        let mut raw: Vec<RawMatch> = Vec::new();
        self.gazetteer.matcher().find(text, &folded, &mut raw);
        if !options.entity_types.is_empty() {
            let entries = self.gazetteer.entries();
            raw.retain(|m| {
                options
                    .entity_types
                    .iter()
                    .any(|t| *t == entries[m.entry as usize].entity_type)
            });
        }
        let entities = group(&raw, text.len());
        let mut offsets: Vec<usize> = raw.iter().flat_map(|m| [m.start, m.end]).collect();
        convert(text, options.encoding, &mut offsets);
        let mentions = raw
            .iter()
            .zip(offsets.chunks_exact(2))
            .map(|(m, o)| Mention {
                start: o[0],
                end: o[1],
                byte_start: m.start,
                byte_end: m.end,
                entry: m.entry as usize,
                form: m.form as usize,
            })
            .collect();
        Ok(Extraction {
            mentions,
            entities,
            encoding: options.encoding,
            gazetteer: self.gazetteer.clone(),
        })
    }
}
