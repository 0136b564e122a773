//! Seeded, reproducible random values of any constructor or method, as
//! *canonical* TL bytes: exactly what a correct encoder writes for some
//! value, so decoding and encoding them again must give the same bytes.
//!
//! Canonical means:
//! - a flags word has only bits that some parameter uses; all parameters on
//!   one bit (a shared-bit group, a `true` flag next to a value) are present
//!   or absent together;
//! - `Bool` is `boolTrue`/`boolFalse`; `true` takes no bytes;
//! - `string`/`bytes` use the one-byte length form up to 253 bytes and the
//!   `0xfe` form from 254 bytes on, and are zero-padded; strings are valid
//!   UTF-8 (with 1- to 4-byte characters);
//! - vectors have 0–3 elements; boxed references are random constructors of
//!   the referenced type; bare references are the constructor without ID.
//!
//! Recursion is bounded: from [`Options::soft_depth`] levels of nesting on,
//! or once the output exceeds [`Options::budget`] bytes, values are kept
//! minimal (flags clear, vectors empty, the constructor of the type with the
//! lowest [`Heights`] picked), which always terminates: every boxed type of
//! the schema has a finite height (checked by the tests).
//!
//! No clock or OS randomness is used: the same seed gives the same bytes.

use std::sync::OnceLock;

use crate::generated::dispatch::GENERIC_STAND_IN;
use crate::schema::{
    function_named, Param, ParamKind, SchemaKind, Ty, BOXED_TYPES, CONSTRUCTORS, FUNCTIONS,
};

/// The workspace's seeded generator (SplitMix64, see `tl_rng`); the
/// sequence of every seed is fixed, so the bytes of a seed never change.
pub use tl_rng::Rng;

/// How values are generated.
#[derive(Clone, Debug)]
pub struct Options {
    /// Nesting depth (constructors inside constructors) from which values
    /// are kept minimal.
    pub soft_depth: usize,
    /// Output size in bytes from which values are kept minimal.
    pub budget: usize,
    /// Constructor IDs never picked for a boxed reference, unless the type
    /// has no other constructor.
    pub avoid: Vec<u32>,
    /// Chance in 100 that a `string`/`bytes` value is long (254 bytes or
    /// more, the `0xfe` length form).
    pub long_percent: usize,
    /// The flag bits of the outermost constructor or method: `Some(true)`
    /// sets every bit (every optional parameter present), `Some(false)`
    /// clears them all, `None` draws each bit at random like nested ones.
    pub top_flags: Option<bool>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            soft_depth: 5,
            budget: 8 * 1024,
            avoid: Vec::new(),
            long_percent: 8,
            top_flags: None,
        }
    }
}

impl Options {
    /// The default options, with [`Options::top_flags`] picked by the seed
    /// so that a few seeds cover every optional parameter: seed 0 sets every
    /// flag bit of the outermost definition, seed 1 clears them all, other
    /// seeds draw them at random.
    pub fn for_seed(seed: u64) -> Self {
        Options {
            top_flags: match seed {
                0 => Some(true),
                1 => Some(false),
                _ => None,
            },
            ..Options::default()
        }
    }
}

/// The fewest levels of constructors a value needs: 1 + the largest height
/// among a constructor's unconditional parameters (flags may be clear and
/// vectors empty, so those count 0); a boxed type's is its lowest
/// constructor's. `u32::MAX` would mean no finite value exists.
#[derive(Clone, Debug)]
pub struct Heights {
    /// Parallel to [`CONSTRUCTORS`].
    pub constructors: Vec<u32>,
    /// Parallel to [`BOXED_TYPES`].
    pub boxed_types: Vec<u32>,
}

impl Heights {
    fn of(&self, ty: &Ty) -> u32 {
        match ty {
            Ty::Boxed(b) => self.boxed_types.get(*b).copied().unwrap_or(u32::MAX),
            Ty::Bare(c) => self.constructors.get(*c).copied().unwrap_or(u32::MAX),
            Ty::Generic => 1,
            _ => 0,
        }
    }

    fn compute() -> Heights {
        let mut h = Heights {
            constructors: vec![u32::MAX; CONSTRUCTORS.len()],
            boxed_types: vec![u32::MAX; BOXED_TYPES.len()],
        };
        loop {
            let mut changed = false;
            for (index, ctor) in CONSTRUCTORS.iter().enumerate() {
                let mut height = 1u32;
                for param in ctor.params {
                    if let ParamKind::Value { ty, flag: None } = &param.kind {
                        height = height.max(h.of(ty).saturating_add(1));
                    }
                }
                if height < h.constructors[index] {
                    h.constructors[index] = height;
                    changed = true;
                }
            }
            for (index, boxed) in BOXED_TYPES.iter().enumerate() {
                let height = boxed
                    .constructors
                    .iter()
                    .map(|&c| h.constructors.get(c).copied().unwrap_or(u32::MAX))
                    .min()
                    .unwrap_or(u32::MAX);
                if height < h.boxed_types[index] {
                    h.boxed_types[index] = height;
                    changed = true;
                }
            }
            if !changed {
                return h;
            }
        }
    }
}

/// The heights of every constructor and boxed type (computed once).
pub fn heights() -> &'static Heights {
    static HEIGHTS: OnceLock<Heights> = OnceLock::new();
    HEIGHTS.get_or_init(Heights::compute)
}

/// A random value generator over the schema tables.
#[derive(Clone, Debug)]
pub struct Generator {
    rng: Rng,
    options: Options,
    /// Index in [`FUNCTIONS`] of the query written for a generic `!X`.
    stand_in: Option<usize>,
}

/// ID + parameters of constructor `index` of [`CONSTRUCTORS`], with
/// [`Options::for_seed`]; `None` if there is no such constructor.
pub fn constructor_bytes(index: usize, seed: u64) -> Option<Vec<u8>> {
    Generator::new(seed, Options::for_seed(seed)).constructor(index)
}

/// ID + parameters of method `index` of [`FUNCTIONS`], with
/// [`Options::for_seed`]; `None` if there is no such method.
pub fn function_bytes(index: usize, seed: u64) -> Option<Vec<u8>> {
    Generator::new(seed, Options::for_seed(seed)).function(index)
}

impl Generator {
    pub fn new(seed: u64, options: Options) -> Self {
        Generator {
            rng: Rng::new(seed),
            options,
            stand_in: GENERIC_STAND_IN.and_then(|name| function_named(SchemaKind::Api, name)),
        }
    }

    /// The random source, to draw further choices from the same seed.
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// Constructor `index` of [`CONSTRUCTORS`] as its boxed type: its ID,
    /// then its parameters.
    pub fn constructor(&mut self, index: usize) -> Option<Vec<u8>> {
        let ctor = CONSTRUCTORS.get(index)?;
        let mut out = Vec::new();
        out.extend_from_slice(&ctor.id.to_le_bytes());
        self.params(ctor.params, 1, &mut out);
        Some(out)
    }

    /// Method `index` of [`FUNCTIONS`]: its ID, then its parameters (a
    /// generic `!X` is the method named by [`GENERIC_STAND_IN`]).
    pub fn function(&mut self, index: usize) -> Option<Vec<u8>> {
        let function = FUNCTIONS.get(index)?;
        let mut out = Vec::new();
        out.extend_from_slice(&function.id.to_le_bytes());
        self.params(function.params, 1, &mut out);
        Some(out)
    }

    /// A random constructor of boxed type `index` of [`BOXED_TYPES`].
    pub fn boxed_type(&mut self, index: usize) -> Option<Vec<u8>> {
        BOXED_TYPES.get(index)?;
        let mut out = Vec::new();
        self.value(&Ty::Boxed(index), 0, &mut out);
        Some(out)
    }

    fn minimal(&self, depth: usize, out: &[u8]) -> bool {
        depth >= self.options.soft_depth || out.len() >= self.options.budget
    }

    /// Writes the parameters of a definition at nesting `depth`.
    fn params(&mut self, params: &[Param], depth: usize, out: &mut Vec<u8>) {
        // Decide every flag bit first: parameters on one bit share it.
        let mut decided = vec![0u32; params.len()];
        let mut present = vec![0u32; params.len()];
        let minimal = self.minimal(depth, out);
        let forced = if depth == 1 {
            self.options.top_flags
        } else {
            None
        };
        for param in params {
            if let ParamKind::Value {
                flag: Some(flag), ..
            } = param.kind
            {
                let mask = 1u32 << (flag.bit & 31);
                let (Some(d), Some(p)) = (decided.get_mut(flag.word), present.get_mut(flag.word))
                else {
                    continue;
                };
                if *d & mask == 0 {
                    *d |= mask;
                    let set = match forced {
                        Some(set) => set,
                        None => !minimal && self.rng.percent(50),
                    };
                    if set {
                        *p |= mask;
                    }
                }
            }
        }
        for (index, param) in params.iter().enumerate() {
            match &param.kind {
                ParamKind::FlagsWord => {
                    let word = present.get(index).copied().unwrap_or(0);
                    out.extend_from_slice(&word.to_le_bytes());
                }
                ParamKind::Value { ty, flag: None } => self.value(ty, depth, out),
                ParamKind::Value {
                    ty,
                    flag: Some(flag),
                } => {
                    let word = present.get(flag.word).copied().unwrap_or(0);
                    if word & (1u32 << (flag.bit & 31)) != 0 {
                        self.value(ty, depth, out);
                    }
                }
            }
        }
    }

    /// Picks a constructor of boxed type `boxed` (index into
    /// [`CONSTRUCTORS`]).
    fn pick(&mut self, boxed: usize, minimal: bool) -> Option<usize> {
        let all = BOXED_TYPES.get(boxed)?.constructors;
        let mut candidates: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&c| {
                CONSTRUCTORS
                    .get(c)
                    .is_some_and(|ctor| !self.options.avoid.contains(&ctor.id))
            })
            .collect();
        if candidates.is_empty() {
            candidates = all.to_vec();
        }
        if minimal {
            let heights = heights();
            let height = |c: usize| heights.constructors.get(c).copied().unwrap_or(u32::MAX);
            let lowest = candidates.iter().map(|&c| height(c)).min()?;
            candidates.retain(|&c| height(c) == lowest);
        }
        let at = self.rng.below(candidates.len());
        candidates.get(at).copied()
    }

    /// Writes one value of `ty` at nesting `depth`.
    fn value(&mut self, ty: &Ty, depth: usize, out: &mut Vec<u8>) {
        let minimal = self.minimal(depth, out);
        match ty {
            Ty::Int => {
                let value = self.int();
                out.extend_from_slice(&value.to_le_bytes());
            }
            Ty::Long => {
                let value = if self.rng.percent(30) {
                    self.rng.below(1000) as u64
                } else {
                    self.rng.next_u64()
                };
                out.extend_from_slice(&value.to_le_bytes());
            }
            Ty::Double => {
                let value = if self.rng.percent(50) {
                    (self.rng.below(2001) as f64 - 1000.0) / 8.0
                } else {
                    f64::from_bits(self.rng.next_u64())
                };
                out.extend_from_slice(&value.to_le_bytes());
            }
            Ty::String => {
                let text = self.text(minimal);
                tl_types::write_string(out, &text);
            }
            Ty::Bytes => {
                let mut data = vec![0u8; self.length(minimal)];
                self.rng.fill(&mut data);
                tl_types::write_bytes(out, &data);
            }
            Ty::Int128 => {
                let mut data = [0u8; 16];
                self.rng.fill(&mut data);
                out.extend_from_slice(&data);
            }
            Ty::Int256 => {
                let mut data = [0u8; 32];
                self.rng.fill(&mut data);
                out.extend_from_slice(&data);
            }
            Ty::Bool => {
                let value = self.rng.percent(50);
                tl_types::write_bool(out, value);
            }
            Ty::True => {}
            Ty::Vector { bare, element } => {
                let count = if minimal { 0 } else { self.rng.below(4) };
                if *bare {
                    tl_types::write_bare_vector_len(out, count);
                } else {
                    tl_types::write_vector_header(out, count);
                }
                for _ in 0..count {
                    self.value(element, depth, out);
                }
            }
            Ty::Boxed(boxed) => {
                if let Some(index) = self.pick(*boxed, minimal) {
                    let ctor = &CONSTRUCTORS[index];
                    out.extend_from_slice(&ctor.id.to_le_bytes());
                    self.params(ctor.params, depth + 1, out);
                }
            }
            Ty::Bare(index) => {
                if let Some(ctor) = CONSTRUCTORS.get(*index) {
                    self.params(ctor.params, depth + 1, out);
                }
            }
            Ty::Generic => {
                if let Some(function) = self.stand_in.and_then(|i| FUNCTIONS.get(i)) {
                    out.extend_from_slice(&function.id.to_le_bytes());
                    self.params(function.params, depth + 1, out);
                }
            }
            // `Ty::Object` (the hand-written envelopes) is never in the
            // generated tables.
            _ => {}
        }
    }

    fn int(&mut self) -> i32 {
        match self.rng.below(4) {
            0 => self.rng.below(100) as i32,
            1 => -(self.rng.below(100) as i32),
            _ => self.rng.next_u64() as i32,
        }
    }

    /// A `string`/`bytes` length: mostly short, sometimes around the
    /// 253/254 boundary of the length prefix, sometimes long.
    fn length(&mut self, minimal: bool) -> usize {
        if minimal {
            return self.rng.below(5);
        }
        let long = self.options.long_percent;
        let roll = self.rng.below(100);
        if roll < long {
            254 + self.rng.below(1800)
        } else if roll < long + 8 {
            250 + self.rng.below(8)
        } else if roll < long + 30 {
            self.rng.below(64)
        } else {
            self.rng.below(16)
        }
    }

    /// A valid UTF-8 string of a random byte length, with 1- to 4-byte
    /// characters.
    fn text(&mut self, minimal: bool) -> String {
        let len = self.length(minimal);
        let mut text = String::with_capacity(len);
        while text.len() < len {
            let room = len - text.len();
            let c = match self.rng.below(10) {
                0 => char::from_u32(0x80 + self.rng.below(0x780) as u32),
                1 => char::from_u32(0x800 + self.rng.below(0xd000 - 0x800) as u32),
                2 => char::from_u32(0x1_0000 + self.rng.below(0x10_0000) as u32),
                3 => Some(['\0', '\n', '"', '\\', '\u{7f}'][self.rng.below(5)]),
                _ => char::from_u32(0x20 + self.rng.below(0x5f) as u32),
            };
            let c = match c {
                Some(c) if c.len_utf8() <= room => c,
                _ => 'a',
            };
            text.push(c);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        for index in [0, CONSTRUCTORS.len() / 2, CONSTRUCTORS.len() - 1] {
            assert_eq!(constructor_bytes(index, 7), constructor_bytes(index, 7));
        }
        assert_eq!(constructor_bytes(CONSTRUCTORS.len(), 1), None);
        assert_eq!(function_bytes(FUNCTIONS.len(), 1), None);
    }

    #[test]
    fn string_lengths_cover_both_length_forms() {
        let mut generator = Generator::new(3, Options::default());
        let lengths: Vec<usize> = (0..4000).map(|_| generator.text(false).len()).collect();
        for boundary in [0, 253, 254, 255] {
            assert!(lengths.contains(&boundary), "no string of {boundary} bytes");
        }
        assert!(lengths.iter().any(|&len| len > 1000));
        assert!((0..100).all(|_| generator.text(true).len() < 5));
    }
}
