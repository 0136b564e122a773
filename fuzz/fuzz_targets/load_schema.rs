//! Arbitrary bytes → (lossy) UTF-8 schema text → `tl_gen::load::load`,
//! `tl_gen::build_models` and, for small valid inputs, `tl_gen::generate`
//! in memory. Must never panic, and every diagnostic must point inside the
//! input.
//!
//! Known bugs (`tl_fuzz::schema_check::has_known_bug`) are skipped so the
//! run can go past them; set `TL_FUZZ_KNOWN_BUGS=1` to hit them.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// Above this many bytes only load + model run; code generation (syn,
/// prettyplease) is too slow to be worth it on big inputs.
const GENERATE_LIMIT: usize = 2048;

fn skip_known_bugs() -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    *SKIP.get_or_init(|| std::env::var_os("TL_FUZZ_KNOWN_BUGS").is_none_or(|v| v != "1"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    tl_fuzz::schema_check::check_schema(&text, data.len() <= GENERATE_LIMIT, skip_known_bugs());
});
