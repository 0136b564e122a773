//! The one seeded pseudo-random generator of the workspace: the random
//! values of `tl_tests::random`, the fuzzers' generator and mutators
//! (`fuzz/src/gen.rs`, also run by `tests/tests/smoke_fuzz.rs`), the
//! benchmark inputs of `tl-bench` and the randomised unit tests of
//! `tl-types` and `tl-methods` all draw from [`Rng`].
//!
//! It is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
//! number generators", 2014; the reference is Vigna's `splitmix64.c`): one
//! 64-bit word of state, small, fast, and statistically good enough for test
//! data. It is **not** cryptographically secure. No clock or OS randomness
//! is used anywhere: the same seed always gives the same sequence, on every
//! platform, so a failing seed reproduces.
//!
//! ```
//! use tl_rng::Rng;
//!
//! let mut a = Rng::new(42);
//! let mut b = Rng::new(42);
//! assert_eq!(a.next_u64(), b.next_u64());
//! assert!(a.below(10) < 10);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Mixed into the seed by [`Rng::new`] (the first 64 bits of the fractional
/// part of √2, as in SHA-512's initial hash value), so that seed 0 does not
/// start from state 0.
const SEED_MIX: u64 = 0x6a09_e667_f3bc_c908;

/// The SplitMix64 increment (2^64 divided by the golden ratio, odd).
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// A seeded SplitMix64 generator.
///
/// Cloning it forks the sequence: the clone yields exactly what the original
/// would have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`; every seed, 0 included, is fine.
    pub const fn new(seed: u64) -> Self {
        Rng::from_state(seed ^ SEED_MIX)
    }

    /// A generator whose SplitMix64 state is exactly `state` (no mixing), so
    /// `Rng::from_state(0)` yields the reference sequence of `splitmix64.c`
    /// started from `x = 0`. For callers that derive their own state (and
    /// must keep the sequences they always had); [`Rng::new`] otherwise.
    pub const fn from_state(state: u64) -> Self {
        Rng { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The next 32 random bits (the high half of one [`Rng::next_u64`]).
    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    /// One random byte (the low byte of one [`Rng::next_u64`]).
    pub fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }

    /// A number in `0..n`, or `0` when `n == 0` (then nothing is drawn).
    ///
    /// It is `next_u64() % n`: the bias towards small results is below
    /// `n / 2^64`, nothing for the ranges tests use.
    pub fn below_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `0..n`, or `0` when `n == 0` (then nothing is drawn).
    /// The same draw as [`Rng::below_u64`].
    pub fn below(&mut self, n: usize) -> usize {
        // The result is below `n`, so it fits in `usize`.
        self.below_u64(n as u64) as usize
    }

    /// `true` with a chance of 1 in `n`: `below(n) == 0`, so always `true`
    /// for `n` of 0 or 1.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// `true` with a chance of `percent` in 100 (always from 100 on).
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Fills `buf` with random bytes, eight (little-endian) per
    /// [`Rng::next_u64`]; a last partial chunk uses the low bytes of one
    /// more.
    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }

    /// A random element of `items` (the element at [`Rng::below`]`(len)`).
    ///
    /// # Panics
    ///
    /// If `items` is empty, like indexing an empty slice.
    #[track_caller]
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        assert!(!items.is_empty(), "Rng::pick from an empty slice");
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vigna's `splitmix64.c` from `x = 0`: the algorithm is the reference one.
    #[test]
    fn reference_sequence_from_state_zero() {
        let mut rng = Rng::from_state(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(rng.next_u64(), 0x06c4_5d18_8009_454f);
    }

    /// The first outputs of seed 0: every seeded test sequence of the
    /// workspace depends on them, so they must never change.
    #[test]
    fn known_first_outputs_of_seed_zero() {
        let mut rng = Rng::new(0);
        let first: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(first, SEED_ZERO);
        assert_eq!(Rng::new(0), Rng::from_state(SEED_MIX));
    }

    const SEED_ZERO: [u64; 4] = [
        0x1ac0_46dd_a8e8_6e2a,
        0xbe2c_3b00_b1d3_48c8,
        0x9b1a_66a9_5412_ff75,
        0xc448_c2b1_f05f_7e4c,
    ];

    #[test]
    fn same_seed_same_sequence() {
        for seed in [0, 1, 2, 0x5eed, u64::MAX] {
            let mut a = Rng::new(seed);
            let mut b = Rng::new(seed);
            for _ in 0..1000 {
                assert_eq!(a.next_u64(), b.next_u64());
            }
        }
        // A clone continues the same sequence.
        let mut a = Rng::new(7);
        a.next_u64();
        let mut b = a.clone();
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn different_seeds_differ() {
        let firsts: Vec<u64> = (0..64).map(|seed| Rng::new(seed).next_u64()).collect();
        let mut unique = firsts.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), firsts.len());
    }

    #[test]
    fn below_stays_in_range_and_reaches_every_value() {
        let mut rng = Rng::new(3);
        for n in [1usize, 2, 3, 7, 10, 100, 1000] {
            let mut seen = vec![false; n];
            for _ in 0..n * 50 {
                let v = rng.below(n);
                assert!(v < n, "below({n}) gave {v}");
                seen[v] = true;
            }
            assert!(seen.iter().all(|&s| s), "below({n}) missed a value");
        }
        for n in [1u64, 5, 1 << 40, u64::MAX] {
            for _ in 0..100 {
                assert!(rng.below_u64(n) < n);
            }
        }
        assert_eq!(rng.below(1), 0);
    }

    #[test]
    fn below_zero_is_zero_and_draws_nothing() {
        let mut a = Rng::new(9);
        let b = a.clone();
        assert_eq!(a.below(0), 0);
        assert_eq!(a.below_u64(0), 0);
        assert_eq!(a, b);
    }

    #[test]
    fn helpers_are_views_of_next_u64() {
        let mut rng = Rng::new(11);
        let mut twin = rng.clone();
        assert_eq!(rng.next_u32(), (twin.next_u64() >> 32) as u32);
        assert_eq!(rng.byte(), twin.next_u64() as u8);
        assert_eq!(rng.below(1000), (twin.next_u64() % 1000) as usize);
        assert_eq!(rng.below_u64(12), twin.next_u64() % 12);
        assert_eq!(rng, twin);
    }

    #[test]
    fn one_in_and_percent() {
        let mut rng = Rng::new(5);
        assert!((0..100).all(|_| rng.one_in(1) && rng.one_in(0)));
        assert!((0..100).all(|_| rng.percent(100) && !rng.percent(0)));
        let hits = (0..10_000).filter(|_| rng.one_in(4)).count();
        assert!((2_000..3_000).contains(&hits), "{hits}");
        let hits = (0..10_000).filter(|_| rng.percent(30)).count();
        assert!((2_500..3_500).contains(&hits), "{hits}");
    }

    #[test]
    fn fill_takes_eight_bytes_per_word() {
        let mut rng = Rng::new(13);
        let mut twin = rng.clone();
        let mut buf = [0u8; 11];
        rng.fill(&mut buf);
        let first = twin.next_u64().to_le_bytes();
        let second = twin.next_u64().to_le_bytes();
        assert_eq!(buf[..8], first);
        assert_eq!(buf[8..], second[..3]);
        assert_eq!(rng, twin);
        rng.fill(&mut []);
        assert_eq!(rng, twin);
    }

    #[test]
    fn pick_returns_an_element() {
        let mut rng = Rng::new(17);
        let items = ["a", "b", "c"];
        let mut seen = [false; 3];
        for _ in 0..100 {
            let item = rng.pick(&items);
            let at = items.iter().position(|i| i == item);
            assert!(at.is_some());
            if let Some(at) = at {
                seen[at] = true;
            }
        }
        assert_eq!(seen, [true; 3]);
        assert_eq!(rng.pick(&[5]), &5);
    }

    #[test]
    #[should_panic(expected = "empty slice")]
    fn pick_from_nothing_panics() {
        Rng::new(0).pick::<u8>(&[]);
    }
}
