//! Constructor IDs: every explicit ID in `schema/` equals the CRC32 of its
//! normalised definition, except the allowlisted ones (each with a reason);
//! and the layer differ on the real corpus.

use std::fs;
use std::path::{Path, PathBuf};

use tl_gen::load::{load, LoadedKind};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn every_id_in_schema_is_verified() {
    let root = root();
    let allowlist = tl_gen::model::IdPolicy::parse_allowlist(
        "schema/id-allowlist.tsv",
        &fs::read_to_string(root.join("schema/id-allowlist.tsv")).unwrap(),
    )
    .unwrap();
    let (mut verified, mut mismatched) = (0, Vec::new());
    for file in ["schema/api.tl", "schema/mtproto.tl"] {
        let loaded = load(file, &fs::read_to_string(root.join(file)).unwrap()).unwrap();
        for definition in &loaded.definitions {
            let LoadedKind::Parsed {
                def,
                explicit_id: Some(id),
            } = &definition.kind
            else {
                continue;
            };
            if tl_gen::id::compute(&definition.raw.text) == *id {
                verified += 1;
            } else {
                mismatched.push((def.full_name(), *id));
            }
        }
    }
    let mut allowed: Vec<(String, u32)> =
        allowlist.iter().map(|e| (e.name.clone(), e.id)).collect();
    allowed.sort();
    mismatched.sort();
    println!("{verified} explicit IDs verified; allowlisted: {allowed:?}");
    assert_eq!(mismatched, allowed);
    assert!(allowlist.iter().all(|e| !e.reason.is_empty()));
    assert!(verified > 2500, "{verified}");
}

#[test]
fn diff_from_layer_225_flags_the_import_chat_invite_change() {
    let root = root();
    let corpus = root.join("../shared/corpus/telegram/api-layer225.tl");
    let old_text = fs::read_to_string(&corpus)
        .unwrap_or_else(|e| panic!("the corpus is read in place from {}: {e}", corpus.display()));
    let model = |file: &str, text: String| {
        let config = tl_gen::Config::new().schema(file, text, &[]);
        tl_gen::build_models(&config).unwrap().remove(0)
    };
    let old = model("api-layer225.tl", old_text);
    let new = model(
        "schema/api.tl",
        fs::read_to_string(root.join("schema/api.tl")).unwrap(),
    );
    let changes = tl_gen::diff::diff(&old, &new);
    let change = changes
        .iter()
        .find(|c| c.item == "method" && c.name == "messages.importChatInvite")
        .expect("messages.importChatInvite changed");
    assert!(change.breaking);
    assert!(
        change
            .details
            .iter()
            .any(|d| d == "returns `messages.ChatInviteJoinResult` instead of `Updates`"),
        "{:?}",
        change.details
    );
}
