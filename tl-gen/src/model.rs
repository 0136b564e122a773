//! Stage 2, **model**: resolve and validate loaded definitions into an IR the
//! emitters can trust.
//!
//! Everything an emitter needs to know is decided here: which type every
//! parameter refers to, how flag bits map to Rust fields (including bits
//! shared by several parameters), which fields need a `Box` to break
//! recursion, and every constructor ID.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use grammers_tl_parser::tl;

use crate::diagnostic::{Diagnostic, Error};
use crate::id;
use crate::load::{LoadedKind, LoadedSchema, RawDefinition, Section};

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
    /// because the struct is large (see [`LARGE_VARIANT_BYTES`]).
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
    constructor_index: BTreeMap<QualName, usize>,
    boxed_index: BTreeMap<QualName, usize>,
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

/// Types the TL language itself defines; parameters refer to them directly.
fn builtin_type(name: &str, namespace: &[String]) -> Option<TypeRef> {
    if !namespace.is_empty() {
        return None;
    }
    Some(match name {
        "int" | "Int" => TypeRef::Int,
        "long" | "Long" => TypeRef::Long,
        "double" | "Double" => TypeRef::Double,
        "string" | "String" => TypeRef::String,
        "bytes" | "Bytes" => TypeRef::Bytes,
        "int128" | "Int128" => TypeRef::Int128,
        "int256" | "Int256" => TypeRef::Int256,
        "Bool" => TypeRef::Bool,
        "true" => TypeRef::True,
        _ => return None,
    })
}

/// Result types whose constructors are built into the codec rather than
/// generated (`boolTrue`, `boolFalse` → `bool`).
const BUILTIN_RESULT_TYPES: &[&str] = &["Bool", "Vector"];

/// How explicit constructor IDs are checked against the CRC32 rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdPolicy {
    /// Report an explicit ID that differs from the computed one.
    pub verify: bool,
    /// Definitions (full TL name and written ID) known to differ, each with
    /// the reason.
    pub allowlist: Vec<IdException>,
    /// Also report allowlist entries for definitions whose ID matches (an
    /// entry that is no longer needed). Off for an allowlist shared by
    /// several schemas.
    pub reject_unneeded: bool,
}

/// A definition whose written ID is known not to follow the CRC32 rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdException {
    pub name: String,
    pub id: u32,
    pub reason: String,
}

impl IdPolicy {
    /// Parses an allowlist file: `name<TAB>id (hex)<TAB>reason` per line,
    /// `#` comments and blank lines ignored.
    pub fn parse_allowlist(file: &str, text: &str) -> Result<Vec<IdException>, Error> {
        let mut out = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.splitn(3, '\t').collect();
            let parsed = match columns.as_slice() {
                [name, id, reason] if !reason.trim().is_empty() => {
                    u32::from_str_radix(id.trim_start_matches("0x"), 16)
                        .ok()
                        .map(|id| IdException {
                            name: (*name).to_owned(),
                            id,
                            reason: reason.trim().to_owned(),
                        })
                }
                _ => None,
            };
            match parsed {
                Some(exception) => out.push(exception),
                None => {
                    return Err(Error::single(Diagnostic::new(
                        "malformed allowlist line".to_owned(),
                        crate::diagnostic::Span::new(file, index + 1, 1, line.chars().count()),
                        line,
                        "`name<TAB>hex id<TAB>reason`",
                    )))
                }
            }
        }
        Ok(out)
    }
}

/// Builds the model of one loaded schema without checking IDs.
pub fn build(loaded: &LoadedSchema) -> Result<Schema, Error> {
    build_with(loaded, &IdPolicy::default())
}

/// Builds the model of one loaded schema, reporting every problem found.
pub fn build_with(loaded: &LoadedSchema, ids: &IdPolicy) -> Result<Schema, Error> {
    let mut used_exceptions = BTreeSet::new();
    // Definitions whose written ID matches the computed one.
    let mut verified: BTreeSet<(String, u32)> = BTreeSet::new();
    let mut diagnostics = Vec::new();
    let mut builtin_ids = Vec::new();

    // Pass 1: collect names so references can be resolved in any order.
    let mut parsed: Vec<(&RawDefinition, &tl::Definition, Option<u32>, QualName)> = Vec::new();
    for def in &loaded.definitions {
        match &def.kind {
            LoadedKind::Builtin { name, id } => {
                if let Some(id) = id {
                    builtin_ids.push((*id, name.clone()));
                }
            }
            LoadedKind::Parsed {
                def: tl_def,
                explicit_id,
            } => {
                let name = QualName::new(&tl_def.namespace, &tl_def.name);
                parsed.push((&def.raw, tl_def, *explicit_id, name));
            }
        }
    }

    let mut constructor_names: BTreeMap<QualName, usize> = BTreeMap::new();
    let mut boxed_names: BTreeSet<QualName> = BTreeSet::new();
    let mut boxed_constructors: BTreeMap<QualName, Vec<QualName>> = BTreeMap::new();
    rename_layered(&mut parsed);

    for (raw, def, _, name) in &parsed {
        if raw.section != Section::Types {
            continue;
        }
        let name = name.clone();
        let result = QualName::new(&def.ty.namespace, &def.ty.name);
        if !is_builtin_result(&result) {
            boxed_names.insert(result.clone());
            boxed_constructors
                .entry(result)
                .or_default()
                .push(name.clone());
        }
        constructor_names.entry(name).or_insert(raw.span.line);
    }

    let mut constructors = Vec::new();
    let mut functions = Vec::new();
    let mut seen_names: BTreeMap<(Section, QualName), &RawDefinition> = BTreeMap::new();
    let mut seen_ids: BTreeMap<u32, (&RawDefinition, String)> = BTreeMap::new();

    for (raw, def, explicit_id, name) in &parsed {
        let name = name.clone();
        let resolver = Resolver {
            raw,
            constructors: &constructor_names,
            boxed: &boxed_names,
            boxed_constructors: &boxed_constructors,
        };
        if let Err(d) = resolver.check_identifier(&name) {
            diagnostics.push(d);
            continue;
        }
        if let Some(previous) = seen_names.get(&(raw.section, name.clone())) {
            diagnostics.push(raw.diagnostic(
                format!(
                    "`{name}` is defined twice (first at {}:{})",
                    previous.span.file, previous.span.line
                ),
                raw.text.split([' ', '#']).next().unwrap_or(""),
                "each name once per section",
            ));
            continue;
        }
        seen_names.insert((raw.section, name.clone()), raw);

        let computed = id::compute(&raw.text);
        let id = explicit_id.unwrap_or(computed);
        if ids.verify && id == computed {
            verified.insert((name.to_string(), id));
        }
        if ids.verify && id != computed {
            let full = name.to_string();
            match ids.allowlist.iter().position(|e| e.name == full && e.id == id) {
                Some(at) => {
                    used_exceptions.insert(at);
                }
                None => diagnostics.push(raw.diagnostic(
                    format!(
                        "constructor ID {id:#010x} of `{name}` does not match its definition (CRC32 {computed:#010x} of `{}`)",
                        id::normalise(&raw.text)
                    ),
                    raw.text.split(' ').next().unwrap_or(""),
                    &format!("`#{computed:08x}`, or an allowlist entry with the reason"),
                )),
            }
        }
        if let Some((previous, previous_name)) = seen_ids.get(&id) {
            diagnostics.push(raw.diagnostic(
                format!(
                    "ID {id:#010x} of `{name}` is already used by `{previous_name}` ({}:{})",
                    previous.span.file, previous.span.line
                ),
                raw.text.split(' ').next().unwrap_or(""),
                "a unique constructor ID",
            ));
            continue;
        }
        seen_ids.insert(id, (raw, name.to_string()));

        let result_name = QualName::new(&def.ty.namespace, &def.ty.name);
        if raw.section == Section::Types && is_builtin_result(&result_name) {
            builtin_ids.push((id, name.to_string()));
            continue;
        }

        match resolver.definition(def, raw.section, id, name) {
            Ok(model) => match raw.section {
                Section::Types => constructors.push(model),
                Section::Functions => functions.push(model),
            },
            Err(mut errors) => diagnostics.append(&mut errors),
        }
    }

    if ids.verify && ids.reject_unneeded {
        for (index, exception) in ids.allowlist.iter().enumerate() {
            let redundant = verified.contains(&(exception.name.clone(), exception.id));
            if redundant && !used_exceptions.contains(&index) {
                diagnostics.push(Diagnostic::new(
                    format!(
                        "allowlisted ID {:#010x} of `{}` is not needed: the written ID matches its definition",
                        exception.id, exception.name
                    ),
                    crate::diagnostic::Span::new(&loaded.file, 1, 1, 1),
                    "",
                    "remove the allowlist entry or correct it",
                ));
            }
        }
    }

    if !diagnostics.is_empty() {
        return Err(Error { diagnostics });
    }

    // Boxed types, in order of first appearance.
    let mut boxed_types: Vec<BoxedType> = Vec::new();
    let mut boxed_index: BTreeMap<QualName, usize> = BTreeMap::new();
    for (index, ctor) in constructors.iter().enumerate() {
        let TypeRef::Boxed(type_name) = &ctor.result else {
            continue;
        };
        let at = *boxed_index.entry(type_name.clone()).or_insert_with(|| {
            boxed_types.push(BoxedType {
                name: type_name.clone(),
                constructors: Vec::new(),
            });
            boxed_types.len() - 1
        });
        boxed_types[at].constructors.push(index);
    }
    let constructor_index = constructors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    builtin_ids.sort();

    let mut schema = Schema {
        file: loaded.file.clone(),
        layer: loaded.layer,
        constructors,
        functions,
        boxed_types,
        builtin_ids,
        constructor_index,
        boxed_index,
    };
    mark_recursion(&mut schema);
    mark_large_variants(&mut schema);
    Ok(schema)
}

/// In a layered schema (`===N===` blocks, as secret-chat schemas are
/// written) a constructor may be defined again in a later layer. The last
/// definition keeps the name; each earlier one is named `<name><layer>`
/// (`decryptedMessage8`), so every wire format stays available.
fn rename_layered(parsed: &mut [(&RawDefinition, &tl::Definition, Option<u32>, QualName)]) {
    let mut last: BTreeMap<(Section, QualName), usize> = BTreeMap::new();
    for (index, (raw, _, _, name)) in parsed.iter().enumerate() {
        last.insert((raw.section, name.clone()), index);
    }
    for index in 0..parsed.len() {
        let (raw, _, _, name) = &parsed[index];
        let Some(layer) = raw.layer_block else {
            continue;
        };
        let newest = last.get(&(raw.section, name.clone())).copied();
        let later_block = newest
            .map(|at| parsed[at].0.layer_block.is_some_and(|l| l != layer))
            .unwrap_or(false);
        if newest != Some(index) && later_block {
            let renamed = QualName::new(&name.namespace, &format!("{}{layer}", name.name));
            parsed[index].3 = renamed;
        }
    }
}

fn is_builtin_result(name: &QualName) -> bool {
    name.namespace.is_empty() && BUILTIN_RESULT_TYPES.contains(&name.name.as_str())
}

struct Resolver<'a> {
    raw: &'a RawDefinition,
    constructors: &'a BTreeMap<QualName, usize>,
    boxed: &'a BTreeSet<QualName>,
    boxed_constructors: &'a BTreeMap<QualName, Vec<QualName>>,
}

impl Resolver<'_> {
    fn check_identifier(&self, name: &QualName) -> Result<(), Diagnostic> {
        let valid = |part: &str| {
            part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if name.namespace.iter().all(|p| valid(p)) && valid(&name.name) {
            Ok(())
        } else {
            Err(self.raw.diagnostic(
                format!("`{name}` is not a valid TL identifier"),
                self.raw.text.split([' ', '#']).next().unwrap_or(""),
                "letters, digits and `_`, starting with a letter",
            ))
        }
    }

    fn definition(
        &self,
        def: &tl::Definition,
        section: Section,
        id: u32,
        name: QualName,
    ) -> Result<Definition, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let generics = generic_names(&self.raw.text);
        if section == Section::Types && !generics.is_empty() {
            return Err(vec![self.raw.diagnostic(
                "generic parameters are only supported on functions".into(),
                &format!("{{{}:Type}}", generics[0]),
                "a constructor without `{X:Type}`",
            )]);
        }

        let mut params: Vec<Param> = Vec::new();
        let mut param_names = BTreeSet::new();
        for param in &def.params {
            let written = param.ty.to_string();
            let word = format!("{}:{}", param.name, written);
            if !param_names.insert(param.name.clone()) {
                errors.push(self.raw.diagnostic(
                    format!("parameter `{}` is defined twice", param.name),
                    &word,
                    "unique parameter names",
                ));
                continue;
            }
            if !param
                .name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                || !param
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                errors.push(self.raw.diagnostic(
                    format!("`{}` is not a valid parameter name", param.name),
                    &word,
                    "letters, digits and `_`",
                ));
                continue;
            }
            let kind = match &param.ty {
                tl::ParameterType::Flags => ParamKind::FlagsWord,
                tl::ParameterType::Normal { ty, flag } => {
                    let flag = match flag {
                        None => None,
                        Some(flag) => match self.flag_bit(flag, &params, &word) {
                            Ok(bit) => Some(bit),
                            Err(d) => {
                                errors.push(d);
                                continue;
                            }
                        },
                    };
                    match self.type_ref(ty, &generics, &word) {
                        Ok(TypeRef::True) if flag.is_none() => {
                            errors.push(self.raw.diagnostic(
                                "bare `true` outside a flag condition".into(),
                                &word,
                                "`name:flags.N?true`",
                            ));
                            continue;
                        }
                        Ok(ty) => ParamKind::Value { ty, flag },
                        Err(d) => {
                            errors.push(d);
                            continue;
                        }
                    }
                }
            };
            params.push(Param {
                name: param.name.clone(),
                kind,
                written,
            });
        }

        let result = match section {
            Section::Types => {
                let result = QualName::new(&def.ty.namespace, &def.ty.name);
                let upper = def
                    .ty
                    .name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase());
                let identifier = |part: &str| {
                    part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                };
                let valid_name =
                    identifier(&def.ty.name) && def.ty.namespace.iter().all(|p| identifier(p));
                if !upper || !valid_name || def.ty.generic_arg.is_some() || def.ty.generic_ref {
                    errors.push(self.raw.diagnostic(
                        format!("constructor result `{}` is not a boxed type name", def.ty),
                        &def.ty.to_string(),
                        "a type name starting with an uppercase letter, e.g. `= Peer`",
                    ));
                }
                TypeRef::Boxed(result)
            }
            Section::Functions => {
                let written = def.ty.to_string();
                match self.type_ref(&def.ty, &generics, &written) {
                    Ok(TypeRef::True) => {
                        errors.push(self.raw.diagnostic(
                            "a function cannot return bare `true`".into(),
                            &written,
                            "a boxed type",
                        ));
                        TypeRef::True
                    }
                    Ok(ty) => ty,
                    Err(d) => {
                        errors.push(d);
                        TypeRef::True
                    }
                }
            }
        };

        // Generic parameters must be used as `!X` and be what is returned.
        for generic in &generics {
            let used = params.iter().any(|p| {
                matches!(&p.kind, ParamKind::Value { ty: TypeRef::Generic(g), flag: None } if g == generic)
            });
            if !used || result != TypeRef::Generic(generic.clone()) {
                errors.push(self.raw.diagnostic(
                    format!("generic `{generic}` must be a `!{generic}` parameter and the result"),
                    &format!("{{{generic}:Type}}"),
                    "`{X:Type} query:!X = X`",
                ));
            }
        }
        for param in &params {
            if let ParamKind::Value { ty, flag } = &param.kind {
                if contains_generic(ty) && (flag.is_some() || !matches!(ty, TypeRef::Generic(_))) {
                    errors.push(self.raw.diagnostic(
                        format!("generic parameter `{}` must be a plain `!X`", param.name),
                        &format!("{}:{}", param.name, param.written),
                        "`name:!X`",
                    ));
                }
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let (fields, derived_bits) = build_fields(&params);
        Ok(Definition {
            kind: match section {
                Section::Types => DefinitionKind::Constructor,
                Section::Functions => DefinitionKind::Function,
            },
            name,
            id,
            generics,
            params,
            fields,
            derived_bits,
            boxed_variant: false,
            result,
            source: self
                .raw
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            file: self.raw.span.file.clone(),
            line: self.raw.span.line,
            comments: self.raw.comments.clone(),
        })
    }

    fn flag_bit(
        &self,
        flag: &tl::Flag,
        params: &[Param],
        word: &str,
    ) -> Result<FlagBit, Diagnostic> {
        let Some(index) = params
            .iter()
            .position(|p| p.name == flag.name && p.kind == ParamKind::FlagsWord)
        else {
            return Err(self.raw.diagnostic(
                format!(
                    "flag `{}` refers to a missing flags field `{}`",
                    flag, flag.name
                ),
                word,
                &format!("a `{}:#` parameter before this one", flag.name),
            ));
        };
        if flag.index > 31 {
            return Err(self.raw.diagnostic(
                format!("flag bit {} is out of range", flag.index),
                word,
                "a bit number from 0 to 31",
            ));
        }
        Ok(FlagBit {
            word: index,
            bit: flag.index as u32,
        })
    }

    fn type_ref(
        &self,
        ty: &tl::Type,
        generics: &[String],
        word: &str,
    ) -> Result<TypeRef, Diagnostic> {
        if ty.generic_ref || (ty.namespace.is_empty() && generics.contains(&ty.name)) {
            if generics.contains(&ty.name) && ty.generic_arg.is_none() {
                return Ok(TypeRef::Generic(ty.name.clone()));
            }
            return Err(self.raw.diagnostic(
                format!("unknown generic `{}`", ty.name),
                word,
                "a generic declared with `{X:Type}`",
            ));
        }
        if ty.namespace.is_empty() && (ty.name == "Vector" || ty.name == "vector") {
            let Some(element) = &ty.generic_arg else {
                return Err(self.raw.diagnostic(
                    format!("`{}` without an element type", ty.name),
                    word,
                    "`Vector<T>`",
                ));
            };
            let element = self.type_ref(element, generics, word)?;
            if matches!(element, TypeRef::True | TypeRef::Generic(_)) {
                return Err(self.raw.diagnostic(
                    format!("`{ty}` is not a valid vector"),
                    word,
                    "a vector of a concrete type",
                ));
            }
            return Ok(TypeRef::Vector {
                bare: ty.name == "vector",
                element: Box::new(element),
            });
        }
        if ty.generic_arg.is_some() {
            return Err(self.raw.diagnostic(
                format!("`{ty}` takes no type argument"),
                word,
                "`Vector<T>` is the only type with an argument",
            ));
        }
        if let Some(builtin) = builtin_type(&ty.name, &ty.namespace) {
            return Ok(builtin);
        }
        // `%T`: the bare form of a boxed type with a single constructor.
        if let Some(stripped) = ty.name.strip_prefix('%') {
            let boxed = QualName::new(&ty.namespace, stripped);
            return match self.boxed_constructors.get(&boxed).map(Vec::as_slice) {
                Some([only]) => Ok(TypeRef::Bare(only.clone())),
                Some(_) => Err(self.raw.diagnostic(
                    format!("`%{boxed}` names a type with several constructors"),
                    word,
                    "`%T` for a type with exactly one constructor",
                )),
                None => Err(self.raw.diagnostic(
                    format!("unknown type `{boxed}`"),
                    word,
                    "a type defined in the schema",
                )),
            };
        }
        let name = QualName::new(&ty.namespace, &ty.name);
        if self.boxed.contains(&name) {
            return Ok(TypeRef::Boxed(name));
        }
        if self.constructors.contains_key(&name) {
            return Ok(TypeRef::Bare(name));
        }
        Err(self.raw.diagnostic(
            format!("unknown type `{name}`"),
            word,
            "a builtin type, or a type or constructor defined in the schema",
        ))
    }
}

fn contains_generic(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Generic(_) => true,
        TypeRef::Vector { element, .. } => contains_generic(element),
        _ => false,
    }
}

/// `{X:Type}` declarations, in order.
fn generic_names(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|w| w.strip_prefix('{')?.strip_suffix(":Type}"))
        .map(str::to_owned)
        .collect()
}

/// Decides the Rust fields of a definition from its parameters.
fn build_fields(params: &[Param]) -> (Vec<Field>, Vec<DerivedBit>) {
    // Parameters sharing each flag bit, in order.
    let mut by_bit: BTreeMap<FlagBit, Vec<usize>> = BTreeMap::new();
    for (index, param) in params.iter().enumerate() {
        if let ParamKind::Value {
            flag: Some(bit), ..
        } = &param.kind
        {
            by_bit.entry(*bit).or_default().push(index);
        }
    }
    let is_true = |index: usize| {
        matches!(
            &params[index].kind,
            ParamKind::Value {
                ty: TypeRef::True,
                ..
            }
        )
    };

    let mut fields = Vec::new();
    let mut derived = Vec::new();
    // The field index each bit's stored field got.
    let mut bit_field: BTreeMap<FlagBit, usize> = BTreeMap::new();
    for (index, param) in params.iter().enumerate() {
        let ParamKind::Value { flag, .. } = &param.kind else {
            continue;
        };
        let Some(bit) = flag else {
            fields.push(Field::Required {
                param: index,
                boxed: false,
            });
            continue;
        };
        let sharing = &by_bit[bit];
        if let Some(&field) = bit_field.get(bit) {
            if is_true(index) {
                derived.push(DerivedBit {
                    param: index,
                    field,
                });
            }
            continue;
        }
        let values: Vec<usize> = sharing.iter().copied().filter(|&i| !is_true(i)).collect();
        if is_true(index) && !values.is_empty() {
            // Wait for the first value on this bit to create the field.
            continue;
        }
        let field = match values.len() {
            0 => Field::Bit { param: index },
            1 => Field::Optional {
                param: index,
                boxed: false,
            },
            _ => Field::Group {
                bit: *bit,
                members: values
                    .iter()
                    .map(|&param| GroupMember {
                        param,
                        boxed: false,
                    })
                    .collect(),
            },
        };
        bit_field.insert(*bit, fields.len());
        fields.push(field);
    }
    // `true` parameters that came before the value field they depend on.
    for (bit, sharing) in &by_bit {
        let Some(&field) = bit_field.get(bit) else {
            continue;
        };
        for &index in sharing {
            let stored = match &fields[field] {
                Field::Bit { param } | Field::Optional { param, .. } => *param == index,
                Field::Group { members, .. } => members.iter().any(|m| m.param == index),
                Field::Required { .. } => false,
            };
            if is_true(index) && !stored && !derived.iter().any(|d| d.param == index) {
                derived.push(DerivedBit {
                    param: index,
                    field,
                });
            }
        }
    }
    derived.sort_by_key(|d| d.param);
    (fields, derived)
}

/// Marks the fields that must be boxed because their type can contain the
/// definition itself (directly or through other types). Vectors already
/// give indirection, so references inside a vector never need a box.
fn mark_recursion(schema: &mut Schema) {
    // Nodes: constructors 0..n, boxed types n..n+m.
    let n = schema.constructors.len();
    let node_count = n + schema.boxed_types.len();
    let target = |ty: &TypeRef, schema: &Schema| -> Option<usize> {
        match ty {
            TypeRef::Boxed(name) => schema.boxed_index.get(name).map(|i| n + i),
            TypeRef::Bare(name) => schema.constructor_index.get(name).copied(),
            _ => None,
        }
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for (index, ctor) in schema.constructors.iter().enumerate() {
        for param in &ctor.params {
            if let ParamKind::Value { ty, .. } = &param.kind {
                if let Some(t) = target(ty, schema) {
                    edges[index].push(t);
                }
            }
        }
    }
    for (index, boxed) in schema.boxed_types.iter().enumerate() {
        edges[n + index].extend(boxed.constructors.iter().copied());
    }
    let component = strongly_connected_components(&edges);

    let mut updates: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (index, ctor) in schema.constructors.iter().enumerate() {
        for (field_index, field) in ctor.fields.iter().enumerate() {
            let needs_box = |param: usize| {
                ctor.value_type(param)
                    .and_then(|ty| target(ty, schema))
                    .is_some_and(|t| component[t] == component[index])
            };
            match field {
                Field::Required { param, .. } | Field::Optional { param, .. } => {
                    if needs_box(*param) {
                        updates.push((index, field_index, None));
                    }
                }
                Field::Group { members, .. } => {
                    for (at, member) in members.iter().enumerate() {
                        if needs_box(member.param) {
                            updates.push((index, field_index, Some(at)));
                        }
                    }
                }
                Field::Bit { .. } => {}
            }
        }
    }
    for (ctor, field, member) in updates {
        match (&mut schema.constructors[ctor].fields[field], member) {
            (Field::Required { boxed, .. } | Field::Optional { boxed, .. }, None) => *boxed = true,
            (Field::Group { members, .. }, Some(at)) => members[at].boxed = true,
            _ => {}
        }
    }
}

/// Constructor structs larger than this many bytes (by an estimate of the
/// generated Rust layout) are held in a `Box` by their enum variant.
///
/// Without it an enum is as large as its largest constructor: `Update`
/// would be over 5 KiB, and every update, however small, would be moved
/// around at that size while decoding. With it, enums stay at most about
/// this size plus a tag, and only large constructors pay one allocation.
pub const LARGE_VARIANT_BYTES: usize = 64;

/// Decides [`Definition::boxed_variant`] for every constructor.
fn mark_large_variants(schema: &mut Schema) {
    let mut layout = Layout::new(schema);
    for index in 0..schema.boxed_types.len() {
        layout.boxed_size(index);
    }
    let boxed = layout.boxed_variant;
    for (ctor, boxed) in schema.constructors.iter_mut().zip(boxed) {
        ctor.boxed_variant = boxed;
    }
}

/// An estimate of the size in bytes of the generated Rust types on a 64-bit
/// target: `(size, has_niche)`, where `has_niche` says whether `Option` of
/// the type costs nothing extra. Rust reorders fields, so a struct is the
/// sum of its fields rounded up to 8. Only used to decide boxing, so being
/// off by a few bytes is harmless; the result is deterministic.
struct Layout<'a> {
    schema: &'a Schema,
    struct_sizes: Vec<Option<usize>>,
    enum_sizes: Vec<Option<usize>>,
    boxed_variant: Vec<bool>,
    /// Guards against a cycle without a `Box` (the model never produces
    /// one, but a wrong guess must not overflow the stack).
    visiting: BTreeSet<usize>,
}

impl<'a> Layout<'a> {
    fn new(schema: &'a Schema) -> Self {
        Self {
            schema,
            struct_sizes: vec![None; schema.constructors.len()],
            enum_sizes: vec![None; schema.boxed_types.len()],
            boxed_variant: vec![false; schema.constructors.len()],
            visiting: BTreeSet::new(),
        }
    }

    fn round8(n: usize) -> usize {
        n.div_ceil(8) * 8
    }

    /// Size of the enum of boxed type `index`, deciding which of its
    /// variants are boxed.
    fn boxed_size(&mut self, index: usize) -> usize {
        if let Some(size) = self.enum_sizes[index] {
            return size;
        }
        let schema = self.schema;
        let mut payload = 0;
        for &ctor in &schema.boxed_types[index].constructors {
            if schema.constructors[ctor].fields.is_empty() {
                continue;
            }
            let size = self.struct_size(ctor);
            let held = if size > LARGE_VARIANT_BYTES {
                self.boxed_variant[ctor] = true;
                8
            } else {
                size
            };
            payload = payload.max(held);
        }
        // A tag, or a niche when there is no payload at all.
        let size = if payload == 0 { 1 } else { payload + 8 };
        self.enum_sizes[index] = Some(size);
        size
    }

    fn struct_size(&mut self, ctor: usize) -> usize {
        if let Some(size) = self.struct_sizes[ctor] {
            return size;
        }
        if !self.visiting.insert(ctor) {
            return 8;
        }
        let schema = self.schema;
        let def = &schema.constructors[ctor];
        let mut total = 0;
        for field in &def.fields {
            total += match field {
                Field::Bit { .. } => 1,
                Field::Required { param, boxed } => self.value_size(def, *param, *boxed, false),
                Field::Optional { param, boxed } => self.value_size(def, *param, *boxed, true),
                Field::Group { members, .. } => {
                    let inner: usize = members
                        .iter()
                        .map(|m| self.value_size(def, m.param, m.boxed, false))
                        .sum();
                    Self::round8(inner) + 8
                }
            };
        }
        self.visiting.remove(&ctor);
        let size = Self::round8(total);
        self.struct_sizes[ctor] = Some(size);
        size
    }

    fn value_size(&mut self, def: &Definition, param: usize, boxed: bool, optional: bool) -> usize {
        if boxed {
            return 8;
        }
        let Some(ty) = def.value_type(param) else {
            return 0;
        };
        let (size, niche) = self.type_size(ty);
        if optional && !niche {
            // A separate discriminant, padded to the value's alignment.
            size + size.clamp(1, 8)
        } else {
            size
        }
    }

    fn type_size(&mut self, ty: &TypeRef) -> (usize, bool) {
        match ty {
            TypeRef::Int => (4, false),
            TypeRef::Long | TypeRef::Double => (8, false),
            TypeRef::Int128 => (16, false),
            TypeRef::Int256 => (32, false),
            TypeRef::Bool | TypeRef::True => (1, true),
            TypeRef::String | TypeRef::Bytes | TypeRef::Vector { .. } => (24, true),
            TypeRef::Boxed(name) => match self.schema.boxed_position(name) {
                Some(index) => (self.boxed_size(index), true),
                None => (8, true),
            },
            TypeRef::Bare(name) => match self.schema.constructor_position(name) {
                Some(ctor) => (self.struct_size(ctor), false),
                None => (8, false),
            },
            TypeRef::Generic(_) => (8, true),
        }
    }
}

/// Tarjan's algorithm, iterative; returns the component number of each node.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; count];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // (node, next edge to visit)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index_of[node] == usize::MAX {
                index_of[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    fn model(text: &str) -> Schema {
        let loaded = load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
        build(&loaded).unwrap_or_else(|e| panic!("{e}"))
    }

    fn errors(text: &str) -> Vec<String> {
        let loaded = load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
        match build(&loaded) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e.diagnostics.iter().map(|d| d.message.clone()).collect(),
        }
    }

    #[test]
    fn shared_flag_bits_become_one_field() {
        let schema = model(
            "a#1 flags:# x:flags.0?true v:flags.1?int w:flags.1?long u:flags.1?true t:flags.2?int s:flags.2?true = A;",
        );
        let a = &schema.constructors[0];
        assert_eq!(
            a.fields,
            vec![
                Field::Bit { param: 1 },
                Field::Group {
                    bit: FlagBit { word: 0, bit: 1 },
                    members: vec![
                        GroupMember {
                            param: 2,
                            boxed: false
                        },
                        GroupMember {
                            param: 3,
                            boxed: false
                        }
                    ]
                },
                Field::Optional {
                    param: 5,
                    boxed: false
                },
            ]
        );
        assert_eq!(
            a.derived_bits,
            vec![
                DerivedBit { param: 4, field: 1 },
                DerivedBit { param: 6, field: 2 }
            ]
        );
    }

    #[test]
    fn true_flag_before_its_value_is_derived() {
        let schema = model("a#1 flags:# has:flags.0?true v:flags.0?int = A;");
        let a = &schema.constructors[0];
        assert_eq!(
            a.fields,
            vec![Field::Optional {
                param: 2,
                boxed: false
            }]
        );
        assert_eq!(a.derived_bits, vec![DerivedBit { param: 1, field: 0 }]);
    }

    #[test]
    fn recursion_is_boxed_only_where_needed() {
        let schema = model(
            "textPlain#1 text:string = RichText;\ntextBold#2 text:RichText = RichText;\ntextList#3 items:Vector<RichText> = RichText;\npage#4 title:RichText = Page;",
        );
        let boxed: Vec<bool> = schema
            .constructors
            .iter()
            .flat_map(|c| c.fields.iter())
            .map(|f| matches!(f, Field::Required { boxed: true, .. }))
            .collect();
        assert_eq!(boxed, [false, true, false, false]);
    }

    #[test]
    fn large_constructors_are_boxed_in_their_variant() {
        // big: 4 strings (96 bytes) > LARGE_VARIANT_BYTES; small: 8 bytes;
        // holder holds the enum, which stays small because `big` is boxed.
        let schema = model(
            "big#1 a:string b:string c:string d:string = Thing;\nsmall#2 x:int y:int = Thing;\nnothing#3 = Thing;\nholder#4 t:Thing u:Thing = Holder;",
        );
        let boxed: Vec<bool> = schema
            .constructors
            .iter()
            .map(|c| c.boxed_variant)
            .collect();
        assert_eq!(boxed, [true, false, false, false]);
        let mut layout = Layout::new(&schema);
        let thing = schema.boxed_position(&QualName::new(&[], "Thing")).unwrap();
        assert_eq!(
            layout.boxed_size(thing),
            16,
            "tag + the 8-byte payload of small"
        );
        assert_eq!(layout.struct_size(3), 32, "two 16-byte enums");
    }

    #[test]
    fn references_resolve() {
        let schema = model(
            "foo#1 = ns.Foo;\nbar#2 a:ns.Foo b:foo c:vector<foo> d:Vector<int> = Bar;\n---functions---\ninvoke#3 {X:Type} q:!X = X;",
        );
        let bar = &schema.constructors[1];
        let types: Vec<String> = (0..4)
            .map(|i| bar.value_type(i).unwrap().to_string())
            .collect();
        assert_eq!(types, ["ns.Foo", "foo", "vector<foo>", "Vector<int>"]);
        assert!(matches!(bar.value_type(1), Some(TypeRef::Bare(_))));
        assert_eq!(schema.functions[0].result, TypeRef::Generic("X".into()));
    }

    #[test]
    fn bad_definitions_are_all_reported() {
        let messages = errors(
            "a#1 x:Missing = A;\na#2 = A;\nb#1 = B;\nc#3 flags:# x:flags.40?int = C;\nd#4 x:int x:long = D;\ne#5 {X:Type} q:!X = X;",
        );
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(messages[0].contains("unknown type `Missing`"));
        assert!(messages[1].contains("defined twice"));
        assert!(messages[2].contains("already used"));
        assert!(messages[3].contains("out of range"));
        assert!(messages[4].contains("defined twice"));
        assert!(messages[5].contains("only supported on functions"));
    }

    #[test]
    fn result_types_must_be_identifiers() {
        for text in [
            "e=E o;",
            "e#1 = E#2;",
            "e = E:x;",
            "e = E?;",
            "e#1 = E = F;",
            "e#1 = a b.E;",
            "e = 1.E;",
        ] {
            let Ok(loaded) = load("t.tl", text) else {
                continue;
            };
            assert!(build(&loaded).is_err(), "{text} was accepted");
        }
    }

    #[test]
    fn missing_flags_field_is_reported_with_its_line() {
        let loaded = load("t.tl", "ok#1 = A;\nbad#2 x:flags.0?int = A;").unwrap_err();
        assert_eq!(loaded[0].span.line, 2);
        assert!(loaded[0].message.contains("not defined before"));
    }
}
