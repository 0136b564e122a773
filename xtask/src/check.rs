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
pub fn check_text(
    file: &str,
    text: String,
    allowlist: &[tl_gen::model::IdException],
    verify_ids: bool,
) -> FileReport {
    let mut config = tl_gen::Config::new().schema(file, text, &[]);
    config.ids.verify = verify_ids;
    config.ids.allowlist = allowlist.to_vec();
    let mut report = FileReport {
        file: file.to_owned(),
        constructors: 0,
        functions: 0,
        boxed_types: 0,
        generated_files: 0,
        generated_lines: 0,
        errors: None,
    };
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

pub fn run(files: &[PathBuf], allowlists: &[PathBuf], verify_ids: bool) -> Result<(), String> {
    let allowlist = read_allowlists(allowlists)?;
    let mut failed = 0;
    for path in files {
        let report = match read(path) {
            Ok(text) => check_text(&path.display().to_string(), text, &allowlist, verify_ids),
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
