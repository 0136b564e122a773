//! Method structs (`functions::…`): fields, codec and `RemoteCall`.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec::{early_return, read_params, write_params, Lead};
use super::types::{derived_methods, group_path, group_structs, struct_item};
use super::{doc_attrs, docs, id_literal, Context, Side};
use crate::model::TypeRef;
use crate::names::ident;

/// The struct and impls for method `index`.
pub fn function(cx: &Context<'_>, index: usize) -> Vec<TokenStream> {
    let def = &cx.schema.functions[index];
    let names = &cx.names.functions[index];
    let side = Side::Methods;
    let rt = cx.runtime(side);
    let read_id = early_return(cx, side, quote!(input.read_u32()));
    let methods_rt = cx.methods_runtime();
    let name = ident(&names.struct_name);
    let tl_name = def.name.to_string();
    let docs = doc_attrs(&docs::function(cx, def, names));

    let generics: Vec<_> = def.generics.iter().map(|g| ident(g)).collect();
    let (decl_generics, use_generics) = if generics.is_empty() {
        (quote!(), quote!())
    } else {
        (quote!(<#(#generics),*>), quote!(<#(#generics),*>))
    };
    let bound = |bound: TokenStream| {
        if generics.is_empty() {
            quote!()
        } else {
            let bounded = generics.iter().map(|g| quote!(#g: #bound));
            quote!(<#(#bounded),*>)
        }
    };
    let ser_bound = bound(quote!(#rt::Serializable));
    let de_bound = bound(quote!(#rt::Deserializable));
    let call_bound = bound(quote!(#methods_rt::RemoteCall));

    let mut items = vec![struct_item(cx, def, names, side, &docs, &decl_generics)];
    let table_index = proc_macro2::Literal::usize_unsuffixed(cx.offsets.functions + index);
    items.push(cx.serde_impls(side, &name, &generics, quote!(Function(#table_index))));
    items.extend(group_structs(cx, def, names, side));
    if let Some(methods) = derived_methods(def, names) {
        let plain = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics),*>)
        };
        items.push(quote!(impl #plain #name #use_generics { #methods }));
    }

    let id = id_literal(def.id);
    let writes = write_params(cx, def, names, side, Lead::Id(id.clone()));
    let (reads, fields) = read_params(cx, def, names, side, |field| {
        group_path(cx, def, names, field)
    });
    let return_type = match &def.result {
        TypeRef::Generic(generic) => {
            let generic = ident(generic);
            quote!(#generic::Return)
        }
        other => cx.rust_type(other, side),
    };
    let error_path = cx.error_path(
        &def.name.namespace,
        &crate::names::error_enum(&names.struct_name),
    );
    let plain_generics = if generics.is_empty() {
        quote!()
    } else {
        quote!(<#(#generics),*>)
    };
    let cfg = match &cx.config.function_deserialize_feature {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => quote!(),
    };
    items.push(quote! {
        impl #plain_generics #rt::Identifiable for #name #use_generics {
            const CONSTRUCTOR_ID: u32 = #id;
        }
        impl #ser_bound #rt::Serializable for #name #use_generics {
            /// Writes the method's constructor ID, then its parameters.
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                #writes
            }
        }
        impl #call_bound #methods_rt::RemoteCall for #name #use_generics {
            type Return = #return_type;
            type Error = #error_path;
        }
        #cfg
        impl #de_bound #rt::Deserializable for #name #use_generics {
            /// Reads the method's constructor ID and parameters (as a server would).
            fn deserialize(input: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                let id = #read_id;
                if id != #id {
                    return Err(input.unknown_constructor(id, #tl_name));
                }
                #reads
                Ok(Self { #fields })
            }
        }
    });
    items
}
