//! What the first-word table and the phrase table share: the hash of a word or prefix, its
//! packed form, and the [`Node`] a prefix maps to. (Here so that neither table imports the other.)

/// A phrase prefix: the phrase it completes, if any, and whether longer phrases continue it.
/// Bit 31: some phrase continues; bits 0-30: the phrase's id + 1, or 0. (The matcher names a
/// phrase by its first reading.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Node(u32);

impl Node {
    pub(super) const NONE: Node = Node(0);
    pub(super) const CONTINUES: u32 = 1 << 31;

    pub(super) fn complete(pattern: usize) -> Node {
        Node(pattern as u32 + 1)
    }

    pub(super) fn continued() -> Node {
        Node(Self::CONTINUES)
    }

    /// Both nodes' facts (one phrase ends here, another goes on).
    pub(super) fn merge(self, other: Node) -> Node {
        let pattern = if self.0 & !Self::CONTINUES != 0 {
            self.0 & !Self::CONTINUES
        } else {
            other.0 & !Self::CONTINUES
        };
        Node(pattern | ((self.0 | other.0) & Self::CONTINUES))
    }

    /// The id of the phrase that ends at this prefix.
    pub(super) fn pattern(self) -> Option<usize> {
        match self.0 & !Self::CONTINUES {
            0 => None,
            id => Some(id as usize - 1),
        }
    }

    /// Whether some phrase is longer than this prefix.
    pub(super) fn continues(self) -> bool {
        self.0 & Self::CONTINUES != 0
    }
}

/// A hash of `bytes`: for up to 8 bytes (most words) one multiplication of the packed bytes.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    if bytes.len() <= 8 {
        return hash_packed(pack(bytes), bytes.len());
    }
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// [`hash`] of a word of `len` ≤ 8 bytes that [`pack`] packed: for a caller that needs the
/// packed form too, so that it packs once.
pub(super) fn hash_packed(packed: u64, len: usize) -> u64 {
    (packed ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Up to 8 bytes, little-endian and zero-padded. Two overlapping loads instead of a loop over
/// the bytes (which cost a tenth of matching: two packs per looked-up word), and no `memcpy`
/// call for the variable length. Resolution packs place codes with it too.
pub(crate) fn pack(word: &[u8]) -> u64 {
    let n = word.len().min(8);
    let le2 = |at: usize| u64::from(u16::from_le_bytes([word[at], word[at + 1]]));
    let le4 = |at: usize| {
        u64::from(u32::from_le_bytes([
            word[at],
            word[at + 1],
            word[at + 2],
            word[at + 3],
        ]))
    };
    match n {
        0 => 0,
        1 => u64::from(word[0]),
        // Two loads of half the width or more, the second ending at the last byte; the bytes
        // they share are the same in both, so OR-ing them is exact.
        2..=3 => le2(0) | le2(n - 2) << (8 * (n - 2)),
        _ => le4(0) | le4(n - 4) << (8 * (n - 4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_is_the_bytes_little_endian_and_zero_padded() {
        let word = b"abcdefghij";
        for n in 0..=10 {
            let mut want = [0u8; 8];
            let k = n.min(8);
            want[..k].copy_from_slice(&word[..k]);
            assert_eq!(pack(&word[..n]), u64::from_le_bytes(want), "{n} bytes");
        }
    }
}
