//! Per-method error enums (`errors::…::<Method>Error`).
//!
//! For each method: one variant per error the facts know for it, plus
//! `Common(CommonError)` and `Other(RpcError)`. Conversion from `RpcError`
//! tries, in order: the common errors by name, the method's own errors by
//! name (exact, or against the `%d` template), the common catch-all for
//! code 500, and finally `Other`. The name decides, not the code: Telegram
//! identifies an error by its message.

use proc_macro2::TokenStream;
use quote::quote;

use super::error_table::{describe_error, known_errors, table, variants};
use super::{doc_attrs, Context};
use crate::names::paths;
use crate::names::{error_enum as enum_name, ident};

/// The error enum and its impls for method `index`.
pub fn error_enum(cx: &Context<'_>, index: usize) -> Vec<TokenStream> {
    let def = &cx.schema.functions[index];
    let struct_name = &cx.names.functions[index].struct_name;
    let name = ident(&enum_name(struct_name));
    let rt = cx.methods_runtime();
    let known = known_errors(cx, def);
    let variants = variants(cx, known);

    let mut doc = vec![
        format!(
            "Errors of [`{}`]({}): the failures this method is documented to have, the common ones, and any other.",
            def.name,
            paths::link(&cx.function_path(&def.name.namespace, struct_name))
        ),
        String::new(),
    ];
    if known.is_empty() {
        doc.push("No errors specific to this method are known; any error arrives as".to_owned());
        doc.push("[`Self::Common`] or [`Self::Other`].".to_owned());
    } else {
        doc.extend(table(cx, def, known, Some(&variants)));
        doc.push(String::new());
        doc.push(
            "Errors any method can return are [`Self::Common`]; anything else is [`Self::Other`]."
                .to_owned(),
        );
    }
    let doc = doc_attrs(&doc);

    let mut decl = Vec::new();
    let mut exact = Vec::new();
    let mut templated = Vec::new();
    let mut code_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut value_arms = Vec::new();
    for v in &variants {
        let variant = ident(&v.variant);
        let codes: Vec<String> = v.codes.iter().map(i32::to_string).collect();
        let code_line = format!("`{} {}`", codes.join("/"), v.name);
        let variant_doc = match describe_error(cx, def, &v.name) {
            // The description leads: it is the summary an IDE shows.
            Some(text) => doc_attrs(&[text.to_owned(), String::new(), code_line]),
            None => doc_attrs(&[code_line]),
        };
        let name_text = &v.name;
        let first_code = v.codes.first().copied().unwrap_or(400);
        match (&v.template, v.keeps_code()) {
            (None, false) => {
                decl.push(quote!(#variant_doc #variant,));
                exact.push((name_text.clone(), quote!(Self::#variant)));
                code_arms.push(quote!(Self::#variant => #first_code,));
                name_arms.push(quote!(Self::#variant => #name_text,));
            }
            (None, true) => {
                decl.push(quote!(#variant_doc #variant { code: i32 },));
                exact.push((name_text.clone(), quote!(Self::#variant { code: err.code })));
                code_arms.push(quote!(Self::#variant { code } => *code,));
                name_arms.push(quote!(Self::#variant { .. } => #name_text,));
            }
            (Some((prefix, suffix, field)), keeps_code) => {
                let field_ident = ident(field);
                let (fields, build, code_arm) = if keeps_code {
                    (
                        quote!({ code: i32, #field_ident: u32 }),
                        quote!(Self::#variant { code: err.code, #field_ident }),
                        quote!(Self::#variant { code, .. } => *code,),
                    )
                } else {
                    (
                        quote!({ #field_ident: u32 }),
                        quote!(Self::#variant { #field_ident }),
                        quote!(Self::#variant { .. } => #first_code,),
                    )
                };
                decl.push(quote!(#variant_doc #variant #fields,));
                templated.push(quote! {
                    if let Some(#field_ident) = #rt::rpc_error::match_template(#prefix, #suffix, &err.message) {
                        return #build;
                    }
                });
                code_arms.push(code_arm);
                name_arms.push(quote!(Self::#variant { .. } => #name_text,));
                value_arms
                    .push(quote!(Self::#variant { #field_ident, .. } => Some(*#field_ident),));
            }
        }
    }

    let exact_match = match exact.len() {
        0 => quote!(),
        1 => {
            let (text, build) = &exact[0];
            quote! {
                if err.message == #text {
                    return #build;
                }
            }
        }
        _ => {
            let arms = exact
                .iter()
                .map(|(text, build)| quote!(#text => return #build,));
            quote! {
                match err.message.as_str() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };

    let source_rest = if variants.is_empty() {
        quote!()
    } else {
        quote!(_ => None,)
    };
    vec![quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #(#decl)*
            /// An error any method can return (flood waits, migrations, authorisation, internal errors).
            Common(#rt::CommonError),
            /// An error not known for this method, kept as received.
            Other(#rt::RpcError),
        }
        // Everything below is `#[inline]`: compiled in the crates that
        // handle this method's errors, not for all methods up front.
        impl From<#rt::RpcError> for #name {
            #[inline]
            fn from(err: #rt::RpcError) -> Self {
                if let Some(common) = #rt::CommonError::from_rpc_named(&err) {
                    return Self::Common(common);
                }
                #exact_match
                #(#templated)*
                if let Some(common) = #rt::CommonError::from_rpc_internal(&err) {
                    return Self::Common(common);
                }
                Self::Other(err)
            }
        }
        impl #name {
            /// The error code (`400`, `420`, …).
            #[inline]
            pub fn code(&self) -> i32 {
                match self {
                    #(#code_arms)*
                    Self::Common(err) => err.code(),
                    Self::Other(err) => err.code,
                }
            }
            /// Telegram's name for the error, with `%d` where a number stands
            /// (`FLOOD_WAIT_%d`); for [`Self::Other`], the message as received.
            #[inline]
            pub fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::Common(err) => err.name(),
                    Self::Other(err) => &err.message,
                }
            }
            /// The number standing for `%d`, if the name has one.
            #[inline]
            pub fn value(&self) -> Option<u32> {
                match self {
                    #(#value_arms)*
                    Self::Common(err) => err.value(),
                    _ => None,
                }
            }
        }
        impl std::fmt::Display for #name {
            /// `code MESSAGE`, e.g. `420 FLOOD_WAIT_17`.
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #rt::rpc_error::write_error(f, self.code(), self.name(), self.value())
            }
        }
        impl std::error::Error for #name {
            #[inline]
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Common(err) => Some(err),
                    Self::Other(err) => Some(err),
                    #source_rest
                }
            }
        }
    }]
}
