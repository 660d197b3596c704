//! Writes a synthetic but realistic gazetteer for scale tests: multi-word person, organisation
//! and place names with aliases, some with diacritics or in CJK, deterministic from a seed.
//! Usage: `synth_gazetteer ENTRIES SEED OUT.jsonl`.

use std::io::{BufWriter, Write};

const FIRST: &[&str] = &[
    "Ali", "Maria", "John", "Wei", "Fatima", "José", "Anna", "Mohammed", "Olga", "Hiroshi",
    "Amara", "Lukas", "Sofía", "Chen", "Ibrahim", "Emma", "Raj", "Zeynep", "Łukasz", "Aisha",
    "Pierre", "Yuki", "Kwame", "Ingrid", "Mateo", "Leila", "Dmitri", "Nia", "Carlos", "Hana",
    "Omar", "Eva",
];
const LAST: &[&str] = &[
    "Haddad",
    "Silva",
    "Smith",
    "Zhang",
    "Rahman",
    "García",
    "Müller",
    "Kowalski",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Rossi",
    "Novak",
    "Yilmaz",
    "Johansson",
    "Dubois",
    "Kim",
    "Mensah",
    "Fernández",
    "Schmidt",
    "Ivanova",
    "Tanaka",
    "Mbeki",
    "O'Brien",
    "Van Dijk",
    "al-Masri",
    "Nguyen",
    "Costa",
    "Horvat",
    "Lindqvist",
    "Abadi",
    "Moreau",
    "Sato",
    "Eze",
    "Castillo",
];
const ORG: &[&str] = &[
    "National",
    "United",
    "Federal",
    "International",
    "Central",
    "Global",
    "Royal",
    "Northern",
    "Pacific",
    "Atlantic",
    "Democratic",
    "Popular",
    "Independent",
    "Eastern",
    "Coastal",
];
const ORG_KIND: &[&str] = &[
    "Bank",
    "Party",
    "Union",
    "Institute",
    "Council",
    "Agency",
    "Front",
    "Alliance",
    "Company",
    "Foundation",
    "Authority",
    "Movement",
    "Commission",
    "Group",
    "University",
];
const PLACE: &[&str] = &[
    "Bel", "Kara", "San", "Nova", "Ost", "Alt", "Ras", "Tel", "Port", "Vila", "Nieder", "Santa",
    "Kha", "Mar", "Ber", "Lo", "Al", "Gor", "Bad", "Saint",
];
const PLACE_END: &[&str] = &[
    "grad", "abad", "ville", "burg", "polis", "stan", "hafen", "dorf", "ia", "pur", "ova", "keni",
    "mouth", "ford", "lund", "oro", "ėnai", "ąs",
];
const CJK: &[&str] = &[
    "北", "南", "東", "西", "山", "川", "京", "海", "港", "州", "平", "安",
];

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(seed), Some(out)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: synth_gazetteer ENTRIES SEED OUT.jsonl");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap_or(0);
    let mut rng = Rng(seed.parse::<u64>().unwrap_or(1).max(1));
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    for i in 0..n {
        let (name, ty, aliases): (String, &str, Vec<String>) = match rng.next() % 10 {
            0..=4 => {
                let (f, m, l) = (rng.pick(FIRST), rng.pick(FIRST), rng.pick(LAST));
                let name = if rng.next().is_multiple_of(3) {
                    format!("{f} {m} {l}")
                } else {
                    format!("{f} {l}")
                };
                let initial = f.chars().next().unwrap_or('X');
                (
                    format!("{name} {i}"),
                    "PERSON",
                    vec![format!("{initial}. {l} {i}")],
                )
            }
            5..=7 => {
                let (a, k, b) = (rng.pick(ORG), rng.pick(ORG_KIND), rng.pick(PLACE));
                let acronym: String = format!("{a}{b}{k}")
                    .chars()
                    .filter(|c| c.is_uppercase())
                    .collect();
                (
                    format!("{a} {b}{} {k} {i}", rng.pick(PLACE_END)),
                    "ORGANIZATION",
                    vec![format!("{acronym}{i}")],
                )
            }
            _ if rng.next().is_multiple_of(8) => {
                let name: String = (0..2 + rng.next() % 2).map(|_| rng.pick(CJK)).collect();
                (format!("{name}{i}"), "LOCATION", vec![])
            }
            _ => {
                let name = format!("{}{} {i}", rng.pick(PLACE), rng.pick(PLACE_END));
                (name.clone(), "LOCATION", vec![format!("{name} City")])
            }
        };
        let line = serde_json::json!({"id": format!("s{i}"), "name": name, "type": ty, "aliases": aliases});
        writeln!(w, "{line}")?;
    }
    w.flush()
}
