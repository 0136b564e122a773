//! The schemas as static tables (`tl_types::reflect`, generated with the
//! types by `cargo xtask codegen`) and the lookups the tests use.

pub use tl_types::reflect::{
    BoxedType, Constructor, Flag, Function, Param, ParamKind, SchemaKind, Ty, BOXED_TYPES,
    CONSTRUCTORS, FUNCTIONS,
};

/// The index in [`CONSTRUCTORS`] of the constructor with this ID.
pub fn constructor_index(id: u32) -> Option<usize> {
    let found = tl_types::reflect::constructor_by_id(id)?;
    CONSTRUCTORS.iter().position(|c| std::ptr::eq(c, found))
}

/// The index in [`FUNCTIONS`] of the method with this ID.
pub fn function_index(id: u32) -> Option<usize> {
    let found = tl_types::reflect::function_by_id(id)?;
    FUNCTIONS.iter().position(|f| std::ptr::eq(f, found))
}

/// The index in [`CONSTRUCTORS`] of a constructor by TL name and schema.
pub fn constructor_named(schema: SchemaKind, name: &str) -> Option<usize> {
    CONSTRUCTORS
        .iter()
        .position(|c| c.schema == schema && c.name == name)
}

/// The index in [`FUNCTIONS`] of a method by TL name and schema.
pub fn function_named(schema: SchemaKind, name: &str) -> Option<usize> {
    FUNCTIONS
        .iter()
        .position(|f| f.schema == schema && f.name == name)
}
