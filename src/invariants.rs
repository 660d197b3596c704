//! The library's promises, checked on arbitrary bytes: the gazetteer parsers never panic, and
//! every span extraction returns slices its text exactly in all three offset encodings.
//!
//! The cargo-fuzz targets in `fuzz/` call these, and `tests/it/fuzz_regressions.rs` replays every
//! input saved under `fuzz/regressions/` through them on stable, so a crash found once stays
//! fixed. Each function panics when a promise is broken; that is its only output.

use crate::extract::Overlap;
use crate::extract::{ExtractOptions, Extractor, Field};
use crate::gazetteer::{Format, GazetteerBuilder};
use crate::offsets::Encoding;

/// Parses `data` as a JSONL and as a TSV gazetteer file. Invalid input must come back as errors
/// naming a line of the file, never as a panic; valid input must build.
pub fn check_gazetteer_parse(data: &[u8]) {
    for format in [Format::Jsonl, Format::Tsv] {
        let mut builder = GazetteerBuilder::new();
        builder.add_source("fuzz", "fuzz.in", format, data);
        match builder.build() {
            Ok(gazetteer) => {
                // Every entry is reachable through the public accessors, by index and by id.
                for (i, entry) in gazetteer.entries().enumerate() {
                    assert_eq!(gazetteer.entry(i), entry);
                    assert_eq!(gazetteer.get(entry.id()), Some(entry));
                }
            }
            Err(errors) => {
                for e in &errors.0 {
                    let shown = e.to_string();
                    assert!(
                        shown.starts_with("fuzz.in:"),
                        "error without a place: {shown}"
                    );
                }
            }
        }
    }
}

/// Most aliases a fuzz input may declare: more add time, not coverage.
const MAX_ALIASES: usize = 8;

/// Splits `data` into a small gazetteer (the first lines, up to the first empty line, each an
/// alias) and a text (the rest), matches in every mode, and checks each span in every encoding.
///
/// The first byte picks options: bit 0 folds diacritics, bit 1 returns overlapping candidates,
/// bits 2–3 the case policy of the aliases.
pub fn check_extract(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let input = String::from_utf8_lossy(rest);
    let (head, text) = input.split_once("\n\n").unwrap_or(("", &input));
    let case = ["proper", "exact", "insensitive", "proper"][usize::from(flags >> 2 & 3)];
    let mut jsonl = String::new();
    for (i, alias) in head.lines().take(MAX_ALIASES).enumerate() {
        let kind = ["PERSON", "LOCATION", "ORGANIZATION"][i % 3];
        let line =
            serde_json::json!({"id": format!("id:{i}"), "name": alias, "type": kind, "case": case});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let mut builder = GazetteerBuilder::new();
    builder.add_source("fuzz", "fuzz.jsonl", Format::Jsonl, jsonl.as_bytes());
    // Aliases with no letter or digit are refused, which is fine: nothing to match then.
    let Ok(gazetteer) = builder.build() else {
        return;
    };
    let extractor = Extractor::new(gazetteer);
    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::CodePoint] {
        let options = ExtractOptions {
            encoding,
            fold_diacritics: flags & 1 == 1,
            overlap: if flags & 2 == 2 {
                Overlap::All
            } else {
                Overlap::Longest
            },
            ..ExtractOptions::default()
        };
        let fields = [Field {
            name: crate::extract::BODY,
            text,
        }];
        let Ok(extraction) = extractor.extract_fields(&fields, &options) else {
            continue;
        };
        let mut previous_end = 0;
        for m in &extraction.mentions {
            assert!(
                m.byte_start < m.byte_end && m.byte_end <= text.len(),
                "{m:?}"
            );
            assert!(text.is_char_boundary(m.byte_start) && text.is_char_boundary(m.byte_end));
            let mention = &text[m.byte_start..m.byte_end];
            assert_eq!(slice(text, encoding, m.start, m.end), mention, "{m:?}");
            if options.overlap == Overlap::Longest {
                assert!(m.byte_start >= previous_end, "overlapping spans: {m:?}");
                previous_end = m.byte_end;
            }
        }
    }
}

/// Texts built to hurt a matcher, each about `bytes` long, by name: one long word of each fold
/// that changes length (ligatures, decomposed and precomposed accents, fullwidth letters,
/// combining marks, a ligature that expands eleven-fold, symbols that fold to letters), runs of
/// zero-width joiners and of CJK, one gazetteer name (`name`) repeated, and scripts alternating
/// every character. `benches/extract.rs` times them (group `adversarial`); the tests hold the
/// matcher's work on each to a constant per byte ([`matching_work`]).
pub fn adversarial_texts(bytes: usize, name: &str) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat((bytes / unit.len()).max(1));
    vec![
        // U+FB01 folds to "fi": one run of ASCII letters in the folded text, none in the original.
        ("ligature-fi", fill("\u{FB01}")),
        ("precomposed-accents", fill("\u{E9}")),
        ("decomposed-accents", fill("e\u{301}")),
        ("fullwidth", fill("\u{FF21}")),
        // Marks that fold away (acute) and marks that stay (Devanagari stress sign), on one letter.
        ("combining-marks", format!("a{}", fill("\u{301}\u{951}"))),
        // U+FDFA, one character, folds to 18: the folded text is eleven times the original.
        ("expanding-ligature", fill("\u{FDFA}")),
        // "™" folds to "tm" but is no letter: every character may start and end a name.
        ("symbols-folding-to-letters", fill("a\u{2122}")),
        ("zero-width-joiners", fill("\u{200D}")),
        (
            "cjk",
            fill("\u{6211}\u{5728}\u{5317}\u{4EAC}\u{5DE5}\u{4F5C}\u{3002}"),
        ),
        ("name-repeated", fill(&format!("{name} "))),
        ("mixed-scripts", fill("a\u{431}\u{4E2D}\u{627}1\u{3B1}")),
    ]
}

/// Units of matching work `extractor` spends on `text` (a byte stepped over, a byte of a word
/// scanned and a hash are one unit each), to [`crate::extract::POLL_EVERY`]'s precision: counted
/// from how often the
/// extraction asks whether to stop. Linear matching keeps it a small constant times the text's
/// length, whatever the text.
pub fn matching_work(extractor: &Extractor, text: &str, options: &ExtractOptions) -> usize {
    let polls = std::cell::Cell::new(0usize);
    let fields = [Field {
        name: crate::extract::BODY,
        text,
    }];
    let counted = extractor.extract_fields_until(&fields, options, &|| {
        polls.set(polls.get() + 1);
        false
    });
    assert!(counted.is_ok(), "{counted:?}");
    // Two of the polls come after matching.
    polls.get().saturating_sub(2) * crate::extract::POLL_EVERY
}

/// `text[start..end]` with offsets counted in `encoding`, as a client in that language slices.
fn slice(text: &str, encoding: Encoding, start: usize, end: usize) -> String {
    match encoding {
        Encoding::Utf8 => text
            .get(start..end)
            .unwrap_or("<not a char boundary>")
            .to_string(),
        Encoding::CodePoint => text.chars().skip(start).take(end - start).collect(),
        Encoding::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            units
                .get(start..end)
                .map(String::from_utf16_lossy)
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_accept_ordinary_input() {
        check_gazetteer_parse(b"Ali Habib\tPERSON\tp:1\n");
        check_gazetteer_parse(b"{\"id\":\"x\",\"name\":\"Zo\xc3\xab\",\"type\":\"PERSON\"}\n");
        check_gazetteer_parse(b"\xff\xfe broken\n\tno name\n");
        check_extract(b"\x01Zo\xc3\xab\nSyria\n\nZoe met Zo\xc3\xab in Syria, then SYRIA.");
        check_extract(b"\x02\xf0\x9f\x98\x80\n\n\xf0\x9f\x98\x80 \xf0\x9f\x98\x80");
    }

    /// Matching work per byte is bounded on every text built to hurt, in every mode, with the
    /// default gazetteer (whose longest names set the constant). Before the bound on how far a
    /// word is read, a long run like `ﬁﬁﬁ…` cost work quadratic in its length: ~20,000 units per
    /// byte at this size, against under [`MAX_UNITS_PER_BYTE`] now.
    #[test]
    fn matching_work_is_linear_on_adversarial_text() {
        const MAX_UNITS_PER_BYTE: usize = 16;
        const BYTES: usize = 256 * 1024;
        let mut b = GazetteerBuilder::new();
        crate::default_gazetteer::add_to(&mut b);
        let extractor = Extractor::new(b.build().expect("default gazetteer"));
        let mut worst = (0.0, "");
        for (name, text) in adversarial_texts(BYTES, "Syria") {
            for overlap in [Overlap::Longest, Overlap::All] {
                for fold_diacritics in [true, false] {
                    let options = ExtractOptions {
                        overlap,
                        fold_diacritics,
                        ..ExtractOptions::default()
                    };
                    let work = matching_work(&extractor, &text, &options);
                    let per_byte = work as f64 / text.len() as f64;
                    if per_byte > worst.0 {
                        worst = (per_byte, name);
                    }
                    assert!(
                        work <= MAX_UNITS_PER_BYTE * text.len(),
                        "{name} ({overlap:?}, fold_diacritics {fold_diacritics}): \
                         {per_byte:.1} units of work per byte"
                    );
                }
            }
        }
        eprintln!("most work per byte: {:.2} ({})", worst.0, worst.1);
    }
}
