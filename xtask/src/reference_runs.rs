//! `cargo xtask reference-runs [--check]`: builds `schema/reference-runs.txt`,
//! the hashes of every 8-word run, and of the whole, of each of Telegram's
//! published descriptions (the
//! `comment` and `description` texts of `@mtcute/tl`'s `api-schema.json`,
//! `mtp-schema.json` and `raw-errors.json`, and its type comments). The
//! originality test (`tests/tests/originality.rs`) fails when a description
//! of ours shares a run with them. Only hashes are committed, no text; the
//! rules are in `tl_gen::originality`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;
use tl_gen::originality::{render_runs, text_hashes, RUN_WORDS};

pub const RUNS_FILE: &str = "schema/reference-runs.txt";

const FILES: [&str; 3] = ["api-schema.json", "mtp-schema.json", "raw-errors.json"];

/// Every text in `value` under a `comment` or `description` key, and the
/// values of the type-comment map `u` of `api-schema.json`.
fn texts<'a>(value: &'a Value, key: Option<&str>, out: &mut Vec<&'a str>) {
    match value {
        Value::String(text) if matches!(key, Some("comment" | "description" | "u")) => {
            out.push(text)
        }
        Value::Object(map) => {
            for (k, v) in map {
                // The entries of `u` are keyed by type name; keep the parent key.
                let key = if key == Some("u") {
                    key
                } else {
                    Some(k.as_str())
                };
                texts(v, key, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                texts(item, key, out);
            }
        }
        _ => {}
    }
}

pub fn run(root: &Path, package: &str, check: bool) -> Result<(), String> {
    let files = crate::npm::package_files(package, &FILES)?;
    let mut hashes = BTreeSet::new();
    let mut text_count = 0;
    for name in FILES {
        let text = files
            .get(name)
            .ok_or_else(|| format!("{package} has no {name}"))?;
        let json: Value =
            serde_json::from_str(text).map_err(|e| format!("{name}: invalid JSON: {e}"))?;
        let mut found = Vec::new();
        texts(&json, None, &mut found);
        text_count += found.len();
        for text in found {
            hashes.extend(text_hashes(text));
        }
    }
    let header = vec![
        format!(
            "Hashes of every {RUN_WORDS}-word run, and of the whole, of each description in npm {package} ({} texts);",
            text_count
        ),
        "built by `cargo xtask reference-runs`, checked by tests/tests/originality.rs. Rules: tl-gen/src/originality.rs.".to_owned(),
    ];
    let rendered = render_runs(&header, &hashes);
    let path = root.join(RUNS_FILE);
    if check {
        let committed = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if committed != rendered {
            return Err(format!(
                "{RUNS_FILE} differs from what {package} gives; run `cargo xtask reference-runs` and commit"
            ));
        }
        println!("{RUNS_FILE} is up to date ({} runs)", hashes.len());
    } else {
        fs::write(&path, rendered).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "wrote {RUNS_FILE}: {} runs of {text_count} texts",
            hashes.len()
        );
    }
    Ok(())
}
