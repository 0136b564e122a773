//! The dynamic decoder (`tl_types::dynamic`) on hostile bytes: the
//! `decode_dynamic` target and `tests/tests/smoke_fuzz.rs` (which includes
//! this file with `#[path]`).
//!
//! For any input:
//! - `dynamic::decode` never panics, and a rejected input reports an offset
//!   within the input;
//! - an accepted value encodes again (`dynamic::encode`), its `Display` and
//!   `{:#}` never panic, and decode → encode satisfies the round-trip
//!   property of [`crate::check`] (same leniencies as the typed decoders);
//! - when the leading ID is a constructor of the layer, the typed decoder of
//!   its boxed type (`tl_tests::reencode_boxed`) accepts exactly the inputs
//!   the dynamic one accepts, and both re-encode them to the same bytes.

use tl_types::dynamic;
use tl_types::DecodeError;

use crate::check::{check_reencode, hex, Outcome};

/// Decodes `input` dynamically and encodes the value again.
pub fn reencode_dynamic(input: &[u8]) -> Option<Result<Vec<u8>, DecodeError>> {
    Some(dynamic::decode(input).map(|value| {
        // Display must not panic; its text is not checked here.
        let _ = format!("{value}{value:#}");
        dynamic::encode(&value).unwrap_or_else(|e| {
            panic!(
                "a decoded value does not encode: {e}\ninput: {}",
                hex(input)
            )
        })
    }))
}

/// All the properties of the module documentation for one input.
pub fn check_dynamic(input: &[u8]) -> Outcome {
    let outcome = check_reencode(input, reencode_dynamic);
    if let Some(typed) = tl_tests::reencode_boxed(input) {
        let dynamic = reencode_dynamic(input);
        match (typed, dynamic) {
            (Ok(a), Some(Ok(b))) => assert_eq!(
                a,
                b,
                "typed and dynamic re-encode differently\ninput: {}",
                hex(input)
            ),
            (Err(_), Some(Err(_))) => {}
            (typed, dynamic) => panic!(
                "typed and dynamic decoders disagree: typed {:?}, dynamic {:?}\ninput: {}",
                typed.map(|b| b.len()),
                dynamic.map(|r| r.map(|b| b.len())),
                hex(input)
            ),
        }
    }
    outcome
}
