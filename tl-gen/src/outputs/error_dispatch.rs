//! `tests/tests/support/error_dispatch.rs`: for every method of the layer,
//! by its TL name, the conversion of an `RpcError` into that method's error
//! enum, reporting `code()`, `name()`, `value()` and whether it fell through
//! to `Other` or `Common`. The test `method_errors.rs` uses it to check that
//! every known error of every method converts and reproduces its facts.

use quote::quote;

use super::{layer_file, use_roots, NamedSchema};
use crate::names::error_enum as enum_name;
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/tests/support/error_dispatch.rs";

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
    let roots = use_roots(schemas, "tl_methods", "errors");
    let mut methods = Vec::new();
    let mut arms = Vec::new();
    for schema in schemas {
        for (index, function) in schema.model.functions.iter().enumerate() {
            let tl_name = function.name.to_string();
            let name = enum_name(&schema.names.functions[index].struct_name);
            let path = schema.item_path("errors", &function.name.namespace, &name);
            arms.push(quote!(#tl_name => classify!(#path, err),));
            methods.push(tl_name);
        }
    }
    let tokens = quote! {
        //! Converts an `RpcError` with the error enum of a method named by its TL name.

        use tl_methods::RpcError;

        /// What a method's error enum made of an error.
        #[derive(Debug, PartialEq, Eq)]
        pub struct Classified {
            pub code: i32,
            pub name: String,
            pub value: Option<u32>,
            pub other: bool,
            pub common: bool,
            pub display: String,
        }

        macro_rules! classify {
            ($($seg:ident)::+, $err:expr) => {{
                let err = $($seg)::+::from($err);
                Classified {
                    code: err.code(),
                    name: err.name().to_owned(),
                    value: err.value(),
                    other: matches!(err, $($seg)::+::Other(_)),
                    common: matches!(err, $($seg)::+::Common(_)),
                    display: err.to_string(),
                }
            }};
        }

        /// Every method's TL name.
        pub const METHODS: &[&str] = &[#(#methods),*];

        /// Converts `err` with the error enum of `method`; `None` for an unknown method.
        pub fn classify(method: &str, err: RpcError) -> Option<Classified> {
            #roots
            let classified = match method {
                #(#arms)*
                _ => return None,
            };
            Some(classified)
        }
    };
    layer_file(PATH, &tokens, command, schemas)
}
