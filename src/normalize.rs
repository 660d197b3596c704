//! Folding text for matching, with a map from folded positions back to the original.
//!
//! Matching runs on folded text; spans are reported on the original. Folding works one original
//! character at a time, so every folded byte knows which original character produced it and no
//! span can ever land inside an original character. The steps, applied identically to gazetteer
//! aliases and to article text:
//!
//! 1. any run of white space (including newlines and NBSP) becomes one ASCII space;
//! 2. apostrophe and quote variants (`’ ‘ ʼ ′ ‛ ＇`) become `'`, double quotes (`“ ” „ ″`) `"`;
//! 3. hyphen variants (`‐ ‑ ‒ – − ﹣ －`) become `-` (the em dash is punctuation, not a hyphen);
//! 4. compatibility decomposition (NFKD, so `ﬁ` → `fi`, `é` → `e` + combining acute, whether the
//!    input was precomposed or not), then lowercase; a character whose decomposition is more
//!    than four times its size (31 of them, such as `ﷺ`) gets its canonical one, so no text
//!    folds to more than four times its length;
//! 5. diacritics dropped: the combining marks of the Combining Diacritical Marks block
//!    (U+0300–U+036F, the accents of Latin, Greek and Cyrillic letters), so `Erdoğan` and
//!    `Erdogan` fold alike. Marks of other scripts (Devanagari vowel signs, kana voicing marks)
//!    change the word and are kept. [`fold_keeping_diacritics`] skips this step; matching uses
//!    it to honour a request that turns diacritic folding off.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Text folded for matching, plus the map back to the original text.
///
/// Positions in the folded text are UTF-8 byte offsets into [`Folded::as_str`]; positions in the
/// original are UTF-8 byte offsets into the text given to [`fold`].
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// `src[i]` is the original byte offset of the character that produced folded byte `i`;
    /// `src[text.len()]` is the original length. Empty when folding was the identity on bytes
    /// (ASCII text with single spaces), where folded and original offsets coincide.
    src: Vec<u32>,
    original_len: usize,
}

/// Case of one character, recorded so case policies can be checked after a caseless match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Upper or title case (`A`, `ǅ`).
    Upper,
    /// Lower case.
    Lower,
}

impl Case {
    /// The case of `c`, or `None` for characters without case (digits, CJK, punctuation).
    /// Titlecase letters (`ǅ`) count as upper: they start a capitalised word.
    pub(crate) fn of(c: char) -> Option<Case> {
        if c.is_lowercase() {
            Some(Case::Lower)
        } else if c.is_uppercase() || c.to_lowercase().any(|l| l != c) {
            Some(Case::Upper)
        } else {
            None
        }
    }
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Original byte offset of the character that produced folded byte `pos`
    /// (`pos == len` maps to the original length).
    pub fn original_offset(&self, pos: usize) -> usize {
        if self.src.is_empty() {
            pos
        } else {
            self.src[pos] as usize
        }
    }

    /// True when folded byte `pos` is the first byte produced by an original character, i.e. a
    /// span may start here. `pos == len` is a boundary too (a span may end there).
    pub fn is_char_start(&self, pos: usize) -> bool {
        if self.src.is_empty() {
            return self.text.is_char_boundary(pos);
        }
        pos == 0 || pos >= self.text.len() || self.src[pos] != self.src[pos - 1]
    }

    /// True when folding changed no byte's position: folded and original offsets coincide.
    pub fn is_identity(&self) -> bool {
        self.src.is_empty()
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// True for the combining marks that diacritic folding drops (U+0300–U+036F).
pub fn is_diacritic(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// True for characters that form words: letters, digits and combining marks (a mark continues
/// the word of the letter it sits on, so `José` written with a combining accent is one word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if let Some(bit) = bmp_bit(c) {
        return bmp().word[bit >> 6] & (1 << (bit & 63)) != 0;
    }
    is_word_char_slow(c)
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Which characters of the Basic Multilingual Plane are word characters and which are of an
/// unspaced script, as bitmaps (16 KiB, built once). The lookups behind them are binary searches,
/// and boundary checks ask for every character twice (as the one before a position and the one
/// after): in a text of CJK or of symbols they were a sixth of matching time.
struct BmpClasses {
    word: [u64; 1024],
    unspaced: [u64; 1024],
}

fn bmp() -> &'static BmpClasses {
    static BMP: std::sync::OnceLock<Box<BmpClasses>> = std::sync::OnceLock::new();
    BMP.get_or_init(|| {
        let mut classes = Box::new(BmpClasses {
            word: [0; 1024],
            unspaced: [0; 1024],
        });
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let bit = c as usize;
            if is_word_char_slow(c) {
                classes.word[bit >> 6] |= 1 << (bit & 63);
            }
            if is_unspaced_script_slow(c) {
                classes.unspaced[bit >> 6] |= 1 << (bit & 63);
            }
        }
        classes
    })
}

/// `c`'s bit in the [`BmpClasses`] bitmaps, when it is in the Basic Multilingual Plane.
fn bmp_bit(c: char) -> Option<usize> {
    let bit = c as usize;
    (bit <= 0xFFFF).then_some(bit)
}

/// True for characters of scripts written without spaces between words (Han, Hiragana,
/// Katakana, Thai): next to them a name needs no word boundary.
pub fn is_unspaced_script(c: char) -> bool {
    // Every such script lies above U+0E00; skip the table lookup for the common case.
    if (c as u32) < 0x0E00 {
        return false;
    }
    if let Some(bit) = bmp_bit(c) {
        return bmp().unspaced[bit >> 6] & (1 << (bit & 63)) != 0;
    }
    is_unspaced_script_slow(c)
}

fn is_unspaced_script_slow(c: char) -> bool {
    use unicode_script::{Script, UnicodeScript};
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Thai
    )
}

/// True if a match may begin or end between `before` and `after` (either may be absent at the
/// ends of the text): not inside a word, unless one side is an unspaced script.
///
/// ```
/// use gazette::normalize::is_boundary;
/// assert!(is_boundary(Some(' '), Some('S'))); // "… Syria"
/// assert!(is_boundary(Some('-'), Some('S'))); // "Post-Syria": punctuation separates
/// assert!(!is_boundary(Some('n'), Some('S'))); // inside "IranSyria"
/// assert!(is_boundary(Some('北'), Some('京'))); // Han is written without spaces
/// assert!(is_boundary(None, Some('S'))); // the start of the text
/// ```
pub fn is_boundary(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => {
            !(is_word_char(b) && is_word_char(a)) || is_unspaced_script(b) || is_unspaced_script(a)
        }
        _ => true,
    }
}

/// The single character that `c` folds to when it is a punctuation variant, white space aside.
/// The one list of these variants: `extract`'s explanations ask it which folding a span needed.
pub(crate) fn fold_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{201B}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{FF02}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => '-',
        _ => return None,
    })
}

/// Folds `text` for matching. See the module documentation for the steps.
///
/// ```
/// let f = gazette::normalize::fold("Assad’s  post-war\nSYRIA");
/// assert_eq!(f.as_str(), "assad's post-war syria");
/// // Folded byte 5 (the apostrophe) came from original byte 5, a 3-byte character.
/// assert_eq!(f.original_offset(6), 8);
/// ```
pub fn fold(text: &str) -> Folded {
    fold_with(text, true)
}

/// Folds like [`fold`] but keeps diacritics: `Erdoğan` and `Erdogan` stay different.
pub fn fold_keeping_diacritics(text: &str) -> Folded {
    fold_with(text, false)
}

fn fold_with(text: &str, strip_diacritics: bool) -> Folded {
    if is_identity_foldable(text) {
        return Folded {
            text: text.to_ascii_lowercase(),
            src: Vec::new(),
            original_len: text.len(),
        };
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut src: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII (most of news text, and never changed by the punctuation or Unicode steps):
        // one byte in, at most one byte out, without decoding a char.
        if b.is_ascii() {
            if is_ascii_space(b) && (in_space || b != b' ') {
                if !in_space {
                    out.push(' ');
                    src.push(i as u32);
                }
                in_space = true;
                i += 1;
                continue;
            }
            // A run that folds byte for byte: ASCII with single plain spaces. Copied and
            // lowercased in bulk, its offsets a range: a byte-at-a-time push of text and map
            // was a fifth of extraction time.
            let mut j = i + 1;
            while j < bytes.len() {
                // Eight bytes at a time while they plainly copy; byte by byte otherwise.
                if let Some(chunk) = bytes[j..].first_chunk::<8>() {
                    if plain_ascii(u64::from_le_bytes(*chunk))
                        && !(chunk[0] == b' ' && bytes[j - 1] == b' ')
                    {
                        j += 8;
                        continue;
                    }
                }
                let c = bytes[j];
                let copies =
                    c.is_ascii() && (!is_ascii_space(c) || (c == b' ' && bytes[j - 1] != b' '));
                if !copies {
                    break;
                }
                j += 1;
            }
            let from = out.len();
            out.push_str(&text[i..j]);
            out[from..].make_ascii_lowercase();
            src.extend(i as u32..j as u32);
            in_space = bytes[j - 1] == b' ';
            i = j;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at = i as u32;
        let before = out.len();
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if let Some(p) = fold_punct(c) {
                out.push(p);
            } else {
                push_decomposed(&mut out, c, strip_diacritics);
            }
        }
        src.resize(src.len() + (out.len() - before), at);
        i += c.len_utf8();
    }
    src.push(text.len() as u32);
    Folded {
        text: out,
        src,
        original_len: text.len(),
    }
}

/// Most bytes one character's fold may take, as a multiple of its own UTF-8 length. Folding then
/// at most quadruples a text (Hangul syllables, three jamo each, triple it), so the folded text
/// and its offset map stay in proportion to the request.
const MAX_EXPANSION: usize = 4;

/// Steps 4 and 5 for one character: its compatibility decomposition, lowercased, diacritics
/// dropped when `strip_diacritics`. The 31 characters whose decomposition is longer than
/// [`MAX_EXPANSION`] times themselves (squared katakana words such as `㌔`, the Arabic phrase
/// ligatures `ﷺ` and `ﷻ`; U+FDFA alone folds to 18 characters, 33 bytes) get their canonical
/// decomposition instead: no name is written with them, and a request made of them must not
/// fold to eleven times its size.
fn push_decomposed(out: &mut String, c: char, strip_diacritics: bool) {
    use unicode_normalization::char::decompose_canonical;
    let limit = MAX_EXPANSION * c.len_utf8();
    // Every character over the limit lies in these two blocks (checked against Unicode 14): measured first
    // there, so a text made of them does not decompose and lowercase each one for nothing.
    let long = matches!(c, '\u{3200}'..='\u{33FF}' | '\u{FDF0}'..='\u{FDFF}') && {
        let mut len = 0;
        decompose_compatible(c, |d| len += d.len_utf8());
        len > limit
    };
    let before = out.len();
    if !long {
        decompose_compatible(c, |d| {
            if !(strip_diacritics && is_diacritic(d)) {
                out.extend(d.to_lowercase());
            }
        });
    }
    // Checked for every character all the same: the blocks are a shortcut, not the rule.
    if long || out.len() - before > limit {
        out.truncate(before);
        decompose_canonical(c, |d| {
            if !(strip_diacritics && is_diacritic(d)) {
                out.extend(d.to_lowercase());
            }
        });
    }
}

/// True when the eight bytes of `x` (little-endian) surely fold to themselves: ASCII, no control
/// bytes (tab, newline …) and no two spaces in a row. It may say false for bytes that do (the
/// caller then looks at them one by one), never true for bytes that do not.
fn plain_ascii(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 borrows, setting its high bit; so may a byte above it (a false alarm).
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let spaces_xor = x ^ (ONES * b' ' as u64);
    let spaces = spaces_xor.wrapping_sub(ONES) & !spaces_xor & HIGH;
    x & HIGH == 0 && control == 0 && spaces & (spaces << 8) == 0
}

/// ASCII white space, which folding turns into single spaces.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// ASCII text without tabs, newlines or double spaces folds byte for byte (lowercase only).
fn is_identity_foldable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut prev_space = false;
    for &b in bytes {
        if !b.is_ascii() || (is_ascii_space(b) && b != b' ') {
            return false;
        }
        let space = b == b' ';
        if space && prev_space {
            return false;
        }
        prev_space = space;
    }
    true
}

/// Folds a gazetteer alias: like [`fold`], with surrounding white space removed.
pub(crate) fn fold_alias(alias: &str) -> String {
    fold(alias.trim()).text
}

/// Folds a gazetteer alias keeping diacritics, for requests that turn diacritic folding off.
pub(crate) fn fold_alias_strict(alias: &str) -> String {
    fold_keeping_diacritics(alias.trim()).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bmp_bitmaps_agree_with_the_lookups() {
        for c in (0..=0x10FFFF)
            .step_by(7)
            .chain(0..=0xFFFF)
            .filter_map(char::from_u32)
        {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "{c:?}");
            assert_eq!(
                is_unspaced_script(c),
                (c as u32) >= 0x0E00 && is_unspaced_script_slow(c),
                "{c:?}"
            );
        }
    }

    /// The fold as first written, one char at a time: the byte loop must agree with it.
    fn fold_char_by_char(text: &str, strip_diacritics: bool) -> (String, Vec<u32>) {
        let mut out = String::new();
        let mut src = Vec::new();
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            let before = out.len();
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                in_space = false;
                if let Some(p) = fold_punct(c) {
                    out.push(p);
                } else if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    push_decomposed(&mut out, c, strip_diacritics);
                }
            }
            src.resize(src.len() + (out.len() - before), i as u32);
        }
        src.push(text.len() as u32);
        (out, src)
    }

    #[test]
    fn plain_ascii_passes_ordinary_prose_only() {
        let plain = |b: &[u8; 8]| plain_ascii(u64::from_le_bytes(*b));
        assert!(plain(b"said the"));
        assert!(plain(b"U.S.-led"));
        assert!(!plain(b"said  th"));
        assert!(!plain(b"said\nthe"));
        assert!(!plain(b"caf\xc3\xa9 au"));
    }

    proptest::proptest! {
        #[test]
        fn plain_ascii_never_passes_bytes_that_change(
            bytes in proptest::array::uniform8(proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::strategy::Just(b' '),
                proptest::strategy::Just(b'a'),
            ]),
        ) {
            let copies = bytes.iter().all(|&b| (0x20..0x80).contains(&b))
                && !bytes.windows(2).any(|w| w == b"  ");
            if plain_ascii(u64::from_le_bytes(bytes)) {
                proptest::prop_assert!(copies, "{bytes:?}");
            }
        }

        #[test]
        fn byte_loop_agrees_with_char_by_char(
            text in "(\\PC|[ \t\n\r\u{b}\u{c}\u{85}\u{a0}’‑é̈ﬁ北İ]){0,60}",
            strip in proptest::bool::ANY,
        ) {
            let folded = fold_with(&text, strip);
            let (want, want_src) = fold_char_by_char(&text, strip);
            proptest::prop_assert_eq!(folded.as_str(), want.as_str());
            if !folded.src.is_empty() {
                proptest::prop_assert_eq!(&folded.src, &want_src);
            }
        }
    }

    #[test]
    fn folds_named_cases() {
        let cases = [
            ("curly apostrophe", "Shi’ite", "shi'ite"),
            ("modifier apostrophe", "Shiʼite", "shi'ite"),
            ("non-breaking hyphen", "Guinea‑Bissau", "guinea-bissau"),
            ("newline and spaces", "New\n   York", "new york"),
            ("nbsp", "New\u{a0}York", "new york"),
            ("ligature", "ﬁnance", "finance"),
            ("precomposed accent", "Zoë", "zoe"),
            ("decomposed accent", "Zoe\u{308}", "zoe"),
            ("turkish g", "Erdoğan", "erdogan"),
            ("devanagari sign kept", "दिल्ली", "दिल्ली"),
            ("fullwidth", "ＵＮ", "un"),
            ("cjk unchanged", "北京", "北京"),
            ("emoji unchanged", "🇺🇸 U.S.", "🇺🇸 u.s."),
        ];
        for (name, input, want) in cases {
            assert_eq!(fold(input).as_str(), want, "case {name}");
        }
    }

    #[test]
    fn keeping_diacritics() {
        assert_eq!(fold_keeping_diacritics("Zoë").as_str(), "zoe\u{308}");
        assert_eq!(fold_keeping_diacritics("Zoe\u{308}").as_str(), "zoe\u{308}");
    }

    #[test]
    fn map_points_at_original_chars() {
        let text = "é  X";
        let f = fold_keeping_diacritics(text);
        assert_eq!(f.as_str(), "e\u{301} x");
        // 'e' and the mark both come from 'é' at 0; the space from byte 2; 'x' from byte 4.
        let starts: Vec<usize> = (0..=f.as_str().len())
            .map(|p| f.original_offset(p))
            .collect();
        assert_eq!(starts, vec![0, 0, 0, 2, 4, 5]);
        assert!(f.is_char_start(0));
        assert!(!f.is_char_start(1));
        assert!(f.is_char_start(3));
    }

    #[test]
    fn identity_fast_path_agrees_with_general_path() {
        let text = "The U.S. and Syria's Assad.";
        let f = fold(text);
        assert!(f.src.is_empty());
        assert_eq!(f.as_str(), "the u.s. and syria's assad.");
        assert_eq!(f.original_offset(4), 4);
    }

    #[test]
    fn boundaries() {
        assert!(!is_boundary(Some('a'), Some('n')));
        assert!(is_boundary(Some('-'), Some('A')));
        assert!(is_boundary(Some('在'), Some('北')));
        assert!(is_boundary(Some('x'), Some('北')));
        assert!(!is_boundary(Some('e'), Some('\u{301}')));
        assert!(is_boundary(None, Some('a')));
    }
}
