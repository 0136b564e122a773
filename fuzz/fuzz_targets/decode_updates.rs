//! Bytes → `tl_types::enums::Updates`: never panics; accepted input
//! round-trips (exactly when canonical, see `tl_fuzz::check`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_types::enums::Updates;

fuzz_target!(|data: &[u8]| {
    tl_fuzz::check_typed::<Updates>(data);
});
