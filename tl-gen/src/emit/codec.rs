//! Serialize and deserialize bodies, shared by constructor structs and
//! method structs (their fields follow the same model).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Context, Side};
use crate::model::{Definition, Field, ParamKind, TypeRef};
use crate::names::schema_names::DefinitionNames;
use crate::names::{field_name, ident};

/// A value to write: a place of type `T` (`self.x`) or a reference `&T`.
#[derive(Clone)]
pub enum Value {
    Place(TokenStream),
    Ref(TokenStream),
}

impl Value {
    /// An expression of type `&T`.
    fn by_ref(&self) -> TokenStream {
        match self {
            Value::Place(place) => quote!(&#place),
            Value::Ref(reference) => reference.clone(),
        }
    }

    /// An expression usable as a method receiver.
    fn receiver(&self) -> TokenStream {
        match self {
            Value::Place(e) | Value::Ref(e) => e.clone(),
        }
    }

    /// An expression of type `T` for `Copy` values.
    fn copied(&self) -> TokenStream {
        match self {
            Value::Place(place) => place.clone(),
            Value::Ref(reference) => quote!(*#reference),
        }
    }
}

/// Statements writing `value` to `out`.
pub fn write_value(cx: &Context<'_>, ty: &TypeRef, value: &Value, side: Side) -> TokenStream {
    let rt = cx.runtime(side);
    let receiver = value.receiver();
    match ty {
        TypeRef::Int | TypeRef::Long | TypeRef::Double => {
            quote!(out.extend_from_slice(&#receiver.to_le_bytes());)
        }
        TypeRef::Int128 | TypeRef::Int256 => {
            let by_ref = value.by_ref();
            quote!(out.extend_from_slice(#by_ref);)
        }
        TypeRef::String => {
            let by_ref = value.by_ref();
            quote!(#rt::write_string(out, #by_ref);)
        }
        TypeRef::Bytes => {
            let by_ref = value.by_ref();
            quote!(#rt::write_bytes(out, #by_ref);)
        }
        TypeRef::Bool => {
            let copied = value.copied();
            quote!(#rt::write_bool(out, #copied);)
        }
        TypeRef::True => quote!(),
        TypeRef::Vector { bare, element } => {
            let header = if *bare {
                quote!(#rt::write_bare_vector_len(out, #receiver.len());)
            } else {
                quote!(#rt::write_vector_header(out, #receiver.len());)
            };
            let item = write_value(cx, element, &Value::Ref(quote!(item)), side);
            let by_ref = value.by_ref();
            quote! {
                #header
                for item in #by_ref {
                    #item
                }
            }
        }
        TypeRef::Boxed(_) | TypeRef::Bare(_) | TypeRef::Generic(_) => {
            let by_ref = value.by_ref();
            quote!(#rt::Serializable::serialize(#by_ref, out);)
        }
    }
}

/// An expression reading a value of `ty` from `input`, returning early with
/// the error (see [`early_return`]).
pub fn read_value(cx: &Context<'_>, ty: &TypeRef, side: Side) -> TokenStream {
    let call = match ty {
        TypeRef::Int => quote!(input.read_i32()),
        TypeRef::Long => quote!(input.read_i64()),
        TypeRef::Double => quote!(input.read_f64()),
        TypeRef::Int128 => quote!(input.read_int128()),
        TypeRef::Int256 => quote!(input.read_int256()),
        TypeRef::String => quote!(input.read_string()),
        TypeRef::Bytes => quote!(input.read_bytes()),
        TypeRef::Bool => quote!(input.read_bool()),
        TypeRef::True => return quote!(true),
        TypeRef::Vector { .. } => read_vector_call(cx, ty, side),
        TypeRef::Boxed(_) | TypeRef::Bare(_) | TypeRef::Generic(_) => {
            let rust = cx.rust_type(ty, side);
            let rt = cx.runtime(side);
            quote!(<#rust as #rt::Deserializable>::deserialize(input))
        }
    };
    early_return(cx, side, call)
}

/// `call`'s value, or `return Err(..)` with its error: the runtime's
/// `__read!` macro, a plain `match`. Same meaning as `call?` (the error
/// types are equal), but without the `Try`/`FromResidual`/`From` calls that
/// `?` expands to, which rustc would type-check, lower and inline once per
/// read in every generated decoder.
pub fn early_return(cx: &Context<'_>, side: Side, call: TokenStream) -> TokenStream {
    let rt = cx.runtime(side);
    quote!(#rt::__read!(#call))
}

/// `input.read_vector(min, reader)` without the `?`.
fn read_vector_call(cx: &Context<'_>, ty: &TypeRef, side: Side) -> TokenStream {
    let TypeRef::Vector { bare, element } = ty else {
        return quote!();
    };
    let method = if *bare {
        quote!(read_bare_vector)
    } else {
        quote!(read_vector)
    };
    let min = element.min_wire_size(cx.schema);
    let reader = element_reader(cx, element, side);
    quote!(input.#method(#min, #reader))
}

/// A function (path or closure) reading one element: `fn(&mut Reader) -> Result<T, _>`.
fn element_reader(cx: &Context<'_>, ty: &TypeRef, side: Side) -> TokenStream {
    let rt = cx.runtime(side);
    let method = |name: &str| {
        let name = format_ident!("{}", name);
        quote!(#rt::Reader::#name)
    };
    match ty {
        TypeRef::Int => method("read_i32"),
        TypeRef::Long => method("read_i64"),
        TypeRef::Double => method("read_f64"),
        TypeRef::Int128 => method("read_int128"),
        TypeRef::Int256 => method("read_int256"),
        TypeRef::String => method("read_string"),
        TypeRef::Bytes => method("read_bytes"),
        TypeRef::Bool => method("read_bool"),
        TypeRef::True => quote!(|_| Ok(true)),
        TypeRef::Vector { .. } => {
            let call = read_vector_call(cx, ty, side);
            quote!(|input: &mut #rt::Reader<'_>| #call)
        }
        TypeRef::Boxed(_) | TypeRef::Bare(_) | TypeRef::Generic(_) => {
            let rust = cx.rust_type(ty, side);
            quote!(<#rust as #rt::Deserializable>::deserialize)
        }
    }
}

/// Bit mask expression for `flags.N`.
fn mask(bit: u32) -> TokenStream {
    if bit == 0 {
        quote!(1)
    } else {
        let bit = proc_macro2::Literal::u32_unsuffixed(bit);
        quote!(1 << #bit)
    }
}

/// The local variable a field's value is read into.
pub fn local(name: &str) -> proc_macro2::Ident {
    // `input` is the reader; `out` is never a local in `deserialize`.
    if name == "input" {
        ident("input_value")
    } else {
        ident(name)
    }
}

/// Statements writing every parameter of `def` from `self` (the flags words
/// computed from the fields).
///
/// Consecutive unconditional values of a fixed size (flags words, `int`,
/// `long`, `double`, `int128`, `int256`, `Bool`) are gathered in one stack
/// array and appended with a single `extend_from_slice`: one capacity check
/// per run instead of one per value.
///
/// `lead` says what is written first (a constructor ID, which then joins
/// the first run).
pub fn write_params(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    side: Side,
    lead: Lead,
) -> TokenStream {
    let rt = cx.runtime(side);
    let mut out = TokenStream::new();
    let mut run = FixedRun::default();
    match lead {
        Lead::Id(id) => run.push(4, quote!(#id.to_le_bytes())),
        Lead::OptionalId => run.optional_id = true,
    }
    for (index, param) in def.params.iter().enumerate() {
        match &param.kind {
            ParamKind::FlagsWord => {
                let mut sets = TokenStream::new();
                for (field_index, field) in def.fields.iter().enumerate() {
                    let field_ident = ident(&names.fields[field_index]);
                    let (bit, condition) = match field {
                        Field::Bit { param } => (flag_of(def, *param), quote!(self.#field_ident)),
                        Field::Optional { param, .. } => {
                            (flag_of(def, *param), quote!(self.#field_ident.is_some()))
                        }
                        Field::Group { bit, .. } => {
                            (Some(*bit), quote!(self.#field_ident.is_some()))
                        }
                        Field::Required { .. } => (None, quote!()),
                    };
                    let Some(bit) = bit else { continue };
                    if bit.word != index {
                        continue;
                    }
                    let mask = mask(bit.bit);
                    sets.extend(quote! {
                        if #condition {
                            word |= #mask;
                        }
                    });
                }
                if sets.is_empty() {
                    run.push(4, quote!(0u32.to_le_bytes()));
                } else {
                    let word = format_ident!("flags_{}", index);
                    out.extend(quote! {
                        let #word = {
                            let mut word = 0u32;
                            #sets
                            word
                        };
                    });
                    run.push(4, quote!(#word.to_le_bytes()));
                }
            }
            ParamKind::Value { ty, .. } => {
                let Some((field_index, member)) = def.field_of(index) else {
                    // A `true` flag derived from another field: no bytes.
                    continue;
                };
                let field_ident = ident(&names.fields[field_index]);
                match (&def.fields[field_index], member, fixed_size(ty)) {
                    (Field::Required { boxed: false, .. }, _, Some(size)) => {
                        let place = quote!(self.#field_ident);
                        let bytes = match ty {
                            TypeRef::Int128 | TypeRef::Int256 => place,
                            TypeRef::Bool => quote! {
                                if #place { #rt::BOOL_TRUE_ID } else { #rt::BOOL_FALSE_ID }.to_le_bytes()
                            },
                            _ => quote!(#place.to_le_bytes()),
                        };
                        run.push(size, bytes);
                    }
                    (Field::Required { .. }, _, _) => {
                        out.extend(run.flush(&rt));
                        out.extend(write_value(
                            cx,
                            ty,
                            &Value::Place(quote!(self.#field_ident)),
                            side,
                        ));
                    }
                    (Field::Bit { .. }, _, _) => {}
                    (Field::Optional { .. }, _, _) => {
                        out.extend(run.flush(&rt));
                        let write = write_value(cx, ty, &Value::Ref(quote!(value)), side);
                        out.extend(quote! {
                            if let Some(value) = &self.#field_ident {
                                #write
                            }
                        });
                    }
                    (Field::Group { .. }, Some(at), _) => {
                        out.extend(run.flush(&rt));
                        let member = ident(&names.group_members[field_index][at]);
                        let write = write_value(cx, ty, &Value::Place(quote!(group.#member)), side);
                        out.extend(quote! {
                            if let Some(group) = &self.#field_ident {
                                #write
                            }
                        });
                    }
                    (Field::Group { .. }, None, _) => {}
                }
            }
        }
    }
    out.extend(run.flush(&rt));
    out
}

/// The wire size of a value written without any logic, if it has one.
fn fixed_size(ty: &TypeRef) -> Option<usize> {
    match ty {
        TypeRef::Int | TypeRef::Bool => Some(4),
        TypeRef::Long | TypeRef::Double => Some(8),
        TypeRef::Int128 => Some(16),
        TypeRef::Int256 => Some(32),
        _ => None,
    }
}

/// What [`write_params`] writes before the parameters.
pub enum Lead {
    /// This constructor ID (an expression of type `u32`).
    Id(TokenStream),
    /// The constructor ID in a local `id: Option<u32>`, if it is `Some`.
    OptionalId,
}

/// Consecutive fixed-size values waiting to be written together: each is
/// an expression of type `[u8; size]`.
#[derive(Default)]
struct FixedRun {
    parts: Vec<(usize, TokenStream)>,
    /// Nothing is written yet and `id: Option<u32>` comes first.
    optional_id: bool,
}

impl FixedRun {
    fn push(&mut self, size: usize, bytes: TokenStream) {
        self.parts.push((size, bytes));
    }

    /// The statements writing the run (nothing if it is empty). The first
    /// run after [`Lead::OptionalId`] keeps 4 bytes in front for the ID and
    /// starts the write after them when there is none.
    fn flush(&mut self, rt: &TokenStream) -> TokenStream {
        let parts = std::mem::take(&mut self.parts);
        let optional_id = std::mem::take(&mut self.optional_id);
        match (parts.as_slice(), optional_id) {
            ([], false) => return quote!(),
            ([], true) => {
                return quote! {
                    if let Some(id) = id {
                        out.extend_from_slice(&id.to_le_bytes());
                    }
                }
            }
            ([(_, bytes)], false) => return quote!(out.extend_from_slice(&#bytes);),
            _ => {}
        }
        let mut at = if optional_id { 4 } else { 0 };
        let mut copies = TokenStream::new();
        for (size, bytes) in &parts {
            let from = proc_macro2::Literal::usize_unsuffixed(at);
            let to = proc_macro2::Literal::usize_unsuffixed(at + size);
            copies.extend(quote!(fixed[#from..#to].copy_from_slice(&#bytes);));
            at += size;
        }
        let total = proc_macro2::Literal::usize_unsuffixed(at);
        let write = if optional_id {
            quote!(#rt::write_after_id(out, id, fixed);)
        } else {
            quote!(out.extend_from_slice(&fixed);)
        };
        quote! {
            let mut fixed = [0u8; #total];
            #copies
            #write
        }
    }
}

fn flag_of(def: &Definition, param: usize) -> Option<crate::model::FlagBit> {
    match &def.params.get(param)?.kind {
        ParamKind::Value { flag, .. } => *flag,
        ParamKind::FlagsWord => None,
    }
}

/// Statements reading every parameter into locals, and the struct literal
/// fields (`name` or `name: local`) that build `Self` from them.
pub fn read_params(
    cx: &Context<'_>,
    def: &Definition,
    names: &DefinitionNames,
    side: Side,
    group_path: impl Fn(usize) -> TokenStream,
) -> (TokenStream, TokenStream) {
    let mut reads = TokenStream::new();
    for (index, param) in def.params.iter().enumerate() {
        match &param.kind {
            ParamKind::FlagsWord => {
                let used = def.params.iter().any(|p| {
                    matches!(&p.kind, ParamKind::Value { flag: Some(bit), .. } if bit.word == index)
                });
                if used {
                    let word = local(&format!("{}_word", field_name(&param.name)));
                    let read = early_return(cx, side, quote!(input.read_u32()));
                    reads.extend(quote!(let #word = #read;));
                } else {
                    // No parameter depends on this word; its bits carry nothing.
                    let read = early_return(cx, side, quote!(input.read_u32()));
                    reads.extend(quote!(#read;));
                }
            }
            ParamKind::Value { ty, flag } => {
                let Some((field_index, member)) = def.field_of(index) else {
                    continue;
                };
                let local_ident = match member {
                    Some(at) => local(&names.group_members[field_index][at]),
                    None => local(&names.fields[field_index]),
                };
                let condition = flag.map(|bit| {
                    let word = local(&format!("{}_word", field_name(&def.params[bit.word].name)));
                    let mask = mask(bit.bit);
                    quote!((#word & (#mask)) != 0)
                });
                let read = read_value(cx, ty, side);
                let boxed = match &def.fields[field_index] {
                    Field::Required { boxed, .. } | Field::Optional { boxed, .. } => *boxed,
                    Field::Group { members, .. } => member.is_some_and(|at| members[at].boxed),
                    Field::Bit { .. } => false,
                };
                let read = if boxed { quote!(Box::new(#read)) } else { read };
                let statement = match (&def.fields[field_index], condition) {
                    (Field::Bit { .. }, Some(condition)) => quote!(let #local_ident = #condition;),
                    (_, Some(condition)) => quote! {
                        let #local_ident = if #condition { Some(#read) } else { None };
                    },
                    (_, None) => quote!(let #local_ident = #read;),
                };
                reads.extend(statement);
            }
        }
    }

    let mut fields = TokenStream::new();
    for (field_index, field) in def.fields.iter().enumerate() {
        let name = &names.fields[field_index];
        let field_ident = ident(name);
        match field {
            Field::Group { members, .. } => {
                let locals: Vec<_> = names.group_members[field_index]
                    .iter()
                    .map(|m| local(m))
                    .collect();
                let inits: Vec<TokenStream> = names.group_members[field_index]
                    .iter()
                    .map(|m| {
                        let (member, local) = (ident(m), local(m));
                        if member == local {
                            quote!(#member)
                        } else {
                            quote!(#member: #local)
                        }
                    })
                    .collect();
                let path = group_path(field_index);
                debug_assert_eq!(members.len(), locals.len());
                reads.extend(quote! {
                    let #field_ident = match (#(#locals),*) {
                        (#(Some(#locals)),*) => Some(#path { #(#inits),* }),
                        _ => None,
                    };
                });
                fields.extend(quote!(#field_ident,));
            }
            _ => {
                let local_ident = local(name);
                if local_ident == field_ident {
                    fields.extend(quote!(#field_ident,));
                } else {
                    fields.extend(quote!(#field_ident: #local_ident,));
                }
            }
        }
    }
    (reads, fields)
}
