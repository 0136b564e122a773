//! Generates Rust code from Telegram TL schemas.
//!
//! The pipeline is **load → model → names → emit → format**, one module per
//! stage (see `ARCHITECTURE.md` in the repository). The entry point,
//! [`generate`], is pure: it takes schema text in a [`Config`] and returns the
//! files to write, so a build script or another tool can call it and decide
//! where the files go. [`outputs`] lists everything `cargo xtask codegen`
//! writes (these crates, the test crate's support code, the fixtures).
//!
//! ```no_run
//! let api = std::fs::read_to_string("schema/api.tl").unwrap();
//! let config = tl_gen::Config::new().schema("schema/api.tl", api, &[]);
//! for file in tl_gen::generate(&config).unwrap() {
//!     println!("{} ({} bytes)", file.path, file.contents.len());
//! }
//! ```

pub mod common_errors;
pub mod descriptions;
pub mod diagnostic;
pub mod diff;
pub mod doc_coverage;
mod emit;
pub mod error_facts;
pub mod format;
pub mod id;
pub mod load;
pub mod model;
pub mod names;
pub mod originality;
pub mod outputs;
pub mod tsv;

use quote::quote;

pub use diagnostic::{Diagnostic, Error, Span};

/// One schema to generate, and where its items go.
#[derive(Clone, Debug)]
pub struct SchemaSource {
    /// The name used in diagnostics and file headers, e.g. `schema/api.tl`.
    pub file: String,
    pub text: String,
    /// The module the schema's `types`, `enums` and `functions` go under:
    /// empty for the crate root, `["mtproto"]` for `crate::mtproto::types`.
    pub module: Vec<String>,
}

/// What to generate and how the generated code reaches its runtime.
///
/// Paths are Rust paths as seen from the generated code. The defaults fit
/// this workspace: types in `tl-types`, methods in `tl-methods`.
#[derive(Clone, Debug)]
pub struct Config {
    pub schemas: Vec<SchemaSource>,
    /// The layer to document and export as `LAYER`; by default the
    /// `// LAYER N` comment of the first schema that has one.
    pub layer: Option<i32>,
    /// Directory of the generated types tree (`mod.rs` and below).
    pub types_dir: String,
    /// Directory of the generated methods tree. May equal `types_dir`.
    pub methods_dir: String,
    /// The generated types root as seen from types code (`crate`).
    pub types_path: String,
    /// The codec runtime as seen from types code (`crate`).
    pub types_runtime_path: String,
    /// The generated methods root as seen from methods code (`crate`).
    pub methods_path: String,
    /// The generated types root as seen from methods code (`::tl_types`).
    pub methods_types_path: String,
    /// The codec runtime as seen from methods code (`::tl_types`).
    pub methods_types_runtime_path: String,
    /// The methods runtime (`RemoteCall`) as seen from methods code (`crate`).
    pub methods_runtime_path: String,
    /// The cargo feature that enables deserializing methods; `None` emits
    /// those impls unconditionally.
    pub function_deserialize_feature: Option<String>,
    /// The command named in each file's header.
    pub command: String,
    /// Errors and availability per method (see `schema/README.md`); methods
    /// it doesn't know get error enums with only `Common` and `Other`.
    pub error_facts: Option<error_facts::ErrorFacts>,
    /// Descriptions to put into the rustdoc (see [`descriptions`]).
    pub descriptions: Option<descriptions::Descriptions>,
    /// The errors any method may return (`common-errors.tsv`, see
    /// [`common_errors`]): per-method error enums route them to `Common`.
    pub common_errors: Vec<common_errors::CommonErrorFact>,
    /// Also generate `CommonError` itself, from `common_errors`, into the
    /// `errors` module of the schema generated at the methods root (the
    /// methods runtime re-exports it; other trees use that one).
    pub common_error_enum: bool,
    /// Whether and how written constructor IDs are verified.
    pub ids: model::IdPolicy,
    /// The cargo feature that derives `serde::Serialize`/`Deserialize` on
    /// every generated struct and enum (`serde`); `None` emits no derives.
    pub serde_feature: Option<String>,
    /// The name users import the methods crate by, for doc examples
    /// (`tl_methods`); replaces `crate` in `methods_path`.
    pub methods_crate: String,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The layout of this workspace.
    pub fn new() -> Self {
        Config {
            schemas: Vec::new(),
            layer: None,
            types_dir: "tl-types/src/generated".to_owned(),
            methods_dir: "tl-methods/src/generated".to_owned(),
            types_path: "crate".to_owned(),
            types_runtime_path: "crate".to_owned(),
            methods_path: "crate".to_owned(),
            methods_types_path: "::tl_types".to_owned(),
            methods_types_runtime_path: "::tl_types".to_owned(),
            methods_runtime_path: "crate".to_owned(),
            function_deserialize_feature: Some("deserializable-functions".to_owned()),
            command: "cargo xtask codegen".to_owned(),
            error_facts: None,
            descriptions: None,
            common_errors: Vec::new(),
            common_error_enum: false,
            ids: model::IdPolicy::default(),
            methods_crate: "tl_methods".to_owned(),
            serde_feature: Some("serde".to_owned()),
        }
    }

    /// Adds a schema whose items go under `module` (see [`SchemaSource`]).
    pub fn schema(mut self, file: &str, text: String, module: &[&str]) -> Self {
        self.schemas.push(SchemaSource {
            file: file.to_owned(),
            text,
            module: module.iter().map(|m| (*m).to_owned()).collect(),
        });
        self
    }
}

/// A file to write: `path` is relative to the directory the configured
/// `types_dir`/`methods_dir` are relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Loads and validates every schema of `config`, reporting all problems of
/// all schemas at once.
pub fn build_models(config: &Config) -> Result<Vec<model::Schema>, Error> {
    let mut diagnostics = Vec::new();
    let mut models = Vec::new();
    for source in &config.schemas {
        match load::load(&source.file, &source.text) {
            Ok(loaded) => match model::build_with(&loaded, &config.ids) {
                Ok(schema) => models.push(schema),
                Err(err) => diagnostics.extend(err.diagnostics),
            },
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if diagnostics.is_empty() {
        Ok(models)
    } else {
        Err(Error { diagnostics })
    }
}

/// Generates every file for `config`. Pure: no I/O, output sorted by path
/// and byte-identical from run to run.
pub fn generate(config: &Config) -> Result<Vec<GeneratedFile>, Error> {
    let timing = std::env::var_os("TL_GEN_TIMING").is_some();
    let started = std::time::Instant::now();
    let models = build_models(config)?;
    if timing {
        eprintln!("tl-gen: load + model {:?}", started.elapsed());
    }
    let layer = config.layer.or_else(|| models.iter().find_map(|m| m.layer));
    let mut files = emit::FileSet::default();
    let offsets = emit::reflect::Offsets::new(&models);
    for (s, (source, schema)) in config.schemas.iter().zip(&models).enumerate() {
        let names = names::schema_names::assign(schema);
        let cx = emit::Context {
            schema,
            names: &names,
            config,
            prefix: &source.module,
            layer,
            offsets: emit::TableOffsets {
                constructors: offsets.constructors[s],
                boxed_types: offsets.boxed_types[s],
                functions: offsets.functions[s],
            },
        };
        emit::emit_schema(&cx, &mut files);
    }

    let layer_schemas: Vec<emit::reflect::LayerSchema<'_>> = config
        .schemas
        .iter()
        .zip(&models)
        .map(|(source, model)| emit::reflect::LayerSchema {
            module: &source.module,
            model,
        })
        .collect();
    let runtime = emit::path_tokens(&config.types_runtime_path);
    let tables = emit::reflect::tables(&layer_schemas, &runtime)?;
    let sources: Vec<String> = models.iter().map(|m| m.file.clone()).collect();
    for source in &sources {
        files.module(&config.types_dir, &["reflect".to_owned()], source);
    }
    let reflect_path = format!("{}/reflect.rs", config.types_dir);
    files
        .files
        .entry(reflect_path)
        .or_default()
        .items
        .push(tables);

    let root = format!("{}/mod.rs", config.types_dir);
    let layer_value = layer.unwrap_or(0);
    let layer_doc = match layer {
        Some(layer) => format!(" The TL layer these types were generated from ({layer})."),
        None => " The TL layer (the schema named none).".to_owned(),
    };
    let root_file = files.files.entry(root).or_default();
    root_file.items.push(quote! {
        #[doc = #layer_doc]
        pub const LAYER: i32 = #layer_value;

        /// The TL name (`namespace.name`) of a constructor or method ID, from
        /// every schema generated here, or `None` for an unknown ID.
        pub fn name_for_id(id: u32) -> Option<&'static str> {
            reflect::TABLES.name_for_id(id)
        }
    });

    if timing {
        eprintln!("tl-gen: + names + emit {:?}", started.elapsed());
    }
    let out = format_all(files, &config.command)?;
    if timing {
        eprintln!("tl-gen: + format {:?}", started.elapsed());
    }
    Ok(out)
}

/// Formats every file, spread over the available cores. Results keep the
/// input (path) order whatever the scheduling, so output is deterministic.
///
/// This thread prints the token streams (they cannot cross threads),
/// largest files first (by item count), and hands each to whichever worker
/// is free: formatting starts with the first file, and the biggest one
/// (`types.rs`, a third of the output) runs alone while the others share
/// the rest.
fn format_all(files: emit::FileSet, command: &str) -> Result<Vec<GeneratedFile>, Error> {
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, 8);
    let (paths, mut files): (Vec<String>, Vec<emit::ModuleFile>) = files.files.into_iter().unzip();
    let mut order: Vec<usize> = (0..paths.len()).collect();
    let sizes: Vec<usize> = files.iter().map(|f| f.items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let mut results: Vec<Option<Result<String, Error>>> = Vec::new();
    results.resize_with(paths.len(), || None);
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, format::Prepared)>();
    let receiver = std::sync::Mutex::new(receiver);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let receiver = &receiver;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        // A poisoned lock only means another worker panicked.
                        let next = match receiver.lock() {
                            Ok(guard) => guard.recv(),
                            Err(poisoned) => poisoned.into_inner().recv(),
                        };
                        let Ok((i, prepared)) = next else { break };
                        done.push((i, format::finish(&prepared)));
                    }
                    done
                })
            })
            .collect();
        for &i in &order {
            // Taken out so that its tokens are freed here, while the
            // workers format, rather than all at the end.
            let file = std::mem::take(&mut files[i]);
            if sender
                .send((i, format::prepare(&paths[i], &file, command)))
                .is_err()
            {
                break;
            }
        }
        drop(sender);
        for worker in workers {
            // A worker that panicked leaves its files as `None`, reported below.
            if let Ok(done) = worker.join() {
                for (i, result) in done {
                    results[i] = Some(result);
                }
            }
        }
    });
    paths
        .iter()
        .zip(results)
        .map(|(path, result)| {
            let contents = result.unwrap_or_else(|| {
                Err(Error::plain(
                    path.as_str(),
                    format!("internal error: formatting `{path}` failed"),
                ))
            })?;
            Ok(GeneratedFile {
                path: path.clone(),
                contents,
            })
        })
        .collect()
}
