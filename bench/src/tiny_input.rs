//! Input embedded in the `tiny_*` binaries.
pub const UPDATES: &[u8] = &[];
