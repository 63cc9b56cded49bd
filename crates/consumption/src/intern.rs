//! Interning of the export's repeated texts (accounts, services): each distinct value is
//! stored once and rows refer to it by a small number, so the sums are keyed by numbers
//! and the import's memory grows with the distinct values, not with the rows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx hash rustc uses) for keys that come
/// from one file: a hash map's speed matters here, flooding does not.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    /// Eight bytes at a time; the last bytes as one word that overlaps the one before
    /// (a slice's length is hashed before its bytes, so the overlap loses nothing), not
    /// one byte at a time: an account's 12 digits take two steps, not five.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if rest.is_empty() {
            return;
        }
        match bytes.len().checked_sub(8).and_then(|at| bytes.get(at..)) {
            Some(last) => {
                let mut word = [0u8; 8];
                word.copy_from_slice(last);
                self.add(u64::from_le_bytes(word));
            }
            None => {
                let word = rest
                    .iter()
                    .rev()
                    .fold(0u64, |word, &b| (word << 8) | u64::from(b));
                self.add(word);
            }
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_i64(&mut self, i: i64) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// Rotated, as rustc-hash 2 does: a product's low bits depend only on the word's low
    /// bits, and hash tables index by the low bits — without this, keys that differ only
    /// in their high half (the account of a sum's key) would all collide.
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A hash map keyed with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Distinct byte strings, each with a number in order of first appearance.
#[derive(Default)]
pub(crate) struct Interner {
    numbers: FxHashMap<Box<[u8]>, u32>,
    values: Vec<Box<[u8]>>,
}

impl Interner {
    /// The number of `value`, given the first time it is seen, and whether it is new.
    #[inline]
    pub(crate) fn number(&mut self, value: &[u8]) -> (u32, bool) {
        if let Some(&n) = self.numbers.get(value) {
            return (n, false);
        }
        let n = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.numbers.insert(value.into(), n);
        self.values.push(value.into());
        (n, true)
    }

    /// The value of a number, as text.
    pub(crate) fn text(&self, n: u32) -> String {
        self.values
            .get(n as usize)
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default()
    }
}
