//! The shape of the static schema tables in [`crate::generated::dispatch`]
//! (written by `cargo xtask codegen` from `tl_gen`'s model), the [`rows`]
//! they are written in, and lookups in them.

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

impl Ty {
    /// `Vector<element>` (with the vector ID).
    pub const fn vector(element: &'static Ty) -> Ty {
        Ty::Vector {
            bare: false,
            element,
        }
    }

    /// `vector<element>` (bare: no vector ID).
    pub const fn bare_vector(element: &'static Ty) -> Ty {
        Ty::Vector {
            bare: true,
            element,
        }
    }
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

impl BoxedType {
    /// Boxed type `name` of `schema`, with its constructors (indexes into
    /// [`CONSTRUCTORS`]).
    pub const fn new(
        name: &'static str,
        schema: SchemaKind,
        constructors: &'static [usize],
    ) -> Self {
        BoxedType {
            name,
            schema,
            constructors,
        }
    }
}

pub mod rows {
    //! The form [`CONSTRUCTORS`] and [`FUNCTIONS`] are written in: one row
    //! per definition, each followed by a row per parameter, so that the
    //! generated tables stay one short line per definition and per
    //! parameter. The tables are put together from their rows at compile
    //! time, by [`params`] and [`constructors`] / [`functions`].
    //!
    //! [`CONSTRUCTORS`]: super::CONSTRUCTORS
    //! [`FUNCTIONS`]: super::FUNCTIONS

    use super::{Constructor, Flag, Function, Param, ParamKind, SchemaKind, Ty};

    /// A row of a table: a definition (`D`, with no parameters of its own),
    /// or a parameter of the nearest definition above it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Row<D> {
        Def(D),
        Param(Param),
    }

    /// A constructor of boxed type `boxed_type` (an index into
    /// [`super::BOXED_TYPES`]).
    pub const fn constructor(
        name: &'static str,
        id: u32,
        schema: SchemaKind,
        boxed_type: usize,
    ) -> Row<Constructor> {
        Row::Def(Constructor {
            name,
            id,
            schema,
            boxed_type,
            params: &[],
        })
    }

    /// A method returning `returns` (as written).
    pub const fn function(
        name: &'static str,
        id: u32,
        schema: SchemaKind,
        returns: &'static str,
    ) -> Row<Function> {
        Row::Def(Function {
            name,
            id,
            schema,
            returns,
            params: &[],
        })
    }

    /// `name:ty`.
    pub const fn param<D>(name: &'static str, ty: Ty) -> Row<D> {
        Row::Param(Param {
            name,
            kind: ParamKind::Value { ty, flag: None },
        })
    }

    /// `name:flags.bit?ty`, with `word` the index of the flags parameter.
    pub const fn optional<D>(name: &'static str, ty: Ty, word: usize, bit: u32) -> Row<D> {
        Row::Param(Param {
            name,
            kind: ParamKind::Value {
                ty,
                flag: Some(Flag { word, bit }),
            },
        })
    }

    /// `name:#`.
    pub const fn flags<D>(name: &'static str) -> Row<D> {
        Row::Param(Param {
            name,
            kind: ParamKind::FlagsWord,
        })
    }

    /// The `N` parameters of all the definitions of `rows`, in order.
    pub const fn params<D, const N: usize>(rows: &[Row<D>]) -> [Param; N] {
        let mut out = [Param {
            name: "",
            kind: ParamKind::FlagsWord,
        }; N];
        let (mut row, mut count) = (0, 0);
        while row < rows.len() {
            if let Row::Param(param) = &rows[row] {
                assert!(count < N, "more parameter rows than the table holds");
                out[count] = *param;
                count += 1;
            }
            row += 1;
        }
        assert!(count == N, "fewer parameter rows than the table holds");
        out
    }

    /// The `N` constructors of `rows`, each with its parameters out of
    /// `params` (which [`params`] made of `rows`).
    pub const fn constructors<const N: usize>(
        rows: &[Row<Constructor>],
        params: &'static [Param],
    ) -> [Constructor; N] {
        let defs = split::<_, N>(rows, params);
        let mut out = [Constructor {
            name: "",
            id: 0,
            schema: SchemaKind::Api,
            boxed_type: 0,
            params: &[],
        }; N];
        let mut index = 0;
        while index < N {
            let (row, params) = defs[index];
            if let Row::Def(def) = &rows[row] {
                out[index] = Constructor { params, ..*def };
            }
            index += 1;
        }
        out
    }

    /// The `N` methods of `rows`, each with its parameters out of `params`
    /// (which [`params`] made of `rows`).
    pub const fn functions<const N: usize>(
        rows: &[Row<Function>],
        params: &'static [Param],
    ) -> [Function; N] {
        let defs = split::<_, N>(rows, params);
        let mut out = [Function {
            name: "",
            id: 0,
            schema: SchemaKind::Api,
            returns: "",
            params: &[],
        }; N];
        let mut index = 0;
        while index < N {
            let (row, params) = defs[index];
            if let Row::Def(def) = &rows[row] {
                out[index] = Function { params, ..*def };
            }
            index += 1;
        }
        out
    }

    /// For each of the `N` definitions of `rows`: its row, and its
    /// parameters as a part of `params`.
    const fn split<D, const N: usize>(
        rows: &[Row<D>],
        mut params: &'static [Param],
    ) -> [(usize, &'static [Param]); N] {
        let mut out: [(usize, &'static [Param]); N] = [(0, &[]); N];
        let (mut row, mut count) = (0, 0);
        while row < rows.len() {
            assert!(
                matches!(rows[row], Row::Def(_)),
                "a parameter row before any definition"
            );
            assert!(count < N, "more definition rows than the table holds");
            let def = row;
            row += 1;
            while row < rows.len() && matches!(rows[row], Row::Param(_)) {
                row += 1;
            }
            let (own, rest) = params.split_at(row - def - 1);
            out[count] = (def, own);
            params = rest;
            count += 1;
        }
        assert!(count == N, "fewer definition rows than the table holds");
        assert!(params.is_empty(), "parameters left over");
        out
    }
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
