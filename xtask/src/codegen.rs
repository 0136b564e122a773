//! `cargo xtask codegen`: run the generator over `schema/` and bring the
//! checked-in files up to date (or, with `--check`, report what differs).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tl_gen::outputs::{fixtures, Inputs, Output};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The generator configuration for the schemas in `schema_dir`: `api.tl` at
/// the crate roots, every other `NAME.tl` under a module named `NAME`.
pub fn config(schema_dir: &Path) -> Result<tl_gen::Config, String> {
    let mut names: Vec<String> = fs::read_dir(schema_dir)
        .map_err(|e| format!("cannot read {}: {e}", schema_dir.display()))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".tl"))
        .collect();
    names.sort();
    // api.tl first: it gives the layer and the root modules.
    names.sort_by_key(|name| name != "api.tl");
    if names.is_empty() {
        return Err(format!("no .tl files in {}", schema_dir.display()));
    }
    let mut config = tl_gen::Config::new();
    load_side_inputs(&mut config, schema_dir, "schema")?;
    config.common_error_enum = true;
    for name in names {
        let path = schema_dir.join(&name);
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let stem = name.trim_end_matches(".tl");
        let module: Vec<String> = if stem == "api" {
            Vec::new()
        } else {
            vec![tl_gen::names::module_name(stem)]
        };
        let label = format!("schema/{name}");
        config.schemas.push(tl_gen::SchemaSource {
            file: label,
            text,
            module,
        });
    }
    Ok(config)
}

/// Reads the optional inputs next to a schema: `id-allowlist.tsv`,
/// `errors.tsv` + `availability.tsv`, `descriptions.tsv`. Written IDs are
/// always verified.
fn load_side_inputs(config: &mut tl_gen::Config, dir: &Path, label: &str) -> Result<(), String> {
    let read = |path: &Path| {
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    config.ids.verify = true;
    config.ids.reject_unneeded = true;
    config.common_errors = common_errors()?;
    config.ids.known = crate::check::known_quirks()?;
    let allowlist = dir.join("id-allowlist.tsv");
    if allowlist.exists() {
        config.ids.allowlist = tl_gen::model::IdPolicy::parse_allowlist(
            &format!("{label}/id-allowlist.tsv"),
            &read(&allowlist)?,
        )
        .map_err(|e| e.to_string())?;
    }
    let errors = dir.join("errors.tsv");
    let availability = dir.join("availability.tsv");
    if errors.exists() || availability.exists() {
        let errors = if errors.exists() {
            read(&errors)?
        } else {
            String::new()
        };
        let availability = if availability.exists() {
            read(&availability)?
        } else {
            String::new()
        };
        let facts = tl_gen::error_facts::parse_error_facts(&errors, &availability)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        config.error_facts = Some(facts);
    }
    let files = description_files(dir)?;
    if !files.is_empty() {
        let texts = files
            .iter()
            .map(|path| {
                let name = path.strip_prefix(dir).unwrap_or(path).display().to_string();
                read(path).map(|text| (format!("{label}/{name}"), text))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let borrowed: Vec<(&str, &str)> = texts
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        let parsed = tl_gen::descriptions::Descriptions::parse_files(&borrowed)
            .map_err(|e| e.to_string())?;
        config.descriptions = Some(parsed);
    }
    Ok(())
}

/// The errors any method may return, as the methods runtime knows them
/// (`schema/common-errors.tsv`, compiled in so that every generated tree
/// routes the same names to `Common`).
pub fn common_errors() -> Result<Vec<tl_gen::common_errors::CommonErrorFact>, String> {
    tl_gen::common_errors::parse(
        "schema/common-errors.tsv",
        include_str!("../../schema/common-errors.tsv"),
    )
    .map_err(|e| e.to_string())
}

/// The descriptions next to a schema: `descriptions.tsv` and every
/// `*.tsv` under `descriptions/`, in path order.
pub fn description_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let single = dir.join("descriptions.tsv");
    if single.exists() {
        out.push(single);
    }
    let mut pending = vec![dir.join("descriptions")];
    let mut found = Vec::new();
    while let Some(folder) = pending.pop() {
        if !folder.is_dir() {
            continue;
        }
        let entries =
            fs::read_dir(&folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", folder.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "tsv") {
                found.push(path);
            }
        }
    }
    found.sort();
    out.extend(found);
    Ok(out)
}

/// One generator configuration per fixture directory in `tests/fixtures/`
/// (each with a `schema.tl`), by fixture name.
pub fn fixture_configs(root: &Path) -> Result<Vec<(String, tl_gen::Config)>, String> {
    let dir = root.join(fixtures::SCHEMAS);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("schema.tl").exists())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let fixture = dir.join(&name);
        let text =
            fs::read_to_string(fixture.join("schema.tl")).map_err(|e| format!("{name}: {e}"))?;
        let label = format!("{}/{name}", fixtures::SCHEMAS);
        let mut config = tl_gen::Config::new().schema(&format!("{label}/schema.tl"), text, &[]);
        load_side_inputs(&mut config, &fixture, &label)?;
        let config = fixtures::config(&name, config);
        out.push((name, config));
    }
    Ok(out)
}

/// What a codegen run found or did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub deleted: Vec<String>,
}

/// The files of `outputs`, in registry order. Each output runs on a thread
/// of its own: the crates' emit stage runs on one core, so the smaller
/// outputs cost little wall time beside it.
fn generate(inputs: &Inputs, outputs: &[Output]) -> Result<Vec<tl_gen::GeneratedFile>, String> {
    std::thread::scope(|scope| {
        let running: Vec<_> = outputs
            .iter()
            .map(|&output| (output, scope.spawn(move || output.generate(inputs))))
            .collect();
        let mut files = Vec::new();
        for (output, thread) in running {
            let generated = thread.join().map_err(|_| {
                format!(
                    "internal error: generating the {} output panicked",
                    output.name()
                )
            })?;
            files.extend(generated.map_err(|e| e.to_string())?);
        }
        Ok(files)
    })
}

/// Generates and compares (or writes) every file under `out_dir`.
pub fn sync(
    schema_dir: &Path,
    out_dir: &Path,
    check: bool,
    fixtures: bool,
) -> Result<Outcome, String> {
    // Without the workspace's own schemas, the fixtures are left alone.
    let outputs: Vec<Output> = Output::ALL
        .into_iter()
        .filter(|&output| output != Output::Fixtures || fixtures)
        .collect();
    let fixtures = if fixtures {
        fixture_configs(&workspace_root())?
    } else {
        Vec::new()
    };
    let inputs = Inputs::new(config(schema_dir)?, fixtures);
    let files = generate(&inputs, &outputs)?;
    let dirs: Vec<String> = outputs
        .iter()
        .flat_map(|output| output.directories(&inputs))
        .collect();
    let mut outcome = Outcome::default();
    let mut expected = BTreeSet::new();
    for file in &files {
        let path = out_dir.join(&file.path);
        expected.insert(path.clone());
        let current = fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            outcome.unchanged += 1;
            continue;
        }
        outcome.written.push(file.path.clone());
        if !check {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            fs::write(&path, &file.contents)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    // Files in the generated trees that this run did not produce.
    for dir in &dirs {
        let dir = out_dir.join(dir);
        for path in rust_files(&dir) {
            if expected.contains(&path) {
                continue;
            }
            let shown = path
                .strip_prefix(out_dir)
                .unwrap_or(&path)
                .display()
                .to_string();
            if !outcome.deleted.contains(&shown) {
                if !check {
                    fs::remove_file(&path)
                        .map_err(|e| format!("cannot delete {}: {e}", path.display()))?;
                }
                outcome.deleted.push(shown);
            }
        }
        if !check {
            remove_empty_dirs(&dir);
        }
    }
    Ok(outcome)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            let _ = fs::remove_dir(&path);
        }
    }
}

/// The `codegen` command.
pub fn run(schema_dir: &Path, out_dir: &Path, check: bool, fixtures: bool) -> Result<(), String> {
    let started = Instant::now();
    let outcome = sync(schema_dir, out_dir, check, fixtures)?;
    let elapsed = started.elapsed();
    if check {
        if outcome.written.is_empty() && outcome.deleted.is_empty() {
            println!("generated code is up to date ({} files)", outcome.unchanged);
            return Ok(());
        }
        let mut message = String::from("generated code is stale:\n");
        for path in &outcome.written {
            message.push_str(&format!("  stale or missing: {path}\n"));
        }
        for path in &outcome.deleted {
            message.push_str(&format!("  not generated any more: {path}\n"));
        }
        message.push_str("run `cargo xtask codegen` and commit the result");
        return Err(message);
    }
    for path in &outcome.written {
        println!("wrote   {path}");
    }
    for path in &outcome.deleted {
        println!("deleted {path}");
    }
    println!(
        "{} written, {} deleted, {} unchanged in {:.2}s",
        outcome.written.len(),
        outcome.deleted.len(),
        outcome.unchanged,
        elapsed.as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when the checked-in code is not what the generator
    /// produces from `schema/`.
    #[test]
    fn generated_code_is_up_to_date() {
        let root = workspace_root();
        let outcome =
            sync(&root.join("schema"), &root, true, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            outcome.written.is_empty() && outcome.deleted.is_empty(),
            "stale generated files: {:?}, extra files: {:?}; run `cargo xtask codegen`",
            outcome.written,
            outcome.deleted
        );
    }

    /// Every output but the crates (which `tl_gen`'s own tests cover) gives
    /// the same files twice, each behind the one header.
    #[test]
    fn test_support_outputs_are_deterministic() {
        let root = workspace_root();
        let layer = config(&root.join("schema")).unwrap_or_else(|e| panic!("{e}"));
        let fixtures = fixture_configs(&root).unwrap_or_else(|e| panic!("{e}"));
        let inputs = Inputs::new(layer, fixtures);
        for output in Output::ALL {
            if output == Output::Crates {
                continue;
            }
            let first = output.generate(&inputs).unwrap_or_else(|e| panic!("{e}"));
            let second = output.generate(&inputs).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(first, second, "{}", output.name());
            for file in &first {
                let header = file.contents.lines().next().unwrap_or_default();
                assert!(
                    header.starts_with("// @generated by `cargo xtask codegen` from ")
                        && header.ends_with(". Do not edit by hand."),
                    "{}: {header}",
                    file.path
                );
            }
        }
    }
}
