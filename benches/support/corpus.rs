//! A deterministic benchmark corpus: realistic gazetteers of any size and distinct news-like
//! articles that mention their entries. Shared by `benches/scale.rs` and
//! `examples/bench_corpus.rs` (which writes it to files for the peer comparison).
//!
//! Names are multi-word and unique without numeric suffixes: people are first (and sometimes
//! middle) names with surnames built from syllables, so millions of distinct, pronounceable
//! surnames exist; organisations and places combine words and those surnames; one entry in 16
//! has a non-ASCII form (accented or CJK). Articles are varied prose from sentence templates over
//! a few hundred common words, with about one entity mention every 25 words, so no two articles
//! repeat (repeated text flatters every engine through the caches).

#![allow(dead_code, unreachable_pub)] // each user takes part of it; `pub` is for the includers

use std::fmt::Write as _;

/// xorshift64*: small, deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Ali", "Maria", "John", "Wei", "Fatima", "José", "Anna", "Mohammed", "Olga", "Hiroshi",
    "Amara", "Lukas", "Sofía", "Chen", "Ibrahim", "Emma", "Raj", "Zeynep", "Łukasz", "Aisha",
    "Pierre", "Yuki", "Kwame", "Ingrid", "Mateo", "Leila", "Dmitri", "Nia", "Carlos", "Hana",
    "Omar", "Eva", "David", "Sarah", "Michael", "Laura", "Ahmed", "Elena", "Peter", "Grace",
    "Tomás", "Irina", "Samuel", "Nadia", "Victor", "Chloé", "Juan", "Mei", "Kofi", "Ruth",
];
const ONSET: &[&str] = &[
    "Ka", "Ber", "Mo", "Sal", "Tor", "Vel", "Ha", "Dun", "Ri", "Gal", "Zem", "Lo", "Fen", "Ost",
    "Pra", "Ne", "Kur", "Wal", "Sto", "Ma", "Del", "Bra", "Che", "Ad",
];
const MIDDLE: &[&str] = &[
    "ren", "la", "ko", "vi", "ma", "ter", "di", "so", "ga", "ni", "ber", "lu", "", "", "",
];
const CODA: &[&str] = &[
    "ov", "son", "ez", "ski", "ani", "berg", "ley", "ard", "ić", "ura", "ton", "ek", "is", "man",
    "ides", "ou", "er", "ac",
];
const ORG_WORD: &[&str] = &[
    "National",
    "United",
    "Federal",
    "Central",
    "Global",
    "Northern",
    "Eastern",
    "Royal",
    "Democratic",
    "Independent",
    "Pacific",
    "Atlantic",
    "Continental",
    "Metropolitan",
];
const ORG_KIND: &[&str] = &[
    "Bank",
    "Council",
    "Party",
    "Institute",
    "Agency",
    "Corporation",
    "Union",
    "Foundation",
    "Group",
    "Authority",
    "Commission",
    "Front",
    "Alliance",
    "University",
    "Airlines",
];
const PLACE_END: &[&str] = &[
    "", "", " City", " Heights", " Valley", "ville", "burg", " Bay", " Springs", "abad", "grad",
    " Port",
];
const CJK: &[&str] = &[
    "北", "京", "東", "山", "河", "南", "海", "城", "州", "江", "天", "安",
];

/// A surname from syllables: distinct for each `n` below about a quarter of a million, and
/// combined with first names and places for millions of distinct entries.
fn surname(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(ONSET), rng.pick(MIDDLE), rng.pick(CODA))
}

/// One gazetteer entry: (name, type, aliases).
pub fn entry(rng: &mut Rng, i: usize) -> (String, &'static str, Vec<String>) {
    match rng.below(10) {
        0..=4 => {
            let (f, l) = (rng.pick(FIRST), surname(rng));
            let l2 = surname(rng);
            // Two surnames make the space large enough for millions of people.
            let name = if rng.below(3) == 0 {
                format!("{f} {} {l}-{l2}", rng.pick(FIRST))
            } else {
                format!("{f} {l} {l2}")
            };
            let initial = f.chars().next().unwrap_or('X');
            (name, "PERSON", vec![format!("{initial}. {l} {l2}")])
        }
        5..=7 => {
            let place = format!("{}{}", surname(rng), rng.pick(PLACE_END));
            let name = format!("{} {} {}", rng.pick(ORG_WORD), place, rng.pick(ORG_KIND));
            let acronym: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
            (name, "ORGANIZATION", vec![format!("{acronym}{}", i % 97)])
        }
        _ if i.is_multiple_of(16) => {
            let name: String = (0..2 + rng.below(3)).map(|_| rng.pick(CJK)).collect();
            (name, "LOCATION", vec![])
        }
        _ => {
            let name = format!("{}{} {}", surname(rng), rng.pick(PLACE_END), surname(rng));
            let alias = format!("{name} District");
            (name, "LOCATION", vec![alias])
        }
    }
}

/// `n` entries as JSONL (ids `s0`…), deterministic from `seed`. Duplicate names are fine (real
/// gazetteers have them: they become alternatives); duplicate ids are not, and never occur.
pub fn gazetteer_jsonl(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(n * 90);
    for i in 0..n {
        let (name, ty, aliases) = entry(&mut rng, i);
        let line = serde_json::json!({"id": format!("s{i}"), "name": name, "type": ty, "aliases": aliases});
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The names an article can mention: every 7th entry's name (regenerated, not parsed).
pub fn mentionable(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .filter_map(|i| {
            let (name, _, _) = entry(&mut rng, i);
            i.is_multiple_of(7).then_some(name)
        })
        .collect()
}

const WORDS: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "Tuesday",
    "that",
    "officials",
    "would",
    "meet",
    "in",
    "the",
    "capital",
    "to",
    "discuss",
    "new",
    "measures",
    "after",
    "weeks",
    "of",
    "protests",
    "over",
    "rising",
    "prices",
    "and",
    "a",
    "shortage",
    "of",
    "fuel",
    "in",
    "several",
    "provinces",
    "where",
    "residents",
    "have",
    "waited",
    "for",
    "hours",
    "at",
    "petrol",
    "stations",
    "analysts",
    "warned",
    "the",
    "economy",
    "could",
    "slow",
    "further",
    "this",
    "year",
    "while",
    "opposition",
    "leaders",
    "called",
    "for",
    "early",
    "elections",
    "police",
    "reported",
    "clashes",
    "near",
    "the",
    "border",
    "crossing",
    "late",
    "Monday",
    "night",
    "witnesses",
    "described",
    "scenes",
    "of",
    "confusion",
    "as",
    "thousands",
    "gathered",
    "outside",
    "ministry",
    "building",
    "demanding",
    "answers",
    "about",
    "aid",
    "deliveries",
    "spokesman",
    "declined",
    "comment",
    "but",
    "statement",
    "released",
    "later",
    "insisted",
    "talks",
    "were",
    "making",
    "progress",
    "despite",
    "setbacks",
    "earlier",
    "month",
    "Reuters",
    "reported",
    "citing",
    "sources",
    "familiar",
    "with",
    "matter",
    "it",
    "was",
    "not",
    "immediately",
    "clear",
    "whether",
    "agreement",
    "reached",
    "before",
    "deadline",
    "Friday",
    "health",
    "workers",
    "say",
    "hospitals",
    "are",
    "struggling",
    "cope",
    "number",
    "patients",
    "has",
    "doubled",
    "since",
    "January",
    "according",
    "figures",
    "published",
    "by",
    "regional",
    "authorities",
    "who",
    "also",
    "announced",
    "plans",
    "build",
    "two",
    "more",
    "clinics",
    "next",
    "spring",
    "farmers",
    "complained",
    "drought",
    "destroyed",
    "much",
    "harvest",
    "exports",
    "fell",
    "sharply",
    "third",
    "quarter",
    "central",
    "bank",
    "raised",
    "interest",
    "rates",
    "again",
    "percent",
    "inflation",
    "remains",
    "highest",
    "decade",
    "markets",
    "reacted",
    "calmly",
    "shares",
    "rose",
    "slightly",
    "trading",
    "Wednesday",
    "investors",
    "remain",
    "cautious",
    "ahead",
    "summit",
    "between",
    "leaders",
    "both",
    "countries",
    "expected",
    "focus",
    "security",
    "trade",
    "climate",
    "cooperation",
    "refugees",
    "camps",
    "along",
    "river",
    "need",
    "food",
    "shelter",
    "medicine",
    "winter",
    "approaches",
    "United",
    "Nations",
    "appealed",
    "donors",
    "billion",
    "dollars",
    "emergency",
    "funding",
    "President",
    "Minister",
    "General",
    "Secretary",
    "told",
    "reporters",
    "visit",
    "hospital",
    "school",
];

/// Distinct articles of about `bytes` bytes each, mentioning `names` now and then.
pub fn articles(count: usize, bytes: usize, names: &[String], seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15);
    (0..count)
        .map(|_| {
            let mut text = String::with_capacity(bytes + 200);
            while text.len() < bytes {
                let words = 8 + rng.below(18);
                let mut sentence = String::new();
                for w in 0..words {
                    if w > 0 {
                        sentence.push(' ');
                    }
                    if !names.is_empty() && rng.below(25) == 0 {
                        sentence.push_str(&names[rng.below(names.len())]);
                    } else {
                        let word = rng.pick(WORDS);
                        if w == 0 {
                            let mut c = word.chars();
                            if let Some(first) = c.next() {
                                sentence.extend(first.to_uppercase());
                                sentence.push_str(c.as_str());
                            }
                        } else {
                            sentence.push_str(word);
                        }
                    }
                    if w + 1 < words && rng.below(9) == 0 {
                        sentence.push(',');
                    }
                }
                sentence.push_str(if rng.below(12) == 0 { ". \n\n" } else { ". " });
                text.push_str(&sentence);
            }
            text
        })
        .collect()
}

/// Every name and alias of a corpus gazetteer, for engines without gazette's loader.
pub fn patterns(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .flat_map(|v| {
            let mut p = vec![v["name"].as_str().unwrap_or_default().to_string()];
            if let Some(a) = v["aliases"].as_array() {
                p.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string));
            }
            p
        })
        .collect()
}
