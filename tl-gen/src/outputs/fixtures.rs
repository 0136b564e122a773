//! The fixtures: the schema of every `tests/fixtures/<name>/` generated into
//! `tests/src/fixtures/<name>/` (types and methods in one module tree of the
//! test crate), and `tests/src/fixtures/mod.rs` declaring one module each.

use quote::quote;

use crate::names::ident;
use crate::{Config, Error, GeneratedFile};

/// The directory holding one directory per fixture, each with a `schema.tl`.
pub const SCHEMAS: &str = "tests/fixtures";
/// Where the fixtures' code goes: the module `crate::fixtures` of the test crate.
pub const DIR: &str = "tests/src/fixtures";

/// The configuration of fixture `name` from one holding its schema and side
/// inputs: code into `tests/src/fixtures/<name>/`, as the module
/// `crate::fixtures::<name>` of the test crate, using the runtime crates.
pub fn config(name: &str, mut config: Config) -> Config {
    let dir = format!("{DIR}/{name}");
    let module = format!("crate::fixtures::{name}");
    config.types_dir = dir.clone();
    config.methods_dir = dir;
    config.types_path = module.clone();
    config.types_runtime_path = "::tl_types".to_owned();
    config.methods_path = module.clone();
    config.methods_types_path = module;
    config.methods_types_runtime_path = "::tl_types".to_owned();
    config.methods_runtime_path = "::tl_methods".to_owned();
    config.function_deserialize_feature = None;
    config.methods_crate = "tl_tests".to_owned();
    config.serde_feature = None;
    config
}

/// Every fixture's files, then `mod.rs`.
pub fn generate(fixtures: &[(String, Config)], command: &str) -> Result<Vec<GeneratedFile>, Error> {
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for (name, config) in fixtures {
        let is_module_name = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_module_name {
            let message =
                format!("fixture `{name}`: its directory name must be a Rust module name");
            return Err(Error::plain(&format!("{SCHEMAS}/{name}"), message));
        }
        files.extend(crate::generate(config)?);
        modules.push(ident(name));
    }
    let tokens = quote! {
        //! Code generated from each fixture schema in `tests/fixtures/`.

        #(pub mod #modules;)*
    };
    let path = format!("{DIR}/mod.rs");
    let contents = crate::format::file(&path, &tokens, command, &[&format!("{SCHEMAS}/")])?;
    files.push(GeneratedFile { path, contents });
    Ok(files)
}
