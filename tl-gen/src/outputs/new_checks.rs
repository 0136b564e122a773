//! `tests/tests/support/new_checks.rs`: for every struct of the layer that
//! has `new` (a constructor or method with an optional parameter), by its
//! constructor ID, the bytes of `new(<its required fields>)` beside the
//! bytes of the full struct literal with the same required fields and every
//! optional one unset. The test `construction.rs` feeds it random values of
//! every such struct and compares the two.

use quote::quote;

use super::{in_crate, layer_file, NamedSchema};
use crate::emit::construct::has_new;
use crate::model::{Definition, Field};
use crate::names::ident;
use crate::names::schema_names::DefinitionNames;
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/tests/support/new_checks.rs";

/// The arm that decodes a value of `def` and builds it both ways (the
/// `check!` macro of the generated file does the work).
fn arm(
    def: &Definition,
    names: &DefinitionNames,
    path: &syn::Path,
    bare: bool,
) -> proc_macro2::TokenStream {
    let id = crate::emit::id_literal(def.id);
    let (mut required, mut bits, mut optional) = (Vec::new(), Vec::new(), Vec::new());
    for (index, field) in def.fields.iter().enumerate() {
        let name = ident(&names.fields[index]);
        match field {
            Field::Required { .. } => required.push(name),
            Field::Bit { .. } => bits.push(name),
            Field::Optional { .. } | Field::Group { .. } => optional.push(name),
        }
    }
    let how = if bare { quote!(bare) } else { quote!(boxed) };
    quote! {
        #id => check!(#how #path, bytes, [#(#required),*], [#(#bits),*], [#(#optional),*]),
    }
}

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
    let mut arms = Vec::new();
    for schema in schemas {
        let model = &schema.model;
        for (def, names) in model.constructors.iter().zip(&schema.names.constructors) {
            if has_new(def) {
                let path = in_crate(
                    "tl_types",
                    &schema.item_path("types", &def.name.namespace, &names.struct_name),
                );
                arms.push(arm(def, names, &path, true));
            }
        }
        for (def, names) in model.functions.iter().zip(&schema.names.functions) {
            if has_new(def) && def.generics.is_empty() {
                let path = in_crate(
                    "tl_methods",
                    &schema.item_path("functions", &def.name.namespace, &names.struct_name),
                );
                arms.push(arm(def, names, &path, false));
            }
        }
    }
    let count = arms.len();
    let tokens = quote! {
        //! `new` against the full struct literal, for every struct that has `new`.

        use tl_types::{DecodeError, Deserializable, Reader, Serializable};

        /// Decodes a value of `$path` (bare after the ID, or boxed), then
        /// builds the full literal and `new` from its required fields.
        macro_rules! check {
            (@decode bare $ty:ty, $bytes:expr) => {
                <$ty as Deserializable>::deserialize(&mut Reader::new(&$bytes[4..]))
            };
            (@decode boxed $ty:ty, $bytes:expr) => {
                <$ty as Deserializable>::from_bytes($bytes)
            };
            ($how:ident $($seg:ident)::+, $bytes:expr, [$($required:ident),*], [$($bit:ident),*], [$($optional:ident),*]) => {{
                // Unused when every parameter is optional.
                #[allow(unused_variables)]
                let value = match check!(@decode $how $($seg)::+, $bytes) {
                    Ok(value) => value,
                    Err(err) => return Some(Err(err)),
                };
                let literal = $($seg)::+ {
                    $($required: value.$required.clone(),)*
                    $($bit: false,)*
                    $($optional: None,)*
                };
                let built = $($seg)::+::new($(value.$required.clone()),*);
                (literal.to_bytes(), built.to_bytes())
            }};
        }

        /// The bytes of the full literal and of `new`.
        pub type LiteralAndNew = (Vec<u8>, Vec<u8>);

        /// How many structs have `new` (methods with generic parameters aside).
        pub const WITH_NEW: usize = #count;

        /// Decodes `bytes` (a constructor or method, by its leading ID; a
        /// constructor is read bare after its ID) and returns the bytes of the
        /// full literal with its required fields and every optional one unset,
        /// and the bytes of `new` with the same required fields. `None` for an
        /// ID without `new`.
        pub fn literal_and_new(bytes: &[u8]) -> Option<Result<LiteralAndNew, DecodeError>> {
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            Some(Ok(match id {
                #(#arms)*
                _ => return None,
            }))
        }
    };
    layer_file(PATH, &tokens, command, schemas)
}
