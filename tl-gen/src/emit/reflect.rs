//! `reflect.rs` of the types tree: every schema of the layer as static
//! tables (`CONSTRUCTORS`, `FUNCTIONS`, `BOXED_TYPES`) and their lookup
//! indexes (`TABLES`), read by the runtime's `reflect` module (`name_for_id`,
//! the dynamic decoder, TL-named serde).
//!
//! The tables hold every definition of every schema in schema order (the
//! first schema first); a type in a table is `Ty::Boxed(i)` or `Ty::Bare(i)`
//! with `i` an index into the whole `BOXED_TYPES` or `CONSTRUCTORS`.
//! `CONSTRUCTORS` and `FUNCTIONS` are written as rows (`reflect::rows`): a
//! short call per definition, then one per parameter of it, which
//! prettyplease keeps on one line each; `rows::constructors` and
//! `rows::functions` put the tables together at compile time.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::id_literal;
use crate::model::{Definition, ParamKind, Schema, TypeRef};
use crate::names::ident;
use crate::Error;

/// One schema of the layer and the module its items go under.
#[derive(Clone, Copy)]
pub struct LayerSchema<'a> {
    pub module: &'a [String],
    pub model: &'a Schema,
}

/// Where each schema's items start in the tables of the whole layer.
pub struct Offsets {
    pub constructors: Vec<usize>,
    pub boxed_types: Vec<usize>,
    pub functions: Vec<usize>,
}

impl Offsets {
    pub fn new<'a>(models: impl IntoIterator<Item = &'a Schema>) -> Self {
        let mut offsets = Offsets {
            constructors: Vec::new(),
            boxed_types: Vec::new(),
            functions: Vec::new(),
        };
        let (mut constructors, mut boxed, mut functions) = (0, 0, 0);
        for model in models {
            offsets.constructors.push(constructors);
            offsets.boxed_types.push(boxed);
            offsets.functions.push(functions);
            constructors += model.constructors.len();
            boxed += model.boxed_types.len();
            functions += model.functions.len();
        }
        offsets
    }
}

/// The rows of one table: a row per definition, each followed by a row per
/// parameter.
#[derive(Default)]
struct Rows {
    rows: Vec<TokenStream>,
    defs: usize,
    params: usize,
}

/// The items of `reflect.rs` for the layer's `schemas`, using the runtime
/// at `runtime` (`crate` in `tl-types`).
pub fn tables(schemas: &[LayerSchema<'_>], runtime: &TokenStream) -> Result<TokenStream, Error> {
    let tables = Tables::new(schemas);
    let constructors = tables.constructors()?;
    let functions = tables.functions()?;
    let boxed_types = tables.boxed_types();
    let constructors_doc = format!(
        " Every constructor of every schema ({}), in schema order.",
        constructors.defs
    );
    let functions_doc = format!(
        " Every method of every schema ({}), in schema order.",
        functions.defs
    );
    let boxed_types_doc = format!(
        " Every boxed type of every schema ({}), in order of first use",
        boxed_types.len()
    );
    let (constructor_count, constructor_params) =
        (index(constructors.defs), index(constructors.params));
    let (function_count, function_params) = (index(functions.defs), index(functions.params));
    let (constructor_rows, function_rows) = (&constructors.rows, &functions.rows);

    let all_constructors: Vec<&Definition> =
        schemas.iter().flat_map(|s| &s.model.constructors).collect();
    let all_functions: Vec<&Definition> = schemas.iter().flat_map(|s| &s.model.functions).collect();
    let constructors_by_id = sorted_positions(&all_constructors, |d| d.id)?;
    let functions_by_id = sorted_positions(&all_functions, |d| d.id)?;
    let constructors_by_name = sorted_positions(&all_constructors, |d| d.name.to_string())?;
    let functions_by_name = sorted_positions(&all_functions, |d| d.name.to_string())?;
    let mut builtins: Vec<(u32, String)> = Vec::new();
    for schema in schemas {
        for (id, name) in &schema.model.builtin_ids {
            if !builtins.iter().any(|(known, _)| known == id) {
                builtins.push((*id, name.clone()));
            }
        }
    }
    builtins.sort();
    let builtins = builtins.iter().map(|(id, name)| {
        let id = id_literal(*id);
        quote!((#id, #name))
    });

    Ok(quote! {
        #[allow(unused_imports)]
        use #runtime::reflect::rows::{self, constructor, flags, function, optional, param, Row};
        use #runtime::reflect::SchemaKind::*;
        use #runtime::reflect::{BoxedType, Constructor, Function, Param, Tables, Ty};

        /// The tables below with their lookup indexes.
        pub static TABLES: Tables = Tables {
            constructors: CONSTRUCTORS,
            functions: FUNCTIONS,
            boxed_types: BOXED_TYPES,
            constructors_by_id: &[#(#constructors_by_id),*],
            functions_by_id: &[#(#functions_by_id),*],
            constructors_by_name: &[#(#constructors_by_name),*],
            functions_by_name: &[#(#functions_by_name),*],
            builtins: &[#(#builtins),*],
        };

        #[doc = #constructors_doc]
        pub static CONSTRUCTORS: &[Constructor] =
            &rows::constructors::<#constructor_count>(CONSTRUCTOR_ROWS, &CONSTRUCTOR_PARAMS);

        /// The parameters of [`CONSTRUCTORS`], constructor by constructor.
        static CONSTRUCTOR_PARAMS: [Param; #constructor_params] = rows::params(CONSTRUCTOR_ROWS);

        /// [`CONSTRUCTORS`] as rows: each constructor (name, ID, schema, index in
        /// [`BOXED_TYPES`]), then its parameters.
        const CONSTRUCTOR_ROWS: &[Row<Constructor>] = &[#(#constructor_rows),*];

        #[doc = #functions_doc]
        pub static FUNCTIONS: &[Function] =
            &rows::functions::<#function_count>(FUNCTION_ROWS, &FUNCTION_PARAMS);

        /// The parameters of [`FUNCTIONS`], method by method.
        static FUNCTION_PARAMS: [Param; #function_params] = rows::params(FUNCTION_ROWS);

        /// [`FUNCTIONS`] as rows: each method (name, ID, schema, result type as
        /// written), then its parameters.
        const FUNCTION_ROWS: &[Row<Function>] = &[#(#function_rows),*];

        #[doc = #boxed_types_doc]
        /// as a constructor's type.
        pub static BOXED_TYPES: &[BoxedType] = &[#(#boxed_types),*];
    })
}

/// The positions of `items` sorted by `key` (ties keep schema order: the
/// first schema wins a lookup), as `u32` literals.
fn sorted_positions<K: Ord>(
    items: &[&Definition],
    key: impl Fn(&Definition) -> K,
) -> Result<Vec<Literal>, Error> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| key(items[i]));
    order
        .into_iter()
        .map(|i| {
            u32::try_from(i).map(Literal::u32_unsuffixed).map_err(|_| {
                Error::plain(
                    "reflect",
                    "more than 2^32 definitions in one table".to_owned(),
                )
            })
        })
        .collect()
}

/// `3`: an index without a type suffix.
fn index(value: usize) -> Literal {
    Literal::usize_unsuffixed(value)
}

/// The layer's schemas with their offsets in the tables.
struct Tables<'a> {
    schemas: &'a [LayerSchema<'a>],
    /// The `SchemaKind` variant naming each schema (`Api`, `Mtproto`).
    kinds: Vec<Ident>,
    offsets: Offsets,
}

impl<'a> Tables<'a> {
    fn new(schemas: &'a [LayerSchema<'a>]) -> Self {
        // The runtime knows `Api` (the crate root) and `Mtproto`; a schema
        // generated under any other module is `Other`.
        let kinds = schemas
            .iter()
            .map(|schema| match schema.module {
                [] => ident("Api"),
                [only] if only == "mtproto" => ident("Mtproto"),
                _ => ident("Other"),
            })
            .collect();
        Tables {
            schemas,
            kinds,
            offsets: Offsets::new(schemas.iter().map(|s| s.model)),
        }
    }

    /// The rows of `CONSTRUCTORS`.
    fn constructors(&self) -> Result<Rows, Error> {
        let mut rows = Rows::default();
        for (s, schema) in self.schemas.iter().enumerate() {
            let kind = &self.kinds[s];
            for ctor in &schema.model.constructors {
                let name = ctor.name.to_string();
                let id = hex(ctor.id);
                let boxed = match &ctor.result {
                    TypeRef::Boxed(result) => schema.model.boxed_position(result),
                    _ => None,
                };
                let Some(boxed) = boxed else {
                    let message = format!("constructor `{name}` has no boxed type");
                    return Err(Error::plain(&schema.model.file, message));
                };
                let boxed = index(self.offsets.boxed_types[s] + boxed);
                let head = quote!(constructor(#name, #id, #kind, #boxed));
                self.push_rows(&mut rows, head, s, ctor)?;
            }
        }
        Ok(rows)
    }

    /// The rows of `FUNCTIONS`.
    fn functions(&self) -> Result<Rows, Error> {
        let mut rows = Rows::default();
        for (s, schema) in self.schemas.iter().enumerate() {
            let kind = &self.kinds[s];
            for function in &schema.model.functions {
                let name = function.name.to_string();
                let id = hex(function.id);
                let returns = function.result.to_string();
                let head = quote!(function(#name, #id, #kind, #returns));
                self.push_rows(&mut rows, head, s, function)?;
            }
        }
        Ok(rows)
    }

    /// The `BoxedType::new(..)` entries.
    fn boxed_types(&self) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for (s, schema) in self.schemas.iter().enumerate() {
            let kind = &self.kinds[s];
            for boxed in &schema.model.boxed_types {
                let name = boxed.name.to_string();
                let constructors = boxed
                    .constructors
                    .iter()
                    .map(|c| index(self.offsets.constructors[s] + c));
                out.push(quote!(BoxedType::new(#name, #kind, &[#(#constructors),*])));
            }
        }
        out
    }

    /// Adds the row `head` of definition `def` (of schema `s`), then a row
    /// per parameter of it.
    fn push_rows(
        &self,
        rows: &mut Rows,
        head: TokenStream,
        s: usize,
        def: &Definition,
    ) -> Result<(), Error> {
        rows.rows.push(head);
        rows.defs += 1;
        for param in &def.params {
            let name = &param.name;
            rows.rows.push(match &param.kind {
                ParamKind::FlagsWord => quote!(flags(#name)),
                ParamKind::Value { ty, flag: None } => {
                    let ty = self.ty(s, ty)?;
                    quote!(param(#name, #ty))
                }
                ParamKind::Value {
                    ty,
                    flag: Some(flag),
                } => {
                    let ty = self.ty(s, ty)?;
                    let word = index(flag.word);
                    let bit = Literal::u32_unsuffixed(flag.bit);
                    quote!(optional(#name, #ty, #word, #bit))
                }
            });
            rows.params += 1;
        }
        Ok(())
    }

    /// The `Ty` of a type reference in schema `s`.
    fn ty(&self, s: usize, ty: &TypeRef) -> Result<TokenStream, Error> {
        let schema = self.schemas[s].model;
        Ok(match ty {
            TypeRef::Int => quote!(Ty::Int),
            TypeRef::Long => quote!(Ty::Long),
            TypeRef::Double => quote!(Ty::Double),
            TypeRef::String => quote!(Ty::String),
            TypeRef::Bytes => quote!(Ty::Bytes),
            TypeRef::Int128 => quote!(Ty::Int128),
            TypeRef::Int256 => quote!(Ty::Int256),
            TypeRef::Bool => quote!(Ty::Bool),
            TypeRef::True => quote!(Ty::True),
            TypeRef::Generic(_) => quote!(Ty::Generic),
            TypeRef::Vector { bare, element } => {
                let element = self.ty(s, element)?;
                if *bare {
                    quote!(Ty::bare_vector(&#element))
                } else {
                    quote!(Ty::vector(&#element))
                }
            }
            TypeRef::Boxed(name) => {
                let Some(position) = schema.boxed_position(name) else {
                    let message = format!("unknown boxed type `{name}`");
                    return Err(Error::plain(&schema.file, message));
                };
                let position = index(self.offsets.boxed_types[s] + position);
                quote!(Ty::Boxed(#position))
            }
            TypeRef::Bare(name) => {
                let position = bare_position(schema, name)?;
                let position = index(self.offsets.constructors[s] + position);
                quote!(Ty::Bare(#position))
            }
        })
    }
}

/// The position in `schema.constructors` of bare type `name`: a constructor,
/// or (`%T`) the one constructor of boxed type `T`.
pub fn bare_position(schema: &Schema, name: &crate::model::QualName) -> Result<usize, Error> {
    match schema.constructor_position(name) {
        Some(position) => Ok(position),
        None => match schema.boxed_type(name) {
            Some(boxed) if boxed.constructors.len() == 1 => Ok(boxed.constructors[0]),
            _ => {
                let message = format!("bare type `{name}` names no single constructor");
                Err(Error::plain(&schema.file, message))
            }
        },
    }
}

/// `0x1cb5c415`: an ID without a type suffix.
pub(crate) fn hex(id: u32) -> syn::LitInt {
    syn::LitInt::new(&format!("0x{id:08x}"), proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use crate::Config;

    /// A schema under a module other than the root or `mtproto` (say,
    /// secret chats) still gets tables, with the kind `Other`.
    #[test]
    fn any_module_gets_tables() {
        let config = Config::new()
            .schema("api.tl", "peer id:int = Peer;".to_owned(), &[])
            .schema(
                "secret.tl",
                "decryptedMessage text:string = DecryptedMessage;".to_owned(),
                &["secret"],
            );
        let files = crate::generate(&config).unwrap_or_else(|e| panic!("{e}"));
        let Some(reflect) = files.iter().find(|f| f.path.ends_with("/reflect.rs")) else {
            panic!("no reflect.rs");
        };
        assert!(
            reflect
                .contents
                .contains("constructor(\"decryptedMessage\", 0x"),
            "{}",
            reflect.contents
        );
        assert!(
            reflect.contents.contains(", Other, 1)"),
            "{}",
            reflect.contents
        );
        assert!(
            reflect.contents.contains(", Api, 0)"),
            "{}",
            reflect.contents
        );
    }
}
