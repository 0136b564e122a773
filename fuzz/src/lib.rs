//! Helpers for the fuzz targets in `fuzz_targets/` and the seed writer in
//! `examples/`. The modules are plain files that depend on `tl_types` /
//! `tl_gen` only, so that `tests/tests/smoke_fuzz.rs` can include the very
//! same properties and generators with `#[path]` and run them in CI without
//! cargo-fuzz.

pub mod check;
pub mod dynamic;
pub mod envelopes;
pub mod gen;
pub mod schema_check;

pub use check::check_typed;
