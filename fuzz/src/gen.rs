//! Random *valid* TL encodings, driven by the schema model of `tl_gen`, and
//! byte-level mutations of them. Used to make the fuzzers' seed corpora
//! (`examples/make_seeds.rs`) and by the in-CI smoke test
//! (`tests/tests/smoke_fuzz.rs` includes this file with `#[path]`). It
//! depends on `tl_gen` and `tl_rng` only.
//!
//! [`Generator::boxed`] writes every value twice, in lockstep:
//! * `canonical`: exactly what the `tl_types` encoder writes (short length
//!   prefixes up to 253 bytes, zero padding, only known flag bits);
//! * `noisy`: the same value in encodings the decoder also accepts: the long
//!   `fe` length form for short strings, non-zero padding and flag bits no
//!   field uses (each with some probability).
//!
//! so a test can assert `encode(decode(noisy)) == canonical` byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use tl_gen::model::{ParamKind, QualName, Schema, TypeRef};

/// `vector#1cb5c415`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// `boolTrue#997275b5`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// The workspace's seeded generator (SplitMix64, see `tl_rng`): the same
/// seed gives the same values and mutations.
pub use tl_rng::Rng;

/// Loads and models one schema text; panics with the diagnostics if it is
/// not valid.
pub fn model(file: &str, text: &str) -> Schema {
    let config = tl_gen::Config::new().schema(file, text.to_owned(), &[]);
    match tl_gen::build_models(&config) {
        Ok(mut models) => models.remove(0),
        Err(err) => panic!("{file} does not build: {err}"),
    }
}

/// The boxed type `namespace.Name` (`"messages.Messages"`, `"Updates"`).
pub fn qual(name: &str) -> QualName {
    let mut parts: Vec<String> = name.split('.').map(str::to_owned).collect();
    let last = parts.pop().unwrap_or_default();
    QualName {
        namespace: parts,
        name: last,
    }
}

/// The two encodings of one generated value (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    pub canonical: Vec<u8>,
    pub noisy: Vec<u8>,
}

impl Encoded {
    fn word(&mut self, w: u32) {
        self.canonical.extend_from_slice(&w.to_le_bytes());
        self.noisy.extend_from_slice(&w.to_le_bytes());
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.canonical.extend_from_slice(bytes);
        self.noisy.extend_from_slice(bytes);
    }
}

/// Strings mixing ASCII, multi-byte UTF-8 and TL-looking text.
const TEXT_PIECES: &[&str] = &[
    "a",
    "hello",
    " ",
    "é",
    "ß",
    "数据",
    "ключ",
    "🦀",
    "\u{0}",
    "\n",
    "\u{FFFD}",
    "#",
    ";",
    "\u{200D}",
    "x",
    "0123456789",
];

/// Generates random valid encodings of the boxed types of one schema.
pub struct Generator<'s> {
    schema: &'s Schema,
    pub rng: Rng,
    /// Nesting the generated values may reach (the decoder allows 64).
    pub max_depth: usize,
    /// Probability (1 in n) of each non-canonical choice in `noisy`; 0
    /// disables them.
    pub noise_one_in: usize,
    /// Longest vector generated.
    pub max_vector: usize,
    /// Fewest nesting levels each boxed type needs (absent: cannot be built,
    /// e.g. an unconditional self-reference).
    min_depth: BTreeMap<QualName, usize>,
}

impl<'s> Generator<'s> {
    pub fn new(schema: &'s Schema, seed: u64) -> Self {
        let mut g = Generator {
            schema,
            rng: Rng::new(seed),
            max_depth: 8,
            noise_one_in: 4,
            max_vector: 3,
            min_depth: BTreeMap::new(),
        };
        g.compute_min_depths();
        g
    }

    /// The boxed types that can be generated, in schema order.
    pub fn boxed_types(&self) -> Vec<QualName> {
        self.schema
            .boxed_types
            .iter()
            .filter(|b| self.min_depth.contains_key(&b.name))
            .map(|b| b.name.clone())
            .collect()
    }

    /// Every constructor ID of the boxed types that can be generated.
    pub fn constructor_ids(&self) -> BTreeSet<u32> {
        self.schema
            .boxed_types
            .iter()
            .filter(|b| self.min_depth.contains_key(&b.name))
            .flat_map(|b| {
                b.constructors
                    .iter()
                    .map(|&i| self.schema.constructors[i].id)
            })
            .collect()
    }

    fn compute_min_depths(&mut self) {
        // Fixed point: a constructor needs 1 + the deepest of its
        // unconditional parameters (vectors can be empty, flags absent).
        loop {
            let mut changed = false;
            for boxed in &self.schema.boxed_types {
                let best = boxed
                    .constructors
                    .iter()
                    .filter_map(|&i| self.ctor_min_depth(i))
                    .min();
                if let Some(best) = best {
                    if self.min_depth.get(&boxed.name).is_none_or(|&d| best < d) {
                        self.min_depth.insert(boxed.name.clone(), best);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn ctor_min_depth(&self, index: usize) -> Option<usize> {
        let ctor = &self.schema.constructors[index];
        let mut need = 0;
        for param in &ctor.params {
            if let ParamKind::Value { ty, flag: None } = &param.kind {
                need = need.max(self.type_min_depth(ty, 0)?);
            }
        }
        Some(need + 1)
    }

    fn type_min_depth(&self, ty: &TypeRef, guard: usize) -> Option<usize> {
        match ty {
            TypeRef::Boxed(name) => self.min_depth.get(name).copied(),
            TypeRef::Bare(name) => {
                if guard > 16 {
                    return None;
                }
                let ctor = self.schema.constructor(name)?;
                let mut need = 0;
                for param in &ctor.params {
                    if let ParamKind::Value { ty, flag: None } = &param.kind {
                        need = need.max(self.type_min_depth(ty, guard + 1)?);
                    }
                }
                Some(need)
            }
            TypeRef::Generic(_) => None,
            _ => Some(0),
        }
    }

    /// One random value of the boxed type `name`, or `None` if the type is
    /// unknown or cannot be built.
    pub fn boxed(&mut self, name: &QualName) -> Option<Encoded> {
        let mut out = Encoded::default();
        self.write_boxed(name, self.max_depth, &mut out)?;
        Some(out)
    }

    fn write_boxed(&mut self, name: &QualName, budget: usize, out: &mut Encoded) -> Option<()> {
        let schema = self.schema;
        let boxed = schema.boxed_type(name)?;
        let fitting: Vec<usize> = boxed
            .constructors
            .iter()
            .copied()
            .filter(|&i| self.ctor_min_depth(i).is_some_and(|d| d <= budget))
            .collect();
        let index = if fitting.is_empty() {
            // Out of budget: the shallowest constructor, whatever it costs.
            boxed
                .constructors
                .iter()
                .copied()
                .min_by_key(|&i| self.ctor_min_depth(i).unwrap_or(usize::MAX))?
        } else {
            *self.rng.pick(&fitting)
        };
        let ctor = &schema.constructors[index];
        out.word(ctor.id);
        self.write_params(index, budget.saturating_sub(1), out)
    }

    fn write_params(&mut self, index: usize, budget: usize, out: &mut Encoded) -> Option<()> {
        let ctor = &self.schema.constructors[index];
        // Decide every flag bit first: a bit shared by several parameters
        // makes them present together.
        let mut used: BTreeMap<usize, u32> = BTreeMap::new();
        for param in &ctor.params {
            if let ParamKind::Value {
                flag: Some(flag), ..
            } = &param.kind
            {
                *used.entry(flag.word).or_default() |= 1 << flag.bit;
            }
        }
        let mut set: BTreeMap<usize, u32> = BTreeMap::new();
        for (&word, &bits) in &used {
            let mut value = 0;
            for bit in 0..32 {
                // Fewer optional values as the budget runs low, none at 0
                // (so generation always ends).
                if budget == 0 {
                    break;
                }
                let keep = if budget <= 2 { 4 } else { 2 };
                if bits & (1 << bit) != 0 && self.rng.one_in(keep) {
                    value |= 1 << bit;
                }
            }
            set.insert(word, value);
        }
        for (at, param) in ctor.params.iter().enumerate() {
            match &param.kind {
                ParamKind::FlagsWord => {
                    let value = set.get(&at).copied().unwrap_or(0);
                    let unused = !used.get(&at).copied().unwrap_or(0);
                    let noise = if self.noise() {
                        self.rng.next_u32() & unused
                    } else {
                        0
                    };
                    out.canonical.extend_from_slice(&value.to_le_bytes());
                    out.noisy.extend_from_slice(&(value | noise).to_le_bytes());
                }
                ParamKind::Value { ty, flag } => {
                    if let Some(flag) = flag {
                        let on = set.get(&flag.word).copied().unwrap_or(0) & (1 << flag.bit) != 0;
                        if !on {
                            continue;
                        }
                    }
                    self.write_type(ty, budget, out)?;
                }
            }
        }
        Some(())
    }

    fn noise(&mut self) -> bool {
        self.noise_one_in > 0 && self.rng.one_in(self.noise_one_in)
    }

    fn write_type(&mut self, ty: &TypeRef, budget: usize, out: &mut Encoded) -> Option<()> {
        match ty {
            TypeRef::Int => {
                let v = self.int_value() as u32;
                out.word(v);
            }
            TypeRef::Long => {
                let v = match self.rng.below(4) {
                    0 => self.int_value() as u64,
                    _ => self.rng.next_u64(),
                };
                out.raw(&v.to_le_bytes());
            }
            TypeRef::Double => {
                let v: f64 = match self.rng.below(6) {
                    0 => f64::NAN,
                    1 => -0.0,
                    2 => f64::INFINITY,
                    3 => f64::from_bits(self.rng.next_u64()),
                    _ => self.rng.below(1000) as f64 / 7.0,
                };
                out.raw(&v.to_le_bytes());
            }
            TypeRef::Int128 => {
                let bytes: Vec<u8> = (0..16).map(|_| self.rng.byte()).collect();
                out.raw(&bytes);
            }
            TypeRef::Int256 => {
                let bytes: Vec<u8> = (0..32).map(|_| self.rng.byte()).collect();
                out.raw(&bytes);
            }
            TypeRef::String => {
                let s = self.text();
                self.write_bytes(s.as_bytes(), out);
            }
            TypeRef::Bytes => {
                let len = self.length();
                let data: Vec<u8> = (0..len).map(|_| self.rng.byte()).collect();
                self.write_bytes(&data, out);
            }
            TypeRef::Bool => {
                let id = if self.rng.one_in(2) {
                    BOOL_TRUE_ID
                } else {
                    BOOL_FALSE_ID
                };
                out.word(id);
            }
            TypeRef::True => {}
            TypeRef::Vector { bare, element } => {
                let count = if budget == 0 {
                    0
                } else {
                    self.rng.below(self.max_vector + 1)
                };
                if !bare {
                    out.word(VECTOR_ID);
                }
                out.word(count as u32);
                for _ in 0..count {
                    self.write_type(element, budget, out)?;
                }
            }
            TypeRef::Boxed(name) => self.write_boxed(name, budget, out)?,
            TypeRef::Bare(name) => {
                let index = self
                    .schema
                    .constructors
                    .iter()
                    .position(|c| &c.name == name)?;
                self.write_params(index, budget, out)?;
            }
            TypeRef::Generic(_) => return None,
        }
        Some(())
    }

    fn int_value(&mut self) -> i32 {
        match self.rng.below(5) {
            0 => 0,
            1 => -1,
            2 => self.rng.below(100) as i32,
            _ => self.rng.next_u32() as i32,
        }
    }

    /// Mostly short, sometimes around the 253/254 boundary or long.
    fn length(&mut self) -> usize {
        match self.rng.below(12) {
            0 => 250 + self.rng.below(8),
            1 => 254 + self.rng.below(600),
            _ => self.rng.below(12),
        }
    }

    fn text(&mut self) -> String {
        let target = self.length();
        let mut s = String::new();
        while s.len() < target {
            let piece = TEXT_PIECES[self.rng.below(TEXT_PIECES.len())];
            s.push_str(piece);
        }
        s
    }

    fn write_bytes(&mut self, data: &[u8], out: &mut Encoded) {
        write_tl_bytes(&mut out.canonical, data);
        let long_form = data.len() <= 253 && self.noise();
        let header_len = if long_form || data.len() > 253 { 4 } else { 1 };
        if header_len == 4 {
            let n = (data.len() as u32).to_le_bytes();
            out.noisy.extend_from_slice(&[0xfe, n[0], n[1], n[2]]);
        } else {
            out.noisy.push(data.len() as u8);
        }
        out.noisy.extend_from_slice(data);
        let dirty = self.noise();
        for _ in 0..(4 - (header_len + data.len()) % 4) % 4 {
            let pad = if dirty { self.rng.byte() } else { 0 };
            out.noisy.push(pad);
        }
    }
}

/// The canonical TL `bytes`/`string` encoding (what `tl_types` writes).
pub fn write_tl_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let header_len = if data.len() <= 253 {
        out.push(data.len() as u8);
        1
    } else {
        let n = (data.len() as u32).to_le_bytes();
        out.extend_from_slice(&[0xfe, n[0], n[1], n[2]]);
        4
    };
    out.extend_from_slice(data);
    out.resize(out.len() + (4 - (header_len + data.len()) % 4) % 4, 0);
}

/// Words worth splicing into mutated input.
const INTERESTING_WORDS: &[u32] = &[
    VECTOR_ID,
    BOOL_TRUE_ID,
    BOOL_FALSE_ID,
    0,
    1,
    2,
    0xffff_ffff,
    0x7fff_ffff,
    0x8000_0000,
    0x0000_00fe,
    0x0000_01fe,
    0x00ff_fffe,
    0x0000_00ff,
];

/// One to three random byte-level mutations of `input`: bit flips, byte and
/// word overwrites (interesting words, known constructor IDs, lengths),
/// truncation, insertion, deletion, duplicated chunks. `ids` are
/// constructor IDs to splice in.
pub fn mutate(rng: &mut Rng, input: &[u8], ids: &[u32]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        mutate_once(rng, &mut out, ids);
    }
    out
}

fn mutate_once(rng: &mut Rng, out: &mut Vec<u8>, ids: &[u32]) {
    let len = out.len();
    let word_at = |rng: &mut Rng| if len >= 4 { rng.below(len / 4) * 4 } else { 0 };
    match rng.below(11) {
        // Flip one bit.
        0 if len > 0 => {
            let at = rng.below(len);
            out[at] ^= 1 << rng.below(8);
        }
        // Overwrite a byte.
        1 if len > 0 => {
            let at = rng.below(len);
            out[at] = rng.byte();
        }
        // Overwrite an aligned word with an interesting one or an ID.
        2 | 3 if len >= 4 => {
            let at = word_at(rng);
            let word = if !ids.is_empty() && rng.one_in(2) {
                *rng.pick(ids)
            } else {
                *rng.pick(INTERESTING_WORDS)
            };
            out[at..at + 4].copy_from_slice(&word.to_le_bytes());
        }
        // A random small length/count in a word.
        4 if len >= 4 => {
            let at = word_at(rng);
            let n = rng.below(300) as u32;
            out[at..at + 4].copy_from_slice(&n.to_le_bytes());
        }
        // Truncate.
        5 if len > 0 => {
            let keep = rng.below(len);
            out.truncate(keep);
        }
        // Insert random bytes (often a whole word).
        6 => {
            let at = rng.below(len + 1);
            let n = if rng.one_in(2) { 4 } else { 1 + rng.below(8) };
            let bytes: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
            out.splice(at..at, bytes);
        }
        // Delete a range.
        7 if len > 0 => {
            let at = rng.below(len);
            let n = (1 + rng.below(8)).min(len - at);
            out.drain(at..at + n);
        }
        // Duplicate a chunk (at word granularity half of the time).
        8 | 9 if len > 0 => {
            let (at, n) = if len >= 4 && rng.one_in(2) {
                let at = word_at(rng);
                (at, (4 * (1 + rng.below(8))).min(len - at))
            } else {
                let at = rng.below(len);
                (at, (1 + rng.below(16)).min(len - at))
            };
            let chunk = out[at..at + n].to_vec();
            let to = rng.below(len + 1);
            out.splice(to..to, chunk);
        }
        // Append an interesting word.
        _ => {
            let word = *rng.pick(INTERESTING_WORDS);
            out.extend_from_slice(&word.to_le_bytes());
        }
    }
}

/// Non-ASCII (and odd ASCII) text to splice into schema lines.
pub const SCHEMA_NOISE: &[&str] = &[
    "é",
    "ß",
    "数",
    "ключ",
    "🦀",
    "\u{FFFD}",
    "\u{0}",
    "\u{200D}",
    "\u{301}",
    "\t",
    "\r",
    "\n",
    ";",
    "#",
    "?",
    ":",
    "!",
    "%",
    "<",
    ">",
    "{",
    "}",
    "=",
    ".",
    "//",
    "---",
    " ",
    "flags:#",
    "flags.0?true",
    "flags.31?",
    "flags.32?",
    "Vector<",
    "vector<",
    "{X:Type}",
    "!X",
    "#ffffffff",
    "#0",
    "= ",
    "int",
    "long",
    "string",
    "bytes",
    "Bool",
    "true",
    "int128",
    "---functions---",
    "---types---",
    "// LAYER 1",
    "Vector<int>",
    "x:flags.1?Vector<long>",
];

/// Mutates a schema text by characters: splices noise, deletes, duplicates
/// and swaps, at character boundaries.
pub fn mutate_schema(rng: &mut Rng, input: &str) -> String {
    let mut chars: Vec<char> = input.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let len = chars.len();
        match rng.below(6) {
            0 | 1 => {
                let at = rng.below(len + 1);
                let piece: Vec<char> = rng.pick(SCHEMA_NOISE).chars().collect();
                chars.splice(at..at, piece);
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let n = (1 + rng.below(6)).min(len - at);
                chars.drain(at..at + n);
            }
            3 if len > 0 => {
                let at = rng.below(len);
                let n = (1 + rng.below(20)).min(len - at);
                let chunk: Vec<char> = chars[at..at + n].to_vec();
                let to = rng.below(len + 1);
                chars.splice(to..to, chunk);
            }
            4 if len > 0 => {
                let at = rng.below(len);
                chars[at] = char::from_u32(rng.below(0x3000) as u32).unwrap_or('\u{FFFD}');
            }
            _ if len > 1 => {
                let a = rng.below(len);
                let b = rng.below(len);
                chars.swap(a, b);
            }
            _ => chars.push('x'),
        }
    }
    chars.into_iter().collect()
}
