//! `CommonError`: the errors any method may return, generated from
//! `common-errors.tsv` (the same list the per-method enums route to their
//! `Common` variant), plus `Internal`, the catch-all for code 500.
//!
//! Generated here: the enum and its name-driven impls (`from_rpc_named`,
//! `code`, `expected_code`, `name`, `value`). The methods runtime
//! (`tl-methods/src/rpc_error.rs`) adds what does not depend on the list:
//! `from_rpc`, `from_rpc_internal`, `message`, `to_rpc`, `Display`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, Context};
use crate::error_facts::parse_error_template;
use crate::names::{error_value_field, error_variants, ident};

/// The enum and its impls.
pub fn common_error(cx: &Context<'_>) -> Vec<TokenStream> {
    let rt = cx.methods_runtime();
    let list = &cx.config.common_errors;
    let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
    let variant_names = error_variants(&names, &["Internal"]);

    let mut decl = Vec::new();
    let mut exact = Vec::new();
    let mut templated = Vec::new();
    let mut code_arms = Vec::new();
    let mut expected_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut value_arms = Vec::new();
    for (error, variant_name) in list.iter().zip(&variant_names) {
        let variant = ident(variant_name);
        let name = &error.name;
        let expected = error.code;
        let code_line = format!("`{} {name}`", error.code);
        let doc = match cx
            .config
            .descriptions
            .as_ref()
            .and_then(|d| d.error_name(name))
        {
            // The description leads: it is the summary an IDE shows.
            Some(text) => doc_attrs(&[text.to_owned(), String::new(), code_line]),
            None => doc_attrs(&[code_line]),
        };
        let template = parse_error_template(name)
            .ok()
            .filter(|t| t.has_placeholder)
            .map(|t| (t.prefix, t.suffix));
        match template {
            None => {
                decl.push(quote!(#doc #variant { code: i32 },));
                exact.push(quote!(#name => Some(Self::#variant { code }),));
                value_arms.push(quote!(Self::#variant { .. } => None,));
            }
            Some((prefix, suffix)) => {
                let field = ident(error_value_field(name));
                decl.push(quote!(#doc #variant { code: i32, #field: u32 },));
                templated.push(quote! {
                    if let Some(#field) = #rt::rpc_error::match_template(#prefix, #suffix, message) {
                        return Some(Self::#variant { code, #field });
                    }
                });
                value_arms.push(quote!(Self::#variant { #field, .. } => Some(*#field),));
            }
        }
        code_arms.push(quote!(Self::#variant { code, .. } => *code,));
        expected_arms.push(quote!(Self::#variant { .. } => #expected,));
        name_arms.push(quote!(Self::#variant { .. } => #name,));
    }

    let doc = doc_attrs(&[
        "An error that any method may return, recognised from an [`RpcError`](crate::RpcError)."
            .to_owned(),
        String::new(),
        "Recognition goes by message only: the code Telegram documents for each".to_owned(),
        "message is stable, so a message arriving with another code is still".to_owned(),
        "recognised, and that code is kept in the `code` field so that".to_owned(),
        "[`CommonError::code`] and [`Display`](std::fmt::Display) reproduce the input.".to_owned(),
        "The one exception is [`CommonError::Internal`], which is recognised by its".to_owned(),
        "code, 500, because its messages vary.".to_owned(),
        String::new(),
        "Generated from `schema/common-errors.tsv`. `SLOWMODE_WAIT_%d` is not listed:".to_owned(),
        "only methods that post into a chat can meet a slow-mode limit, so it".to_owned(),
        "belongs to those methods' own errors.".to_owned(),
    ]);
    vec![quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonError {
            #(#decl)*
            /// Any other error with code 500: a server-side failure. The message is
            /// kept as received; retrying later usually helps.
            Internal { message: String },
        }
        impl CommonError {
            /// Recognises a common error by its name only (not the catch-all for
            /// code 500). Per-method error types try this first, then the method's
            /// own errors, then [`CommonError::from_rpc_internal`].
            #[doc(hidden)]
            pub fn from_rpc_named(err: &#rt::RpcError) -> Option<CommonError> {
                let code = err.code;
                let message = err.message.as_str();
                let exact = match message {
                    #(#exact)*
                    _ => None,
                };
                if exact.is_some() {
                    return exact;
                }
                #(#templated)*
                None
            }
            /// The code as received (for [`CommonError::Internal`], 500).
            pub fn code(&self) -> i32 {
                match self {
                    #(#code_arms)*
                    Self::Internal { .. } => 500,
                }
            }
            /// The code Telegram documents for this error, e.g. 420 for a flood
            /// wait. Usually equal to [`CommonError::code`].
            pub fn expected_code(&self) -> i32 {
                match self {
                    #(#expected_arms)*
                    Self::Internal { .. } => 500,
                }
            }
            /// Telegram's name for the error, with `%d` where the number goes, e.g.
            /// `FLOOD_WAIT_%d`. For [`CommonError::Internal`], the message as received.
            pub fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::Internal { message } => message,
                }
            }
            /// The number that stands for `%d` in [`CommonError::name`]: seconds to
            /// wait, or a data-centre id. `None` for names without a number.
            pub fn value(&self) -> Option<u32> {
                match self {
                    #(#value_arms)*
                    Self::Internal { .. } => None,
                }
            }
        }
    }]
}
