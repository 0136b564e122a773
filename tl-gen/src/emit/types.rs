//! Constructor structs (`types::…`) with their codec impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec::{read_params, write_params, Lead};
use super::{construct, doc_attrs, docs, id_literal, Context, Side};
use crate::model::{Definition, DefinitionKind, Field, TypeRef};
use crate::names::paths::{self, Tree};
use crate::names::schema_names::DefinitionNames;
use crate::names::{ident, WRITE_HELPER};

/// The struct, its group structs and impls for constructor `index`.
pub fn constructor(cx: &Context<'_>, index: usize) -> Vec<TokenStream> {
    let def = &cx.schema.constructors[index];
    let names = &cx.names.constructors[index];
    let side = Side::Types;
    let rt = cx.runtime(side);
    let name = ident(&names.struct_name);
    let docs = doc_attrs(&docs::constructor(cx, def));
    let mut items = Vec::new();

    items.push(struct_item(cx, def, names, side, &docs, &quote!()));
    items.extend(group_structs(cx, def, names, side));
    if let Some(methods) = derived_methods(def, names) {
        items.push(quote!(impl #name { #methods }));
    }

    let id = id_literal(def.id);
    // One body for both writes: bare (`serialize`) and after the
    // constructor ID, joined with the leading fixed-size fields
    // (`serialize_boxed`, which the enum calls).
    let (serialize, helper) = if def.fields.is_empty() {
        (
            quote! {
                /// Writes the bare constructor (without its ID): nothing.
                #[inline]
                fn serialize(&self, _out: &mut Vec<u8>) {}
            },
            quote!(),
        )
    } else {
        let writes = write_params(cx, def, names, side, Lead::OptionalId);
        let helper = ident(WRITE_HELPER);
        (
            quote! {
                /// Writes the bare constructor (without its ID).
                #[inline]
                fn serialize(&self, out: &mut Vec<u8>) {
                    self.#helper(None, out);
                }
                /// Writes the constructor ID `id`, then the bare constructor.
                #[inline]
                fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
                    self.#helper(Some(id), out);
                }
            },
            quote! {
                impl #name {
                    /// Writes the constructor, after `id` if there is one.
                    #[inline]
                    fn #helper(&self, id: Option<u32>, out: &mut Vec<u8>) {
                        #writes
                    }
                }
            },
        )
    };
    let (reads, fields) = read_params(cx, def, names, side, |field| {
        group_path(cx, def, names, field)
    });
    let table_index = proc_macro2::Literal::usize_unsuffixed(cx.offsets.constructors + index);
    items.push(cx.serde_impls(side, &name, &[], quote!(Bare(#table_index))));
    let input_param = if reads.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    items.push(quote! {
        impl #rt::Identifiable for #name {
            const CONSTRUCTOR_ID: u32 = #id;
        }
        #helper
        impl #rt::Serializable for #name {
            #serialize
        }
        impl #rt::Deserializable for #name {
            /// Reads the bare constructor (without its ID).
            fn deserialize(#input_param: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                #reads
                Ok(Self { #fields })
            }
        }
    });
    if let TypeRef::Boxed(boxed) = &def.result {
        let enum_path = cx.enum_path(boxed, side);
        let boxed_index = cx.schema.boxed_position(boxed).unwrap_or_default();
        let position = cx.schema.boxed_types[boxed_index]
            .constructors
            .iter()
            .position(|&c| c == index)
            .unwrap_or(0);
        let variant = ident(&cx.names.variants[boxed_index][position]);
        let body = if def.fields.is_empty() {
            quote!(#enum_path::#variant)
        } else if def.boxed_variant {
            quote!(#enum_path::#variant(Box::new(value)))
        } else {
            quote!(#enum_path::#variant(value))
        };
        let arg = if def.fields.is_empty() {
            quote!(_value)
        } else {
            quote!(value)
        };
        items.push(quote! {
            impl From<#name> for #enum_path {
                fn from(#arg: #name) -> Self {
                    #body
                }
            }
        });
    }
    items
}

/// The struct declaration (shared by constructors and methods).
pub fn struct_item(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    side: Side,
    docs: &TokenStream,
    generics: &TokenStream,
) -> TokenStream {
    let name = ident(&names.struct_name);
    let field_docs = docs::fields(cx, def, names);
    let types: Vec<TokenStream> = (0..def.fields.len())
        .map(|index| field_type(cx, def, names, index, &def.fields[index], side))
        .collect();
    let fields = types.iter().enumerate().map(|(index, ty)| {
        let field_name = ident(&names.fields[index]);
        let docs = doc_attrs(&field_docs[index]);
        quote!(#docs pub #field_name: #ty,)
    });
    let derives = if construct::has_default(def) {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let new = construct::new_fn(def, names, generics, |index| types[index].clone());
    if def.fields.is_empty() {
        quote! {
            #docs
            #derives
            pub struct #name #generics;
        }
    } else {
        quote! {
            #docs
            #derives
            pub struct #name #generics {
                #(#fields)*
            }
            #new
        }
    }
}

fn field_type(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    index: usize,
    field: &Field,
    side: Side,
) -> TokenStream {
    let value = |param: usize, boxed: bool| {
        let ty = def
            .value_type(param)
            .map(|t| cx.rust_type(t, side))
            .unwrap_or_default();
        if boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    };
    match field {
        Field::Required { param, boxed } => value(*param, *boxed),
        Field::Bit { .. } => quote!(bool),
        Field::Optional { param, boxed } => {
            let ty = value(*param, *boxed);
            quote!(Option<#ty>)
        }
        Field::Group { .. } => {
            let path = group_path(cx, def, names, index);
            quote!(Option<#path>)
        }
    }
}

/// Path of the group struct for field `field` of `def`: next to the
/// constructor struct, or next to the method struct.
pub fn group_path(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    field: usize,
) -> TokenStream {
    let group = &names.group_structs[field];
    let path = match def.kind {
        DefinitionKind::Constructor => {
            cx.item_path(Tree::Types, &def.name.namespace, group, Side::Types)
        }
        DefinitionKind::Function => cx.function_path(&def.name.namespace, group),
    };
    quote!(#path)
}

/// Structs for parameters that share a flag bit.
pub fn group_structs(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    side: Side,
) -> Vec<TokenStream> {
    let mut items = Vec::new();
    for (index, field) in def.fields.iter().enumerate() {
        let Field::Group { bit, members } = field else {
            continue;
        };
        let name = ident(&names.group_structs[index]);
        let word = &def.params[bit.word].name;
        let owner = ident(&names.struct_name);
        let doc = doc_attrs(&[
            format!(
                "The parameters of `{}` that share bit {} of `{word}`: present together or not at all.",
                def.name, bit.bit
            ),
            String::new(),
            format!("Used by [`{}::{}`].", owner, paths::link_name(&names.fields[index])),
        ]);
        let fields: Vec<TokenStream> = members
            .iter()
            .zip(&names.group_members[index])
            .map(|(member, member_name)| {
                let field_name = ident(member_name);
                let ty = def
                    .value_type(member.param)
                    .map(|t| cx.rust_type(t, side))
                    .unwrap_or_default();
                let ty = if member.boxed { quote!(Box<#ty>) } else { ty };
                let doc = doc_attrs(&[format!("`{}`", docs::written(def, member.param))]);
                quote!(#doc pub #field_name: #ty,)
            })
            .collect();
        items.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            pub struct #name {
                #(#fields)*
            }
        });
    }
    items
}

/// Methods for `flags.N?true` parameters that share their bit with a field.
pub fn derived_methods(def: &Definition, names: &DefinitionNames) -> Option<TokenStream> {
    if def.derived_bits.is_empty() {
        return None;
    }
    let mut methods = TokenStream::new();
    for (derived, method) in def.derived_bits.iter().zip(&names.derived_methods) {
        let method_ident = ident(method);
        let field = ident(&names.fields[derived.field]);
        let test = match &def.fields[derived.field] {
            Field::Bit { .. } => quote!(self.#field),
            _ => quote!(self.#field.is_some()),
        };
        let doc = doc_attrs(&[format!(
            "`{}`: set exactly when [`Self::{}`] is, because they share a flag bit.",
            docs::written(def, derived.param),
            paths::link_name(&names.fields[derived.field])
        )]);
        methods.extend(quote! {
            #doc
            pub fn #method_ident(&self) -> bool {
                #test
            }
        });
    }
    Some(methods)
}
