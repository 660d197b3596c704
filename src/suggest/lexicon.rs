//! The closed word lists the cues read, and the lexicon of given names and surnames.
//!
//! Every list is of words that signal a kind of name in English news whatever the article:
//! titles and roles before people, verbs of reporting after them, the head words of
//! organisations' and places' names. Words are compared lower-case.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

// The name-part lexicon is the person screen's (`resolve::person`): inflated once for both.
pub(crate) use crate::resolve::name_key as key;
use crate::resolve::name_parts;

/// Capitalised words that stand before a person's name and are not part of it.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "gov", "governor", "rep",
    "representative", "minister", "chancellor", "king", "queen", "prince", "princess", "pope",
    "sheikh", "general", "gen", "judge", "justice", "coach", "sir", "dame", "lady", "lord", "emir",
    "ayatollah", "imam", "premier", "mayor", "secretary", "ambassador", "chairman", "chairwoman",
    "captain", "capt", "colonel", "col", "lt", "lieutenant", "sgt", "sergeant", "major", "maj",
    "admiral", "adm", "marshal", "commander", "professor", "prof", "rev", "reverend", "father",
    "archbishop", "bishop", "cardinal", "rabbi", "envoy", "spokesman", "spokeswoman", "speaker",
    "director", "chief", "sultan",
];

/// Capitalised words that only qualify a title (`Prime Minister`, `Deputy Foreign Minister`);
/// a run of them with a title is one title.
#[rustfmt::skip]
const TITLE_MODIFIERS: &[&str] = &[
    "prime", "deputy", "vice", "foreign", "defence", "defense", "interior", "finance", "special",
    "presidential", "supreme", "acting", "former", "senior", "assistant", "state", "attorney",
    "high", "grand", "first", "executive", "managing", "lieutenant", "chief", "crown", "field",
    "affairs", "staff", "health", "education", "trade", "economy", "energy", "information",
    "culture", "transport", "labour", "labor", "agriculture", "homeland", "security", "war",
    "commerce", "treasury",
];

/// Lower-case nouns that name a person's role right before their name
/// (`Kurdish commander Eskender …`) or in an appositive after it (`…, a Syrian dissident`).
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "commander", "journalist", "reporter", "correspondent", "spokesman", "spokeswoman",
    "spokesperson", "minister", "official", "leader", "president", "director", "actress", "actor",
    "dissident", "activist", "lawmaker", "legislator", "senator", "analyst", "envoy", "ambassador",
    "diplomat", "chief", "head", "chairman", "chairwoman", "professor", "researcher", "scientist",
    "author", "writer", "novelist", "poet", "lawyer", "attorney", "judge", "economist", "governor",
    "mayor", "candidate", "founder", "executive", "ceo", "resident", "farmer", "student",
    "teacher", "doctor", "physician", "nurse", "officer", "soldier", "fighter", "militant",
    "rebel", "cleric", "priest", "singer", "musician", "player", "coach", "manager", "mother",
    "father", "son", "daughter", "wife", "husband", "brother", "sister", "general", "colonel",
    "captain", "secretary", "photographer", "filmmaker", "director", "businessman",
    "businesswoman", "entrepreneur", "politician", "opposition", "worker", "volunteer", "refugee",
    "survivor", "witness", "historian", "commentator", "blogger", "editor", "producer", "artist",
    "prosecutor", "investigator",
];

/// Verbs of reporting: `X said`, `said X`.
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "stated", "states", "explained", "wrote",
    "writes", "announced", "announces", "declared", "warned", "warns", "noted", "notes",
    "insisted", "asked", "replied", "tweeted", "argued", "argues", "claimed", "claims",
    "confirmed", "denied", "recalled", "recalls", "continued", "acknowledged", "admitted", "urged",
    "thinks", "believes", "believed", "described", "reported", "speaks", "spoke", "stressed",
    "suggested",
];

/// Capitalised head words of organisations' names.
#[rustfmt::skip]
const ORGANISATION_WORDS: &[&str] = &[
    "ministry", "party", "inc", "corp", "corporation", "co", "ltd", "llc", "plc", "gmbh",
    "council", "army", "front", "committee", "agency", "bank", "union", "association",
    "organization", "organisation", "institute", "university", "college", "company", "group",
    "brigade", "brigades", "division", "battalion", "regiment", "corps", "movement", "coalition",
    "alliance", "federation", "commission", "fund", "foundation", "court", "parliament",
    "assembly", "congress", "senate", "police", "guard", "guards", "service", "services", "office",
    "department", "authority", "network", "society", "church", "league", "club", "center",
    "centre", "programme", "program", "bureau", "board", "administration", "cabinet", "forces",
    "force", "navy", "airlines", "airways", "industries", "holdings", "partners", "trust",
    "tribunal", "mission", "secretariat", "directorate", "command", "militia", "network", "press",
    "news", "times", "post", "journal", "herald", "gazette", "broadcasting", "television", "radio",
    "democrats", "republicans", "socialists", "greens", "conservatives", "brotherhood", "hospital",
    "school", "academy",
];

/// Capitalised head words of places' names.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "province", "river", "city", "district", "region", "county", "governorate", "valley",
    "mountains", "mountain", "mount", "lake", "island", "islands", "sea", "bay", "gulf", "desert",
    "street", "square", "camp", "village", "town", "strait", "peninsula", "plateau", "heights",
    "coast", "canal", "ocean", "border", "crossing", "airport", "mosque", "bridge", "road",
    "highway", "park", "port", "harbour", "harbor", "hills",
];

/// Lower-case nouns after a name that make it a place (`Idlib province`, `the Tigris river`).
#[rustfmt::skip]
const PLACE_NOUNS_AFTER: &[&str] = &[
    "province", "region", "district", "city", "town", "village", "county", "governorate", "river",
    "valley", "camp", "state", "border", "crossing", "airport", "neighbourhood", "neighborhood",
    "suburb", "area", "municipality", "refugee",
];

/// Lower-case words right before a place's name.
#[rustfmt::skip]
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "from", "near", "outside", "across", "towards", "toward", "into", "inside", "around",
    "via",
];

/// Lower-case particles inside people's names (`Kamal al-Labwani`, `Ludwig van Beethoven`).
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "van", "von", "de", "der", "den", "da", "di", "du",
    "del", "della", "la", "le", "ter", "dos", "das", "ben", "ould", "ul",
];

/// Capitalised words that open sentences and never start a name: closed-class words, and
/// sentence adverbs.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "its", "their", "our", "my", "your", "in", "on", "at", "for", "from",
    "to", "by", "with", "of", "and", "but", "or", "so", "yet", "also", "as", "after", "before",
    "when", "while", "if", "because", "although", "though", "since", "until", "during", "despite",
    "amid", "among", "between", "into", "over", "under", "about", "against", "through", "there",
    "here", "then", "now", "today", "yesterday", "tomorrow", "however", "meanwhile", "many",
    "most", "some", "several", "both", "all", "each", "every", "other", "another", "no", "not",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "what", "who",
    "whom", "whose", "which", "where", "why", "how", "more", "less", "much", "few", "only", "even",
    "still", "instead", "thus", "indeed", "yes", "last", "next", "first", "second", "third",
    "former", "late", "early", "around", "such", "once", "again", "nor", "either", "neither",
    "without", "within", "upon", "per", "via", "do", "does", "did", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might",
    "must", "shall", "let", "just", "well", "like", "unlike", "according", "following", "given",
    "asked", "overall", "image", "photo", "video", "source", "sources", "update", "editor", "note",
    "read", "see",
];

/// Months and days: capitalised, and never names in a date.
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// Abbreviations whose dot does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "prof", "rev", "st",
    "jr", "sr", "capt", "maj", "adm", "no", "vs", "mt", "ft",
];

/// The lists, each a bit of one map from word to the lists it is in: one hash look-up per
/// question rather than a scan of a list (a word is asked about several times).
const LISTS: [&[&str]; 12] = [
    TITLES,
    TITLE_MODIFIERS,
    ROLES,
    REPORTING,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    PLACE_NOUNS_AFTER,
    PLACE_PREPOSITIONS,
    PARTICLES,
    FUNCTION_WORDS,
    CALENDAR,
    ABBREVIATIONS,
];

/// Each list's index in [`LISTS`].
mod list {
    pub(super) const TITLES: usize = 0;
    pub(super) const TITLE_MODIFIERS: usize = 1;
    pub(super) const ROLES: usize = 2;
    pub(super) const REPORTING: usize = 3;
    pub(super) const ORGANISATION_WORDS: usize = 4;
    pub(super) const PLACE_WORDS: usize = 5;
    pub(super) const PLACE_NOUNS_AFTER: usize = 6;
    pub(super) const PLACE_PREPOSITIONS: usize = 7;
    pub(super) const PARTICLES: usize = 8;
    pub(super) const FUNCTION_WORDS: usize = 9;
    pub(super) const CALENDAR: usize = 10;
    pub(super) const ABBREVIATIONS: usize = 11;
}

fn lists() -> &'static FxHashMap<&'static str, u16> {
    static MAP: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for (bit, list) in LISTS.iter().enumerate() {
            for w in *list {
                *map.entry(*w).or_insert(0) |= 1 << bit;
            }
        }
        map
    })
}

/// Longest word worth looking up: no listed word is longer.
const LONGEST: usize = 24;

/// Calls `f` with `word` lower-cased without diacritics, on the stack when it is short ASCII.
fn with_key<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; LONGEST];
    if word.len() <= LONGEST && word.is_ascii() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(k) = std::str::from_utf8(b) {
            return f(k);
        }
    }
    f(&key(word))
}

/// Whether `word` is in list number `list` of [`LISTS`], case and diacritics aside
/// (`Général` is `general`).
fn is_in(list: usize, word: &str) -> bool {
    if word.len() > 4 * LONGEST {
        return false;
    }
    with_key(word, |k| {
        lists().get(k).is_some_and(|bits| bits & (1 << list) != 0)
    })
}

/// A title before a name (`General`, `Dr`).
pub(crate) fn is_title(word: &str) -> bool {
    is_in(list::TITLES, word)
}

/// A word that only qualifies a title (`Prime`, `Deputy`).
pub(crate) fn is_title_modifier(word: &str) -> bool {
    is_in(list::TITLE_MODIFIERS, word)
}

/// A role noun (`commander`, `dissident`).
pub(crate) fn is_role(word: &str) -> bool {
    is_in(list::ROLES, word)
}

/// A verb of reporting (`said`, `told`).
pub(crate) fn is_reporting(word: &str) -> bool {
    is_in(list::REPORTING, word)
}

/// A head word of an organisation's name (`Ministry`, `Party`).
pub(crate) fn is_organisation_word(word: &str) -> bool {
    is_in(list::ORGANISATION_WORDS, word)
}

/// A head word of a place's name (`Province`, `River`).
pub(crate) fn is_place_word(word: &str) -> bool {
    is_in(list::PLACE_WORDS, word)
}

/// A noun after a name that makes it a place (`province`).
pub(crate) fn is_place_noun_after(word: &str) -> bool {
    is_in(list::PLACE_NOUNS_AFTER, word)
}

/// A preposition before a place (`in`, `from`).
pub(crate) fn is_place_preposition(word: &str) -> bool {
    is_in(list::PLACE_PREPOSITIONS, word)
}

/// A particle inside a person's name (`al`, `van`).
pub(crate) fn is_particle(word: &str) -> bool {
    is_in(list::PARTICLES, word)
}

/// A closed-class word or sentence adverb, never the start of a name.
pub(crate) fn is_function_word(word: &str) -> bool {
    is_in(list::FUNCTION_WORDS, word)
}

/// A month or a day of the week.
pub(crate) fn is_calendar(word: &str) -> bool {
    is_in(list::CALENDAR, word)
}

/// An abbreviation whose dot does not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    is_in(list::ABBREVIATIONS, word)
}

/// How the lexicon knows a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NamePart {
    /// Not a given name or surname.
    No,
    /// A name part that is also a common English word (`Ban`, `Moon`, `Will`).
    Common,
    /// A name part and nothing else (`Hussein`, `Angelina`).
    Name,
}

/// Looks `word` up in the name-part lexicon (case and diacritics ignored).
pub(crate) fn name_part(word: &str) -> NamePart {
    with_key(word, |k| match name_parts().get(k) {
        None => NamePart::No,
        Some(true) => NamePart::Common,
        Some(false) => NamePart::Name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_ignore_case() {
        assert!(is_title("General") && is_title("DR") && !is_title("Assad"));
        assert!(is_title("Général") && is_title("GÉNÉRAL"));
        assert!(is_organisation_word("Ministry") && is_place_word("Province"));
        assert!(is_reporting("said") && is_role("commander") && is_particle("al"));
    }

    #[test]
    fn the_lexicon_knows_given_names_and_marks_common_words() {
        assert_eq!(name_part("Angelina"), NamePart::Name);
        assert_eq!(name_part("Ḥabib"), NamePart::Name);
        assert_eq!(name_part("Moon"), NamePart::Common);
        assert_eq!(name_part("Resentment"), NamePart::No);
    }
}
