//! Seeded, deterministic smoke fuzzing that runs in CI without cargo-fuzz.
//!
//! The properties, the schema-driven generator and the mutators are the
//! very files the cargo-fuzz targets use (`fuzz/src/*.rs`, included with
//! `#[path]`), so a failure here reproduces there and the other way round:
//!
//! * `updates_*`, `messages_*`, `any_boxed_*`: random valid values (built
//!   from the `tl_gen` model of `schema/api.tl` / `schema/mtproto.tl`) must
//!   come back byte for byte, their non-canonical twins (long length
//!   prefixes, dirty padding, unknown flag bits) must re-encode to the
//!   canonical bytes, and byte-level mutations of both (bit flips,
//!   truncations, insertions, deletions, duplicated chunks, spliced IDs and
//!   lengths) must never panic and must satisfy the round-trip property of
//!   `fuzz/src/check.rs`;
//!   the same inputs go through the dynamic decoder (`fuzz/src/dynamic.rs`,
//!   the `decode_dynamic` target), which must agree with the typed one;
//! * `envelopes_*`: mutations of `rpc_result`/`msg_container`/`gzip_packed`
//!   seeds through `fuzz/src/envelopes.rs` (the `decode_envelopes` target):
//!   no panics, inflation within the limit, accepted envelopes re-encode;
//! * `schema_loader_*`: mutated snippets of real schema lines (with
//!   non-ASCII insertions) through `tl_gen::load::load` and
//!   `tl_gen::build_models` must never panic, and every diagnostic must
//!   point at a line (and column) of the input.
//!
//! `SMOKE_FUZZ_SEED=<n>` changes the seed (the default is fixed, so CI is
//! reproducible); `SMOKE_FUZZ_SCALE=<n>` multiplies the input counts.

#[allow(dead_code)]
#[path = "../../fuzz/src/check.rs"]
mod check;
#[allow(dead_code)]
#[path = "../../fuzz/src/dynamic.rs"]
mod dynamic;
#[allow(dead_code)]
#[path = "../../fuzz/src/envelopes.rs"]
mod envelopes;
#[allow(dead_code)]
#[path = "../../fuzz/src/gen.rs"]
mod gen;
#[allow(dead_code)]
#[path = "../../fuzz/src/schema_check.rs"]
mod schema_check;

use std::path::{Path, PathBuf};

use check::{check_reencode, check_typed, Outcome};
use gen::{Encoded, Generator, Rng};
use tl_gen::model::Schema;
use tl_types::enums::messages::Messages;
use tl_types::enums::Updates;
use tl_types::{Deserializable, Serializable};

/// Mutated inputs per typed entry point (`Updates`, `messages.Messages`).
const TYPED_MUTATIONS: usize = 35_000;
/// Mutated inputs through the any-boxed dispatch.
const ANY_BOXED_MUTATIONS: usize = 30_000;
/// Valid values generated per typed entry point (each also non-canonically).
const TYPED_VALUES: usize = 400;
/// Mutated inputs through the receive-path checks (`decode_envelopes`).
const ENVELOPE_MUTATIONS: usize = 20_000;
/// Mutated schema snippets.
const SCHEMA_SNIPPETS: usize = 10_000;
/// One snippet in this many that loads also goes through `generate`.
const GENERATE_ONE_IN: usize = 500;
/// Skip `generate` for models that `schema_check::has_known_bug` flags. No
/// bug is open: the one it describes (see
/// `result_type_must_be_an_identifier`) is fixed, so nothing is skipped.
const SKIP_KNOWN_BUGS: bool = false;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed(salt: u64) -> u64 {
    env_number("SMOKE_FUZZ_SEED", 0x5eed_f022) ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn scaled(count: usize) -> usize {
    count * env_number("SMOKE_FUZZ_SCALE", 1) as usize
}

fn api() -> Schema {
    let text = std::fs::read_to_string(root().join("schema/api.tl")).expect("schema/api.tl");
    gen::model("schema/api.tl", &text)
}

fn mtproto() -> Schema {
    let text =
        std::fs::read_to_string(root().join("schema/mtproto.tl")).expect("schema/mtproto.tl");
    gen::model("schema/mtproto.tl", &text)
}

/// Tallies outcomes, to make sure a run is not vacuous.
#[derive(Default, Debug)]
struct Tally {
    unknown: usize,
    rejected: usize,
    canonical: usize,
    non_canonical: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Unknown => self.unknown += 1,
            Outcome::Rejected => self.rejected += 1,
            Outcome::Canonical => self.canonical += 1,
            Outcome::NonCanonical => self.non_canonical += 1,
        }
    }

    fn accepted(&self) -> usize {
        self.canonical + self.non_canonical
    }
}

/// Generates `count` values of `type_name`: asserts the exact round trip of
/// each canonical encoding and that each noisy twin re-encodes to it.
fn generate_pool(
    schema: &Schema,
    type_name: &str,
    count: usize,
    salt: u64,
    reencode: impl Fn(&[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>>,
) -> Vec<Encoded> {
    let mut g = Generator::new(schema, seed(salt));
    let ty = gen::qual(type_name);
    let mut pool = Vec::with_capacity(count);
    for i in 0..count {
        g.max_depth = 2 + i % 7;
        let enc = g
            .boxed(&ty)
            .unwrap_or_else(|| panic!("cannot generate {type_name}"));
        assert_eq!(
            check_reencode(&enc.canonical, &reencode),
            Outcome::Canonical,
            "a canonical {type_name} does not come back byte for byte: {}",
            check::hex(&enc.canonical)
        );
        assert_eq!(
            reencode(&enc.noisy),
            Some(Ok(enc.canonical.clone())),
            "a non-canonical {type_name} does not re-encode to its canonical twin\n\
             noisy:     {}\ncanonical: {}",
            check::hex(&enc.noisy),
            check::hex(&enc.canonical)
        );
        check_reencode(&enc.noisy, &reencode);
        pool.push(enc);
    }
    pool
}

/// Feeds `count` mutations of pool members through `check`.
fn mutate_pool(
    pool: &[Encoded],
    ids: &[u32],
    count: usize,
    salt: u64,
    mut check: impl FnMut(&[u8]) -> Outcome,
) -> Tally {
    let mut rng = Rng::new(seed(salt));
    let mut tally = Tally::default();
    for _ in 0..count {
        let base = rng.pick(pool);
        let bytes = if rng.one_in(2) {
            &base.canonical
        } else {
            &base.noisy
        };
        // Mostly mutations of one value; sometimes of an earlier mutant.
        let mut input = gen::mutate(&mut rng, bytes, ids);
        if rng.one_in(8) {
            input = gen::mutate(&mut rng, &input, ids);
        }
        tally.add(check(&input));
    }
    tally
}

fn typed_smoke<T>(type_name: &str, salt: u64)
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let schema = api();
    let pool = generate_pool(&schema, type_name, TYPED_VALUES, salt, check::reencode::<T>);
    let g = Generator::new(&schema, 0);
    let ids: Vec<u32> = g.constructor_ids().into_iter().collect();
    let tally = mutate_pool(&pool, &ids, scaled(TYPED_MUTATIONS), salt + 1, |input| {
        check_typed::<T>(input)
    });
    eprintln!("{type_name}: {tally:?}");
    assert_eq!(tally.unknown, 0);
    assert!(tally.rejected > 0, "{tally:?}");
    // Mutations that keep a value decodable (flag bits, padding, ints,
    // strings) must be common, or the round-trip check is vacuous.
    assert!(tally.accepted() > scaled(TYPED_MUTATIONS) / 20, "{tally:?}");
    assert!(tally.non_canonical > 0, "{tally:?}");
}

#[test]
fn updates_round_trip_and_mutations() {
    typed_smoke::<Updates>("Updates", 1);
}

#[test]
fn messages_round_trip_and_mutations() {
    typed_smoke::<Messages>("messages.Messages", 2);
}

#[test]
fn any_boxed_round_trip_and_mutations() {
    let reencode = tl_tests::reencode_boxed;
    let mut pool = Vec::new();
    let mut ids = Vec::new();
    for (schema, salt) in [(api(), 10u64), (mtproto(), 20)] {
        let mut g = Generator::new(&schema, seed(salt));
        g.max_depth = 4;
        ids.extend(g.constructor_ids());
        for ty in g.boxed_types() {
            let enc = g.boxed(&ty).expect("generate");
            assert_eq!(
                check_reencode(&enc.canonical, reencode),
                Outcome::Canonical,
                "a canonical {ty} does not come back byte for byte: {}",
                check::hex(&enc.canonical)
            );
            assert_eq!(
                reencode(&enc.noisy),
                Some(Ok(enc.canonical.clone())),
                "a non-canonical {ty} does not re-encode to its canonical twin\n\
                 noisy:     {}\ncanonical: {}",
                check::hex(&enc.noisy),
                check::hex(&enc.canonical)
            );
            pool.push(enc);
        }
    }
    assert!(
        pool.len() > 600,
        "only {} boxed types generated",
        pool.len()
    );
    let tally = mutate_pool(&pool, &ids, scaled(ANY_BOXED_MUTATIONS), 30, |input| {
        // The dynamic decoder on the same input, checked against the typed one.
        dynamic::check_dynamic(input);
        check_reencode(input, reencode)
    });
    eprintln!("any boxed: {tally:?}");
    assert!(tally.rejected > 0 && tally.unknown > 0, "{tally:?}");
    assert!(
        tally.accepted() > scaled(ANY_BOXED_MUTATIONS) / 20,
        "{tally:?}"
    );
    assert!(tally.non_canonical > 0, "{tally:?}");
}

/// Inputs found by cargo-fuzz (or by hand) that once broke a property.
#[test]
fn envelopes_never_panic_and_round_trip() {
    let seeds = envelopes::seeds();
    for seed in &seeds {
        envelopes::check_envelopes(seed);
    }
    let ids = [
        0xf35c_6d01,
        0x73f1_f8dc,
        0x3072_cfa1,
        0x2144_ca19,
        0xe317_af7e,
    ];
    let mut rng = Rng::new(seed(7));
    let (mut results, mut containers, mut gzips, mut values, mut errors) = (0, 0, 0, 0, 0);
    let count = scaled(ENVELOPE_MUTATIONS);
    for _ in 0..count {
        let base = rng.pick(&seeds).clone();
        let mut input = gen::mutate(&mut rng, &base, &ids);
        if rng.one_in(8) {
            input = gen::mutate(&mut rng, &input, &ids);
        }
        let accepted = envelopes::check_envelopes(&input);
        dynamic::check_dynamic(&input);
        results += usize::from(accepted.rpc_result);
        containers += usize::from(accepted.container);
        gzips += usize::from(accepted.gzip);
        values += usize::from(accepted.response_value);
        errors += usize::from(accepted.response_error);
    }
    eprintln!(
        "envelopes: {count} mutations; accepted rpc_result {results}, msg_container \
         {containers}, gzip_packed {gzips}; decode_response values {values}, errors {errors}"
    );
    assert!(results > 0 && containers > 0 && gzips > 0 && values > 0 && errors > 0);
}

#[test]
fn regressions() {
    let cases: &[&[u8]] = &[
        // updatesTooLong with trailing bytes: rejected, offset in range.
        &[0x7e, 0xaf, 0x17, 0xe3, 0],
        // updateShort with an empty update and a lying vector count.
        &[
            0xc1, 0xde, 0xd4, 0x78, 0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0x7f,
        ],
        // A 0xfe length prefix claiming 16 MiB at the end of the input.
        &[
            0xf8, 0xc7, 0x3b, 0x31, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff,
            0xff, 0xff,
        ],
    ];
    for case in cases {
        check_typed::<Updates>(case);
        check_typed::<Messages>(case);
        check_reencode(case, tl_tests::reencode_boxed);
        check_reencode(case, tl_tests::reencode_function);
    }
}

/// Real schema lines: `../shared/corpus/telegram/*.tl` next to the
/// repository when it is there, else `schema/*.tl`.
fn schema_lines() -> Vec<String> {
    let shared = root().join("../shared/corpus/telegram");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&shared)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "tl"))
                .collect()
        })
        .unwrap_or_default();
    if paths.is_empty() {
        paths = vec![
            root().join("schema/api.tl"),
            root().join("schema/mtproto.tl"),
        ];
    }
    paths.sort();
    let mut lines = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        lines.extend(text.lines().map(str::to_owned));
    }
    assert!(lines.len() > 100, "too few schema lines");
    lines
}

#[test]
fn schema_loader_never_panics_and_points_inside_the_input() {
    let lines = schema_lines();
    let mut rng = Rng::new(seed(40));
    let mut outcomes = [0usize; 4];
    for i in 0..scaled(SCHEMA_SNIPPETS) {
        let n = 1 + rng.below(8);
        let start = rng.below(lines.len() - n);
        let mut text = lines[start..start + n].join(if rng.one_in(6) { "\r\n" } else { "\n" });
        if rng.one_in(10) {
            text.insert_str(0, "---functions---\n");
        }
        // One in ten stays intact: real lines must load.
        if i % 10 != 0 {
            text = gen::mutate_schema(&mut rng, &text);
        }
        let generate = rng.one_in(GENERATE_ONE_IN);
        let outcome = schema_check::check_schema(&text, generate, SKIP_KNOWN_BUGS);
        outcomes[outcome as usize] += 1;
    }
    eprintln!("schema snippets (load error, model error, ok, known bug): {outcomes:?}");
    assert!(outcomes[..3].iter().all(|&n| n > 0), "{outcomes:?}");
}

#[test]
fn schema_loader_handles_degenerate_text() {
    for text in [
        "",
        "\n",
        ";",
        ";;;\n;",
        "\u{FFFD}",
        "é;",
        "foo#1 = Foo",
        "---",
        "//",
        "// LAYER 99999999999999999999",
        "foo#123456789 = Foo;",
        "foo#1 a:flags.0?int = Foo;",
        "foo#1 flags:# a:flags.40?int = Foo;",
        "foo#1 {X:Type} = Foo;",
        "---functions---\n{X:Type} f#1 q:!X = X;",
        "---functions---\n{X:Type} f#1 q:!Y = X;",
        "a#1 b:Vector<Vector<Vector<A>>> = A;",
        "a#1 b:Vector<A = A;",
        "a#1 b:%A = A;",
        "a.b.c#1 = a.B;",
        "ключ#1 = Ключ;",
        "a#1 = A;\n\u{0}\n",
        "a#1\r\n= A;\r\n",
        "e#1 = 1.E;",
    ] {
        schema_check::check_schema(text, true, SKIP_KNOWN_BUGS);
    }
}

/// Regression, found by the `load_schema` fuzz target (minimised to 6
/// bytes): a constructor's result type was not checked to be an identifier,
/// so `build_models` accepted a boxed type named `E o` (likewise `E#2`,
/// `E = F`, `a b.E`) and `generate` panicked in `names::ident`. Now
/// `build_models` reports a diagnostic pointing at the result type.
#[test]
fn result_type_must_be_an_identifier() {
    for text in ["e=E o;", "e#1 = E#2;", "e#1 = E = F;", "e#1 = a b.E;"] {
        assert_eq!(
            schema_check::check_schema(text, true, false),
            schema_check::SchemaOutcome::ModelError,
            "{text:?}"
        );
    }
}

/// The checker itself must catch broken codecs, or the tests above prove
/// nothing: fake re-encoders with typical bugs must make it panic.
#[test]
fn round_trip_check_catches_broken_codecs() {
    type Reencode = fn(&[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>>;
    let broken: [(&str, Reencode); 6] = [
        ("sets a bit", |b| {
            let mut c = b.to_vec();
            c[0] |= 0x80;
            Some(Ok(c))
        }),
        ("drops a word", |b| Some(Ok(b[4..].to_vec()))),
        ("adds a word", |b| {
            let mut c = b.to_vec();
            c.extend_from_slice(&[0; 4]);
            Some(Ok(c))
        }),
        ("not a fixed point", |b| {
            let mut c = b.to_vec();
            c[4] = c[4].wrapping_sub(1) & b[4];
            Some(Ok(c))
        }),
        ("rejects its own output", |b| {
            if b[4] == 0 {
                Some(Err(tl_types::DecodeError::InvalidLength { offset: 0 }))
            } else {
                let mut c = b.to_vec();
                c[4] = 0;
                Some(Ok(c))
            }
        }),
        ("error past the end", |b| {
            Some(Err(tl_types::DecodeError::InvalidLength {
                offset: b.len() + 1,
            }))
        }),
    ];
    let input = [0x7e, 0xaf, 0x17, 0xe3, 0x05, 0, 0, 0];
    for (what, reencode) in broken {
        let caught = std::panic::catch_unwind(|| check_reencode(&input, reencode));
        assert!(caught.is_err(), "the check missed a codec that {what}");
    }
    // And the real thing passes: a long prefix for a 1-byte string is
    // accepted and shortened by 4 bytes.
    let ok: Reencode = |b| {
        if b.len() == 12 {
            Some(Ok(vec![0x7e, 0xaf, 0x17, 0xe3, 1, b'x', 0, 0]))
        } else {
            Some(Ok(b.to_vec()))
        }
    };
    let long = [0x7e, 0xaf, 0x17, 0xe3, 0xfe, 1, 0, 0, b'x', 9, 9, 9];
    assert_eq!(check_reencode(&long, ok), Outcome::NonCanonical);
}
