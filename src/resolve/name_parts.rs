//! The words of people's names: the name-part lexicon, titles, and which capitalised words
//! may be given names where they stand. Read by the person screen (`person`), the evidence
//! rules (`evidence`) and the suggestions (`crate::suggest`).

use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::words;

/// Given names and surnames, lower-case without diacritics, one a line, gzip-compressed
/// (generated: US Census lists, `@cspell/dict-people-names` and `rigour`; see docs/gazetteer.md).
const NAME_PARTS_GZ: &[u8] = include_bytes!("../../gazetteers/default/name-parts.txt.gz");

/// Words that stand before a person's name.
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "rep",
    "minister",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "general",
    "gen",
    "judge",
    "justice",
    "coach",
    "sir",
    "dame",
    "lady",
    "lord",
    "emir",
    "ayatollah",
    "imam",
    "premier",
    "mayor",
    "secretary",
    "ambassador",
    "chairman",
    "captain",
    "colonel",
    "col",
    "lt",
    "sgt",
    "professor",
    "prof",
    "rev",
    "archbishop",
    "bishop",
    "cardinal",
];

/// Name parts, each with whether it is also a common English word (marked `*` in the file).
/// Inflated on first use (~70k names, a few milliseconds); the embedded bytes are the
/// generator's, so a failure to inflate leaves the lexicon empty rather than panicking.
pub(crate) fn name_parts() -> &'static FxHashMap<Box<str>, bool> {
    static MAP: OnceLock<FxHashMap<Box<str>, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut text = String::new();
        if flate2::read::GzDecoder::new(NAME_PARTS_GZ)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|l| match l.strip_suffix('*') {
                Some(w) => (w.into(), true),
                None => (l.into(), false),
            })
            .collect()
    })
}

/// Lower-case without diacritics, as the lexicon is written.
pub(crate) fn key(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !crate::normalize::is_diacritic(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `word` is a name part; a common English word counts only with `common`.
pub(crate) fn is_name_part(word: &str, common: bool) -> bool {
    let found = |k: &str| {
        name_parts()
            .get(k)
            .is_some_and(|&is_common| common || !is_common)
    };
    // Most words are short ASCII: lower-cased on the stack, no allocation.
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        if let Ok(k) = std::str::from_utf8(&buf[..word.len()]) {
            return found(k);
        }
    }
    found(&key(word))
}

/// Words that begin sentences and title-case headlines (`In Paris`, `Talks At Geneva`), in
/// English and the other news languages, and are never a given name there, though the lexicon
/// has some (`In` is a Korean name, `Der` a surname).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "in", "at", "on", "of", "to", "from", "for", "with", "by", "as", "and",
    "but", "or", "nor", "so", "if", "when", "after", "before", "since", "until", "while", "near",
    "into", "over", "under", "about", "against", "between", "via", "per", "than", "then", "now",
    "here", "there", "this", "that", "these", "those", "it", "he", "she", "we", "they", "his",
    "her", "its", "our", "their", "is", "are", "was", "were", "be", "will", "may", "can", "all",
    "no", "not", "more", "most", "why", "how", "what", "who", "where",
    // The news languages' articles, pronouns, prepositions and conjunctions, capitalised at a
    // sentence's start (`Der Türkei geht es…`, `Si Khartoum…`): the name lexicon has some
    // (`Der`, `Si`), but none is a given name. Name particles (`da`, `de`, `del`, `al`) are not
    // here: `Al Gore`.
    "der", "die", "das", "dem", "den", "ein", "eine", "einer", "einem", "einen", "und", "oder",
    "aber", "im", "am", "vom", "zum", "zur", "beim", "nach", "bei", "mit", "von", "für", "auf",
    "aus", "durch", "gegen", "über", "unter", "vor", "wie", "auch", "nicht", "wenn", "dass",
    "weil", "als", "er", "sie", "es", "wir", "le", "la", "les", "un", "une", "et", "ou", "mais",
    "dans", "sur", "sous", "avec", "pour", "par", "vers", "chez", "selon", "si", "ce", "cette",
    "ces", "il", "elle", "ils", "elles", "nous", "on", "son", "sa", "ses", "au", "aux", "el",
    "los", "las", "una", "unos", "unas", "y", "pero", "en", "con", "por", "para", "desde", "hasta",
    "hacia", "entre", "sin", "sobre", "tras", "según", "su", "sus", "este", "esta", "ese", "esa",
    "viva", "lo", "gli", "uno", "ma", "nel", "nella", "tra", "fra", "os", "um", "uma", "ou", "em",
    "no", "na", "nos", "nas", "com", "pelo", "pela",
];

/// Words that begin place names or name a kind of place before one: no given names, but no
/// break in a run of capitalised words either (`Ohio State Highway Patrol`).
const PLACE_WORDS: &[&str] = &[
    // Words that begin place names (`South Tyrol`, `New Britain`, `Upper Austria`).
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "great",
    "little",
    "new",
    "old",
    "saint",
    "st",
    "san",
    "santa",
    "mount",
    "lake",
    "port",
    "fort",
    "cape",
    "grand",
    "royal",
    // Kinds of place written before a place's name (`River Tigris`, `Staat Israel`, `Kanton
    // Freiburg`): no given name either, though `River` is one in the lexicon.
    "river",
    "sea",
    "gulf",
    "bay",
    "island",
    "isle",
    "valley",
    "desert",
    "county",
    "province",
    "state",
    "city",
    "district",
    "region",
    "republic",
    "kingdom",
    "staat",
    "stadt",
    "kanton",
    "provinz",
    "région",
    "département",
    "provincia",
    "estado",
    "ciudad",
    "región",
    "departamento",
    "municipio",
    "fleuve",
];

/// Whether `word`, starting at `start` in `text`, is a given name: in the lexicon and no
/// function word (which title-case headlines and sentence starts capitalise) or place word
/// (`South` is an English surname, `River` a given name); if a common
/// English word too (`John`, `Bill`, `Chad`), only where only a name is capitalised, i.e. not
/// at the start of a sentence.
pub(super) fn given_name(text: &str, word: &str, start: usize) -> bool {
    !is_function_word(word)
        && !is_place_word(word)
        && (is_name_part(word, false)
            || (is_name_part(word, true) && !words::sentence_initial(text, start)))
}

/// Whether `word` is a function word of a news language (`FUNCTION_WORDS`), in any case.
pub(super) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// Whether `word` begins place names or names a kind of place (`PLACE_WORDS`), in any case.
fn is_place_word(word: &str) -> bool {
    PLACE_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

pub(super) fn is_title(word: &str) -> bool {
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_lexicon_inflates() {
        let parts = super::name_parts();
        assert!(parts.len() > 50_000, "{} name parts", parts.len());
        assert_eq!(parts.get("barack"), Some(&false));
        assert_eq!(
            parts.get("smith"),
            Some(&true),
            "a common English word, marked"
        );
    }
}
