//! Construction: `new(<required parameters>)` on every struct with an
//! optional parameter, and which structs derive `Default`.
//!
//! `new` takes the required parameters in schema order and leaves every
//! optional one unset (`None`/`false`), so code written with it keeps
//! compiling when a later layer adds an optional parameter. `Default` is
//! derived only where every field has an empty value that is a sound
//! request or value: optional parameters, `bool`, numbers, strings, bytes and
//! vectors — never a required object such as an `InputPeer`, whose "empty"
//! value would be a wrong request.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_attrs;
use crate::model::{Definition, Field, TypeRef};
use crate::names::schema_names::DefinitionNames;
use crate::names::{ident, NEW_FN};

/// Whether a field of `def` is optional (a flag or a group of flags).
fn is_optional(field: &Field) -> bool {
    !matches!(field, Field::Required { .. })
}

/// Whether `def` gets `new`: it has at least one optional parameter.
pub fn has_new(def: &Definition) -> bool {
    def.fields.iter().any(is_optional)
}

/// Whether `def` derives `Default`: every field has a sound empty value.
/// A struct without fields is its own only value, so it gets none.
pub fn has_default(def: &Definition) -> bool {
    !def.fields.is_empty()
        && def.fields.iter().all(|field| match field {
            Field::Required { param, boxed } => {
                !boxed && def.value_type(*param).is_some_and(empty_is_sound)
            }
            Field::Bit { .. } | Field::Optional { .. } | Field::Group { .. } => true,
        })
}

/// Whether the empty value of a required parameter of this type is sound:
/// numbers, `bool`, strings, bytes and vectors; not objects, and not the
/// 128/256-bit nonces.
fn empty_is_sound(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Int
            | TypeRef::Long
            | TypeRef::Double
            | TypeRef::String
            | TypeRef::Bytes
            | TypeRef::Bool
            | TypeRef::Vector { .. }
    )
}

/// `impl Name { pub fn new(…) -> Self }` for `def`, or nothing.
pub fn new_fn(
    def: &Definition,
    names: &DefinitionNames,
    generics: &TokenStream,
    field_type: impl Fn(usize) -> TokenStream,
) -> Option<TokenStream> {
    if !has_new(def) {
        return None;
    }
    let name = ident(&names.struct_name);
    let new = ident(NEW_FN);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (index, field) in def.fields.iter().enumerate() {
        let field_name = ident(&names.fields[index]);
        match field {
            Field::Required { .. } => {
                let ty = field_type(index);
                args.push(quote!(#field_name: #ty));
                inits.push(quote!(#field_name,));
                required.push(format!("`{}`", field_name));
            }
            Field::Bit { .. } => {
                inits.push(quote!(#field_name: false,));
                optional.push(format!("`{}`", field_name));
            }
            Field::Optional { .. } | Field::Group { .. } => {
                inits.push(quote!(#field_name: None,));
                optional.push(format!("`{}`", field_name));
            }
        }
    }
    let takes = if required.is_empty() {
        "It takes no parameter: every one is optional.".to_owned()
    } else {
        format!("Required, in schema order: {}.", required.join(", "))
    };
    let doc = doc_attrs(&[
        format!("`{}` from its required parameters, with every optional one unset.", def.name),
        String::new(),
        takes,
        format!(
            "Unset (`None`/`false`) until assigned: {}. Code written with `new` keeps compiling when a later layer adds an optional parameter.",
            optional.join(", ")
        ),
    ]);
    // The schema decides how many parameters are required.
    let many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Some(quote! {
        impl #generics #name #generics {
            #doc
            #many
            #[must_use]
            #[inline]
            pub fn #new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> crate::model::Schema {
        let loaded = crate::load::load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
        crate::model::build(&loaded).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn new_and_default_go_where_they_are_sound() {
        let schema = defs(
            "peerSelf#1 = Peer;\n\
             plain#2 a:int b:string c:Vector<long> d:bytes e:Bool = Plain;\n\
             opt#3 flags:# a:flags.0?true b:flags.1?Peer c:int = Opt;\n\
             needs#4 flags:# peer:Peer a:flags.0?int = Needs;\n\
             nonce#5 flags:# n:int128 a:flags.0?int = Nonce;\n\
             unit#6 = Unit;",
        );
        let got: Vec<(bool, bool)> = schema
            .constructors
            .iter()
            .map(|c| (has_new(c), has_default(c)))
            .collect();
        assert_eq!(
            got,
            [
                (false, false), // no fields: its own only value
                (false, true),  // numbers, strings, vectors, bytes, bool
                (true, true),   // optional parameters
                (true, false),  // a required object: an empty one is a wrong value
                (true, false),  // a nonce: zero is not a sound value
                (false, false),
            ]
        );
    }
}
