//! The promises of suggestions, checked on arbitrary bytes: by the cargo-fuzz target
//! `fuzz/fuzz_targets/suggest.rs`, its saved inputs' replay and a proptest.

use crate::extract::{ExtractOptions, Extractor, Field, BODY, HEADLINE};
use crate::gazetteer::{Format, GazetteerBuilder};
use crate::offsets::Encoding;

/// Most aliases a fuzz input may declare.
const MAX_ALIASES: usize = 8;

/// `text[start..end]` in `encoding` units, or `None` when the span is not one.
fn slice(text: &str, encoding: Encoding, start: usize, end: usize) -> Option<String> {
    match encoding {
        Encoding::Utf8 => text.get(start..end).map(str::to_string),
        Encoding::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(units.get(start..end)?).ok()
        }
        Encoding::CodePoint => Some(text.chars().skip(start).take(end - start).collect()),
    }
}

/// Splits `data` into a small gazetteer (lines up to the first empty line, each an alias of a
/// PERSON, LOCATION or ORGANIZATION in turn), a headline (up to the first NUL) and a body,
/// extracts with suggestions in every encoding, and checks: each suggestion's span is on char
/// boundaries, slices to the same text in every unit, overlaps no mention and no other
/// suggestion, comes in document order, with a score in `[0, 1]` and its evidence.
///
/// ```
/// gazette::suggest::check(b"Syria\n\nGeneral Ali Habib left Syria.\0Habib said so.");
/// ```
pub fn check(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (head, text) = input.split_once("\n\n").unwrap_or(("", &input));
    let (headline, body) = text.split_once('\0').unwrap_or(("", text));
    let mut tsv = String::new();
    for (i, alias) in head.lines().take(MAX_ALIASES).enumerate() {
        if alias.contains('\t') {
            continue;
        }
        let kind = ["PERSON", "LOCATION", "ORGANIZATION"][i % 3];
        tsv.push_str(&format!("{alias}\t{kind}\tid:{i}\n"));
    }
    let mut builder = GazetteerBuilder::new();
    builder.add_source("fuzz", "fuzz.tsv", Format::Tsv, tsv.as_bytes());
    let Ok(gazetteer) = builder.build() else {
        return;
    };
    let extractor = Extractor::new(gazetteer);
    let fields = [
        Field {
            name: HEADLINE,
            text: headline,
        },
        Field {
            name: BODY,
            text: body,
        },
    ];
    let mut first: Option<Vec<(usize, usize, usize)>> = None;
    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::CodePoint] {
        let options = ExtractOptions {
            encoding,
            suggest: true,
            ..ExtractOptions::default()
        };
        let Ok(out) = extractor.extract_fields(&fields, &options) else {
            continue;
        };
        let mut previous = (0, 0);
        for s in &out.suggestions {
            let text = fields[s.field].text;
            assert!(
                s.byte_start < s.byte_end && s.byte_end <= text.len(),
                "{s:?}"
            );
            assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
            let span = &text[s.byte_start..s.byte_end];
            assert_eq!(
                slice(text, encoding, s.start, s.end).as_deref(),
                Some(span),
                "{s:?}"
            );
            assert!(
                (0.0..=1.0).contains(&s.score) && !s.evidence.is_empty(),
                "{s:?}"
            );
            assert!((s.field, s.byte_start) >= previous, "out of order: {s:?}");
            previous = (s.field, s.byte_end);
            assert!(
                !out.mentions.iter().any(|m| m.field == s.field
                    && m.byte_start < s.byte_end
                    && s.byte_start < m.byte_end),
                "a mention's span suggested: {s:?}"
            );
        }
        // The same suggestions, whatever the unit.
        let bytes: Vec<(usize, usize, usize)> = out
            .suggestions
            .iter()
            .map(|s| (s.field, s.byte_start, s.byte_end))
            .collect();
        match &first {
            None => first = Some(bytes),
            Some(f) => assert_eq!(f, &bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Arbitrary text, name-like words from several scripts among it.
        #[test]
        fn spans_are_exact_in_every_unit(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("Ali".to_string()), Just("Habib".to_string()), Just("al-Assad".to_string()),
                    Just("General".to_string()), Just("said".to_string()), Just("W.".to_string()),
                    Just("O’Brien’s".to_string()), Just("Ki-Moon".to_string()), Just("Ñúñez".to_string()),
                    Just("🇸🇾".to_string()), Just("北京".to_string()), Just("e\u{301}".to_string()),
                    Just("Syria".to_string()), Just(", a".to_string()), Just(".".to_string()),
                    Just("-".to_string()), Just("’".to_string()), Just("\n".to_string()),
                    "\\PC{0,6}",
                ],
                0..40,
            ),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("\0")], 40),
        ) {
            let mut text = String::from("Syria\nAli Habib\n\n");
            for (w, s) in words.iter().zip(seps.iter().cycle()) {
                text.push_str(w);
                text.push_str(s);
            }
            check(text.as_bytes());
        }
    }

    #[test]
    fn arbitrary_bytes_keep_the_promises() {
        check(b"");
        check(b"\n\n\0");
        check(&[0xff, b'A', 0xc3, b' ', b'B', b'-', 0xe2, 0x80, 0x99]);
        check("Mr. A. B. al- bin -C ’s’ Dr.. Z".as_bytes());
    }
}
