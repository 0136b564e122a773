//! insta snapshots of the code generated from every fixture in
//! `tests/fixtures/` (one snapshot per generated file, in `tests/snapshots/`).
//!
//! The generated files are checked in under `tests/src/fixtures/` (and kept
//! fresh by `cargo xtask codegen --check`); they are compiled into this
//! crate and exercised by `fixtures.rs`. A change to a fixture or to the
//! generator shows up here as a reviewable diff: `cargo insta review`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn generated_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/fixtures")
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

/// Every generated `.rs` file of every fixture, as (snapshot name, path).
fn generated_files() -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = generated_root();
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths
        .into_iter()
        .filter(|p| p.parent() != Some(root.as_path()))
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('/', "__");
            (relative.trim_end_matches(".rs").to_owned(), path)
        })
        .collect()
}

#[test]
fn fixture_snapshots() {
    let files = generated_files();
    assert!(
        files.len() >= 12,
        "expected generated code for every fixture"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshot_dir());
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, path) in &files {
            let contents = fs::read_to_string(path).unwrap();
            insta::assert_snapshot!(name.as_str(), contents);
        }
    });
}

/// A snapshot whose generated file is gone must be deleted too.
#[test]
fn no_unreferenced_snapshots() {
    let expected: BTreeSet<String> = generated_files()
        .into_iter()
        .map(|(name, _)| format!("{name}.snap"))
        .collect();
    let mut unreferenced = Vec::new();
    for entry in fs::read_dir(snapshot_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".snap") && !expected.contains(&name) {
            unreferenced.push(name);
        }
    }
    assert!(
        unreferenced.is_empty(),
        "unreferenced snapshots in tests/snapshots/: {unreferenced:?}"
    );
}

/// The seed page's facts, as the generated documentation states them.
#[test]
fn seed_docs_carry_the_seed_page() {
    let root = generated_root().join("seed");
    let method = fs::read_to_string(root.join("functions/messages.rs")).unwrap();
    for expected in [
        "Import a chat invite and join a private chat/supergroup/channel",
        "| `hash` | `string` | `hash` from `t.me/joinchat/hash` | Yes |",
        "[`Updates`](crate::fixtures::seed::enums::Updates)",
        "Bots can use this method: **no** (users only).",
        "| 400 | `INVITE_HASH_EXPIRED` | The invite link has expired |",
        "| 406 | `AUTH_KEY_DUPLICATED` | An auth key with the same ID was already generated |",
        "| 401 | `SESSION_PASSWORD_NEEDED` | 2FA is enabled, use a password to login |",
    ] {
        assert!(
            method.contains(expected),
            "missing from the seed docs: {expected}"
        );
    }
    // The error table has the seed's twelve rows.
    let rows = method.lines().filter(|l| l.starts_with("/// | 40")).count();
    assert_eq!(rows, 12);
}
