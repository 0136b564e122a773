//! Test support for the TL codec of `tl-types` / `tl-methods`.
//!
//! - [`schema`]: the schemas as static tables (generated from `tl_gen`'s
//!   model by `cargo xtask codegen`), with lookups;
//! - [`reencode_boxed`] / [`reencode_function`]: decode bytes as the type
//!   (or method) their first constructor ID belongs to and encode the value
//!   again — what round-trip tests and fuzz targets need;
//! - [`random`]: seeded random canonical bytes of any constructor or method.
//!
//! The tests themselves are in `tests/tests/`.

#[rustfmt::skip]
pub mod generated {
    //! Code written by `cargo xtask codegen`; do not edit by hand.
    pub mod dispatch;
}
/// Code generated from the small schemas in `tests/fixtures/` (one module
/// per fixture), compiled here and exercised by `tests/tests/fixtures.rs`.
#[rustfmt::skip]
#[allow(clippy::large_enum_variant)]
pub mod fixtures;
pub mod random;
pub mod schema;

/// The README's example, compiled and run as a doctest: it uses the crates
/// exactly as a downstream crate would.
#[doc = include_str!("../../README.md")]
pub mod readme {}

pub use generated::dispatch::{reencode_boxed, reencode_function, GENERIC_STAND_IN};

/// `bytes` as lowercase hex in groups of four bytes (one TL word), for
/// assertion messages.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 9 / 4 + 1);
    for (i, chunk) in bytes.chunks(4).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for byte in chunk {
            out.push_str(&format!("{byte:02x}"));
        }
    }
    out
}
