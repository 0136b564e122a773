//! `tests/src/generated/dispatch.rs`: `visit_boxed` / `visit_function`,
//! which call a visitor (`tl_tests::Visit`) with the type (or method) that
//! the leading ID of some bytes belongs to, in `tl-types` / `tl-methods`:
//! the round-trip tests decode and encode again, the JSON tests go through
//! serde. (The
//! schemas as tables, which the random value generator of `tl-tests` reads,
//! are `tl_types::reflect`.)

use proc_macro2::TokenStream;
use quote::quote;

use super::{boxed_arms, function_arms, hex, method_type, stand_in, NamedSchema};
use super::{layer_file, use_roots, GENERIC_STAND_IN};
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/src/generated/dispatch.rs";

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
    let boxed_dispatch = boxed_dispatch(schemas);
    let function_dispatch = function_dispatch(schemas);
    let tokens = quote! {
        //! Decode/encode dispatch by constructor ID through `tl-types` and
        //! `tl-methods`.

        #boxed_dispatch
        #function_dispatch
    };
    layer_file(PATH, &tokens, command, schemas)
}

/// `reencode_boxed`: one arm per boxed type, picked by its constructors' IDs.
fn boxed_dispatch(schemas: &[NamedSchema]) -> TokenStream {
    let roots = use_roots(schemas, "tl_types", "enums");
    let arms = boxed_arms(schemas).into_iter().map(|arm| {
        let ids = arm.ids.iter().map(|&id| hex(id));
        let path = arm.schema.enum_path(arm.index);
        quote!(#(#ids)|* => visitor.visit::<#path>(bytes),)
    });
    quote! {
        /// Reads the constructor ID in the first four bytes of `bytes` and calls
        /// `visitor` with the boxed type (`tl_types::enums::…` or
        /// `tl_types::mtproto::enums::…`) that constructor belongs to.
        ///
        /// `None` if `bytes` is shorter than four bytes or the ID is not a
        /// constructor of any schema.
        pub fn visit_boxed<V: crate::Visit>(bytes: &[u8], visitor: V) -> Option<V::Output> {
            #roots
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            Some(match id {
                #(#arms)*
                _ => return None,
            })
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
            Some(quote!(#id => visitor.visit::<#ty>(bytes),))
        });
    let stand_in_name = match stand_in {
        Some(_) => quote!(Some(#GENERIC_STAND_IN)),
        None => quote!(None),
    };
    quote! {
        /// The method that stands in for `X` in generic methods such as
        /// `invokeWithLayer {X:Type} query:!X = X` in [`visit_function`].
        pub const GENERIC_STAND_IN: Option<&str> = #stand_in_name;

        /// Reads the method ID in the first four bytes of `bytes` and calls
        /// `visitor` with that method's struct (`tl_methods::functions::…` or
        /// `tl_methods::mtproto::functions::…`; a generic method with
        /// [`GENERIC_STAND_IN`] as its query type).
        ///
        /// `None` if `bytes` is shorter than four bytes or the ID is not a method of
        /// any schema (or a generic method without a stand-in).
        pub fn visit_function<V: crate::Visit>(bytes: &[u8], visitor: V) -> Option<V::Output> {
            #roots
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            Some(match id {
                #(#arms)*
                _ => return None,
            })
        }
    }
}
