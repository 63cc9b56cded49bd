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

/// A byte string's Fx hash.
#[inline]
pub(crate) fn hash(value: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(value);
    hasher.finish()
}

/// Whether two byte strings are the same, compared a word at a time inline (the last
/// word overlapping the one before) instead of by a call to `memcmp`: the texts compared
/// row after row (accounts, services, timestamps) are a few words long.
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        if let Some(eight) = s.get(at..at + 8) {
            w.copy_from_slice(eight);
        }
        u64::from_le_bytes(w)
    };
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, len - 8) == word(b, len - 8)
}

/// A hash map keyed with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Distinct byte strings, each with a number in order of first appearance.
///
/// Looked up by their 64-bit hash, then compared with [`same`], so that a row's lookup
/// hashes its text once and calls no `memcmp`; a value whose hash an earlier, different
/// value has (never seen in practice, but possible) is kept apart, by its bytes.
#[derive(Default)]
pub(crate) struct Interner {
    /// The number of the first value with each hash.
    by_hash: FxHashMap<u64, u32>,
    /// The numbers of values whose hash an earlier value has.
    colliding: FxHashMap<Box<[u8]>, u32>,
    values: Vec<Box<[u8]>>,
}

impl Interner {
    /// The number of `value`, given the first time it is seen, and whether it is new.
    #[cfg(test)]
    pub(crate) fn number(&mut self, value: &[u8]) -> (u32, bool) {
        self.number_hashed(value, hash(value))
    }

    /// [`Interner::number`] of a value whose [`hash`] is known already.
    #[inline]
    pub(crate) fn number_hashed(&mut self, value: &[u8], hash: u64) -> (u32, bool) {
        let n = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        match self.by_hash.get(&hash) {
            Some(&known)
                if self
                    .values
                    .get(known as usize)
                    .is_some_and(|v| same(v, value)) =>
            {
                return (known, false);
            }
            Some(_) => {
                if let Some(&known) = self.colliding.get(value) {
                    return (known, false);
                }
                self.colliding.insert(value.into(), n);
            }
            None => {
                self.by_hash.insert(hash, n);
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_the_same_only_byte_for_byte() {
        let texts: [&[u8]; 9] = [
            b"",
            b"a",
            b"1111222",
            b"11112222",
            b"111122223333",
            b"111122223334",
            b"2026-11-01T00:00:00Z",
            b"2026-11-01T00:00:01Z",
            b"Amazon Elastic Compute Cloud - Compute",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn values_get_numbers_in_order_even_when_their_hashes_collide() {
        let mut interner = Interner::default();
        assert_eq!(interner.number(b"111122223333"), (0, true));
        // As if the first account's hash were the second's too.
        interner.by_hash.insert(hash(b"444455556666"), 0);
        assert_eq!(interner.number(b"444455556666"), (1, true));
        assert_eq!(interner.number(b"444455556666"), (1, false));
        assert_eq!(interner.number(b"111122223333"), (0, false));
        assert_eq!(interner.number(b"AWS Lambda"), (2, true));
        assert_eq!(interner.text(1), "444455556666");
        assert_eq!(interner.text(2), "AWS Lambda");
    }
}
