//! Helpers for the fuzz targets in `fuzz_targets/`. The two modules are
//! plain files so that `tests/tests/smoke_fuzz.rs` can include the very same
//! properties with `#[path]` and run them in CI without cargo-fuzz.

pub mod check;
pub mod gen;
pub mod schema_check;

use tl_types::{DecodeError, Deserializable, Serializable};

/// The round-trip check for one generated type `T`: the byte-level
/// properties of [`check::check_reencode`], plus `decode(c)` being the same
/// value as `decode(x)`.
pub fn check_typed<T>(input: &[u8]) -> check::Outcome
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let outcome = check::check_reencode(input, reencode::<T>);
    if matches!(
        outcome,
        check::Outcome::Canonical | check::Outcome::NonCanonical
    ) {
        if let Ok(first) = T::from_bytes(input) {
            if let Ok(second) = T::from_bytes(&first.to_bytes()) {
                check::check_same_value(input, &first, &second);
            }
        }
    }
    outcome
}

/// Decodes a whole buffer as `T` and encodes the value again.
pub fn reencode<T: Deserializable + Serializable>(
    bytes: &[u8],
) -> Option<Result<Vec<u8>, DecodeError>> {
    Some(T::from_bytes(bytes).map(|value| value.to_bytes()))
}
