//! The layer's schemas as static data: every constructor, method and boxed
//! type of `api.tl` and `mtproto.tl`, with their TL names, IDs and
//! parameters (TL types and flag bits).
//!
//! The tables are generated with the types (`cargo xtask codegen`) and drive
//! what need not be fast: [`name_for_id`](crate::name_for_id), the dynamic
//! decoder ([`crate::dynamic`]) and, with the `serde` feature, TL-named JSON.
//! Encoders and decoders of the typed values are generated code and do not
//! read them.
//!
//! ```
//! use tl_types::reflect::{self, ParamKind, Ty};
//!
//! let ctor = reflect::constructor_by_name("updateShort").unwrap();
//! assert_eq!(ctor.id, 0x78d4dec1);
//! assert_eq!(ctor.boxed_type().name, "Updates");
//! let names: Vec<&str> = ctor.params.iter().map(|p| p.name).collect();
//! assert_eq!(names, ["update", "date"]);
//! assert!(matches!(ctor.params[1].kind, ParamKind::Value { ty: Ty::Int, flag: None }));
//! ```
//!
//! Indexes: a [`Ty::Boxed`] indexes [`BOXED_TYPES`]; a [`Ty::Bare`] and
//! the entries of [`BoxedType::constructors`] index [`CONSTRUCTORS`]. All
//! tables keep schema order, `api.tl` first.

pub use crate::generated::reflect::{BOXED_TYPES, CONSTRUCTORS, FUNCTIONS, TABLES};

/// Which schema file a definition comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SchemaKind {
    /// `schema/api.tl`: `tl_types::{types,enums}`, `tl_methods::functions`.
    Api,
    /// `schema/mtproto.tl`: `tl_types::mtproto::…`, `tl_methods::mtproto::…`.
    Mtproto,
    /// A schema generated under another module (with `tl-gen`, outside this
    /// crate's layer).
    Other,
}

/// The TL type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ty {
    /// `int`: 4 bytes, little-endian.
    Int,
    /// `long`: 8 bytes, little-endian.
    Long,
    /// `double`: 8 bytes, IEEE 754, little-endian.
    Double,
    /// `string`: `bytes` that hold UTF-8.
    String,
    /// `bytes`: a length prefix, the bytes, padding to 4.
    Bytes,
    /// `int128`: 16 bytes.
    Int128,
    /// `int256`: 32 bytes.
    Int256,
    /// Boxed `Bool` (`boolTrue` / `boolFalse`).
    Bool,
    /// `flags.N?true`: no bytes; the flag bit is the value.
    True,
    /// `Vector<T>` (`bare: false`, with the vector ID) or `vector<T>`.
    Vector { bare: bool, element: &'static Ty },
    /// A boxed type: index into [`BOXED_TYPES`].
    Boxed(usize),
    /// A bare constructor (no ID on the wire): index into [`CONSTRUCTORS`].
    Bare(usize),
    /// `!X` of a generic method: any boxed value, usually a method call.
    Generic,
    /// `Object` of the MTProto envelopes (`rpc_result`, `message`): any boxed
    /// value.
    Object,
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

    /// The fewest bytes a value of this type takes on the wire (what a
    /// vector count is checked against before anything is allocated).
    pub const fn min_size(&self) -> usize {
        match self {
            Ty::True => 0,
            Ty::Long | Ty::Double => 8,
            Ty::Int128 => 16,
            Ty::Int256 => 32,
            Ty::Bare(_) => 0,
            _ => 4,
        }
    }
}

/// `flags.N`: bit `bit` of the flags word that is parameter `word`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    /// Index of the flags parameter (`flags:#`) in the definition's
    /// parameters.
    pub word: usize,
    /// The bit, 0 to 31.
    pub bit: u32,
}

/// What a parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A flags word (`flags:#`): not a value of its own, computed from the
    /// parameters that name it.
    FlagsWord,
    /// A value of type `ty`, present when `flag` is `None` or its bit is set.
    Value { ty: Ty, flag: Option<Flag> },
}

/// One parameter of a constructor or method, in schema order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The TL name, e.g. `"random_id"`.
    pub name: &'static str,
    pub kind: ParamKind,
}

impl Param {
    /// `name:ty`, a parameter without a flag.
    pub const fn value(name: &'static str, ty: Ty) -> Param {
        Param {
            name,
            kind: ParamKind::Value { ty, flag: None },
        }
    }
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
    /// Its boxed type in this crate's tables ([`BOXED_TYPES`]), e.g.
    /// `messages.ChatFull`.
    pub fn boxed_type(&self) -> &'static BoxedType {
        &BOXED_TYPES[self.boxed_type]
    }

    /// The TL name of its boxed type in this crate's tables, e.g.
    /// `messages.ChatFull`.
    pub fn boxed_type_name(&self) -> &'static str {
        self.boxed_type().name
    }
}

/// A method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    /// The TL name with its namespace, e.g. `messages.sendMessage`.
    pub name: &'static str,
    pub id: u32,
    pub schema: SchemaKind,
    /// The result type as written (`Updates`, `Vector<long>`, `X`, …).
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
    /// The TL name, e.g. `messages.ChatFull`.
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

    /// Its constructor with this ID, in this crate's tables.
    pub fn constructor_by_id(&self, id: u32) -> Option<&'static Constructor> {
        let mut all = self
            .constructors
            .iter()
            .filter_map(|&c| CONSTRUCTORS.get(c));
        all.find(|c| c.id == id)
    }

    /// Its constructor with this TL name, in this crate's tables.
    pub fn constructor_by_name(&self, name: &str) -> Option<&'static Constructor> {
        let mut all = self
            .constructors
            .iter()
            .filter_map(|&c| CONSTRUCTORS.get(c));
        all.find(|c| c.name == name)
    }
}

/// An MTProto envelope that `mtproto.tl` marks "parsed manually"
/// (`rpc_result`, `msg_container`, `message`, `gzip_packed`): not in the
/// generated tables, written by hand in [`crate::envelope`] and in
/// [`ENVELOPES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub name: &'static str,
    /// The constructor ID (`message` is always bare: its ID is never
    /// written).
    pub id: u32,
    /// The parameters that are values. `message`'s `bytes` (the length of
    /// `body`) is derived, like a flags word, and not listed; the elements
    /// of `msg_container`'s `messages` are `message` envelopes.
    pub params: &'static [Param],
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`.
pub static RPC_RESULT: Envelope = Envelope {
    name: "rpc_result",
    id: crate::envelope::RPC_RESULT_ID,
    params: &[
        Param::value("req_msg_id", Ty::Long),
        Param::value("result", Ty::Object),
    ],
};

/// `msg_container#73f1f8dc messages:vector<message>`.
pub static MSG_CONTAINER: Envelope = Envelope {
    name: "msg_container",
    id: crate::envelope::MSG_CONTAINER_ID,
    params: &[Param::value("messages", Ty::bare_vector(&Ty::Object))],
};

/// `message#5bb8e511 msg_id:long seqno:int bytes:int body:Object` (bare).
pub static MESSAGE: Envelope = Envelope {
    name: "message",
    id: 0x5bb8_e511,
    params: &[
        Param::value("msg_id", Ty::Long),
        Param::value("seqno", Ty::Int),
        Param::value("body", Ty::Object),
    ],
};

/// `gzip_packed#3072cfa1 packed_data:bytes`.
pub static GZIP_PACKED: Envelope = Envelope {
    name: "gzip_packed",
    id: crate::envelope::GZIP_PACKED_ID,
    params: &[Param::value("packed_data", Ty::Bytes)],
};

/// The envelopes by name: [`RPC_RESULT`], [`MSG_CONTAINER`], [`MESSAGE`],
/// [`GZIP_PACKED`].
pub static ENVELOPES: [&Envelope; 4] = [&RPC_RESULT, &MSG_CONTAINER, &MESSAGE, &GZIP_PACKED];

/// A constructor, a method or an envelope: what a value on the wire can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Definition {
    Constructor(&'static Constructor),
    Function(&'static Function),
    Envelope(&'static Envelope),
}

impl Definition {
    /// The TL name, e.g. `updateShort` or `messages.sendMessage`.
    pub fn name(&self) -> &'static str {
        match self {
            Definition::Constructor(c) => c.name,
            Definition::Function(f) => f.name,
            Definition::Envelope(e) => e.name,
        }
    }

    /// The constructor ID.
    pub fn id(&self) -> u32 {
        match self {
            Definition::Constructor(c) => c.id,
            Definition::Function(f) => f.id,
            Definition::Envelope(e) => e.id,
        }
    }

    /// The parameters, in schema order.
    pub fn params(&self) -> &'static [Param] {
        match self {
            Definition::Constructor(c) => c.params,
            Definition::Function(f) => f.params,
            Definition::Envelope(e) => e.params,
        }
    }
}

/// One layer's tables and their lookup indexes, as generated.
///
/// [`TABLES`] holds this crate's layer; the free functions of this module
/// ([`constructor_by_id`], …) look up in it.
#[derive(Clone, Copy, Debug)]
pub struct Tables {
    pub constructors: &'static [Constructor],
    pub functions: &'static [Function],
    pub boxed_types: &'static [BoxedType],
    /// Positions in `constructors`, sorted by ID.
    pub constructors_by_id: &'static [u32],
    /// Positions in `functions`, sorted by ID.
    pub functions_by_id: &'static [u32],
    /// Positions in `constructors`, sorted by name.
    pub constructors_by_name: &'static [u32],
    /// Positions in `functions`, sorted by name.
    pub functions_by_name: &'static [u32],
    /// The built-in constructors (`boolTrue`, `vector`, …) as `(ID, name)`,
    /// sorted by ID.
    pub builtins: &'static [(u32, &'static str)],
}

/// Binary search of `index` (positions in `table`, sorted by `key`).
fn search<T, K: Ord + ?Sized + 'static>(
    table: &'static [T],
    index: &[u32],
    key: &K,
    key_of: impl Fn(&'static T) -> &'static K,
) -> Option<&'static T> {
    // The first of equal keys: the first schema wins, as in the index.
    let at =
        index.partition_point(|&i| table.get(i as usize).is_some_and(|item| key_of(item) < key));
    let item = table.get(*index.get(at)? as usize)?;
    (key_of(item) == key).then_some(item)
}

impl Tables {
    /// The constructor with this ID.
    pub fn constructor_by_id(&self, id: u32) -> Option<&'static Constructor> {
        search(self.constructors, self.constructors_by_id, &id, |c| &c.id)
    }

    /// The method with this ID.
    pub fn function_by_id(&self, id: u32) -> Option<&'static Function> {
        search(self.functions, self.functions_by_id, &id, |f| &f.id)
    }

    /// The constructor with this TL name.
    pub fn constructor_by_name(&self, name: &str) -> Option<&'static Constructor> {
        search(self.constructors, self.constructors_by_name, name, |c| {
            c.name
        })
    }

    /// The method with this TL name.
    pub fn function_by_name(&self, name: &str) -> Option<&'static Function> {
        search(self.functions, self.functions_by_name, name, |f| f.name)
    }

    /// The constructor or method with this ID (envelopes are not in the
    /// tables: see [`definition_by_id`]).
    pub fn definition_by_id(&self, id: u32) -> Option<Definition> {
        self.constructor_by_id(id)
            .map(Definition::Constructor)
            .or_else(|| self.function_by_id(id).map(Definition::Function))
    }

    /// The constructor or method with this TL name.
    pub fn definition_by_name(&self, name: &str) -> Option<Definition> {
        self.constructor_by_name(name)
            .map(Definition::Constructor)
            .or_else(|| self.function_by_name(name).map(Definition::Function))
    }

    /// The boxed type with this TL name.
    pub fn boxed_type_by_name(&self, name: &str) -> Option<&'static BoxedType> {
        self.boxed_types.iter().find(|b| b.name == name)
    }

    /// The TL name of a constructor or method ID, or of a built-in
    /// constructor (`boolTrue`, `vector`, …).
    pub fn name_for_id(&self, id: u32) -> Option<&'static str> {
        self.definition_by_id(id).map(|d| d.name()).or_else(|| {
            let at = self
                .builtins
                .binary_search_by_key(&id, |&(builtin, _)| builtin);
            at.ok().map(|at| self.builtins[at].1)
        })
    }
}

/// The constructor with this ID (API or MTProto).
pub fn constructor_by_id(id: u32) -> Option<&'static Constructor> {
    TABLES.constructor_by_id(id)
}

/// The method with this ID (API or MTProto).
pub fn function_by_id(id: u32) -> Option<&'static Function> {
    TABLES.function_by_id(id)
}

/// The constructor with this TL name, e.g. `"messages.chatFull"`.
pub fn constructor_by_name(name: &str) -> Option<&'static Constructor> {
    TABLES.constructor_by_name(name)
}

/// The method with this TL name, e.g. `"messages.sendMessage"`.
pub fn function_by_name(name: &str) -> Option<&'static Function> {
    TABLES.function_by_name(name)
}

/// The constructor, method or envelope (`rpc_result`, `msg_container`,
/// `gzip_packed`) with this ID.
pub fn definition_by_id(id: u32) -> Option<Definition> {
    TABLES.definition_by_id(id).or_else(|| {
        let found = ENVELOPES.iter().find(|e| e.id == id && e.id != MESSAGE.id);
        found.map(|e| Definition::Envelope(e))
    })
}

/// The constructor, method or envelope with this TL name.
pub fn definition_by_name(name: &str) -> Option<Definition> {
    TABLES.definition_by_name(name).or_else(|| {
        let found = ENVELOPES.iter().find(|e| e.name == name);
        found.map(|e| Definition::Envelope(e))
    })
}

/// The boxed type with this TL name, e.g. `"messages.ChatFull"`.
pub fn boxed_type_by_name(name: &str) -> Option<&'static BoxedType> {
    TABLES.boxed_type_by_name(name)
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
