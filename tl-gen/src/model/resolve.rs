//! Resolution: every parameter's written type to a [`TypeRef`], generics,
//! flag conditions and names checked, one definition at a time.

use std::collections::BTreeSet;

use grammers_tl_parser::tl;

use super::collect::NameTables;
use super::fields::build_fields;
use super::ir::*;
use crate::diagnostic::Diagnostic;
use crate::load::{RawDefinition, Section};

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

/// Resolves one definition against the schema's names.
pub struct Resolver<'a> {
    pub raw: &'a RawDefinition,
    pub names: &'a NameTables,
}

impl Resolver<'_> {
    pub fn check_identifier(&self, name: &QualName) -> Result<(), Diagnostic> {
        let valid = |part: &str| is_identifier(part, Leading::Letter);
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

    pub fn definition(
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
            if !is_identifier(&param.name, Leading::LetterOrUnderscore) {
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
                let identifier = |part: &str| is_identifier(part, Leading::Letter);
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
            return match self.names.boxed_constructors.get(&boxed).map(Vec::as_slice) {
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
        if self.names.boxed.contains(&name) {
            return Ok(TypeRef::Boxed(name));
        }
        if self.names.constructors.contains_key(&name) {
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
