//! Round trips over the whole schema: random canonical bytes of every
//! constructor (as its boxed type) and of every method decode and encode
//! back to exactly the same bytes.

use std::collections::BTreeSet;
use std::path::Path;

use tl_gen::model::{ParamKind as ModelParamKind, TypeRef};
use tl_tests::random::{constructor_bytes, function_bytes, heights};
use tl_tests::schema::{
    constructor_index, function_index, ParamKind, SchemaKind, Ty, BOXED_TYPES, CONSTRUCTORS,
    FUNCTIONS,
};
use tl_tests::{hex, reencode_boxed, reencode_function, GENERIC_STAND_IN};

/// Seeds per constructor / method.
const SEEDS: u64 = 4;

/// The models of `schema/api.tl` and `schema/mtproto.tl`, as `cargo xtask
/// codegen` builds them.
fn models() -> Vec<(SchemaKind, tl_gen::model::Schema)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let config = tl_gen::Config::new()
        .schema("schema/api.tl", read("api.tl"), &[])
        .schema("schema/mtproto.tl", read("mtproto.tl"), &["mtproto"]);
    let models = tl_gen::build_models(&config).unwrap_or_else(|e| panic!("{e}"));
    [SchemaKind::Api, SchemaKind::Mtproto]
        .into_iter()
        .zip(models)
        .collect()
}

/// Renders a table type the way the model prints its `TypeRef`.
fn table_type(ty: &Ty) -> String {
    match ty {
        Ty::Int => "int".into(),
        Ty::Long => "long".into(),
        Ty::Double => "double".into(),
        Ty::String => "string".into(),
        Ty::Bytes => "bytes".into(),
        Ty::Int128 => "int128".into(),
        Ty::Int256 => "int256".into(),
        Ty::Bool => "Bool".into(),
        Ty::True => "true".into(),
        Ty::Generic => "!X".into(),
        Ty::Vector { bare, element } => {
            let name = if *bare { "vector" } else { "Vector" };
            format!("{name}<{}>", table_type(element))
        }
        Ty::Boxed(b) => BOXED_TYPES[*b].name.into(),
        Ty::Bare(c) => CONSTRUCTORS[*c].name.into(),
        other => panic!("{other:?} is never in the generated tables"),
    }
}

fn model_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Generic(_) => "!X".into(),
        TypeRef::Vector { bare, element } => {
            let name = if *bare { "vector" } else { "Vector" };
            format!("{name}<{}>", model_type(element))
        }
        other => other.to_string(),
    }
}

fn same_params(table: &[tl_tests::schema::Param], model: &[tl_gen::model::Param], what: &str) {
    assert_eq!(table.len(), model.len(), "{what}: parameter count");
    for (t, m) in table.iter().zip(model) {
        assert_eq!(t.name, m.name, "{what}");
        match (&t.kind, &m.kind) {
            (ParamKind::FlagsWord, ModelParamKind::FlagsWord) => {}
            (
                ParamKind::Value { ty, flag },
                ModelParamKind::Value {
                    ty: mty,
                    flag: mflag,
                },
            ) => {
                assert_eq!(table_type(ty), model_type(mty), "{what}.{}", t.name);
                assert_eq!(
                    flag.map(|f| (f.word, f.bit)),
                    mflag.map(|f| (f.word, f.bit)),
                    "{what}.{}",
                    t.name
                );
            }
            _ => panic!("{what}.{}: kinds differ", t.name),
        }
    }
}

/// The generated tables are the model: same definitions, IDs, types.
#[test]
fn tables_match_the_model() {
    let models = models();
    let model_constructors: usize = models.iter().map(|(_, m)| m.constructors.len()).sum();
    let model_functions: usize = models.iter().map(|(_, m)| m.functions.len()).sum();
    let model_boxed: usize = models.iter().map(|(_, m)| m.boxed_types.len()).sum();
    assert_eq!(CONSTRUCTORS.len(), model_constructors);
    assert_eq!(FUNCTIONS.len(), model_functions);
    assert_eq!(BOXED_TYPES.len(), model_boxed);

    let mut constructors = CONSTRUCTORS.iter();
    let mut functions = FUNCTIONS.iter();
    for (kind, model) in &models {
        for ctor in &model.constructors {
            let table = constructors.next().unwrap();
            assert_eq!(
                (table.name, table.id, table.schema),
                (ctor.name.to_string().as_str(), ctor.id, *kind)
            );
            assert_eq!(table.boxed_type_name(), model_type(&ctor.result));
            same_params(table.params, &ctor.params, table.name);
        }
        for function in &model.functions {
            let table = functions.next().unwrap();
            assert_eq!(
                (table.name, table.id, table.schema),
                (function.name.to_string().as_str(), function.id, *kind)
            );
            same_params(table.params, &function.params, table.name);
        }
    }
    for (index, boxed) in BOXED_TYPES.iter().enumerate() {
        for &c in boxed.constructors {
            assert_eq!(CONSTRUCTORS[c].boxed_type, index, "{}", boxed.name);
        }
    }
}

/// IDs are unique across both schemas, so dispatch by ID is unambiguous.
#[test]
fn ids_are_unique_across_schemas() {
    let mut ids = BTreeSet::new();
    for ctor in CONSTRUCTORS {
        assert!(ids.insert(ctor.id), "{} {:#010x}", ctor.name, ctor.id);
        assert_eq!(
            constructor_index(ctor.id).map(|i| CONSTRUCTORS[i].name),
            Some(ctor.name)
        );
    }
    let mut ids = BTreeSet::new();
    for function in FUNCTIONS {
        assert!(
            ids.insert(function.id),
            "{} {:#010x}",
            function.name,
            function.id
        );
        assert_eq!(
            function_index(function.id).map(|i| FUNCTIONS[i].name),
            Some(function.name)
        );
    }
}

/// Every boxed type has a finite value, and minimal values stay far below
/// the decoder's nesting limit.
#[test]
fn every_type_has_a_finite_value() {
    let heights = heights();
    let infinite: Vec<&str> = BOXED_TYPES
        .iter()
        .zip(&heights.boxed_types)
        .filter(|(_, &h)| h == u32::MAX)
        .map(|(b, _)| b.name)
        .collect();
    assert!(
        infinite.is_empty(),
        "types without a finite value: {infinite:?}"
    );
    let highest = heights.boxed_types.iter().max().copied().unwrap_or(0) as usize;
    let soft_depth = tl_tests::random::Options::default().soft_depth;
    assert!(
        soft_depth + highest + 2 < tl_types::DEFAULT_MAX_DEPTH,
        "minimal values can nest {highest} levels"
    );
}

#[test]
fn short_and_invalid_inputs_have_no_dispatch() {
    assert_eq!(reencode_boxed(&[]), None);
    assert_eq!(reencode_boxed(&[0x15, 0xc4, 0xb5]), None);
    // The vector ID and Bool are built-ins, not constructors of a type.
    assert_eq!(reencode_boxed(&tl_types::VECTOR_ID.to_le_bytes()), None);
    assert_eq!(reencode_boxed(&tl_types::BOOL_TRUE_ID.to_le_bytes()), None);
    assert_eq!(reencode_function(&[1, 2]), None);
    assert_eq!(reencode_function(&0xdead_beef_u32.to_le_bytes()), None);
    // A known ID with a truncated body is an error, not `None`.
    let user = 0xdde8_a54c_u32.to_le_bytes();
    assert!(matches!(
        reencode_boxed(&user),
        Some(Err(tl_types::DecodeError::UnexpectedEnd { offset: 4, .. }))
    ));
}

/// Every constructor of layer 230 and mtproto.tl, several seeds each:
/// generated bytes → `reencode_boxed` → the same bytes.
#[test]
fn every_constructor_round_trips() {
    let models = models();
    let model_count: usize = models.iter().map(|(_, m)| m.constructors.len()).sum();
    let mut checked = BTreeSet::new();
    let mut failures = Vec::new();
    let mut total_bytes = 0usize;
    for (index, ctor) in CONSTRUCTORS.iter().enumerate() {
        for seed in 0..SEEDS {
            let bytes = constructor_bytes(index, seed).unwrap();
            total_bytes += bytes.len();
            match reencode_boxed(&bytes) {
                Some(Ok(out)) if out == bytes => {}
                other => failures.push(format!(
                    "{} (seed {seed}): {:?}\n  in:  {}\n  out: {}",
                    ctor.name,
                    other.as_ref().map(|r| r.as_ref().err()),
                    hex(&bytes),
                    other
                        .as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map_or_else(String::new, |out| hex(out)),
                )),
            }
        }
        checked.insert(ctor.id);
    }
    assert!(
        failures.is_empty(),
        "{} round trips failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert_eq!(checked.len(), model_count);
    assert_eq!(checked.len(), CONSTRUCTORS.len());
    let per_schema = |kind| CONSTRUCTORS.iter().filter(|c| c.schema == kind).count();
    println!(
        "round trip: {} constructors ({} api.tl, {} mtproto.tl) x {SEEDS} seeds, {total_bytes} bytes",
        checked.len(),
        per_schema(SchemaKind::Api),
        per_schema(SchemaKind::Mtproto),
    );
}

/// Every method: generated bytes (ID + params) → `from_bytes` of the method
/// struct → `to_bytes` gives the same bytes. Generic methods wrap
/// `help.getConfig`.
#[test]
fn every_method_round_trips() {
    assert_eq!(GENERIC_STAND_IN, Some("help.getConfig"));
    let mut failures = Vec::new();
    let mut generic = Vec::new();
    for (index, function) in FUNCTIONS.iter().enumerate() {
        if function.is_generic() {
            generic.push(function.name);
        }
        for seed in 0..SEEDS {
            let bytes = function_bytes(index, seed).unwrap();
            match reencode_function(&bytes) {
                Some(Ok(out)) if out == bytes => {}
                other => failures.push(format!(
                    "{} (seed {seed}): {:?}\n  in: {}",
                    function.name,
                    other.map(|r| r.err()),
                    hex(&bytes)
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} round trips failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    // No method is excluded: the generic ones run with a concrete query.
    assert_eq!(
        generic,
        [
            "invokeAfterMsg",
            "invokeAfterMsgs",
            "initConnection",
            "invokeWithLayer",
            "invokeWithoutUpdates",
            "invokeWithMessagesRange",
            "invokeWithTakeout",
            "invokeWithBusinessConnection",
            "invokeWithGooglePlayIntegrity",
            "invokeWithApnsSecret",
            "invokeWithReCaptcha",
        ]
    );
    let per_schema = |kind| FUNCTIONS.iter().filter(|f| f.schema == kind).count();
    println!(
        "round trip: {} methods ({} api.tl, {} mtproto.tl, {} generic with help.getConfig) x {SEEDS} seeds",
        FUNCTIONS.len(),
        per_schema(SchemaKind::Api),
        per_schema(SchemaKind::Mtproto),
        generic.len()
    );
}
