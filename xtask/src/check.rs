//! `cargo xtask check-schema FILE...`: load, validate and generate each
//! file in memory, print one line per file, fail if any file fails.

use std::fs;
use std::path::{Path, PathBuf};

/// What checking one file found.
pub struct FileReport {
    pub file: String,
    pub constructors: usize,
    pub functions: usize,
    pub boxed_types: usize,
    pub generated_files: usize,
    pub generated_lines: usize,
    pub errors: Option<tl_gen::Error>,
}

/// Checks one schema text (as a standalone schema at the crate root).
pub fn check_text(file: &str, text: String, ids: &tl_gen::model::IdPolicy) -> FileReport {
    let mut config = tl_gen::Config::new().schema(file, text, &[]);
    config.ids = ids.clone();
    let mut report = FileReport {
        file: file.to_owned(),
        constructors: 0,
        functions: 0,
        boxed_types: 0,
        generated_files: 0,
        generated_lines: 0,
        errors: None,
    };
    match crate::codegen::common_errors() {
        Ok(list) => config.common_errors = list,
        Err(message) => {
            report.errors = Some(tl_gen::Error::plain("schema/common-errors.tsv", message));
            return report;
        }
    }
    match tl_gen::build_models(&config) {
        Ok(models) => {
            for model in &models {
                report.constructors += model.constructors.len();
                report.functions += model.functions.len();
                report.boxed_types += model.boxed_types.len();
            }
        }
        Err(err) => {
            report.errors = Some(err);
            return report;
        }
    }
    match tl_gen::generate(&config) {
        Ok(files) => {
            report.generated_files = files.len();
            report.generated_lines = files.iter().map(|f| f.contents.lines().count()).sum();
        }
        Err(err) => report.errors = Some(err),
    }
    report
}

/// Telegram's own known ID quirks (`schema/id-allowlist.tsv`: definitions
/// published with an ID that does not follow the CRC32 rule). They apply by
/// default wherever a schema is loaded; `--no-known-quirks` turns them off.
pub fn known_quirks() -> Result<Vec<tl_gen::model::IdException>, String> {
    tl_gen::model::IdPolicy::parse_allowlist(
        "schema/id-allowlist.tsv",
        include_str!("../../schema/id-allowlist.tsv"),
    )
    .map_err(|e| e.to_string())
}

/// The ID policy of the loading commands: verify, the known quirks unless
/// `known_quirks` is false, and the given allowlist entries.
pub fn id_policy(
    allowlist: &[tl_gen::model::IdException],
    known_quirks: bool,
) -> Result<tl_gen::model::IdPolicy, String> {
    Ok(tl_gen::model::IdPolicy {
        verify: true,
        allowlist: allowlist.to_vec(),
        reject_unneeded: false,
        known: if known_quirks {
            self::known_quirks()?
        } else {
            Vec::new()
        },
    })
}

/// Reads allowlist files.
pub fn read_allowlists(paths: &[PathBuf]) -> Result<Vec<tl_gen::model::IdException>, String> {
    let mut out = Vec::new();
    for path in paths {
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        out.extend(
            tl_gen::model::IdPolicy::parse_allowlist(&path.display().to_string(), &text)
                .map_err(|e| e.to_string())?,
        );
    }
    Ok(out)
}

pub fn run(files: &[PathBuf], ids: &tl_gen::model::IdPolicy) -> Result<(), String> {
    let mut failed = 0;
    for path in files {
        let report = match read(path) {
            Ok(text) => check_text(&path.display().to_string(), text, ids),
            Err(message) => {
                println!("FAIL {}: {message}", path.display());
                failed += 1;
                continue;
            }
        };
        match &report.errors {
            None => println!(
                "ok   {}: {} constructors, {} boxed types, {} methods -> {} files, {} lines",
                report.file,
                report.constructors,
                report.boxed_types,
                report.functions,
                report.generated_files,
                report.generated_lines
            ),
            Some(err) => {
                failed += 1;
                eprintln!("{err}\n");
                println!("FAIL {}: {} errors", report.file, err.diagnostics.len());
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} of {} schema files failed", files.len()))
    }
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}

fn model(path: &Path) -> Result<tl_gen::model::Schema, String> {
    let text = read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config = tl_gen::Config::new().schema(&path.display().to_string(), text, &[]);
    let mut models = tl_gen::build_models(&config).map_err(|e| e.to_string())?;
    models
        .pop()
        .ok_or_else(|| format!("{}: no schema", path.display()))
}

/// `cargo xtask diff OLD NEW [--json]`.
pub fn diff(old: &Path, new: &Path, json: bool) -> Result<(), String> {
    let old_schema = model(old)?;
    let new_schema = model(new)?;
    let changes = tl_gen::diff::diff(&old_schema, &new_schema);
    if json {
        let list: Vec<serde_json::Value> = changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "item": c.item,
                    "name": c.name,
                    "kind": c.kind,
                    "breaking": c.breaking,
                    "details": c.details,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?;
        emit(&format!("{text}\n"));
        return Ok(());
    }
    use std::fmt::Write as _;
    let mut report = String::new();
    let layer = |s: &tl_gen::model::Schema| {
        s.layer
            .map_or("no layer".to_owned(), |l| format!("layer {l}"))
    };
    let _ = writeln!(
        report,
        "{} ({}) -> {} ({})",
        old.display(),
        layer(&old_schema),
        new.display(),
        layer(&new_schema)
    );
    for (title, breaking) in [("Breaking for Rust users", true), ("Not breaking", false)] {
        let group: Vec<_> = changes.iter().filter(|c| c.breaking == breaking).collect();
        let _ = writeln!(report, "\n{title} ({}):", group.len());
        for change in group {
            let mark = match change.kind {
                "added" => '+',
                "removed" => '-',
                _ => '~',
            };
            let _ = writeln!(
                report,
                "  {mark} {} {}: {}",
                change.item,
                change.name,
                change.details.join("; ")
            );
        }
    }
    let count = |kind: &str| changes.iter().filter(|c| c.kind == kind).count();
    let _ = writeln!(
        report,
        "\n{} added, {} removed, {} changed; {} breaking",
        count("added"),
        count("removed"),
        count("changed"),
        changes.iter().filter(|c| c.breaking).count()
    );
    emit(&report);
    Ok(())
}

/// Writes to stdout, ignoring a closed pipe (`| head`).
fn emit(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `cargo xtask compile-schema FILE...`: generate each file into a scratch
/// crate under `target/` that depends on this workspace's runtime crates,
/// and `cargo check` it.
pub fn compile(
    root: &Path,
    files: &[PathBuf],
    ids: &tl_gen::model::IdPolicy,
) -> Result<(), String> {
    let mut failed = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("schema")
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
        let dir = root.join("target").join("compile-schema").join(&stem);
        let text = read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut config = tl_gen::Config::new().schema(&path.display().to_string(), text, &[]);
        config.ids = ids.clone();
        config.common_errors = crate::codegen::common_errors()?;
        config.types_dir = "src/generated".to_owned();
        config.methods_dir = "src/generated".to_owned();
        config.types_runtime_path = "::tl_types".to_owned();
        config.methods_types_path = "crate".to_owned();
        config.methods_runtime_path = "::tl_methods".to_owned();
        config.function_deserialize_feature = None;
        config.serde_feature = None;
        let generated = tl_gen::generate(&config).map_err(|e| e.to_string())?;
        let _ = fs::remove_dir_all(dir.join("src"));
        for file in &generated {
            let target = dir.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            fs::write(&target, &file.contents).map_err(|e| e.to_string())?;
        }
        let manifest = format!(
            "[package]\nname = \"compile-{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ntl-types = {{ path = \"{}\" }}\ntl-methods = {{ path = \"{}\" }}\n\n[workspace]\n",
            stem.replace('_', "-"),
            root.join("tl-types").display(),
            root.join("tl-methods").display()
        );
        fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
        let lib = scratch_lib(&path.display().to_string()).map_err(|e| e.to_string())?;
        fs::write(dir.join("src/lib.rs"), lib).map_err(|e| e.to_string())?;
        let status = std::process::Command::new(
            std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
        )
        .args(["check", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("compile-schema").join("target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
        let lines: usize = generated.iter().map(|f| f.contents.lines().count()).sum();
        if status.success() {
            println!(
                "ok   {}: {} files, {lines} lines compile",
                path.display(),
                generated.len()
            );
        } else {
            println!("FAIL {}: generated code does not compile", path.display());
            failed.push(path.display().to_string());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated code does not compile for: {}",
            failed.join(", ")
        ))
    }
}

/// The root of a `compile-schema` scratch crate: the generated tree as its
/// module, re-exported.
fn scratch_lib(schema: &str) -> Result<String, tl_gen::Error> {
    let tokens = quote::quote! {
        //! Generated from a corpus schema to prove it compiles.
        #![allow(clippy::all, clippy::large_enum_variant)]

        #[rustfmt::skip]
        mod generated;
        pub use generated::*;
    };
    tl_gen::format::file(
        "src/lib.rs",
        &tokens,
        "cargo xtask compile-schema",
        &[schema],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(file: &str, known_quirks: bool) -> FileReport {
        let path = codegen_root().join("tests/schemas").join(file);
        let text = fs::read_to_string(&path).expect("fixture schema");
        let ids = id_policy(&[], known_quirks).expect("the known quirks parse");
        check_text(file, text, &ids)
    }

    fn codegen_root() -> PathBuf {
        crate::codegen::workspace_root()
    }

    #[test]
    fn the_scratch_crate_root_declares_the_generated_tree() {
        let lib = scratch_lib("x.tl").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lib.starts_with("// @generated by `cargo xtask compile-schema` from x.tl."),
            "{lib}"
        );
        assert!(
            lib.ends_with("#[rustfmt::skip]\nmod generated;\n\npub use generated::*;\n"),
            "{lib}"
        );
    }

    #[test]
    fn telegrams_published_quirks_are_accepted_by_default() {
        let report = check("published-quirks.tl", true);
        assert!(
            report.errors.is_none(),
            "{:?}",
            report.errors.map(|e| e.to_string())
        );
        assert_eq!(report.constructors, 4);
    }

    #[test]
    fn the_quirks_can_be_turned_off() {
        let report = check("published-quirks.tl", false);
        let errors = report.errors.expect("three mismatching IDs").to_string();
        for name in ["ipPortSecret", "accessPointRule", "help.configSimple"] {
            assert!(
                errors.contains(&format!("of `{name}` does not match")),
                "{errors}"
            );
        }
    }

    #[test]
    fn a_genuinely_wrong_id_is_still_reported() {
        let report = check("wrong-id.tl", true);
        let errors = report.errors.expect("a wrong ID").to_string();
        assert!(
            errors.contains("0xd433ad74 of `ipPort` does not match"),
            "{errors}"
        );
        assert_eq!(errors.matches("does not match").count(), 1, "{errors}");
    }
}
