//! Byte tricks of the scan: eight bytes at a time, and the bit masks that
//! rule customers out before any byte is compared.

use super::FIELD_SEP;

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

pub(super) fn splat(b: u8) -> u64 {
    ONES * u64::from(b)
}

/// The high bit of every byte of `v` that is zero, and nothing else.
pub(super) fn zero_bytes(v: u64) -> u64 {
    !(((v & LOW7) + LOW7) | v | LOW7)
}

/// Eight bytes from `at`, little-endian: byte `at + i` in bits `8i..8i + 8`.
pub(super) fn load(text: &[u8], at: usize) -> u64 {
    text.get(at..at + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

pub(super) fn is_sep(b: u8) -> bool {
    b == b' ' || b == FIELD_SEP
}

/// Bit of a folded byte in the masks: letters and digits each their own,
/// bytes of other letters shared among the remaining bits; separators none.
pub(super) fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        0x80.. => 1 << (36 + b % 28),
        _ => 0,
    }
}

/// A 128-bit Bloom filter of byte pairs.
pub(super) type Pairs = [u64; 2];

/// Where the pair `ab` goes in [`Pairs`]: the word and its bit.
pub(super) fn pair(a: u8, b: u8) -> (usize, u64) {
    let h = pair_hash(a, b);
    ((h >> 31) as usize, 1 << ((h >> 25) & 63))
}

/// The bit of the pair `ab` in a 64-bit filter.
pub(super) fn edge_pair(a: u8, b: u8) -> u64 {
    1 << (pair_hash(a, b) >> 26)
}

pub(super) fn pair_hash(a: u8, b: u8) -> u32 {
    (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9e37_79b1)
}
