//! The shape of the static schema tables in [`crate::generated::dispatch`]
//! (written by `cargo xtask codegen` from `tl_gen`'s model), and lookups in
//! them.

use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::generated::dispatch::{BOXED_TYPES, CONSTRUCTORS, FUNCTIONS};

/// Which schema file a definition comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchemaKind {
    /// `schema/api.tl`: `tl_types::{types,enums}`, `tl_methods::functions`.
    Api,
    /// `schema/mtproto.tl`: `tl_types::mtproto::…`, `tl_methods::mtproto::…`.
    Mtproto,
}

/// The type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Int,
    Long,
    Double,
    String,
    Bytes,
    Int128,
    Int256,
    /// Boxed `Bool` (`boolTrue` / `boolFalse`).
    Bool,
    /// `flags.N?true`: no bytes.
    True,
    /// `Vector<T>` (`bare: false`, with the vector ID) or `vector<T>`.
    Vector {
        bare: bool,
        element: &'static Ty,
    },
    /// A boxed type: index into [`BOXED_TYPES`].
    Boxed(usize),
    /// A bare constructor (no ID on the wire): index into [`CONSTRUCTORS`].
    Bare(usize),
    /// `!X` of a generic method.
    Generic,
}

/// `flags.N`: bit `bit` of the flags word that is parameter `word`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    pub word: usize,
    pub bit: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// `flags:#`.
    FlagsWord,
    Value {
        ty: Ty,
        flag: Option<Flag>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
}

/// A constructor of a boxed type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Constructor {
    /// The TL name with its namespace, e.g. `messages.chatFull`.
    pub name: &'static str,
    pub id: u32,
    pub schema: SchemaKind,
    /// Index into [`BOXED_TYPES`].
    pub boxed_type: usize,
    pub params: &'static [Param],
}

impl Constructor {
    /// The TL name of its boxed type, e.g. `messages.ChatFull`.
    pub fn boxed_type_name(&self) -> &'static str {
        BOXED_TYPES[self.boxed_type].name
    }
}

/// A method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: &'static str,
    pub id: u32,
    pub schema: SchemaKind,
    /// The result type as written (`Vector<long>`, `X`, …).
    pub returns: &'static str,
    pub params: &'static [Param],
}

impl Function {
    /// Whether the method takes a generic query (`{X:Type} query:!X`).
    pub fn is_generic(&self) -> bool {
        self.params.iter().any(|p| {
            matches!(
                p.kind,
                ParamKind::Value {
                    ty: Ty::Generic,
                    ..
                }
            )
        })
    }
}

/// A boxed type and its constructors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoxedType {
    pub name: &'static str,
    pub schema: SchemaKind,
    /// Indexes into [`CONSTRUCTORS`].
    pub constructors: &'static [usize],
}

fn by_id(ids: impl Iterator<Item = u32>) -> HashMap<u32, usize> {
    let mut map = HashMap::new();
    for (index, id) in ids.enumerate() {
        // The first schema wins, like the dispatch.
        map.entry(id).or_insert(index);
    }
    map
}

/// The index in [`CONSTRUCTORS`] of the constructor with this ID.
pub fn constructor_index(id: u32) -> Option<usize> {
    static MAP: OnceLock<HashMap<u32, usize>> = OnceLock::new();
    MAP.get_or_init(|| by_id(CONSTRUCTORS.iter().map(|c| c.id)))
        .get(&id)
        .copied()
}

/// The index in [`FUNCTIONS`] of the method with this ID.
pub fn function_index(id: u32) -> Option<usize> {
    static MAP: OnceLock<HashMap<u32, usize>> = OnceLock::new();
    MAP.get_or_init(|| by_id(FUNCTIONS.iter().map(|f| f.id)))
        .get(&id)
        .copied()
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
