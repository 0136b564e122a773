//! The descriptions in `schema/descriptions/` are the project's own words:
//! none shares a run of eight consecutive words with Telegram's published
//! descriptions, or is the whole of one (committed as hashes only: `schema/reference-runs.txt`,
//! built by `cargo xtask reference-runs`), and none is a placeholder.
//!
//! The two lines taken from the seed page (`messages.importChatInvite` and
//! its `hash`) are the one exception; they must match the seed page, read in
//! place from `../shared/seed/` when it is there.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use tl_gen::descriptions::{Descriptions, Kind};
use tl_gen::originality::{parse_runs, text_hashes, words};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `*.tsv` under `dir`, sorted.
fn tsv_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            for entry in fs::read_dir(&path).unwrap() {
                pending.push(entry.unwrap().path());
            }
        } else if path.extension().is_some_and(|e| e == "tsv") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn descriptions() -> Descriptions {
    let files: Vec<(String, String)> = tsv_files(&root().join("schema/descriptions"))
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Descriptions::parse_files(&borrowed).unwrap_or_else(|e| panic!("{e}"))
}

/// Lines whose text is the seed page's.
const FROM_THE_SEED: [(Kind, &str); 2] = [
    (Kind::Method, "messages.importChatInvite"),
    (Kind::Param, "messages.importChatInvite.hash"),
];

#[test]
fn no_description_shares_eight_words_with_the_reference() {
    let reference =
        parse_runs(&fs::read_to_string(root().join("schema/reference-runs.txt")).unwrap()).unwrap();
    assert!(reference.len() > 20_000, "the reference is nearly empty");
    let descriptions = descriptions();
    let mut checked = 0;
    let mut copied = Vec::new();
    for (kind, key, entry) in descriptions.iter() {
        if FROM_THE_SEED.contains(&(kind, key)) {
            continue;
        }
        checked += 1;
        if text_hashes(&entry.text)
            .iter()
            .any(|h| reference.contains(h))
        {
            copied.push(format!(
                "{}:{}: {} {key}",
                entry.file,
                entry.line,
                kind.word()
            ));
        }
    }
    assert!(checked > 4000, "only {checked} descriptions found");
    assert!(
        copied.is_empty(),
        "{} descriptions share an 8-word run with the reference text, or are one:\n{}",
        copied.len(),
        copied.join("\n")
    );
}

#[test]
fn seed_lines_are_the_seed_pages() {
    let descriptions = descriptions();
    let seed = root().join("../shared/seed/messages.importChatInvite.md");
    let Ok(page) = fs::read_to_string(&seed) else {
        eprintln!(
            "{} is not there; the seed lines are not compared",
            seed.display()
        );
        return;
    };
    let page = words(&page).join(" ");
    let texts = [
        descriptions.definition("messages.importChatInvite"),
        descriptions.param("messages.importChatInvite", "hash"),
    ];
    for text in texts {
        let text = text.expect("the seed lines are described");
        assert!(
            page.contains(&words(text).join(" ")),
            "{text:?} is not on the seed page"
        );
    }
}

#[test]
fn no_description_is_a_placeholder() {
    let placeholders: BTreeSet<&str> = ["todo", "tbd", "fixme", "lorem", "undocumented"]
        .into_iter()
        .collect();
    let mut found = Vec::new();
    for (kind, key, entry) in descriptions().iter() {
        if FROM_THE_SEED.contains(&(kind, key)) {
            continue;
        }
        // Backticked names (`TODO_ITEM_DUPLICATE`) are not prose.
        let prose: String = entry
            .text
            .split('`')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ");
        let text_words = words(&prose);
        let lazy = text_words.iter().any(|w| placeholders.contains(w.as_str()))
            || prose.to_ascii_lowercase().contains("no description")
            || text_words.len() < 2;
        if lazy {
            found.push(format!(
                "{}:{}: {} {key}: {}",
                entry.file,
                entry.line,
                kind.word(),
                entry.text
            ));
        }
    }
    assert!(found.is_empty(), "placeholders:\n{}", found.join("\n"));
}
