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
        return (pack(bytes) ^ bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Up to 8 bytes, little-endian and zero-padded. (A byte loop: `copy_from_slice` of a
/// variable length is a `memcpy` call.)
pub(super) fn pack(word: &[u8]) -> u64 {
    let mut k = 0u64;
    for (i, &b) in word.iter().take(8).enumerate() {
        k |= u64::from(b) << (8 * i);
    }
    k
}
