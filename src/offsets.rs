//! Converting UTF-8 byte offsets into the unit a client slices strings by.
//!
//! Rust and Go slice by UTF-8 bytes, JavaScript, Java and C# by UTF-16 code units, Python by code
//! points. Offsets are computed in one pass over the text however many mentions there are.

/// The unit of `start`/`end` offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 bytes (the default).
    #[default]
    Utf8,
    /// UTF-16 code units, as JavaScript and Java index strings.
    Utf16,
    /// Unicode code points (scalar values), as Python indexes strings.
    CodePoint,
}

impl Encoding {
    /// Length of `c` in this unit.
    pub fn char_len(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::CodePoint => 1,
        }
    }
}

/// Converts byte `offsets` (each on a character boundary of `text`) into `encoding`, in place.
///
/// ```
/// use gazette::offsets::{convert, Encoding};
/// let text = "🇸🇾 Syria";
/// let mut offs = [9, 14];
/// convert(text, Encoding::Utf16, &mut offs);
/// assert_eq!(offs, [5, 10]);
/// ```
pub fn convert(text: &str, encoding: Encoding, offsets: &mut [usize]) {
    if encoding == Encoding::Utf8 || offsets.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for i in order {
        let target = offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            units += encoding.char_len(c);
            chars.next();
        }
        offsets[i] = units;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_three_units_differ_on_mixed_text() {
        let text = "Zoë 北京 😀 x";
        let x = text.find('x').unwrap();
        for (enc, want) in [
            (Encoding::Utf8, 17),
            (Encoding::Utf16, 10),
            (Encoding::CodePoint, 9),
        ] {
            let mut o = [x, 0, text.len()];
            convert(text, enc, &mut o);
            assert_eq!(o[0], want, "{enc:?}");
            assert_eq!(o[1], 0);
        }
    }
}
