//! The library's front door: [`Extractor::extract`] turns a text (or a document's fields) into
//! mentions and entities.

use crate::gazetteer::{EntryRef, EntryTable, Gazetteer};
use crate::matcher::{Candidate, DocState, MatchOptions};
use crate::normalize::{fold, fold_keeping_diacritics, fold_punct};
use crate::offsets::{convert, Encoding};
use crate::resolve::{
    group, resolve, Alternative, EntityGroup, FieldKind, How, Position, Resolution, Suppressed,
};

pub use crate::matcher::{Overlap, POLL_EVERY};

/// Longest text [`Extractor::extract`] accepts: offsets are kept in 32 bits (as in the proto).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Name of the body field: what [`Extractor::extract`] calls its text; salience weighs its
/// mentions as body.
pub const BODY: &str = "text";
/// Name of the headline field, whose mentions weigh most in salience. Any other name is
/// weighed as a standfirst or caption.
pub const HEADLINE: &str = "headline";

/// Why a text could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The text is longer than [`MAX_TEXT_BYTES`].
    #[error("text is {len} bytes, over the limit of {limit} bytes")]
    TextTooLong {
        /// The text's length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The `stop` callback of [`Extractor::extract_fields_until`] said to stop.
    #[error("extraction stopped: the caller no longer wants the answer")]
    Interrupted,
}

/// What to extract and how to report it.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Only return entities of these types; empty means every type. Overlaps are resolved
    /// before filtering, so a type filter never turns part of a longer name into a mention.
    pub entity_types: Vec<String>,
    /// Only match entries of these gazetteer namespaces (`geo`, `people`); empty means all.
    pub namespaces: Vec<String>,
    /// Unit of the returned offsets.
    pub encoding: Encoding,
    /// Leftmost-longest (default) or every candidate span.
    pub overlap: Overlap,
    /// Fold diacritics (default true): `Erdogan` finds `Erdoğan`'s entry and vice versa.
    pub fold_diacritics: bool,
    /// Explain each mention: which alias, which folding, which rule.
    pub explain: bool,
    /// Also suggest unlisted names ([`Extraction::suggestions`]); off by default, and a
    /// request without it does none of that work.
    pub suggest: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            entity_types: Vec::new(),
            namespaces: Vec::new(),
            encoding: Encoding::Utf8,
            overlap: Overlap::Longest,
            fold_diacritics: true,
            explain: false,
            suggest: false,
        }
    }
}

/// One named text of a document (headline, standfirst, caption, body).
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// Its name: [`HEADLINE`], [`BODY`], or any other.
    pub name: &'a str,
    /// Its text; mention offsets are relative to it.
    pub text: &'a str,
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
    /// The gazetteer has "never tag" rules: only then is their screen run.
    never: bool,
}

/// Why a mention was kept, when [`ExtractOptions::explain`] is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The gazetteer form that matched, as written there.
    pub alias: String,
    /// Folding steps that made the text match the form: `case`, `apostrophe`, `hyphen`,
    /// `whitespace`, `compatibility`, `diacritics`.
    pub folding: Vec<&'static str>,
    /// The rule that kept this span and chose its entity.
    pub rule: String,
}

/// One occurrence of an entity in a field of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index of the field (in the order given) the mention is in.
    pub field: usize,
    /// Start, in the requested encoding, relative to its field (half-open `[start, end)`).
    pub start: usize,
    /// End (exclusive), in the requested encoding, relative to its field.
    pub end: usize,
    /// Start in UTF-8 bytes within its field, whatever the requested encoding.
    pub byte_start: usize,
    /// End (exclusive) in UTF-8 bytes within its field.
    pub byte_end: usize,
    /// Index of the entry in [`Gazetteer::entries`].
    pub entry: usize,
    /// Which of the entry's forms matched (0 = its name; see
    /// [`Entry::forms`](crate::Entry::forms)).
    pub form: usize,
    /// How it matched: by name, alias or a short form of a name seen earlier.
    pub how: How,
    /// Which rule chose the entry, when several share the matched form.
    pub resolution: Resolution,
    /// The chosen entry's score (prior plus context).
    pub score: f32,
    /// Other entries the span could name, best first.
    pub alternatives: Vec<Alternative>,
    /// Set when explanations were asked for.
    pub explanation: Option<Explanation>,
}

/// The result of one extraction.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Mentions in document order (field by field), non-overlapping unless
    /// [`Overlap::All`] was asked for.
    pub mentions: Vec<Mention>,
    /// One group per entity, ordered by first mention.
    pub entities: Vec<EntityGroup>,
    /// Unit of the offsets in `mentions`.
    pub encoding: Encoding,
    /// Names of the fields, in the order mentions refer to them.
    pub fields: Vec<String>,
    /// With [`ExtractOptions::explain`]: the readings the screens dropped ("never tag" rules,
    /// person-name parts, gated forms without evidence), in screen order; otherwise empty.
    pub suppressed: Vec<Suppressed>,
    /// With [`ExtractOptions::suggest`]: unlisted names outside every mention, in document
    /// order, offsets in `encoding`. Empty otherwise.
    pub suggestions: Vec<crate::suggest::Suggestion>,
    gazetteer: Gazetteer,
}

impl Extraction {
    /// The gazetteer entry a mention or group refers to.
    pub fn entry(&self, index: usize) -> EntryRef<'_> {
        self.gazetteer.entry(index)
    }

    /// The version of the gazetteer that produced this result.
    pub fn gazetteer_version(&self) -> &str {
        self.gazetteer.version()
    }
}

impl Extractor {
    /// An extractor over `gazetteer`. The gazetteer is shared, not copied: build it once and
    /// clone the extractor into each thread.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let never = gazetteer
            .counts()
            .by_type
            .contains_key(crate::gazetteer::NEVER_TYPE);
        Extractor { gazetteer, never }
    }

    /// The gazetteer in use, for its version and counts or to look entries up by id.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds every entity in `text` (a body with no other fields). Offsets come in the unit
    /// the caller slices strings by, and an explanation says why each mention was kept.
    ///
    /// ```
    /// use gazette::{Encoding, ExtractOptions, Extractor, Format, GazetteerBuilder};
    /// let mut b = GazetteerBuilder::new();
    /// let tsv = "Recep Tayyip Erdoğan\tPERSON\n";
    /// b.add_source("people", "people.tsv", Format::Tsv, tsv.as_bytes());
    /// let ex = Extractor::new(b.build()?);
    /// // A JavaScript client: UTF-16 offsets, and the flag before the name is 4 units long.
    /// let options =
    ///     ExtractOptions { encoding: Encoding::Utf16, explain: true, ..Default::default() };
    /// let out = ex.extract("🇹🇷 RECEP TAYYIP ERDOGAN", &options)?;
    /// let m = &out.mentions[0];
    /// assert_eq!((m.start, m.end), (5, 25));
    /// assert_eq!(m.explanation.as_ref().unwrap().folding, ["case", "diacritics"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract(
        &self,
        text: &str,
        options: &ExtractOptions,
    ) -> Result<Extraction, ExtractError> {
        self.extract_fields(&[Field { name: BODY, text }], options)
    }

    /// Finds every entity in a document's fields, taken in the order given (put the headline
    /// first: a full name there lets the body use the short form). Offsets are relative to
    /// each field.
    ///
    /// ```
    /// use gazette::{ExtractOptions, Extractor, Field, Format, GazetteerBuilder};
    /// let mut b = GazetteerBuilder::new();
    /// b.add_source("people", "people.tsv", Format::Tsv, "Bashar al-Assad\tPERSON\n".as_bytes());
    /// let ex = Extractor::new(b.build()?);
    /// let fields = [
    ///     Field { name: "headline", text: "BASHAR AL-ASSAD ADDRESSES PARLIAMENT" },
    ///     Field { name: "text", text: "Assad’s speech lasted an hour." },
    /// ];
    /// let out = ex.extract_fields(&fields, &ExtractOptions::default())?;
    /// assert_eq!(out.mentions.len(), 2);
    /// assert_eq!(out.entities.len(), 1);
    /// assert_eq!((out.mentions[1].field, out.mentions[1].start, out.mentions[1].end), (1, 0, 5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract_fields(
        &self,
        fields: &[Field<'_>],
        options: &ExtractOptions,
    ) -> Result<Extraction, ExtractError> {
        self.extract_fields_until(fields, options, &|| false)
    }

    /// [`Extractor::extract_fields`] for a caller that may stop waiting: `stop` is called every
    /// few tens of KiB of matching work (and between the steps after it), and once it returns
    /// true the extraction ends with [`ExtractError::Interrupted`]. A server passes a check of
    /// the request's deadline and cancellation, so an abandoned request stops costing CPU
    /// within a fraction of a millisecond.
    ///
    /// The work is linear in the text, whatever the text: no input costs more than a constant
    /// (set by the gazetteer's longest name) per byte.
    ///
    /// ```
    /// use gazette::{ExtractError, ExtractOptions, Extractor, Field, Format, GazetteerBuilder};
    /// let mut b = GazetteerBuilder::new();
    /// b.add_source("geo", "geo.tsv", Format::Tsv, "Syria\tLOCATION\n".as_bytes());
    /// let ex = Extractor::new(b.build()?);
    /// let text = "Syria ".repeat(100_000);
    /// let fields = [Field { name: "text", text: &text }];
    /// let stopped = ex.extract_fields_until(&fields, &ExtractOptions::default(), &|| true);
    /// assert_eq!(stopped.unwrap_err(), ExtractError::Interrupted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract_fields_until(
        &self,
        fields: &[Field<'_>],
        options: &ExtractOptions,
        stop: &dyn Fn() -> bool,
    ) -> Result<Extraction, ExtractError> {
        if let Some(f) = fields.iter().find(|f| f.text.len() > MAX_TEXT_BYTES) {
            return Err(ExtractError::TextTooLong {
                len: f.text.len(),
                limit: MAX_TEXT_BYTES,
            });
        }
        let entries = self.gazetteer.table();
        let layers = self.gazetteer.layers();
        // Sorted sets: a request may repeat a namespace or type a million times, and a scan of
        // the request's list per reading or per mention would be quadratic.
        let namespaces = sorted_set(&options.namespaces);
        let types = sorted_set(&options.entity_types);
        let match_options = MatchOptions {
            namespaces: &namespaces,
            fold_diacritics: options.fold_diacritics,
            overlap: options.overlap,
            interrupt: stop,
        };
        let mut state = DocState::default();
        let mut candidates: Vec<(usize, Candidate)> = Vec::new();
        let mut found = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let folded = fold(f.text);
            found.clear();
            let search = crate::matcher::Search {
                layers: &layers,
                entries,
                options: &match_options,
            };
            crate::matcher::find(&search, f.text, &folded, &mut state, &mut found)
                .map_err(|_| ExtractError::Interrupted)?;
            candidates.extend(found.drain(..).map(|c| (i, c)));
        }
        // What follows is linear in the mentions; one look before it and one after resolving.
        if stop() {
            return Err(ExtractError::Interrupted);
        }
        let texts: Vec<&str> = fields.iter().map(|f| f.text).collect();
        let mut suppressed = Vec::new();
        let report = options.explain.then_some(&mut suppressed);
        crate::resolve::screen(entries, &texts, &mut candidates, self.never, report);
        let fields_with = if suppressed.is_empty() {
            0
        } else {
            fields.len()
        };
        for (i, f) in fields.iter().enumerate().take(fields_with) {
            let mut at: Vec<&mut Suppressed> =
                suppressed.iter_mut().filter(|s| s.field == i).collect();
            let mut offsets: Vec<usize> = at.iter().flat_map(|s| [s.start, s.end]).collect();
            convert(f.text, options.encoding, &mut offsets);
            for (s, o) in at.iter_mut().zip(offsets.chunks_exact(2)) {
                (s.start, s.end) = (o[0], o[1]);
            }
        }
        let mut resolved = resolve(entries, &texts, &candidates);
        drop(candidates);
        // Suggestions steer clear of every mention, kept or filtered out by type: a listed
        // name is never suggested.
        let covered: Vec<crate::suggest::Covered> = if options.suggest {
            resolved.iter().map(|m| (m.field, m.start, m.end)).collect()
        } else {
            Vec::new()
        };
        if !types.is_empty() {
            resolved.retain(|m| {
                types
                    .binary_search(&entries.get(m.entry).entity_type())
                    .is_ok()
            });
        }
        if stop() {
            return Err(ExtractError::Interrupted);
        }

        let positions: Vec<Position> = resolved
            .iter()
            .map(|m| Position {
                entry: m.entry as u32,
                start: m.start,
                field_len: fields[m.field].text.len(),
                field: match fields[m.field].name {
                    HEADLINE => FieldKind::Headline,
                    BODY => FieldKind::Body,
                    _ => FieldKind::Other,
                },
            })
            .collect();
        let entities = group(&positions);

        let mut mentions = Vec::with_capacity(resolved.len());
        let mut resolved = resolved.into_iter().peekable();
        for (i, f) in fields.iter().enumerate() {
            // Resolved mentions come field by field, in order.
            let mut in_field = Vec::new();
            while let Some(m) = resolved.next_if(|m| m.field == i) {
                in_field.push(m);
            }
            let mut offsets: Vec<usize> = in_field.iter().flat_map(|m| [m.start, m.end]).collect();
            convert(f.text, options.encoding, &mut offsets);
            for (m, o) in in_field.into_iter().zip(offsets.chunks_exact(2)) {
                let explanation = options
                    .explain
                    .then(|| explain(entries.get(m.entry), &m, &f.text[m.start..m.end], entries));
                mentions.push(Mention {
                    field: i,
                    start: o[0],
                    end: o[1],
                    byte_start: m.start,
                    byte_end: m.end,
                    entry: m.entry,
                    form: m.form,
                    how: m.how,
                    resolution: m.resolution,
                    score: m.score,
                    alternatives: m.alternatives,
                    explanation,
                });
            }
        }
        let suggestions = if options.suggest {
            suggestions(fields, &covered, options.encoding)
        } else {
            Vec::new()
        };
        Ok(Extraction {
            mentions,
            entities,
            suggestions,
            encoding: options.encoding,
            fields: fields.iter().map(|f| f.name.to_string()).collect(),
            suppressed,
            gazetteer: self.gazetteer.clone(),
        })
    }
}

/// The suggestions of `fields` outside `covered`, offsets converted to `encoding`.
fn suggestions(
    fields: &[Field<'_>],
    covered: &[crate::suggest::Covered],
    encoding: Encoding,
) -> Vec<crate::suggest::Suggestion> {
    let texts: Vec<&str> = fields.iter().map(|f| f.text).collect();
    let mut found = crate::suggest::suggest(&texts, covered);
    // Suggestions come field by field, in order: one conversion per field.
    let mut rest = found.as_mut_slice();
    while let Some(field) = rest.first().map(|s| s.field) {
        let n = rest.iter().take_while(|s| s.field == field).count();
        let (here, after) = rest.split_at_mut(n);
        let mut offsets: Vec<usize> = here
            .iter()
            .flat_map(|s| [s.byte_start, s.byte_end])
            .collect();
        if let Some(f) = fields.get(field) {
            convert(f.text, encoding, &mut offsets);
        }
        for (s, o) in here.iter_mut().zip(offsets.chunks_exact(2)) {
            s.start = o[0];
            s.end = o[1];
        }
        rest = after;
    }
    found
}

/// `items` sorted, without repeats, for binary search.
fn sorted_set(items: &[String]) -> Vec<&str> {
    let mut set: Vec<&str> = items.iter().map(String::as_str).collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// Says which alias matched `span`, which folding steps were needed, and which rule decided.
fn explain(
    entry: EntryRef<'_>,
    m: &crate::resolve::Resolved,
    span: &str,
    entries: EntryTable<'_>,
) -> Explanation {
    let alias = entry.form(m.form);
    let mut folding = Vec::new();
    // Letters and digits without diacritics, to compare case alone.
    let letters = |s: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfd()
            .filter(|c| c.is_alphanumeric() && !crate::normalize::is_diacritic(*c))
            .collect()
    };
    let (sl, al) = (letters(span), letters(alias));
    if sl != al && sl.to_lowercase() == al.to_lowercase() {
        folding.push("case");
    }
    if span.chars().any(|c| fold_punct(c) == Some('\'')) {
        folding.push("apostrophe");
    }
    if span.chars().any(|c| fold_punct(c) == Some('-')) {
        folding.push("hyphen");
    }
    if span.chars().any(|c| c.is_whitespace() && c != ' ') || span.contains("  ") {
        folding.push("whitespace");
    }
    if span.chars().any(is_compatibility_char) {
        folding.push("compatibility");
    }
    if fold_keeping_diacritics(span).as_str() != fold_keeping_diacritics(alias).as_str()
        && fold(span).as_str() == fold(alias).as_str()
    {
        folding.push("diacritics");
    }
    let rule = match m.resolution {
        Resolution::OnlyCandidate => "leftmost-longest; the only entity with this name".to_string(),
        Resolution::Prior => format!(
            "leftmost-longest; highest prior of {} entities sharing this name",
            m.alternatives.len() + 1
        ),
        Resolution::Context if m.qualified => {
            "leftmost-longest; qualifier: read with the place named after the comma, in one country"
                .to_string()
        }
        Resolution::Context => format!(
            "leftmost-longest; places named elsewhere in the document outscored the prior of {}",
            m.alternatives
                .first()
                .map(|a| entries.get(a.entry).id())
                .unwrap_or("the alternatives")
        ),
        Resolution::PartialName => format!(
            "partial name: {} was named in full earlier in the document",
            entry.name()
        ),
    };
    Explanation {
        alias: alias.to_string(),
        folding,
        rule,
    }
}

/// True for characters whose compatibility decomposition differs from the canonical one
/// (ligatures, full-width forms, superscripts): folding them is a compatibility step.
fn is_compatibility_char(c: char) -> bool {
    use unicode_normalization::char::{decompose_canonical, decompose_compatible};
    let (mut k, mut d) = (String::new(), String::new());
    decompose_compatible(c, |x| k.push(x));
    decompose_canonical(c, |x| d.push(x));
    k != d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, GazetteerBuilder};

    const GAZ: &str = r#"
{"id":"bashar","name":"Bashar al-Assad","type":"PERSON"}
{"id":"hafez","name":"Hafez al-Assad","type":"PERSON"}
{"id":"habib","name":"General Ali Habib","type":"PERSON"}
{"id":"mbs","name":"Mohammed bin Salman","type":"PERSON","aliases":[{"text":"MBS","case":"exact","scope":"document"}]}
{"id":"erdogan","name":"Recep Tayyip Erdoğan","type":"PERSON","aliases":["Erdoğan"]}
{"id":"paris-fr","name":"Paris","type":"LOCATION","prior":7.8,"attributes":{"country_code":"FR","admin1":"11"}}
{"id":"paris-tx","name":"Paris","type":"LOCATION","prior":4.4,"attributes":{"country_code":"US","admin1":"TX"}}
{"id":"texas","name":"Texas","type":"LOCATION","prior":6,"attributes":{"country_code":"US","admin1":"TX"}}
{"id":"georgia-country","name":"Georgia","type":"LOCATION","prior":16.6,"attributes":{"country_code":"GE"}}
{"id":"georgia-state","name":"Georgia","type":"LOCATION","prior":6,"attributes":{"country_code":"US","admin1":"GA"}}
{"id":"atlanta","name":"Atlanta","type":"LOCATION","prior":5.7,"attributes":{"country_code":"US","admin1":"GA"}}
{"id":"nyc","name":"New York City","type":"LOCATION","aliases":["New York"]}
{"id":"shia","name":"Shia","type":"NORP","aliases":["Shi'ite"]}
"#;

    fn extractor(extra: &str) -> Extractor {
        let mut b = GazetteerBuilder::new();
        b.add_source("t", "t.jsonl", Format::Jsonl, GAZ.as_bytes());
        b.add_source("extra", "extra.jsonl", Format::Jsonl, extra.as_bytes());
        Extractor::new(b.build().expect("test gazetteer"))
    }

    /// (mention text, entry id, how) for `text`.
    fn found(ex: &Extractor, text: &str, options: &ExtractOptions) -> Vec<(String, String, How)> {
        let out = ex.extract(text, options).expect("extract");
        out.mentions
            .iter()
            .map(|m| {
                (
                    text[m.byte_start..m.byte_end].to_string(),
                    out.entry(m.entry).id().to_string(),
                    m.how,
                )
            })
            .collect()
    }

    #[test]
    fn partial_names() {
        use How::{Name, PartialName};
        let ex = extractor("");
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str, How)]);
        let cases: &[Case] = &[
            (
                "short form after the full name, with possessive and prefix",
                "Bashar al-Assad spoke. Assad’s aides planned a post-Assad era.",
                &[
                    ("Bashar al-Assad", "bashar", Name),
                    ("Assad", "bashar", PartialName),
                    ("Assad", "bashar", PartialName),
                ],
            ),
            (
                "particle form",
                "Bashar al-Assad spoke; al-Assad left.",
                &[
                    ("Bashar al-Assad", "bashar", Name),
                    ("al-Assad", "bashar", PartialName),
                ],
            ),
            ("no full mention, no link", "Assad spoke in Damascus.", &[]),
            (
                "short form before the full name is not linked",
                "Assad, that is Bashar al-Assad, spoke.",
                &[("Bashar al-Assad", "bashar", Name)],
            ),
            (
                "two people share a surname: the most recent full name wins",
                "Hafez al-Assad ruled. Assad died in 2000. Bashar al-Assad followed. Assad spoke.",
                &[
                    ("Hafez al-Assad", "hafez", Name),
                    ("Assad", "hafez", PartialName),
                    ("Bashar al-Assad", "bashar", Name),
                    ("Assad", "bashar", PartialName),
                ],
            ),
            (
                "honorific in the gazetteer name",
                "General Ali Habib defected; Habib is in Istanbul.",
                &[
                    ("General Ali Habib", "habib", Name),
                    ("Habib", "habib", PartialName),
                ],
            ),
            (
                "listed document-scoped alias",
                "MBS is unknown here. Mohammed bin Salman arrived; MBS spoke.",
                &[
                    ("Mohammed bin Salman", "mbs", Name),
                    ("MBS", "mbs", PartialName),
                ],
            ),
        ];
        for (name, text, want) in cases {
            let want: Vec<(String, String, How)> = want
                .iter()
                .map(|(a, b, h)| (a.to_string(), b.to_string(), *h))
                .collect();
            assert_eq!(
                found(&ex, text, &ExtractOptions::default()),
                want,
                "case {name:?}"
            );
        }
    }

    #[test]
    fn ambiguity_by_prior_then_context() {
        let ex = extractor("");
        let opts = ExtractOptions::default();
        let text = "Paris is lovely.";
        let out = ex.extract(text, &opts).expect("extract");
        assert_eq!(out.entry(out.mentions[0].entry).id(), "paris-fr");
        assert_eq!(out.mentions[0].resolution, Resolution::Prior);
        assert_eq!(
            out.entry(out.mentions[0].alternatives[0].entry).id(),
            "paris-tx"
        );

        let text = "Paris, Texas is small.";
        let out = ex.extract(text, &opts).expect("extract");
        assert_eq!(out.entry(out.mentions[0].entry).id(), "paris-tx");
        assert_eq!(out.mentions[0].resolution, Resolution::Context);
        assert_eq!(
            out.entry(out.mentions[0].alternatives[0].entry).id(),
            "paris-fr"
        );
        assert_eq!(out.mentions[1].resolution, Resolution::OnlyCandidate);

        let text = "Georgia voted; Atlanta counted late.";
        let out = ex.extract(text, &opts).expect("extract");
        assert_eq!(out.entry(out.mentions[0].entry).id(), "georgia-state");
        let text = "Georgia and Russia talked.";
        let out = ex.extract(text, &opts).expect("extract");
        assert_eq!(out.entry(out.mentions[0].entry).id(), "georgia-country");
    }

    #[test]
    fn diacritic_folding_is_on_by_default_and_can_be_turned_off() {
        let ex = extractor("");
        let on = ExtractOptions::default();
        let off = ExtractOptions {
            fold_diacritics: false,
            ..ExtractOptions::default()
        };
        let ids = |text: &str, o: &ExtractOptions| -> Vec<String> {
            found(&ex, text, o).into_iter().map(|(t, _, _)| t).collect()
        };
        assert_eq!(ids("Erdogan said", &on), ["Erdogan"]);
        assert_eq!(ids("ERDOGAN SAID", &on), ["ERDOGAN"]);
        assert_eq!(ids("Erdoğan said", &on), ["Erdoğan"]);
        assert!(ids("Erdogan said", &off).is_empty());
        assert_eq!(ids("Erdoğan said", &off), ["Erdoğan"]);
        // Decomposed input: the span covers the combining breve.
        assert_eq!(ids("Erdog\u{306}an said", &on), ["Erdog\u{306}an"]);
    }

    /// A request may repeat a type or a namespace a million times: the filters are sets, so
    /// the answer is the same as with one of each (and the cost does not multiply by mentions).
    #[test]
    fn repeated_types_and_namespaces_filter_like_one() {
        let ex = extractor("");
        let text = "Paris and Georgia and Bashar al-Assad. ".repeat(50);
        let once = ExtractOptions {
            entity_types: vec!["LOCATION".into()],
            namespaces: vec!["t".into()],
            ..ExtractOptions::default()
        };
        let repeated = ExtractOptions {
            entity_types: vec!["LOCATION".to_string(); 100_000],
            namespaces: vec!["t".to_string(); 100_000],
            ..ExtractOptions::default()
        };
        let want = found(&ex, &text, &once);
        assert_eq!(want.len(), 100);
        assert_eq!(found(&ex, &text, &repeated), want);
    }

    /// The stop check is asked during matching, not only at the end: a caller that stops
    /// waiting after a few polls ends a long extraction there.
    #[test]
    fn an_extraction_stops_when_asked_and_polls_as_it_goes() {
        let ex = extractor("");
        let text = "Paris and Georgia and Bashar al-Assad. ".repeat(30_000);
        let fields = [Field {
            name: BODY,
            text: &text,
        }];
        let polls = std::cell::Cell::new(0);
        let out = ex.extract_fields_until(&fields, &ExtractOptions::default(), &|| {
            polls.set(polls.get() + 1);
            polls.get() >= 3
        });
        assert_eq!(out.unwrap_err(), ExtractError::Interrupted);
        assert_eq!(polls.get(), 3);
        let polls = std::cell::Cell::new(0);
        ex.extract_fields_until(&fields, &ExtractOptions::default(), &|| {
            polls.set(polls.get() + 1);
            false
        })
        .expect("extract");
        // ~1.2 MB of text: polled about once per POLL_EVERY units of work.
        assert!(polls.get() >= text.len() / POLL_EVERY, "{}", polls.get());
    }

    #[test]
    fn namespaces_and_overlap_all() {
        let ex = extractor(r#"{"id":"x-paris","name":"Paris","type":"PERSON","prior":99}"#);
        let only_t = ExtractOptions {
            namespaces: vec!["t".into()],
            ..ExtractOptions::default()
        };
        let got = found(&ex, "Paris", &only_t);
        assert_eq!(got[0].1, "paris-fr");
        let got = found(&ex, "Paris", &ExtractOptions::default());
        assert_eq!(got[0].1, "x-paris");

        let all = ExtractOptions {
            overlap: Overlap::All,
            ..ExtractOptions::default()
        };
        let got: Vec<String> = found(&ex, "New York City", &all)
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(got, ["New York City", "New York"]);
    }

    #[test]
    fn headline_fields_and_salience() {
        let ex = extractor("");
        let fields = [
            Field {
                name: HEADLINE,
                text: "HABIB DEFECTS",
            },
            Field {
                name: "standfirst",
                text: "General Ali Habib is in Istanbul",
            },
            Field {
                name: BODY,
                text: "Habib left. Habib spoke. Habib waited. Paris reacted.",
            },
        ];
        let out = ex
            .extract_fields(&fields, &ExtractOptions::default())
            .expect("extract");
        // The headline's surname comes before any full name: not linked.
        let got: Vec<(usize, &str)> = out
            .mentions
            .iter()
            .map(|m| (m.field, &fields[m.field].text[m.byte_start..m.byte_end]))
            .collect();
        assert_eq!(
            got,
            [
                (1, "General Ali Habib"),
                (2, "Habib"),
                (2, "Habib"),
                (2, "Habib"),
                (2, "Paris")
            ]
        );
        let habib = &out.entities[0];
        assert_eq!(out.entry(habib.entry as usize).id(), "habib");
        assert_eq!(habib.mentions.len(), 4);
        assert!(
            habib.salience > out.entities[1].salience,
            "most mentioned is most salient"
        );

        let fields = [
            Field {
                name: HEADLINE,
                text: "BASHAR AL-ASSAD IN PARIS",
            },
            Field {
                name: BODY,
                text: "Georgia voted.",
            },
        ];
        let out = ex
            .extract_fields(&fields, &ExtractOptions::default())
            .expect("extract");
        assert_eq!(out.mentions.len(), 3);
        assert!(
            out.entities[0].salience > out.entities[2].salience,
            "headline weighs more"
        );
    }

    #[test]
    fn explanations() {
        let ex = extractor("");
        let opts = ExtractOptions {
            explain: true,
            ..ExtractOptions::default()
        };
        let text = "ERDOGAN met Shi’ite clerics; Bashar al-Assad and Assad";
        let out = ex.extract(text, &opts).expect("extract");
        let x: Vec<&Explanation> = out
            .mentions
            .iter()
            .filter_map(|m| m.explanation.as_ref())
            .collect();
        assert_eq!(x[0].alias, "Erdoğan");
        assert_eq!(x[0].folding, ["case", "diacritics"]);
        assert_eq!(x[1].folding, ["apostrophe"]);
        assert!(x[3].rule.contains("partial name"), "{}", x[3].rule);
        // U+2010 HYPHEN folds to `-`: explanations read the list `normalize::fold` uses.
        let out = ex
            .extract("Bashar al\u{2010}Assad", &opts)
            .expect("extract");
        let x = out.mentions[0].explanation.as_ref().expect("explained");
        assert_eq!(x.folding, ["hyphen"]);
    }
}
