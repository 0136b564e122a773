//! Bytes → whichever method (of `tl-methods`) the leading constructor ID
//! belongs to, through `tl_tests::reencode_function` (generic methods wrap
//! `tl_tests::GENERIC_STAND_IN`): never panics; accepted input round-trips
//! (exactly when canonical, see `tl_fuzz::check`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tl_fuzz::check::check_reencode(data, tl_tests::reencode_function);
});
