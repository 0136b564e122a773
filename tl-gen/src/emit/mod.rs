//! Stage 4, **emit**: `quote!` the Rust items of every output kind.
//!
//! One submodule per output kind: `types` (constructor structs), `enums`
//! (boxed types), `functions` (method structs), `codec` (serialize and
//! deserialize bodies shared by the three), `docs` (rustdoc text). This
//! module decides which file each item goes to and the module tree.

mod codec;
mod common_error;
mod docs;
mod enums;
mod error_table;
mod errors;
mod functions;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{DefinitionKind, QualName, Schema, TypeRef};
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
    let mut out = TokenStream::new();
    if path.starts_with("::") {
        out.extend(quote!(::));
    }
    for (i, part) in path.split("::").filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            out.extend(quote!(::));
        }
        let part_ident = if matches!(part, "crate" | "self" | "super") {
            format_ident!("{}", part)
        } else if let Some(raw) = part.strip_prefix("r#") {
            proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site())
        } else {
            ident(part)
        };
        out.extend(quote!(#part_ident));
    }
    out
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

    /// Path text of the generated root of this schema as seen from `side`.
    fn root_text(&self, side: Side) -> String {
        let mut root = match side {
            Side::Types => self.config.types_path.clone(),
            Side::Methods => self.config.methods_types_path.clone(),
        };
        for part in self.prefix {
            root.push_str("::");
            root.push_str(&ident_text(part));
        }
        root
    }

    /// `crate::types::messages::ChatInviteJoinResultOk` (text form).
    pub fn struct_path_text(&self, name: &QualName, side: Side) -> String {
        // Every reference was resolved by the model, so the name is known.
        let index = self.schema.constructor_position(name).unwrap_or_default();
        let rust = &self.names.constructors[index].struct_name;
        self.item_path_text("types", &name.namespace, rust, side)
    }

    /// `crate::enums::Updates` (text form).
    pub fn enum_path_text(&self, name: &QualName, side: Side) -> String {
        let index = self.schema.boxed_position(name).unwrap_or_default();
        let rust = &self.names.boxed_types[index];
        self.item_path_text("enums", &name.namespace, rust, side)
    }

    /// Path of an item of this schema in the types tree (`kind` is `types`
    /// or `enums`), as seen from `side`.
    pub fn item_path_text(
        &self,
        kind: &str,
        namespace: &[String],
        rust: &str,
        side: Side,
    ) -> String {
        join_path(self.root_text(side), kind, namespace, rust)
    }

    /// Path of an item in this schema's `functions` module tree, as seen
    /// from methods code.
    pub fn function_path_text(&self, namespace: &[String], rust: &str) -> String {
        join_path(self.methods_root_text(), "functions", namespace, rust)
    }

    /// Path of a method's error enum, as seen from methods code.
    pub fn error_path_text(&self, namespace: &[String], rust: &str) -> String {
        join_path(self.methods_root_text(), "errors", namespace, rust)
    }

    /// The generated methods root of this schema, as seen from methods code.
    fn methods_root_text(&self) -> String {
        let mut root = self.config.methods_path.clone();
        for part in self.prefix {
            root.push_str("::");
            root.push_str(&ident_text(part));
        }
        root
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
            TypeRef::Boxed(name) => path_tokens(&self.enum_path_text(name, side)),
            TypeRef::Bare(name) => path_tokens(&self.struct_path_text(name, side)),
            TypeRef::Generic(name) => {
                let name = ident(name);
                quote!(#name)
            }
        }
    }

    /// The Rust type as text, for docs (short form without the crate root).
    pub fn rust_type_text(&self, ty: &TypeRef, side: Side) -> String {
        self.rust_type(ty, side)
            .to_string()
            .replace(" :: ", "::")
            .replace(":: ", "::")
            .replace(" <", "<")
            .replace("< ", "<")
            .replace(" >", ">")
            .replace(" ;", ";")
            .replace("[ ", "[")
            .replace(" ]", "]")
    }

    /// `#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]`
    /// when the configuration asks for it.
    pub fn serde_attr(&self) -> TokenStream {
        match &self.config.serde_feature {
            Some(feature) => quote! {
                #[cfg_attr(feature = #feature, derive(serde::Serialize, serde::Deserialize))]
            },
            None => quote!(),
        }
    }

    pub fn layer_text(&self) -> String {
        match self.layer {
            Some(layer) => format!("layer {layer}"),
            None => "no layer".to_owned(),
        }
    }
}

/// `root::kind::<namespace modules>::Name`.
fn join_path(mut path: String, kind: &str, namespace: &[String], rust: &str) -> String {
    path.push_str("::");
    path.push_str(kind);
    for part in module_path(namespace) {
        path.push_str("::");
        path.push_str(&ident_text(&part));
    }
    path.push_str("::");
    path.push_str(&ident_text(rust));
    path
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
