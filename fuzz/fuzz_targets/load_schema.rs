//! Arbitrary bytes → (lossy) UTF-8 schema text → `tl_gen::load::load`,
//! `tl_gen::build_models` and, for small valid inputs, `tl_gen::generate`
//! in memory. Must never panic, and every diagnostic must point inside the
//! input.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Above this many bytes only load + model run; code generation (syn,
/// prettyplease) is too slow to be worth it on big inputs.
const GENERATE_LIMIT: usize = 2048;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    tl_fuzz::schema_check::check_schema(&text, data.len() <= GENERATE_LIMIT);
});
