//! Short forms of people's names: what a story calls someone after the first full mention.
//!
//! News names a person in full once (`Syrian President Bashar al-Assad`) and by surname after
//! (`Assad`, `Assad’s`, `post-Assad`). From a PERSON's name this derives those surname forms;
//! they are document-scoped: they only count after the full name has appeared.

/// Titles that may lead a name in a gazetteer and are not part of the surname.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "general",
    "gen",
    "president",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "shaikh",
    "emir",
    "pope",
    "rev",
    "colonel",
    "col",
    "captain",
    "capt",
    "major",
    "sen",
    "senator",
    "rep",
];

/// Particles that bind to the surname and are dropped in the short form (`al-Assad` → `Assad`,
/// `van Beethoven` → `Beethoven`).
const DROPPED_PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "ben", "van", "von", "abu"];

/// Particles that stay with the surname (`de Gaulle`, `da Silva`, `le Pen`, `di Maio`).
const KEPT_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "du", "des", "di", "del", "della", "le", "la", "ter", "ten",
];

/// Suffixes that are not surnames (`Jr.`, `III`).
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

fn bare(token: &str) -> String {
    token
        .trim_end_matches('.')
        .trim_end_matches(',')
        .to_lowercase()
}

/// The surname short forms of a person's `name`, most specific first; empty for one-word names.
///
/// ```
/// use gazette::names::short_forms;
/// assert_eq!(short_forms("Bashar al-Assad"), ["al-Assad", "Assad"]);
/// assert_eq!(short_forms("General Ali Habib"), ["Habib"]);
/// assert_eq!(short_forms("Charles de Gaulle"), ["de Gaulle"]);
/// assert_eq!(short_forms("Ludwig van Beethoven"), ["van Beethoven", "Beethoven"]);
/// assert_eq!(short_forms("José Ramos-Horta"), ["Ramos-Horta"]);
/// assert_eq!(short_forms("Madonna"), Vec::<String>::new());
/// ```
pub fn short_forms(name: &str) -> Vec<String> {
    let mut tokens: Vec<&str> = name.split_whitespace().collect();
    while tokens.len() > 1 && HONORIFICS.contains(&bare(tokens[0]).as_str()) {
        tokens.remove(0);
    }
    while tokens.len() > 1 && SUFFIXES.contains(&bare(tokens[tokens.len() - 1]).as_str()) {
        tokens.pop();
    }
    if tokens.len() < 2 {
        return Vec::new();
    }
    let last = tokens[tokens.len() - 1];
    let mut out = Vec::new();
    // A particle joined by a hyphen or apostrophe: "al-Assad", "el-Sisi", "d'Estaing".
    if let Some((particle, rest)) = last.split_once(['-', '\u{2010}', '\'', '\u{2019}']) {
        let p = particle.to_lowercase();
        if DROPPED_PARTICLES.contains(&p.as_str()) && !rest.is_empty() {
            return vec![last.to_string(), rest.to_string()];
        }
    }
    // A particle as its own word before the surname: "van Beethoven", "de Gaulle".
    if tokens.len() >= 3 {
        let before = bare(tokens[tokens.len() - 2]);
        if DROPPED_PARTICLES.contains(&before.as_str()) {
            out.push(format!("{} {last}", tokens[tokens.len() - 2]));
            out.push(last.to_string());
            return out;
        }
        if KEPT_PARTICLES.contains(&before.as_str()) {
            out.push(format!("{} {last}", tokens[tokens.len() - 2]));
            return out;
        }
    }
    out.push(last.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("Kamal al-Labwani", &["al-Labwani", "Labwani"]),
            ("Mohammed bin Salman", &["bin Salman", "Salman"]),
            ("Martin Luther King Jr.", &["King"]),
            ("President Recep Tayyip Erdoğan", &["Erdoğan"]),
            ("Marine Le Pen", &["Le Pen"]),
            ("Abdel Fattah el-Sisi", &["el-Sisi", "Sisi"]),
            ("Sheikh Hasina", &[]),
        ];
        for (name, want) in cases {
            assert_eq!(short_forms(name), *want, "{name}");
        }
    }
}
