//! Where keys go in the matcher's two open-addressing tables ([`FirstWords`] and [`Phrases`]):
//! linear probing over any number of slots, not only a power of two.
//!
//! With power-of-two sizes a table is between a quarter and half full depending on where its
//! key count falls; at a million entries the phrase table was 29% full and the first-word table
//! 38%, 56 MB of empty slots. Twice as many slots as keys, mapped onto by a multiply instead of
//! a mask, keeps every table half full at the cost of one compare per probe step.
//!
//! [`FirstWords`]: super::first_words::FirstWords
//! [`Phrases`]: super::phrases::Phrases

/// The slot count of one table and where a hash lands in it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Probe {
    len: usize,
}

impl Probe {
    /// A table for `keys` keys, at most half full.
    pub(super) fn for_keys(keys: usize) -> Probe {
        Probe {
            len: keys.saturating_mul(2).max(2),
        }
    }

    /// The number of slots.
    pub(super) fn len(self) -> usize {
        self.len
    }

    /// The first slot to look at for `hash`: the high bits of a mixing multiply, scaled onto
    /// the slot count.
    pub(super) fn home(self, hash: u64) -> usize {
        let mixed = hash.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        ((u128::from(mixed) * self.len as u128) >> 64) as usize
    }

    /// The slot after `i`, wrapping around.
    pub(super) fn next(self, i: usize) -> usize {
        if i + 1 == self.len {
            0
        } else {
            i + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hash_lands_inside_the_table_and_probing_wraps() {
        for keys in [0, 1, 3, 1000, 1_234_567] {
            let p = Probe::for_keys(keys);
            assert!(p.len() >= 2 * keys);
            for h in [0, 1, u64::MAX, 0x8000_0000_0000_0000, 0xDEAD_BEEF] {
                assert!(p.home(h) < p.len());
            }
            assert_eq!(p.next(p.len() - 1), 0);
        }
    }

    #[test]
    fn homes_spread_over_the_whole_table() {
        let p = Probe::for_keys(500);
        let mut hit = vec![false; p.len()];
        for h in 0..20_000u64 {
            hit[p.home(super::super::key::hash(&h.to_le_bytes()))] = true;
        }
        let used = hit.iter().filter(|&&b| b).count();
        assert!(used * 10 >= p.len() * 9, "{used} of {} slots", p.len());
    }
}
