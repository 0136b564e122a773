//! The "never panic, always point inside the input" property of the schema
//! loader, shared by the `load_schema` fuzz target and the in-CI smoke test
//! (`tests/tests/smoke_fuzz.rs` includes this file with `#[path]`). It
//! depends on `tl_gen` only.

use tl_gen::Diagnostic;

/// The file name the checks hand to the loader.
pub const FILE: &str = "fuzz.tl";

/// What happened to one schema text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOutcome {
    /// `load` reported errors.
    LoadError,
    /// `load` succeeded, `build_models` reported errors.
    ModelError,
    /// Both succeeded (and, when asked, `generate` ran too).
    Ok,
}

/// Loads `text`, builds its model and, if `generate` is set and the model
/// is valid, generates code in memory (nothing is written). Panics if a
/// diagnostic points outside the input: its line must be one of the text's
/// lines (numbered from 1, split at `\n` like the loader does) and its
/// column at least 1 and at most one past the end of that line.
pub fn check_schema(text: &str, generate: bool) -> SchemaOutcome {
    let lines: Vec<&str> = text.split('\n').collect();
    let check = |diagnostics: &[Diagnostic], stage: &str| {
        assert!(
            !diagnostics.is_empty(),
            "{stage} failed without a diagnostic"
        );
        for d in diagnostics {
            assert_eq!(d.span.file, FILE, "{stage}: wrong file in {d:?}");
            assert!(
                (1..=lines.len()).contains(&d.span.line),
                "{stage}: line {} outside the input ({} lines): {d:?}\ninput: {text:?}",
                d.span.line,
                lines.len()
            );
            let line = lines[d.span.line - 1];
            let line = line.strip_suffix('\r').unwrap_or(line);
            let width = line.chars().count();
            assert!(
                d.span.column >= 1 && d.span.column <= width + 1,
                "{stage}: column {} outside line {} ({width} characters): {d:?}\ninput: {text:?}",
                d.span.column,
                d.span.line
            );
            // Rendering must not panic either.
            let _ = d.to_string();
        }
    };

    if let Err(errors) = tl_gen::load::load(FILE, text) {
        check(&errors, "load");
        return SchemaOutcome::LoadError;
    }
    let config = tl_gen::Config::new().schema(FILE, text.to_owned(), &[]);
    if let Err(err) = tl_gen::build_models(&config) {
        check(&err.diagnostics, "build_models");
        let _ = err.to_string();
        return SchemaOutcome::ModelError;
    }
    if generate {
        if let Err(err) = tl_gen::generate(&config) {
            check(&err.diagnostics, "generate");
        }
    }
    SchemaOutcome::Ok
}
