//! Boxed-type enums (`enums::…`): one variant per constructor.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec::early_return;
use super::{doc_attrs, docs, id_literal, Context, Side};
use crate::names::ident;

/// The enum and its impls for boxed type `index`.
pub fn boxed_type(cx: &Context<'_>, index: usize) -> Vec<TokenStream> {
    let boxed = &cx.schema.boxed_types[index];
    let side = Side::Types;
    let rt = cx.runtime(side);
    let name = ident(&cx.names.boxed_types[index]);
    let tl_name = boxed.name.to_string();

    // The description leads: it is the summary an IDE or an index shows.
    let mut doc = Vec::new();
    if let Some(text) = cx
        .config
        .descriptions
        .as_ref()
        .and_then(|d| d.boxed_type(&tl_name))
    {
        doc.push(text.to_owned());
        doc.push(String::new());
    }
    doc.push(format!(
        "Boxed type `{tl_name}` ({}): one variant per constructor.",
        cx.layer_text()
    ));
    doc.push(String::new());
    doc.push("Constructors:".to_owned());
    doc.push(String::new());
    let mut variants = Vec::new();
    let mut write_arms = Vec::new();
    let mut read_arms = Vec::new();
    let mut id_arms = Vec::new();
    for (position, &ctor_index) in boxed.constructors.iter().enumerate() {
        let ctor = &cx.schema.constructors[ctor_index];
        let variant = ident(&cx.names.variants[index][position]);
        let struct_path = cx.struct_path(&ctor.name, side);
        let id = id_literal(ctor.id);
        doc.push(format!(
            "- {} — `{}#{:08x}`",
            docs::link(&cx.names.constructors[ctor_index].struct_name, &struct_path),
            ctor.name,
            ctor.id
        ));
        let mut variant_lines = vec![format!(
            "`{}#{:08x}`: see {}.",
            ctor.name,
            ctor.id,
            docs::link(&cx.names.constructors[ctor_index].struct_name, &struct_path)
        )];
        if ctor.boxed_variant {
            variant_lines.push(String::new());
            variant_lines.push(
                "Boxed because the constructor is large: this keeps the enum small. \
                 `From` for the struct does the boxing."
                    .to_owned(),
            );
        }
        let variant_doc = doc_attrs(&variant_lines);
        if ctor.fields.is_empty() {
            variants.push(quote!(#variant_doc #variant,));
            write_arms.push(quote!(Self::#variant => out.extend_from_slice(&#id.to_le_bytes()),));
            read_arms.push(quote!(#id => Ok(Self::#variant),));
            id_arms.push(quote!(Self::#variant => #id,));
        } else {
            // Large constructors are held in a `Box` (see `boxed_variant`).
            let (held, wrap, by_ref) = if ctor.boxed_variant {
                (
                    quote!(Box<#struct_path>),
                    quote!(Box::new(value)),
                    quote!(&**value),
                )
            } else {
                (quote!(#struct_path), quote!(value), quote!(value))
            };
            variants.push(quote!(#variant_doc #variant(#held),));
            write_arms.push(quote! {
                Self::#variant(value) => #rt::Serializable::serialize_boxed(#by_ref, #id, out),
            });
            read_arms.push(
                quote!(#id => match <#struct_path as #rt::Deserializable>::deserialize(input) {
                Ok(value) => Ok(Self::#variant(#wrap)),
                Err(err) => Err(err),
            },),
            );
            id_arms.push(quote!(Self::#variant(_) => #id,));
        }
    }
    doc.push(String::new());
    doc.push(format!(
        "Telegram's page: <https://core.telegram.org/type/{tl_name}>"
    ));
    let doc = doc_attrs(&doc);

    let read_id = early_return(cx, side, quote!(input.read_u32()));
    let enter = early_return(cx, side, quote!(input.enter()));
    let table_index = proc_macro2::Literal::usize_unsuffixed(cx.offsets.boxed_types + index);
    let serde = cx.serde_impls(side, &name, &[], quote!(Boxed(#table_index)));
    vec![quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The constructor ID of the variant held.
            pub fn constructor_id(&self) -> u32 {
                match self {
                    #(#id_arms)*
                }
            }
        }
        impl #rt::Serializable for #name {
            /// Writes the constructor ID, then the constructor.
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                match self {
                    #(#write_arms)*
                }
            }
        }
        impl #rt::Deserializable for #name {
            /// Reads a constructor ID and the constructor it names.
            fn deserialize(input: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                let id = #read_id;
                #enter;
                // One result per arm (no `?` in each): smaller code.
                let value = match id {
                    #(#read_arms)*
                    _ => Err(input.unknown_constructor(id, #tl_name)),
                };
                input.leave();
                value
            }
        }
        #serde
    }]
}
