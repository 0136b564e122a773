//! The public API the design promises, and the generated counts against an
//! independent reading of the schema files.

use std::fs;
use std::path::{Path, PathBuf};

use tl_methods::RemoteCall;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Names the TL language defines itself, or whose constructors the codec
/// handles natively (`Bool`, `Vector`): no struct is generated for them.
const NOT_GENERATED: &[&str] = &[
    "int",
    "long",
    "double",
    "string",
    "bytes",
    "int128",
    "int256",
    "vector",
    "boolFalse",
    "boolTrue",
];

/// Counts (constructors, boxed types, methods) by reading the schema text
/// directly: strip `//` comments, split at `;`, follow the sections.
fn count_schema(text: &str) -> (usize, usize, usize) {
    let mut without_comments = String::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        without_comments.push_str(code);
        without_comments.push('\n');
    }
    let mut functions = false;
    let (mut constructors, mut methods) = (0, 0);
    let mut types = std::collections::BTreeSet::new();
    for chunk in without_comments.split(';') {
        let mut chunk = chunk.trim();
        while let Some(rest) = chunk.strip_prefix("---") {
            let (section, after) = rest.split_once("---").expect("closed separator");
            functions = section == "functions";
            chunk = after.trim();
        }
        if chunk.is_empty() {
            continue;
        }
        let name = chunk.split(['#', ' ']).next().unwrap_or("");
        if NOT_GENERATED.contains(&name) {
            continue;
        }
        if functions {
            methods += 1;
        } else {
            constructors += 1;
            let result = chunk.rsplit('=').next().unwrap_or("").trim();
            types.insert(result.to_owned());
        }
    }
    (constructors, types.len(), methods)
}

/// Occurrences of `needle` in the `.rs` files under `dir` (recursively).
fn count_in(dir: &Path, needle: &str) -> usize {
    let mut total = 0;
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            total += count_in(&path, needle);
        } else if path.extension().is_some_and(|e| e == "rs") {
            total += fs::read_to_string(&path).unwrap().matches(needle).count();
        }
    }
    total
}

/// Like `count_in`, for `dir.rs` and the `dir/` tree below it.
fn count_module(dir: &Path, needle: &str) -> usize {
    let file = dir.with_extension("rs");
    let own = fs::read_to_string(&file)
        .map(|t| t.matches(needle).count())
        .unwrap_or(0);
    own + if dir.is_dir() {
        count_in(dir, needle)
    } else {
        0
    }
}

#[test]
fn generated_counts_equal_the_schema() {
    let root = root();
    let types = root.join("tl-types/src/generated");
    let methods = root.join("tl-methods/src/generated");
    for (schema, prefix) in [("schema/api.tl", ""), ("schema/mtproto.tl", "mtproto/")] {
        let text = fs::read_to_string(root.join(schema)).unwrap();
        let (constructors, boxed, functions) = count_schema(&text);
        let generated_constructors = count_module(
            &types.join(format!("{prefix}types")),
            "const CONSTRUCTOR_ID: u32",
        );
        let generated_enums = count_module(&types.join(format!("{prefix}enums")), "\npub enum ");
        let generated_methods = count_module(
            &methods.join(format!("{prefix}functions")),
            "type Return = ",
        );
        let generated_errors =
            count_module(&methods.join(format!("{prefix}errors")), "\npub enum ");
        println!(
            "{schema}: {constructors} constructors, {boxed} boxed types, {functions} methods; generated {generated_constructors} structs, {generated_enums} enums, {generated_methods} methods, {generated_errors} error enums"
        );
        assert_eq!(
            generated_constructors, constructors,
            "{schema}: constructor structs"
        );
        assert_eq!(generated_enums, boxed, "{schema}: boxed-type enums");
        assert_eq!(generated_methods, functions, "{schema}: method structs");
        // One per method, and `CommonError` in the API's `errors` root.
        let common = usize::from(prefix.is_empty());
        assert_eq!(
            generated_errors,
            functions + common,
            "{schema}: error enums"
        );
    }
}

#[test]
fn layer_and_names() {
    assert_eq!(tl_types::LAYER, 230);
    assert_eq!(
        tl_types::name_for_id(0xde91436e),
        Some("messages.importChatInvite")
    );
    assert_eq!(tl_types::name_for_id(0xe317af7e), Some("updatesTooLong"));
    assert_eq!(tl_types::name_for_id(0x2144ca19), Some("rpc_error"));
    assert_eq!(tl_types::name_for_id(0x1cb5c415), Some("vector"));
    assert_eq!(tl_types::name_for_id(0x997275b5), Some("boolTrue"));
    assert_eq!(tl_types::name_for_id(0xffff_fff0), None);
}

/// Two types are the same (a compile-time check).
fn same_type<A: 'static, B: 'static>() -> bool {
    std::any::TypeId::of::<A>() == std::any::TypeId::of::<B>()
}

#[test]
fn import_chat_invite_contract() {
    use tl_methods::functions::messages::ImportChatInvite;
    let request = ImportChatInvite {
        hash: String::from("abc"),
    };
    let hash: &String = &request.hash;
    assert_eq!(hash, "abc");
    assert!(same_type::<
        <ImportChatInvite as RemoteCall>::Return,
        tl_types::enums::messages::ChatInviteJoinResult,
    >());
    assert!(same_type::<
        <ImportChatInvite as RemoteCall>::Error,
        tl_methods::errors::messages::ImportChatInviteError,
    >());
    // A generic wrapper returns what it wraps.
    type Wrapped = tl_methods::functions::InvokeWithLayer<ImportChatInvite>;
    assert!(same_type::<
        <Wrapped as RemoteCall>::Return,
        tl_types::enums::messages::ChatInviteJoinResult,
    >());
    // The documented example paths exist.
    let _: Option<tl_types::types::UpdatesTooLong> = None;
    let _: Option<tl_types::types::messages::ChatInviteJoinResultOk> = None;
}

/// `enums::Updates` has exactly one variant per `Updates` constructor of
/// layer 230: this match has no wildcard, so a missing or extra variant
/// fails to compile, and the list is checked against the schema text.
#[test]
fn updates_has_one_variant_per_constructor() {
    use tl_types::enums::Updates;
    fn name(value: &Updates) -> &'static str {
        match value {
            Updates::UpdatesTooLong => "updatesTooLong",
            Updates::UpdateShortMessage(_) => "updateShortMessage",
            Updates::UpdateShortChatMessage(_) => "updateShortChatMessage",
            Updates::UpdateShort(_) => "updateShort",
            Updates::UpdatesCombined(_) => "updatesCombined",
            Updates::Updates(_) => "updates",
            Updates::UpdateShortSentMessage(_) => "updateShortSentMessage",
        }
    }
    let text = fs::read_to_string(root().join("schema/api.tl")).unwrap();
    // Constructors stand before `---functions---`.
    let functions_at = text.find("---functions---").unwrap();
    let mut in_schema: Vec<&str> = text[..functions_at]
        .lines()
        .filter(|l| l.trim_end().ends_with("= Updates;"))
        .map(|l| l.split('#').next().unwrap())
        .collect();
    in_schema.sort_unstable();
    let mut variants = vec![
        name(&Updates::UpdatesTooLong),
        "updateShortMessage",
        "updateShortChatMessage",
        "updateShort",
        "updatesCombined",
        "updates",
        "updateShortSentMessage",
    ];
    variants.sort_unstable();
    assert_eq!(variants, in_schema);
}

#[test]
fn generation_is_deterministic() {
    let root = root();
    let config = tl_gen::Config::new()
        .schema(
            "schema/api.tl",
            fs::read_to_string(root.join("schema/api.tl")).unwrap(),
            &[],
        )
        .schema(
            "schema/mtproto.tl",
            fs::read_to_string(root.join("schema/mtproto.tl")).unwrap(),
            &["mtproto"],
        );
    let first = tl_gen::generate(&config).unwrap();
    let second = tl_gen::generate(&config).unwrap();
    assert!(first.len() > 50);
    assert!(first == second, "two runs of the generator differ");
}

/// Large constructors are boxed inside their enum variant, so that no enum
/// is much larger than `LARGE_VARIANT_BYTES` (64) plus a tag: decoding moves
/// values around by size, and `Update` would otherwise be over 5 KiB.
#[test]
fn enums_stay_small() {
    use std::mem::size_of;
    use tl_types::{enums, types};
    let sizes = [
        ("Update", size_of::<enums::Update>()),
        ("Updates", size_of::<enums::Updates>()),
        ("Message", size_of::<enums::Message>()),
        ("MessageMedia", size_of::<enums::MessageMedia>()),
        ("MessageAction", size_of::<enums::MessageAction>()),
        ("User", size_of::<enums::User>()),
        ("Chat", size_of::<enums::Chat>()),
    ];
    for (name, size) in sizes {
        assert!(size <= 72, "enums::{name} is {size} bytes");
    }
    // The boxing is invisible to `From`: the struct goes in, the enum holds it.
    let user = types::UserEmpty { id: 7 };
    assert_eq!(
        enums::User::from(user.clone()),
        enums::User::UserEmpty(user)
    );
    let updates = types::Updates {
        updates: Vec::new(),
        users: Vec::new(),
        chats: Vec::new(),
        date: 1,
        seq: 2,
    };
    match enums::Updates::from(updates.clone()) {
        enums::Updates::Updates(held) => assert_eq!(*held, updates),
        other => panic!("wrong variant {other:?}"),
    }
}
