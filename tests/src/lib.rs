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

pub use generated::dispatch::{visit_boxed, visit_function, GENERIC_STAND_IN};

/// What the tests need of every generated type and method: the TL codec,
/// TL-named serde, comparison and `Debug`.
pub trait Codec:
    tl_types::Deserializable
    + tl_types::Serializable
    + serde::Serialize
    + serde::de::DeserializeOwned
    + PartialEq
    + std::fmt::Debug
{
}

impl<T> Codec for T where
    T: tl_types::Deserializable
        + tl_types::Serializable
        + serde::Serialize
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug
{
}

/// Something done with the type that some bytes' leading ID picks
/// ([`visit_boxed`], [`visit_function`]).
pub trait Visit {
    type Output;
    fn visit<T: Codec>(self, bytes: &[u8]) -> Self::Output;
}

/// Decodes all of `bytes` as `T` (trailing bytes are an error) and encodes
/// the value again.
struct Reencode;

impl Visit for Reencode {
    type Output = Result<Vec<u8>, tl_types::DecodeError>;

    fn visit<T: Codec>(self, bytes: &[u8]) -> Self::Output {
        T::from_bytes(bytes).map(|value| tl_types::Serializable::to_bytes(&value))
    }
}

/// Decodes all of `bytes` (ID included) as the boxed type (`tl_types::enums::…`
/// or `tl_types::mtproto::enums::…`) its leading constructor ID belongs to,
/// with `from_bytes` (so trailing bytes are an error), and encodes the value
/// again. `None` if the ID is not a constructor of any schema.
pub fn reencode_boxed(bytes: &[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>> {
    visit_boxed(bytes, Reencode)
}

/// The same for a method call (`tl_methods::functions::…`; a generic method
/// with [`GENERIC_STAND_IN`] as its query type).
pub fn reencode_function(bytes: &[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>> {
    visit_function(bytes, Reencode)
}

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
