//! The library's promises, checked on arbitrary bytes: the gazetteer parsers never panic, and
//! every span extraction returns slices its text exactly in all three offset encodings.
//!
//! The cargo-fuzz targets in `fuzz/` call these, and `tests/fuzz_regressions.rs` replays every
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
}
