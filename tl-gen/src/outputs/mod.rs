//! The registry of everything `cargo xtask codegen` writes.
//!
//! An [`Output`] names one output, the function that produces its files
//! from the [`Inputs`], and the directories it owns (a Rust file there that
//! it did not produce is stale). `cargo xtask codegen [--check]` walks
//! [`Output::ALL`]. The crates' output is [`crate::generate`]; the others
//! are the test crate's support code, one module each, built with `quote!`
//! from the validated model and [`crate::names`], and formatted by
//! [`crate::format::file`], the path the crates' files take.

mod dispatch;
mod error_dispatch;
pub mod fixtures;
mod grammers_dispatch;
mod new_checks;
mod response_dispatch;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proc_macro2::{Ident, TokenStream};

use crate::emit::reflect::hex;
use crate::model::Schema;
use crate::names::ident;
use crate::names::schema_names::{assign, module_path, SchemaNames};
use crate::{Config, Error, GeneratedFile};

/// The method whose struct stands in for the `X` of generic methods
/// (`invokeWithLayer {X:Type} query:!X = X`) in the method dispatch.
const GENERIC_STAND_IN: &str = "help.getConfig";

/// One output of `cargo xtask codegen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    /// `tl-types` and `tl-methods`: the layer's types, enums, methods and
    /// error enums ([`crate::generate`]).
    Crates,
    /// `tests/src/generated/dispatch.rs`: the schemas as static tables, and
    /// decode/re-encode by leading ID through `tl-types` and `tl-methods`.
    Dispatch,
    /// `tests/tests/support/grammers_dispatch.rs`: decode/re-encode by ID
    /// through `grammers-tl-types`, for the differential test.
    GrammersDispatch,
    /// `tests/tests/support/error_dispatch.rs`: every method's error enum by
    /// its TL name, for the error tests.
    ErrorDispatch,
    /// `new` against the full literal for every struct that has `new`
    /// (`tl-gen/src/outputs/new_checks.rs`).
    NewChecks,
    /// `tests/tests/support/response_dispatch.rs`: every method's
    /// `RemoteCall::decode_response` by its TL name, for the receive-path
    /// tests.
    ResponseDispatch,
    /// Every fixture of `tests/fixtures/` into `tests/src/fixtures/<name>/`,
    /// and the `mod.rs` declaring them.
    Fixtures,
}

impl Output {
    /// Every output, in the order their files are listed.
    pub const ALL: [Output; 7] = [
        Output::Crates,
        Output::Dispatch,
        Output::GrammersDispatch,
        Output::ErrorDispatch,
        Output::NewChecks,
        Output::ResponseDispatch,
        Output::Fixtures,
    ];

    /// The output's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Output::Crates => "crates",
            Output::Dispatch => "dispatch",
            Output::GrammersDispatch => "grammers-dispatch",
            Output::ErrorDispatch => "error-dispatch",
            Output::NewChecks => "new-checks",
            Output::ResponseDispatch => "response-dispatch",
            Output::Fixtures => "fixtures",
        }
    }

    /// The directories (relative, like the files' paths) that hold only
    /// this output's files.
    pub fn directories(self, inputs: &Inputs) -> Vec<String> {
        match self {
            Output::Crates => vec![
                inputs.layer.types_dir.clone(),
                inputs.layer.methods_dir.clone(),
            ],
            Output::Fixtures => vec![fixtures::DIR.to_owned()],
            Output::Dispatch
            | Output::GrammersDispatch
            | Output::ErrorDispatch
            | Output::NewChecks
            | Output::ResponseDispatch => Vec::new(),
        }
    }

    /// The output's files. Pure and deterministic, like [`crate::generate`].
    pub fn generate(self, inputs: &Inputs) -> Result<Vec<GeneratedFile>, Error> {
        let command = &inputs.layer.command;
        Ok(match self {
            Output::Crates => crate::generate(&inputs.layer)?,
            Output::Dispatch => vec![dispatch::generate(inputs.schemas()?, command)?],
            Output::GrammersDispatch => {
                vec![grammers_dispatch::generate(inputs.schemas()?, command)?]
            }
            Output::ErrorDispatch => vec![error_dispatch::generate(inputs.schemas()?, command)?],
            Output::NewChecks => vec![new_checks::generate(inputs.schemas()?, command)?],
            Output::ResponseDispatch => {
                vec![response_dispatch::generate(inputs.schemas()?, command)?]
            }
            Output::Fixtures => fixtures::generate(&inputs.fixtures, command)?,
        })
    }
}

/// What the outputs are generated from. The layer's models are built the
/// first time an output needs them, so change `layer` only before that.
pub struct Inputs {
    /// The layer: `schema/*.tl` and their side inputs.
    pub layer: Config,
    /// Each fixture schema of `tests/fixtures/` by name, configured with
    /// [`fixtures::config`].
    pub fixtures: Vec<(String, Config)>,
    /// The layer's schemas, validated and named once for every output that
    /// reads them.
    schemas: OnceLock<Result<Vec<NamedSchema>, Error>>,
}

impl Inputs {
    /// The inputs of a run: the layer and the fixtures (none to leave them
    /// out).
    pub fn new(layer: Config, fixtures: Vec<(String, Config)>) -> Self {
        Inputs {
            layer,
            fixtures,
            schemas: OnceLock::new(),
        }
    }

    fn schemas(&self) -> Result<&[NamedSchema], Error> {
        let schemas = self.schemas.get_or_init(|| {
            let models = crate::build_models(&self.layer)?;
            Ok(self
                .layer
                .schemas
                .iter()
                .zip(models)
                .map(|(source, model)| NamedSchema {
                    module: source.module.clone(),
                    names: assign(&model),
                    model,
                })
                .collect())
        });
        schemas.as_deref().map_err(Error::clone)
    }
}

/// One schema of the layer with the Rust names of its items.
struct NamedSchema {
    /// The module its items go under (`[]`, `["mtproto"]`).
    module: Vec<String>,
    model: Schema,
    names: SchemaNames,
}

impl NamedSchema {
    /// The path of an item of this schema in `tree` (`enums`, `functions`,
    /// `errors`), from the root of its crate: `mtproto::enums::Name`. Code
    /// using it imports its first segment with [`use_roots`].
    fn item_path(&self, tree: &str, namespace: &[String], name: &str) -> syn::Path {
        let mut parts = self.module.clone();
        parts.push(tree.to_owned());
        parts.extend(module_path(namespace));
        parts.push(name.to_owned());
        path(parts.iter().map(|part| ident(part)))
    }

    /// The first segment of [`Self::item_path`] in `tree`: the schema's
    /// module, or `tree` itself.
    fn path_root<'a>(&'a self, tree: &'a str) -> &'a str {
        self.module.first().map_or(tree, String::as_str)
    }

    /// `enums::…::Name` (in `tl_types`) of boxed type `index`.
    fn enum_path(&self, index: usize) -> syn::Path {
        let namespace = &self.model.boxed_types[index].name.namespace;
        self.item_path("enums", namespace, &self.names.boxed_types[index])
    }

    /// `functions::…::Name` (in `tl_methods`) of method `index`.
    fn function_path(&self, index: usize) -> syn::Path {
        let namespace = &self.model.functions[index].name.namespace;
        let name = &self.names.functions[index].struct_name;
        self.item_path("functions", namespace, name)
    }
}

/// `use krate::{enums, mtproto};`: the first segment of the paths of every
/// schema in `tree` ([`NamedSchema::item_path`]), each once.
fn use_roots(schemas: &[NamedSchema], krate: &str, tree: &str) -> TokenStream {
    let mut roots: Vec<&str> = Vec::new();
    for schema in schemas {
        let root = schema.path_root(tree);
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    let krate = ident(krate);
    let roots = roots.iter().map(|root| ident(root));
    quote::quote!(use #krate::{#(#roots),*};)
}

/// A path made of `segments`.
/// `krate::path`: an item path from [`NamedSchema::item_path`] written in
/// full, for files that name items of both crates.
fn in_crate(krate: &str, path: &syn::Path) -> syn::Path {
    let mut out = path.clone();
    out.segments.insert(0, syn::PathSegment::from(ident(krate)));
    out
}

fn path(segments: impl IntoIterator<Item = Ident>) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: segments.into_iter().map(syn::PathSegment::from).collect(),
    }
}

/// A boxed type in the dispatch by constructor ID, with the IDs that pick it.
struct BoxedArm<'a> {
    schema: &'a NamedSchema,
    /// Index in the schema's `boxed_types`.
    index: usize,
    ids: Vec<u32>,
}

/// The boxed types of every schema by their constructors' IDs, in schema
/// order. An ID that an earlier schema already uses is left to that schema
/// (the tables keep both); a type left without IDs has no arm.
fn boxed_arms(schemas: &[NamedSchema]) -> Vec<BoxedArm<'_>> {
    let mut seen = BTreeSet::new();
    let mut arms = Vec::new();
    for schema in schemas {
        for (index, boxed) in schema.model.boxed_types.iter().enumerate() {
            let ids: Vec<u32> = boxed
                .constructors
                .iter()
                .map(|&c| schema.model.constructors[c].id)
                .filter(|id| seen.insert(*id))
                .collect();
            if !ids.is_empty() {
                arms.push(BoxedArm { schema, index, ids });
            }
        }
    }
    arms
}

/// Every method of every schema, in schema order, but the later of two
/// with one ID: (schema, index in its `functions`).
fn function_arms(schemas: &[NamedSchema]) -> Vec<(&NamedSchema, usize)> {
    let mut seen = BTreeSet::new();
    let mut arms = Vec::new();
    for schema in schemas {
        for (index, function) in schema.model.functions.iter().enumerate() {
            if seen.insert(function.id) {
                arms.push((schema, index));
            }
        }
    }
    arms
}

/// The method standing in for `X` in generic methods: [`GENERIC_STAND_IN`]
/// if a schema has it (not generic itself).
fn stand_in(schemas: &[NamedSchema]) -> Option<(&NamedSchema, usize)> {
    schemas.iter().find_map(|schema| {
        schema
            .model
            .functions
            .iter()
            .position(|f| f.name.to_string() == GENERIC_STAND_IN && f.generics.is_empty())
            .map(|index| (schema, index))
    })
}

/// The type a method arm decodes: the method's path, with `stand_in` for
/// each generic parameter; `None` for a generic method without a stand-in.
fn method_type(
    path: syn::Path,
    generics: usize,
    stand_in: Option<&syn::Path>,
) -> Option<TokenStream> {
    match (generics, stand_in) {
        (0, _) => Some(quote::quote!(#path)),
        (n, Some(stand_in)) => {
            let args = std::iter::repeat_n(stand_in, n);
            Some(quote::quote!(#path<#(#args),*>))
        }
        (_, None) => None,
    }
}

/// Formats an output file whose header names the layer's schema files.
fn layer_file(
    path: &str,
    tokens: &TokenStream,
    command: &str,
    schemas: &[NamedSchema],
) -> Result<GeneratedFile, Error> {
    let sources: Vec<&str> = schemas.iter().map(|s| s.model.file.as_str()).collect();
    Ok(GeneratedFile {
        path: path.to_owned(),
        contents: crate::format::file(path, tokens, command, &sources)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "
peer id:int = Peer;
peerChat id:int = Peer;
type.item x:int = type.Item;
---functions---
getPeer id:int = Peer;
type.getItem = type.Item;
help.getConfig = Peer;
invokeWithLayer {X:Type} layer:int query:!X = X;
";
    const MTPROTO: &str = "
peer id:int = Peer;
pong x:long = Pong;
---functions---
ping x:long = Pong;
";

    fn inputs() -> Inputs {
        let layer = Config::new().schema("api.tl", API.to_owned(), &[]).schema(
            "mtproto.tl",
            MTPROTO.to_owned(),
            &["mtproto"],
        );
        Inputs::new(layer, Vec::new())
    }

    fn contents(output: Output) -> String {
        let files = output.generate(&inputs()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files.len(), 1);
        files[0].contents.clone()
    }

    #[test]
    fn files_start_with_the_header() {
        for output in [
            Output::Dispatch,
            Output::GrammersDispatch,
            Output::ErrorDispatch,
        ] {
            let text = contents(output);
            assert!(
                text.starts_with(&crate::format::header(
                    "cargo xtask codegen",
                    &["api.tl", "mtproto.tl"]
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn dispatch_paths_come_from_the_names() {
        let text = contents(Output::Dispatch);
        // A keyword namespace is a raw identifier; the second schema's
        // items are under its module, which the dispatch imports.
        for expected in [
            "use tl_types::{enums, mtproto};",
            "0x",
            " => visitor.visit::<enums::r#type::Item>(bytes),\n",
            " => visitor.visit::<mtproto::enums::Pong>(bytes),\n",
            "use tl_methods::{functions, mtproto};",
            "functions::InvokeWithLayer<functions::help::GetConfig>,",
            " => visitor.visit::<mtproto::functions::Ping>(bytes),\n",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
        // mtproto's `peer` has the ID of api's: the dispatch only knows the
        // first (the reflection tables keep both, see below).
        assert!(!text.contains("mtproto::enums::Peer"), "{text}");
        assert!(text.contains("Some(\"help.getConfig\")"), "{text}");
    }

    #[test]
    fn reflection_tables_are_rows() {
        let files = Output::Crates
            .generate(&inputs())
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(file) = files.iter().find(|f| f.path.ends_with("/reflect.rs")) else {
            panic!(
                "no reflect.rs among {:?}",
                files.iter().map(|f| &f.path).collect::<Vec<_>>()
            );
        };
        let text = &file.contents;
        // mtproto's `peer` has the ID of api's: the tables keep both, and
        // the lookup index by ID lists api's first.
        assert_eq!(text.matches("constructor(\"peer\"").count(), 2, "{text}");
        let by_id = text
            .lines()
            .find(|line| line.contains("constructors_by_id"))
            .unwrap_or_default();
        assert!(by_id.contains("0, 3"), "{by_id}");
        // One line per definition and per parameter, indexes across the
        // schemas (mtproto's `Pong` is the fourth boxed type).
        for expected in [
            "\n    constructor(\"peerChat\", 0x",
            "\n    param(\"id\", Ty::Int),\n",
            "\n    constructor(\"pong\", 0x",
            ", Mtproto, 3),\n    param(\"x\", Ty::Long),\n",
            "\n    function(\"invokeWithLayer\", 0x",
            ", Api, \"!X\"),\n    param(\"layer\", Ty::Int),\n    param(\"query\", Ty::Generic),\n",
            "\n    BoxedType::new(\"Peer\", Api, &[0, 1]),\n",
            "&rows::constructors::<",
            "static CONSTRUCTOR_PARAMS: [Param; 5] = rows::params(CONSTRUCTOR_ROWS);",
            "&rows::functions::<",
            "static FUNCTION_PARAMS: [Param; 4] = rows::params(FUNCTION_ROWS);",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
    }

    #[test]
    fn error_dispatch_names_every_method_with_its_enum() {
        let text = contents(Output::ErrorDispatch);
        for arm in [
            "use tl_methods::{errors, mtproto};",
            "\"getPeer\" => classify!(errors::GetPeerError, err)",
            "\"type.getItem\" => classify!(errors::r#type::GetItemError, err)",
            "\"ping\" => classify!(mtproto::errors::PingError, err)",
        ] {
            assert!(text.contains(arm), "{arm}\n{text}");
        }
    }

    #[test]
    fn grammers_dispatch_uses_grammers_names() {
        let text = contents(Output::GrammersDispatch);
        for expected in [
            "use grammers_tl_types::enums;",
            " => reencode::<enums::r#type::Item>,\n",
            "use grammers_tl_types::functions;",
            "functions::help::GetConfig",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
    }

    #[test]
    fn fixtures_are_declared_in_order() {
        let fixture = |name: &str| {
            let config = Config::new().schema(&format!("{name}.tl"), "a = A;".to_owned(), &[]);
            (name.to_owned(), fixtures::config(name, config))
        };
        let fixtures = vec![fixture("first"), fixture("second")];
        let files = fixtures::generate(&fixtures, "cmd").unwrap_or_else(|e| panic!("{e}"));
        let index = files.last().map(|f| (f.path.as_str(), f.contents.as_str()));
        assert_eq!(
            index,
            Some((
                "tests/src/fixtures/mod.rs",
                "// @generated by `cmd` from tests/fixtures/. Do not edit by hand.\n\n\
                 //! Code generated from each fixture schema in `tests/fixtures/`.\n\n\
                 pub mod first;\npub mod second;\n"
            ))
        );
        assert!(files
            .iter()
            .any(|f| f.path == "tests/src/fixtures/first/mod.rs"));
        let bad = vec![fixture("not-a-module")];
        let err = fixtures::generate(&bad, "cmd").err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("must be a Rust module name")));
    }
}
