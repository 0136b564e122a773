//! `tests/src/generated/dispatch.rs`: the layer's schemas as static tables
//! (`CONSTRUCTORS`, `FUNCTIONS`, `BOXED_TYPES`, which the random value
//! generator of `tl-tests` reads), and `reencode_boxed` /
//! `reencode_function`, which decode bytes as the type (or method) that the
//! leading ID belongs to, with `tl-types` / `tl-methods`, and encode the
//! value again.
//!
//! The tables hold every definition of every schema in schema order (the
//! first schema first); a type in a table is `Ty::Boxed(i)` or `Ty::Bare(i)`
//! with `i` an index into the whole `BOXED_TYPES` or `CONSTRUCTORS`.
//! `CONSTRUCTORS` and `FUNCTIONS` are written as rows (`tl_tests::schema::rows`):
//! a short call per definition, then one per parameter of it, which
//! prettyplease keeps on one line each; `rows::constructors` and
//! `rows::functions` put the tables together at compile time.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{boxed_arms, function_arms, hex, index, method_type, stand_in, NamedSchema};
use super::{layer_file, use_roots, GENERIC_STAND_IN};
use crate::model::{Definition, ParamKind, TypeRef};
use crate::names::{ident, pascal};
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/src/generated/dispatch.rs";

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
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
    let boxed_dispatch = boxed_dispatch(schemas);
    let function_dispatch = function_dispatch(schemas);
    let tokens = quote! {
        //! The schemas as static tables, and decode/encode dispatch by constructor
        //! ID through `tl-types` and `tl-methods`.
        //!
        //! [`CONSTRUCTORS`], [`FUNCTIONS`] and [`BOXED_TYPES`] hold every
        //! definition in schema order (`api.tl` first); `Ty::Boxed` and `Ty::Bare`
        //! are indexes into [`BOXED_TYPES`] and [`CONSTRUCTORS`]. The first two
        //! are written as [`rows`]: a row per definition, then a row per
        //! parameter of it.

        use crate::schema::rows::{self, constructor, flags, function, optional, param, Row};
        use crate::schema::SchemaKind::*;
        use crate::schema::{BoxedType, Constructor, Function, Param, Ty};

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

        #boxed_dispatch
        #function_dispatch
    };
    layer_file(PATH, &tokens, command, schemas)
}

/// The rows of one table: a row per definition, each followed by a row per
/// parameter.
#[derive(Default)]
struct Rows {
    rows: Vec<TokenStream>,
    defs: usize,
    params: usize,
}

/// Where each schema's items start in the tables of the whole layer.
struct Tables<'a> {
    schemas: &'a [NamedSchema],
    /// The `SchemaKind` variant naming each schema (`Api`, `Mtproto`).
    kinds: Vec<Ident>,
    constructor_offsets: Vec<usize>,
    boxed_offsets: Vec<usize>,
}

impl<'a> Tables<'a> {
    fn new(schemas: &'a [NamedSchema]) -> Self {
        let mut tables = Tables {
            schemas,
            kinds: Vec::new(),
            constructor_offsets: Vec::new(),
            boxed_offsets: Vec::new(),
        };
        let (mut constructors, mut boxed) = (0, 0);
        for schema in schemas {
            let kind = match schema.module.as_slice() {
                [] => "Api".to_owned(),
                parts => pascal(&parts.join("_")),
            };
            tables.kinds.push(ident(&kind));
            tables.constructor_offsets.push(constructors);
            tables.boxed_offsets.push(boxed);
            constructors += schema.model.constructors.len();
            boxed += schema.model.boxed_types.len();
        }
        tables
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
                let boxed = index(self.boxed_offsets[s] + boxed);
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
                    .map(|c| index(self.constructor_offsets[s] + c));
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
        let schema = &self.schemas[s].model;
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
                let position = index(self.boxed_offsets[s] + position);
                quote!(Ty::Boxed(#position))
            }
            TypeRef::Bare(name) => {
                // `%T` names the boxed type of a single-constructor type.
                let position = match schema.constructor_position(name) {
                    Some(position) => position,
                    None => match schema.boxed_type(name) {
                        Some(boxed) if boxed.constructors.len() == 1 => boxed.constructors[0],
                        _ => {
                            let message = format!("bare type `{name}` names no single constructor");
                            return Err(Error::plain(&schema.file, message));
                        }
                    },
                };
                let position = index(self.constructor_offsets[s] + position);
                quote!(Ty::Bare(#position))
            }
        })
    }
}

/// `reencode_boxed`: one arm per boxed type, picked by its constructors' IDs.
fn boxed_dispatch(schemas: &[NamedSchema]) -> TokenStream {
    let roots = use_roots(schemas, "tl_types", "enums");
    let arms = boxed_arms(schemas).into_iter().map(|arm| {
        let ids = arm.ids.iter().map(|&id| hex(id));
        let path = arm.schema.enum_path(arm.index);
        quote!(#(#ids)|* => reencode::<#path>,)
    });
    quote! {
        /// Decodes and re-encodes a value (a boxed type or a method) of its type.
        fn reencode<T: tl_types::Deserializable + tl_types::Serializable>(
            bytes: &[u8],
        ) -> Result<Vec<u8>, tl_types::DecodeError> {
            T::from_bytes(bytes).map(|value| tl_types::Serializable::to_bytes(&value))
        }

        /// Reads the constructor ID in the first four bytes of `bytes`, decodes all
        /// of `bytes` (ID included) as the boxed type (`tl_types::enums::…` or
        /// `tl_types::mtproto::enums::…`) that constructor belongs to, with
        /// `from_bytes` (so trailing bytes are an error), and encodes the value
        /// again with `to_bytes`.
        ///
        /// `None` if `bytes` is shorter than four bytes or the ID is not a
        /// constructor of any schema.
        pub fn reencode_boxed(bytes: &[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>> {
            #roots
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            let picked: fn(&[u8]) -> Result<Vec<u8>, tl_types::DecodeError> = match id {
                #(#arms)*
                _ => return None,
            };
            Some(picked(bytes))
        }
    }
}

/// `GENERIC_STAND_IN` and `reencode_function`: one arm per method ID.
fn function_dispatch(schemas: &[NamedSchema]) -> TokenStream {
    let roots = use_roots(schemas, "tl_methods", "functions");
    let stand_in = stand_in(schemas);
    let stand_in_path = stand_in.map(|(schema, index)| schema.function_path(index));
    let arms = function_arms(schemas)
        .into_iter()
        .filter_map(|(schema, index)| {
            let function = &schema.model.functions[index];
            let path = schema.function_path(index);
            let ty = method_type(path, function.generics.len(), stand_in_path.as_ref())?;
            let id = hex(function.id);
            Some(quote!(#id => reencode::<#ty>,))
        });
    let stand_in_name = match stand_in {
        Some(_) => quote!(Some(#GENERIC_STAND_IN)),
        None => quote!(None),
    };
    quote! {
        /// The method that stands in for `X` in generic methods such as
        /// `invokeWithLayer {X:Type} query:!X = X` in [`reencode_function`].
        pub const GENERIC_STAND_IN: Option<&str> = #stand_in_name;

        /// Reads the method ID in the first four bytes of `bytes`, decodes all of
        /// `bytes` as that method (`tl_methods::functions::…` or
        /// `tl_methods::mtproto::functions::…`; a generic method with
        /// [`GENERIC_STAND_IN`] as its query type) and encodes it again.
        ///
        /// `None` if `bytes` is shorter than four bytes or the ID is not a method of
        /// any schema (or a generic method without a stand-in).
        pub fn reencode_function(bytes: &[u8]) -> Option<Result<Vec<u8>, tl_types::DecodeError>> {
            #roots
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            let picked: fn(&[u8]) -> Result<Vec<u8>, tl_types::DecodeError> = match id {
                #(#arms)*
                _ => return None,
            };
            Some(picked(bytes))
        }
    }
}
