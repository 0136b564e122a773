//! Stage 4, **emit**: `quote!` the Rust items of every output kind.
//!
//! One submodule per output kind: `types` (constructor structs), `enums`
//! (boxed types), `functions` (method structs), `codec` (serialize and
//! deserialize bodies shared by the three), `docs` (rustdoc text). This
//! module decides which file each item goes to and the module tree.

mod codec;
mod common_error;
pub(crate) mod construct;
mod docs;
mod enums;
mod error_table;
mod errors;
mod functions;
pub mod reflect;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{DefinitionKind, QualName, Schema, TypeRef};
use syn::Path;

use crate::names::paths::{self, Tree};
use crate::names::schema_names::{module_path, SchemaNames};
use crate::names::{ident, ident_text};
use crate::Config;

/// Which generated crate (or module tree) a piece of code lives in; decides
/// the paths it uses to reach types and runtime items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Types,
    Methods,
}

/// Everything an emitter needs about one schema.
pub struct Context<'a> {
    pub schema: &'a Schema,
    pub names: &'a SchemaNames,
    pub config: &'a Config,
    /// The module prefix of this schema's output (`[]` or `["mtproto"]`).
    pub prefix: &'a [String],
    pub layer: Option<i32>,
    /// Where this schema's items start in the layer's reflection tables.
    pub offsets: TableOffsets,
}

/// Where one schema's constructors, boxed types and methods start in the
/// layer's reflection tables (`reflect.rs`, see [`reflect`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct TableOffsets {
    pub constructors: usize,
    pub boxed_types: usize,
    pub functions: usize,
}

/// The items of one output file before formatting.
#[derive(Default)]
pub struct ModuleFile {
    /// `pub mod x;` children.
    pub children: BTreeSet<String>,
    pub items: Vec<TokenStream>,
    /// Text for the header line: which schema(s) the file came from.
    pub sources: BTreeSet<String>,
}

/// All files of a run, keyed by path.
#[derive(Default)]
pub struct FileSet {
    pub files: BTreeMap<String, ModuleFile>,
}

impl FileSet {
    fn file(&mut self, path: &str) -> &mut ModuleFile {
        self.files.entry(path.to_owned()).or_default()
    }

    /// Registers the module `parts` (a path from the generated root in
    /// `dir`) and every ancestor, so each parent declares its child; returns
    /// the file of the innermost module. The root is `dir/mod.rs`; module
    /// `a::b` is `dir/a/b.rs`.
    pub fn module(&mut self, dir: &str, parts: &[String], source: &str) -> String {
        let mut path = format!("{dir}/mod.rs");
        self.file(&path).sources.insert(source.to_owned());
        let mut current = dir.to_owned();
        for part in parts {
            self.file(&path).children.insert(part.clone());
            path = format!("{current}/{part}.rs");
            current = format!("{current}/{part}");
            self.file(&path).sources.insert(source.to_owned());
        }
        path
    }
}

/// Emits every item of one schema into `files`.
pub fn emit_schema(cx: &Context<'_>, files: &mut FileSet) {
    let source = cx.schema.file.clone();
    let types_dir = cx.config.types_dir.clone();
    let methods_dir = cx.config.methods_dir.clone();
    let under = |kind: &str, namespace: &[String]| -> Vec<String> {
        let mut parts = cx.prefix.to_vec();
        parts.push(kind.to_owned());
        parts.extend(module_path(namespace));
        parts
    };
    // Every namespace gets a file, even one that only holds child modules.
    for ns in cx.schema.namespaces(DefinitionKind::Constructor) {
        files.module(&types_dir, &under("types", &ns), &source);
        files.module(&types_dir, &under("enums", &ns), &source);
    }
    for ns in cx.schema.namespaces(DefinitionKind::Function) {
        files.module(&methods_dir, &under("functions", &ns), &source);
        files.module(&methods_dir, &under("errors", &ns), &source);
    }

    if cx.prefix.is_empty() && cx.config.common_error_enum {
        let path = files.module(&methods_dir, &under("errors", &[]), &source);
        files
            .file(&path)
            .items
            .extend(common_error::common_error(cx));
    }
    for (index, ctor) in cx.schema.constructors.iter().enumerate() {
        let path = files.module(&types_dir, &under("types", &ctor.name.namespace), &source);
        let file = files.file(&path);
        file.items.extend(types::constructor(cx, index));
    }
    for (index, boxed) in cx.schema.boxed_types.iter().enumerate() {
        let path = files.module(&types_dir, &under("enums", &boxed.name.namespace), &source);
        let file = files.file(&path);
        file.items.extend(enums::boxed_type(cx, index));
    }
    for (index, function) in cx.schema.functions.iter().enumerate() {
        let path = files.module(
            &methods_dir,
            &under("functions", &function.name.namespace),
            &source,
        );
        let file = files.file(&path);
        file.items.extend(functions::function(cx, index));
        let path = files.module(
            &methods_dir,
            &under("errors", &function.name.namespace),
            &source,
        );
        files
            .file(&path)
            .items
            .extend(errors::error_enum(cx, index));
    }
}

/// Parses a `::`-separated path from the configuration into tokens.
pub fn path_tokens(path: &str) -> TokenStream {
    let path = paths::parse(path);
    quote!(#path)
}

impl Context<'_> {
    /// The runtime (codec) crate path as seen from `side`.
    pub fn runtime(&self, side: Side) -> TokenStream {
        match side {
            Side::Types => path_tokens(&self.config.types_runtime_path),
            Side::Methods => path_tokens(&self.config.methods_types_runtime_path),
        }
    }

    /// The `tl-methods` runtime path (RemoteCall, RpcError) for methods code.
    pub fn methods_runtime(&self) -> TokenStream {
        path_tokens(&self.config.methods_runtime_path)
    }

    /// The generated root of this schema's types as seen from `side`.
    fn types_root(&self, side: Side) -> Path {
        let root = match side {
            Side::Types => &self.config.types_path,
            Side::Methods => &self.config.methods_types_path,
        };
        paths::schema_root(&paths::parse(root), self.prefix)
    }

    /// The generated methods root of this schema, as seen from methods code.
    fn methods_root(&self) -> Path {
        paths::schema_root(&paths::parse(&self.config.methods_path), self.prefix)
    }

    /// `crate::types::messages::ChatInviteJoinResultOk`.
    pub fn struct_path(&self, name: &QualName, side: Side) -> Path {
        // Every reference was resolved by the model, so the name is known.
        let index = self.schema.constructor_position(name).unwrap_or_default();
        let rust = &self.names.constructors[index].struct_name;
        self.item_path(Tree::Types, &name.namespace, rust, side)
    }

    /// `crate::enums::Updates`.
    pub fn enum_path(&self, name: &QualName, side: Side) -> Path {
        let index = self.schema.boxed_position(name).unwrap_or_default();
        let rust = &self.names.boxed_types[index];
        self.item_path(Tree::Enums, &name.namespace, rust, side)
    }

    /// Path of an item of this schema in the types trees, as seen from `side`.
    pub fn item_path(&self, tree: Tree, namespace: &[String], rust: &str, side: Side) -> Path {
        paths::item(&self.types_root(side), tree, namespace, rust)
    }

    /// Path of an item in this schema's `functions` tree, as seen from
    /// methods code.
    pub fn function_path(&self, namespace: &[String], rust: &str) -> Path {
        paths::item(&self.methods_root(), Tree::Functions, namespace, rust)
    }

    /// Path of a method's error enum, as seen from methods code.
    pub fn error_path(&self, namespace: &[String], rust: &str) -> Path {
        paths::item(&self.methods_root(), Tree::Errors, namespace, rust)
    }

    /// [`Self::struct_path`] as text.
    pub fn struct_path_text(&self, name: &QualName, side: Side) -> String {
        paths::text(&self.struct_path(name, side))
    }

    /// [`Self::enum_path`] as text.
    pub fn enum_path_text(&self, name: &QualName, side: Side) -> String {
        paths::text(&self.enum_path(name, side))
    }

    /// The Rust type of a TL type reference.
    pub fn rust_type(&self, ty: &TypeRef, side: Side) -> TokenStream {
        match ty {
            TypeRef::Int => quote!(i32),
            TypeRef::Long => quote!(i64),
            TypeRef::Double => quote!(f64),
            TypeRef::String => quote!(String),
            TypeRef::Bytes => quote!(Vec<u8>),
            TypeRef::Int128 => quote!([u8; 16]),
            TypeRef::Int256 => quote!([u8; 32]),
            TypeRef::Bool | TypeRef::True => quote!(bool),
            TypeRef::Vector { element, .. } => {
                let element = self.rust_type(element, side);
                quote!(Vec<#element>)
            }
            TypeRef::Boxed(name) => {
                let path = self.enum_path(name, side);
                quote!(#path)
            }
            TypeRef::Bare(name) => {
                let path = self.struct_path(name, side);
                quote!(#path)
            }
            TypeRef::Generic(name) => {
                let name = ident(name);
                quote!(#name)
            }
        }
    }

    /// The Rust type as text, for docs: what [`Self::rust_type`] writes.
    pub fn rust_type_text(&self, ty: &TypeRef, side: Side) -> String {
        match ty {
            TypeRef::Int => "i32".to_owned(),
            TypeRef::Long => "i64".to_owned(),
            TypeRef::Double => "f64".to_owned(),
            TypeRef::String => "String".to_owned(),
            TypeRef::Bytes => "Vec<u8>".to_owned(),
            TypeRef::Int128 => "[u8; 16]".to_owned(),
            TypeRef::Int256 => "[u8; 32]".to_owned(),
            TypeRef::Bool | TypeRef::True => "bool".to_owned(),
            TypeRef::Vector { element, .. } => {
                format!("Vec<{}>", self.rust_type_text(element, side))
            }
            TypeRef::Boxed(name) => self.enum_path_text(name, side),
            TypeRef::Bare(name) => self.struct_path_text(name, side),
            TypeRef::Generic(name) => ident_text(name),
        }
    }

    /// `serde::Serialize` and `Deserialize` for `name` (with its generic
    /// parameters `generics`, each a TL value), behind the configured
    /// feature: one line, the runtime's `__serde_impls!` with `shape`, the
    /// item's place in the reflection tables (the impls call the runtime's
    /// table-driven TL-JSON, `dynamic::serde`). Nothing when the
    /// configuration asks for no serde.
    pub fn serde_impls(
        &self,
        side: Side,
        name: &Ident,
        generics: &[Ident],
        shape: TokenStream,
    ) -> TokenStream {
        let Some(feature) = &self.config.serde_feature else {
            return quote!();
        };
        let rt = self.runtime(side);
        let generics = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics),*>)
        };
        quote! {
            #[cfg(feature = #feature)]
            #rt::__serde_impls!(#name #generics, #shape);
        }
    }

    pub fn layer_text(&self) -> String {
        match self.layer {
            Some(layer) => format!("layer {layer}"),
            None => "no layer".to_owned(),
        }
    }
}

/// Doc attributes, one per line.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        out.extend(quote!(#[doc = #text]));
    }
    out
}

/// A `u32` literal in hex, e.g. `0xdde8a54c_u32`.
pub fn id_literal(id: u32) -> TokenStream {
    let text = format!("0x{id:08x}_u32");
    text.parse().unwrap_or_else(|_| quote!(0u32))
}
