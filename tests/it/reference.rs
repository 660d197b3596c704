//! Property test: the automaton-driven matcher finds exactly what a brute-force reference finds,
//! and every span slices the original text exactly in all three offset encodings.

use gazette::normalize::{fold, fold_keeping_diacritics, is_boundary, Folded};
use gazette::offsets::Encoding;
use gazette::{CasePolicy, ExtractOptions, Extractor, Format, GazetteerBuilder};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Word pieces with the troublesome characters: accents precomposed and not, CJK, emoji,
/// apostrophe variants, dotted acronyms, case variants, ligatures, dotted capital I.
const PIECES: &[&str] = &[
    "syria",
    "Syria",
    "SYRIA",
    "Syrian",
    "al",
    "Al",
    "Assad",
    "assad",
    "北京",
    "北",
    "京",
    "工作",
    "Zoë",
    "Zoe\u{308}",
    "Zoe",
    "é",
    "😀",
    "U.S.",
    "US",
    "us",
    "Shi’ite",
    "Shi'ite",
    "İstanbul",
    "istanbul",
    "straße",
    "ﬁn",
    "fin",
    "Ελλάδα",
    "ΕΛΛΆΔΑ",
    "ex",
    "x1",
    "ไทย",
    // Folds to ASCII letters though it is not a letter itself ("tm"), so ASCII bytes in the
    // folded text may have word boundaries between them.
    "™",
    "tm",
];
const SEPARATORS: &[&str] = &[
    " ", " ", "\n", "  ", "-", "‑", "’s ", ", ", "", "\u{a0}", " — ", "🔥",
];

#[derive(Debug, Clone)]
struct TestEntry {
    forms: Vec<String>,
    case: CasePolicy,
    prior: u8,
}

fn alias() -> impl Strategy<Value = String> {
    (
        // Up to four pieces: phrases sharing their first words, and prefixes that are forms.
        prop::collection::vec(prop::sample::select(PIECES), 1..5),
        prop::sample::select(&[" ", " ", "-", ""][..]),
    )
        .prop_map(|(parts, sep)| parts.join(sep))
        .prop_filter("an alias needs a letter or digit", |a| {
            a.chars().any(gazette::normalize::is_word_char)
        })
}

fn entry() -> impl Strategy<Value = TestEntry> {
    (
        prop::collection::vec(alias(), 1..3),
        prop::sample::select(
            &[
                CasePolicy::Proper,
                CasePolicy::Exact,
                CasePolicy::Insensitive,
            ][..],
        ),
        0u8..3,
    )
        .prop_map(|(forms, case, prior)| TestEntry { forms, case, prior })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(SEPARATORS),
        ),
        0..24,
    )
    .prop_map(|v| v.into_iter().flat_map(|(a, b)| [a, b]).collect())
}

fn build(entries: &[TestEntry]) -> Extractor {
    let named: Vec<(String, TestEntry)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("e{i}"), e.clone()))
        .collect();
    Extractor::new(gazetteer(&named))
}

/// `PROPTEST_CASES` raises the case count for a longer local run.
fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default_cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn case_of(c: char) -> Option<bool> {
    if c.is_lowercase() {
        Some(false)
    } else if c.is_uppercase() || c.to_lowercase().any(|l| l != c) {
        Some(true)
    } else {
        None
    }
}

/// Does the text at folded position `p` satisfy `policy` for `alias`?
fn case_ok(alias: &str, policy: CasePolicy, text: &str, folded: &Folded, p: usize) -> bool {
    let fa = fold(alias);
    let len = fa.as_str().len();
    (0..len).filter(|&i| fa.is_char_start(i)).all(|i| {
        let want = char_at(alias, fa.original_offset(i)).and_then(case_of);
        let got = char_at(text, folded.original_offset(p + i)).and_then(case_of);
        match (policy, want) {
            (CasePolicy::Insensitive, _) | (_, None) => true,
            (CasePolicy::Proper, Some(false)) => true,
            (CasePolicy::Proper, Some(true)) => got == Some(true),
            (CasePolicy::Exact, w) => got == w,
        }
    })
}

/// Every valid occurrence of every form, by brute force: (start, end, entry, prior), in no order.
fn candidates(
    entries: &[TestEntry],
    text: &str,
    fold_diacritics: bool,
) -> Vec<(usize, usize, usize, u8)> {
    let folded = fold(text);
    let hay = folded.as_str();
    let mut cands: Vec<(usize, usize, usize, u8)> = Vec::new();
    for (ei, e) in entries.iter().enumerate() {
        for form in &e.forms {
            let form = form.trim();
            let a = fold(form);
            let a = a.as_str();
            for p in 0..hay.len() {
                if !hay.as_bytes()[p..].starts_with(a.as_bytes()) {
                    continue;
                }
                let end = p + a.len();
                if !folded.is_char_start(p) || !folded.is_char_start(end) {
                    continue;
                }
                let (s, t) = (folded.original_offset(p), folded.original_offset(end));
                if !is_boundary(char_before(text, s), char_at(text, s))
                    || !is_boundary(char_before(text, t), char_at(text, t))
                {
                    continue;
                }
                let strict_ok = fold_diacritics
                    || fold_keeping_diacritics(&text[s..t]).as_str()
                        == fold_keeping_diacritics(form).as_str();
                if strict_ok && case_ok(form, e.case, text, &folded, p) {
                    cands.push((s, t, ei, e.prior));
                }
            }
        }
    }
    cands
}

/// Leftmost-longest selection over the brute-force candidates.
fn reference(
    entries: &[TestEntry],
    text: &str,
    fold_diacritics: bool,
) -> Vec<(usize, usize, usize)> {
    let mut cands = candidates(entries, text, fold_diacritics);
    // Leftmost, then longest, then highest prior, then first entry.
    cands.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then(b.3.cmp(&a.3))
            .then(a.2.cmp(&b.2))
    });
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, t, e, _) in cands {
        if s >= pos {
            out.push((s, t, e));
            pos = t;
        }
    }
    out
}

fn slice(text: &str, enc: Encoding, start: usize, end: usize) -> String {
    match enc {
        Encoding::Utf8 => text[start..end].to_string(),
        Encoding::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[start..end]).expect("span on a UTF-16 boundary")
        }
        Encoding::CodePoint => text.chars().skip(start).take(end - start).collect(),
    }
}

/// Gazette's results on `text` against brute force, leftmost-longest and every span, with
/// spans exact in every encoding.
fn agrees_with_reference(
    entries: &[TestEntry],
    text: &str,
    fold_diacritics: bool,
) -> Result<(), TestCaseError> {
    let ex = build(entries);
    let opts = ExtractOptions {
        fold_diacritics,
        ..ExtractOptions::default()
    };
    let got = ex.extract(text, &opts).expect("extract");
    let got_spans: Vec<(usize, usize, usize)> = got
        .mentions
        .iter()
        .map(|m| (m.byte_start, m.byte_end, m.entry))
        .collect();
    prop_assert_eq!(got_spans, reference(entries, text, fold_diacritics));

    // Overlap ALL: every span with a valid reading, once.
    let all = ExtractOptions {
        overlap: gazette::Overlap::All,
        ..opts.clone()
    };
    let mut got_all: Vec<(usize, usize)> = ex
        .extract(text, &all)
        .expect("extract")
        .mentions
        .iter()
        .map(|m| (m.byte_start, m.byte_end))
        .collect();
    got_all.sort();
    let mut want_all: Vec<(usize, usize)> = candidates(entries, text, fold_diacritics)
        .iter()
        .map(|c| (c.0, c.1))
        .collect();
    want_all.sort();
    want_all.dedup();
    prop_assert_eq!(got_all, want_all);

    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::CodePoint] {
        let out = ex
            .extract(
                text,
                &ExtractOptions {
                    encoding: enc,
                    ..Default::default()
                },
            )
            .expect("extract");
        for m in &out.mentions {
            prop_assert_eq!(
                slice(text, enc, m.start, m.end),
                &text[m.byte_start..m.byte_end]
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn matcher_agrees_with_reference(
        entries in prop::collection::vec(entry(), 1..8),
        text in text(),
        fold_diacritics in any::<bool>(),
    ) {
        agrees_with_reference(&entries, &text, fold_diacritics)?;
    }

    /// Random text rarely holds a multi-piece alias; here the text is made of the entries' own
    /// forms (in the case written, upper or lower case) among random pieces, so long names,
    /// their prefixes and their joiners (`U.S. Zoe`, `al-Assad`) meet the text they name.
    #[test]
    fn matcher_agrees_with_reference_on_text_naming_the_entries(
        entries in prop::collection::vec(entry(), 1..6),
        parts in prop::collection::vec(
            (any::<prop::sample::Index>(), 0u8..4, prop::sample::select(PIECES), prop::sample::select(SEPARATORS)),
            0..10,
        ),
        fold_diacritics in any::<bool>(),
    ) {
        let forms: Vec<&String> = entries.iter().flat_map(|e| &e.forms).collect();
        let mut text = String::new();
        for (which, how, piece, sep) in parts {
            let form = forms[which.index(forms.len())];
            match how {
                0 => text.push_str(piece),
                1 => text.push_str(&form.to_uppercase()),
                2 => text.push_str(&form.to_lowercase()),
                _ => text.push_str(form),
            }
            text.push_str(sep);
        }
        agrees_with_reference(&entries, &text, fold_diacritics)?;
    }
}

fn jsonl(entries: &[(String, TestEntry)]) -> String {
    entries
        .iter()
        .map(|(id, e)| {
            serde_json::json!({
                "id": id,
                "name": e.forms[0],
                "type": "THING",
                "aliases": e.forms[1..],
                "case": match e.case { CasePolicy::Proper => "proper", CasePolicy::Exact => "exact", CasePolicy::Insensitive => "insensitive" },
                "prior": e.prior,
            })
            .to_string()
                + "\n"
        })
        .collect()
}

fn gazetteer(entries: &[(String, TestEntry)]) -> gazette::Gazetteer {
    let mut b = GazetteerBuilder::new();
    b.add_source("t", "t.jsonl", Format::Jsonl, jsonl(entries).as_bytes());
    b.build().expect("generated gazetteer is valid")
}

proptest! {
    #![proptest_config(config(1000))]

    /// Admin edits are a small layer over the base; searching base + edits must give exactly
    /// what one gazetteer of the same entries gives.
    #[test]
    fn edit_layer_equals_rebuilt_gazetteer(
        base in prop::collection::vec(entry(), 1..6),
        upserts in prop::collection::vec((0usize..8, entry()), 0..4),
        deletes in prop::collection::vec(0usize..8, 0..3),
        text in text(),
    ) {
        let base: Vec<(String, TestEntry)> = base.into_iter().enumerate().map(|(i, e)| (format!("e{i}"), e)).collect();
        // Upsert ids may replace base entries (e0..e5) or be new (e6, e7); the last write wins.
        let mut ups: Vec<(String, TestEntry)> = Vec::new();
        for (i, e) in upserts {
            let id = format!("e{i}");
            ups.retain(|(x, _)| *x != id);
            ups.push((id, e));
        }
        let dels: Vec<String> = deletes.into_iter().map(|i| format!("e{i}")).filter(|d| !ups.iter().any(|(u, _)| u == d)).collect();
        let layered = gazetteer(&base)
            .with_edits(gazetteer(&ups).entries().map(|e| e.to_entry()).collect(), &dels)
            .expect("edits apply");
        let mut merged: Vec<(String, TestEntry)> = base
            .iter()
            .filter(|(id, _)| !dels.contains(id) && !ups.iter().any(|(u, _)| u == id))
            .cloned()
            .collect();
        merged.extend(ups.iter().cloned());
        let single = gazetteer(&merged);
        // One content, one version: however it is layered, and after a background merge.
        prop_assert_eq!(layered.version(), single.version());
        let remerged = layered.merged().expect("merges");
        prop_assert_eq!(remerged.version(), single.version());
        let run = |g: gazette::Gazetteer| -> Vec<(usize, usize, String)> {
            let out = Extractor::new(g).extract(&text, &ExtractOptions::default()).unwrap();
            out.mentions.iter().map(|m| (m.byte_start, m.byte_end, out.entry(m.entry).id().to_string())).collect()
        };
        prop_assert_eq!(run(layered), run(single));
    }
}
