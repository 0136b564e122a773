//! `tests/tests/support/response_dispatch.rs`: for every method of the
//! layer, by its TL name, `RemoteCall::decode_response` of a response body,
//! reporting a value (by its `Debug` text), the method's own error (`code()`,
//! `name()`, `value()`, and whether it is `Other` or `Common`) or the decode
//! error. The test `receive.rs` sends every known error of every method
//! through it as an `rpc_error`, plain and inside `gzip_packed`.

use quote::quote;

use super::{in_crate, layer_file, method_type, stand_in, NamedSchema};
use crate::names::error_enum as enum_name;
use crate::{Error, GeneratedFile};

/// Where the file goes (relative to the workspace).
pub const PATH: &str = "tests/tests/support/response_dispatch.rs";

/// The file for the layer's `schemas`.
pub fn generate(schemas: &[NamedSchema], command: &str) -> Result<GeneratedFile, Error> {
    let stand_in_path = stand_in(schemas)
        .map(|(schema, index)| in_crate("tl_methods", &schema.function_path(index)));
    let mut methods = Vec::new();
    let mut arms = Vec::new();
    for schema in schemas {
        for (index, function) in schema.model.functions.iter().enumerate() {
            let path = in_crate("tl_methods", &schema.function_path(index));
            let Some(ty) = method_type(path, function.generics.len(), stand_in_path.as_ref())
            else {
                continue;
            };
            let tl_name = function.name.to_string();
            let name = enum_name(&schema.names.functions[index].struct_name);
            let error = in_crate(
                "tl_methods",
                &schema.item_path("errors", &function.name.namespace, &name),
            );
            arms.push(quote!(#tl_name => respond!(#ty, #error, body),));
            methods.push(tl_name);
        }
    }
    let tokens = quote! {
        //! `RemoteCall::decode_response` of the method named by its TL name.

        use tl_methods::{RemoteCall, ResponseError};
        use tl_types::DecodeError;

        /// What `decode_response` made of a body.
        #[derive(Debug, PartialEq, Eq)]
        pub enum Response {
            /// A value of the method's return type, by its `Debug` text.
            Value(String),
            /// The method's own error.
            Rpc {
                code: i32,
                name: String,
                value: Option<u32>,
                other: bool,
                common: bool,
            },
            /// The body did not decode.
            Decode(DecodeError),
        }

        macro_rules! respond {
            ($method:ty, $($seg:ident)::+, $body:expr) => {
                match <$method as RemoteCall>::decode_response($body) {
                    Ok(value) => Response::Value(format!("{value:?}")),
                    Err(ResponseError::Rpc(err)) => Response::Rpc {
                        code: err.code(),
                        name: err.name().to_owned(),
                        value: err.value(),
                        other: matches!(err, $($seg)::+::Other(_)),
                        common: matches!(err, $($seg)::+::Common(_)),
                    },
                    Err(ResponseError::Decode(err)) => Response::Decode(err),
                }
            };
        }

        /// Every method's TL name that `decode_response` knows (generic
        /// methods with the stand-in query type).
        pub const METHODS: &[&str] = &[#(#methods),*];

        /// Decodes `body` as the response to `method`; `None` for an unknown method.
        pub fn decode_response(method: &str, body: &[u8]) -> Option<Response> {
            Some(match method {
                #(#arms)*
                _ => return None,
            })
        }
    };
    layer_file(PATH, &tokens, command, schemas)
}
