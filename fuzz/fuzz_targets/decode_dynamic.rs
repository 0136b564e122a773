//! Bytes → `tl_types::dynamic::decode`: never panics; accepted input
//! encodes again and round-trips; agrees with the typed decoder of the
//! leading ID's boxed type (see `tl_fuzz::dynamic`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tl_fuzz::dynamic::check_dynamic(data);
});
