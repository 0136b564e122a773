//! The model's types: what the emitters read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What may start a TL identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leading {
    /// Names of definitions, namespaces and types: a letter.
    Letter,
    /// Parameter names: a letter or `_`.
    LetterOrUnderscore,
}

/// The one identifier rule of TL names: ASCII letters, digits and `_`,
/// starting as `leading` allows.
pub fn is_identifier(part: &str, leading: Leading) -> bool {
    let mut chars = part.chars();
    let first_ok = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some('_') => leading == Leading::LetterOrUnderscore,
        _ => false,
    };
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A TL name with its namespace, e.g. `messages.chatInviteJoinResultOk`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualName {
    pub namespace: Vec<String>,
    pub name: String,
}

impl QualName {
    pub fn new(namespace: &[String], name: &str) -> Self {
        QualName {
            namespace: namespace.to_vec(),
            name: name.to_owned(),
        }
    }
}

impl fmt::Display for QualName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for ns in &self.namespace {
            write!(f, "{ns}.")?;
        }
        f.write_str(&self.name)
    }
}

/// A reference to a type, as a parameter or a function result uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    Int,
    Long,
    Double,
    String,
    Bytes,
    Int128,
    Int256,
    /// Boxed `Bool` (`boolTrue`/`boolFalse`), a Rust `bool`.
    Bool,
    /// Bare `true`: no bytes on the wire. Only meaningful behind a flag.
    True,
    /// `Vector<T>` (boxed, with the vector constructor ID) or `vector<T>`.
    Vector {
        bare: bool,
        element: Box<TypeRef>,
    },
    /// A boxed type: the enum of its constructors.
    Boxed(QualName),
    /// A bare constructor: its struct, serialized without the ID.
    Bare(QualName),
    /// A generic parameter `!X` of a function.
    Generic(String),
}

impl TypeRef {
    /// The fewest bytes a value of this type takes on the wire; used to
    /// reject vector counts that cannot fit in the remaining input.
    pub fn min_wire_size(&self, schema: &Schema) -> usize {
        self.min_size_inner(schema, 0)
    }

    fn min_size_inner(&self, schema: &Schema, depth: usize) -> usize {
        match self {
            TypeRef::Int | TypeRef::Bool | TypeRef::String | TypeRef::Bytes => 4,
            TypeRef::Long | TypeRef::Double => 8,
            TypeRef::Int128 => 16,
            TypeRef::Int256 => 32,
            TypeRef::True => 0,
            TypeRef::Vector { bare: true, .. } => 4,
            TypeRef::Vector { bare: false, .. } => 8,
            TypeRef::Boxed(_) | TypeRef::Generic(_) => 4,
            TypeRef::Bare(name) => {
                if depth > 8 {
                    return 0;
                }
                schema
                    .constructor(name)
                    .map(|ctor| {
                        ctor.params
                            .iter()
                            .map(|p| match &p.kind {
                                ParamKind::FlagsWord => 4,
                                ParamKind::Value { ty, flag: None } => {
                                    ty.min_size_inner(schema, depth + 1)
                                }
                                ParamKind::Value { flag: Some(_), .. } => 0,
                            })
                            .sum()
                    })
                    .unwrap_or(0)
            }
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Int => f.write_str("int"),
            TypeRef::Long => f.write_str("long"),
            TypeRef::Double => f.write_str("double"),
            TypeRef::String => f.write_str("string"),
            TypeRef::Bytes => f.write_str("bytes"),
            TypeRef::Int128 => f.write_str("int128"),
            TypeRef::Int256 => f.write_str("int256"),
            TypeRef::Bool => f.write_str("Bool"),
            TypeRef::True => f.write_str("true"),
            TypeRef::Vector {
                bare: false,
                element,
            } => write!(f, "Vector<{element}>"),
            TypeRef::Vector {
                bare: true,
                element,
            } => write!(f, "vector<{element}>"),
            TypeRef::Boxed(name) | TypeRef::Bare(name) => write!(f, "{name}"),
            TypeRef::Generic(name) => write!(f, "!{name}"),
        }
    }
}

/// `flags.N`: bit `bit` of the flags parameter at `word` (an index into
/// the definition's parameters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FlagBit {
    pub word: usize,
    pub bit: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// `flags:#` — not stored; computed from the fields at serialize time.
    FlagsWord,
    Value {
        ty: TypeRef,
        flag: Option<FlagBit>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// The parameter's type as written, e.g. `flags.2?Vector<InputDocument>`.
    pub written: String,
}

/// How a parameter (or several sharing one flag bit) becomes a Rust field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// An unconditional value: `T`.
    Required { param: usize, boxed: bool },
    /// A `flags.N?true` parameter whose bit no value shares: `bool`.
    Bit { param: usize },
    /// A `flags.N?T` parameter alone on its bit: `Option<T>`.
    Optional { param: usize, boxed: bool },
    /// Several `flags.N?T` parameters on one bit: present together or not at
    /// all, so they live in one `Option<GroupStruct>`.
    Group {
        bit: FlagBit,
        members: Vec<GroupMember>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMember {
    pub param: usize,
    pub boxed: bool,
}

/// A `flags.N?true` parameter that shares its bit with a field: it is set
/// exactly when that field is, so it is exposed as a method, not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivedBit {
    pub param: usize,
    /// Index into `Definition::fields`.
    pub field: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefinitionKind {
    Constructor,
    Function,
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub kind: DefinitionKind,
    pub name: QualName,
    pub id: u32,
    /// Generic parameters `{X:Type}` (functions only).
    pub generics: Vec<String>,
    pub params: Vec<Param>,
    pub fields: Vec<Field>,
    pub derived_bits: Vec<DerivedBit>,
    /// For a constructor with fields: its enum variant holds it in a `Box`
    /// because the struct is large (see [`LARGE_VARIANT_BYTES`](crate::model::LARGE_VARIANT_BYTES)).
    pub boxed_variant: bool,
    /// For a constructor, the boxed type it belongs to; for a function, what
    /// it returns.
    pub result: TypeRef,
    /// The definition on one line, as written (whitespace collapsed).
    pub source: String,
    pub file: String,
    pub line: usize,
    pub comments: Vec<String>,
}

impl Definition {
    /// Parameters that are flags words, with their index.
    pub fn flag_words(&self) -> impl Iterator<Item = (usize, &Param)> {
        self.params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == ParamKind::FlagsWord)
    }

    /// The field a parameter ends up in, and its position inside a group.
    pub fn field_of(&self, param: usize) -> Option<(usize, Option<usize>)> {
        self.fields
            .iter()
            .enumerate()
            .find_map(|(index, field)| match field {
                Field::Required { param: p, .. }
                | Field::Bit { param: p }
                | Field::Optional { param: p, .. }
                    if *p == param =>
                {
                    Some((index, None))
                }
                Field::Group { members, .. } => members
                    .iter()
                    .position(|m| m.param == param)
                    .map(|at| (index, Some(at))),
                _ => None,
            })
    }

    pub fn value_type(&self, param: usize) -> Option<&TypeRef> {
        match &self.params.get(param)?.kind {
            ParamKind::Value { ty, .. } => Some(ty),
            ParamKind::FlagsWord => None,
        }
    }
}

/// A boxed type and its constructors (indexes into `Schema::constructors`),
/// in schema order.
#[derive(Clone, Debug)]
pub struct BoxedType {
    pub name: QualName,
    pub constructors: Vec<usize>,
}

/// One validated schema.
#[derive(Clone, Debug)]
pub struct Schema {
    pub file: String,
    pub layer: Option<i32>,
    pub constructors: Vec<Definition>,
    pub functions: Vec<Definition>,
    pub boxed_types: Vec<BoxedType>,
    /// IDs of built-in constructors (`boolTrue`, `vector`, …) for `name_for_id`.
    pub builtin_ids: Vec<(u32, String)>,
    pub(super) constructor_index: BTreeMap<QualName, usize>,
    pub(super) boxed_index: BTreeMap<QualName, usize>,
}

impl Schema {
    pub fn constructor(&self, name: &QualName) -> Option<&Definition> {
        self.constructor_index
            .get(name)
            .map(|&index| &self.constructors[index])
    }

    /// The index of a constructor in `constructors`.
    pub fn constructor_position(&self, name: &QualName) -> Option<usize> {
        self.constructor_index.get(name).copied()
    }

    /// The index of a boxed type in `boxed_types`.
    pub fn boxed_position(&self, name: &QualName) -> Option<usize> {
        self.boxed_index.get(name).copied()
    }

    pub fn boxed_type(&self, name: &QualName) -> Option<&BoxedType> {
        self.boxed_index
            .get(name)
            .map(|&index| &self.boxed_types[index])
    }

    /// Every namespace (as a path) that holds at least one item, plus their
    /// ancestors, sorted.
    pub fn namespaces(&self, kind: DefinitionKind) -> BTreeSet<Vec<String>> {
        let mut set = BTreeSet::new();
        set.insert(Vec::new());
        let names: Vec<&QualName> = match kind {
            DefinitionKind::Constructor => self
                .constructors
                .iter()
                .map(|c| &c.name)
                .chain(self.boxed_types.iter().map(|b| &b.name))
                .collect(),
            DefinitionKind::Function => self.functions.iter().map(|f| &f.name).collect(),
        };
        for name in names {
            for depth in 1..=name.namespace.len() {
                set.insert(name.namespace[..depth].to_vec());
            }
        }
        set
    }
}
