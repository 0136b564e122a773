//! Bytes → `rpc_result`, `msg_container`, `gzip_packed` and
//! `RemoteCall::decode_response`: never panics, inflates within the limit,
//! accepted input re-encodes (see `tl_fuzz::envelopes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tl_fuzz::envelopes::check_envelopes(data);
});
