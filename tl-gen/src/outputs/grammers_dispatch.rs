//! `tests/tests/support/grammers_dispatch.rs`: `grammers_reencode_boxed`
//! and `grammers_reencode_function`, the dispatch of [`super::dispatch`]
//! through `grammers-tl-types` (a dev-dependency of the test crate only),
//! keyed by the IDs of our model, for the differential test.

use quote::quote;

use super::NamedSchema;
use super::{boxed_arms, function_arms, hex, layer_file, method_type, path, stand_in};
use crate::model::QualName;
use crate::names::ident;
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/tests/support/grammers_dispatch.rs";

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
    let boxed_arms = boxed_arms(schemas).into_iter().map(|arm| {
        let ids = arm.ids.iter().map(|&id| hex(id));
        let boxed = &arm.schema.model.boxed_types[arm.index];
        let path = grammers_path("enums", &boxed.name);
        quote!(#(#ids)|* => reencode::<#path>,)
    });
    let stand_in = stand_in(schemas)
        .map(|(schema, index)| grammers_path("functions", &schema.model.functions[index].name));
    let function_arms = function_arms(schemas)
        .into_iter()
        .filter_map(|(schema, index)| {
            let function = &schema.model.functions[index];
            let path = grammers_path("functions", &function.name);
            let ty = method_type(path, function.generics.len(), stand_in.as_ref())?;
            let id = hex(function.id);
            Some(quote!(#id => reencode_method::<#ty>,))
        });
    let tokens = quote! {
        //! Decode/encode dispatch by ID through `grammers-tl-types` (with its
        //! `tl-mtproto` feature, which puts `mtproto.tl` in the same `enums` and
        //! `functions` trees, and `deserializable-functions`), keyed by the IDs of
        //! *our* model. Only for tests: grammers is a dev-dependency of `tl-tests`.

        use grammers_tl_types::{Cursor, Deserializable, Serializable};

        /// Decodes a whole buffer with grammers (whose `from_bytes` ignores
        /// trailing bytes, so they are checked here).
        fn decode<T: Deserializable>(bytes: &[u8]) -> Result<T, String> {
            let mut cursor = Cursor::from_slice(bytes);
            let value = T::deserialize(&mut cursor).map_err(|e| e.to_string())?;
            match bytes.len() - cursor.pos() {
                0 => Ok(value),
                n => Err(format!("{n} trailing bytes at byte {}", cursor.pos())),
            }
        }

        /// Decodes and re-encodes a value of a boxed type.
        fn reencode<T: Deserializable + Serializable>(bytes: &[u8]) -> Result<Vec<u8>, String> {
            decode::<T>(bytes).map(|value| value.to_bytes())
        }

        /// Decodes and re-encodes a method: grammers' `deserialize` of a method
        /// reads its parameters only (the caller dispatches on the ID), while
        /// `serialize` writes the ID too.
        fn reencode_method<T: Deserializable + Serializable>(bytes: &[u8]) -> Result<Vec<u8>, String> {
            decode::<T>(bytes.get(4..).unwrap_or_default()).map(|value| value.to_bytes())
        }

        /// Like `tl_tests::reencode_boxed`, through `grammers_tl_types::enums`:
        /// the first four bytes pick the boxed type (by the constructor IDs of our
        /// model), the whole input is decoded as grammers' enum for it and encoded
        /// again. `None` for inputs shorter than four bytes and unknown IDs.
        #[allow(dead_code)]
        pub fn grammers_reencode_boxed(bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {
            use grammers_tl_types::enums;
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            let picked: fn(&[u8]) -> Result<Vec<u8>, String> = match id {
                #(#boxed_arms)*
                _ => return None,
            };
            Some(picked(bytes))
        }

        /// Like `tl_tests::reencode_function`, through `grammers_tl_types::functions`
        /// (generic methods with grammers' `help.getConfig` as the query type).
        #[allow(dead_code)]
        pub fn grammers_reencode_function(bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {
            use grammers_tl_types::functions;
            let id = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
            let picked: fn(&[u8]) -> Result<Vec<u8>, String> = match id {
                #(#function_arms)*
                _ => return None,
            };
            Some(picked(bytes))
        }
    };
    layer_file(PATH, &tokens, command, schemas)
}

/// `{tree}::{ns}::{Name}` (in `grammers_tl_types`) by grammers' naming rule
/// (`tree` is `enums` or `functions`, which the dispatch imports).
fn grammers_path(tree: &str, name: &QualName) -> syn::Path {
    let mut parts = vec![tree.to_owned()];
    parts.extend(name.namespace.iter().cloned());
    parts.push(grammers_type_name(&name.name));
    path(parts.iter().map(|part| ident(part)))
}

/// grammers' name of a type or constructor (its own rule, not ours):
/// `_` starts a new word, the first letter of a word is uppercased and an
/// uppercase letter lowercases the letter after it (`Server_DH_Params` →
/// `ServerDhParams`, `JSONValue` → `Jsonvalue`).
fn grammers_type_name(name: &str) -> String {
    #[derive(Clone, Copy)]
    enum Casing {
        Upper,
        Lower,
        Preserve,
    }
    let mut out = String::with_capacity(name.len());
    let mut casing = Casing::Upper;
    for c in name.chars() {
        if c == '_' {
            casing = Casing::Upper;
            continue;
        }
        let pushed = match casing {
            Casing::Upper => c.to_ascii_uppercase(),
            Casing::Lower => c.to_ascii_lowercase(),
            Casing::Preserve => c,
        };
        casing = match casing {
            Casing::Upper => Casing::Lower,
            _ if c.is_ascii_uppercase() => Casing::Lower,
            _ => Casing::Preserve,
        };
        out.push(pushed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grammers_type_name;

    #[test]
    fn grammers_names() {
        let cases = [
            ("InputPeer", "InputPeer"),
            ("Server_DH_Params", "ServerDhParams"),
            ("P_Q_inner_data", "PQInnerData"),
            ("JSONValue", "Jsonvalue"),
            ("ResPQ", "ResPq"),
            ("Set_client_DH_params_answer", "SetClientDhParamsAnswer"),
            ("ChatFull", "ChatFull"),
        ];
        for (tl, rust) in cases {
            assert_eq!(grammers_type_name(tl), rust, "{tl}");
        }
    }
}
