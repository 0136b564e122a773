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
    /// Both succeeded, but `generate` was skipped because the model has a
    /// known bug (see [`has_known_bug`]).
    KnownBug,
}

/// Models that would hit a known, open bug of `generate`, so that fuzzing
/// can go on past it (pass `skip_known_bugs`). None is open now; the check
/// below is for the one this target found and that is fixed (a constructor
/// result type that was not an identifier, `e=E o;`): `build_models` rejects
/// such models, so the check never fires.
pub fn has_known_bug(models: &[tl_gen::model::Schema]) -> bool {
    let bad_part = |part: &String| {
        part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    models.iter().any(|m| {
        m.boxed_types
            .iter()
            .any(|b| bad_part(&b.name.name) || b.name.namespace.iter().any(bad_part))
    })
}

/// Loads `text`, builds its model and, if `generate` is set and the model
/// is valid, generates code in memory (nothing is written); with
/// `skip_known_bugs`, not for models that [`has_known_bug`]. Panics if a
/// diagnostic points outside the input: its line must be one of the text's
/// lines (numbered from 1, split at `\n` like the loader does) and its
/// column at least 1 and at most one past the end of that line.
pub fn check_schema(text: &str, generate: bool, skip_known_bugs: bool) -> SchemaOutcome {
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
    match tl_gen::build_models(&config) {
        Err(err) => {
            check(&err.diagnostics, "build_models");
            let _ = err.to_string();
            return SchemaOutcome::ModelError;
        }
        Ok(models) if skip_known_bugs && has_known_bug(&models) => {
            return SchemaOutcome::KnownBug;
        }
        Ok(_) => {}
    }
    if generate {
        if let Err(err) = tl_gen::generate(&config) {
            check(&err.diagnostics, "generate");
        }
    }
    SchemaOutcome::Ok
}
