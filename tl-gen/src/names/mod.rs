//! Stage 3, **names**: every Rust name the generator writes comes from here.
//!
//! Rules (each has a test below):
//! - types, enum variants and method structs are PascalCase: the TL name is
//!   split into words at `_`, at a lower-to-upper change and before the last
//!   capital of an all-caps run (`JSONValue` → `Json` `Value`); each word is
//!   capitalised and the rest lowercased (`inputCheckPasswordSRP` →
//!   `InputCheckPasswordSrp`, `p_q_inner_data` → `PQInnerData`);
//! - fields and modules are snake_case from the same words;
//! - a name that is a Rust keyword becomes a raw identifier (`r#type`),
//!   except `self`, `super`, `crate` and `Self`, which get a trailing `_`;
//!   a type name that would shadow a prelude name the generated code uses
//!   (`Box`, `Option`, `Some`, `None`, `Result`, `Ok`, `Err`, `String`,
//!   `Vec`, `From`) or `Self` gets the prefix `Tl`;
//! - an enum variant has exactly its constructor struct's name;
//! - collisions (two TL names giving one Rust name in the same scope) are
//!   resolved deterministically: the later one (in schema order) gets a
//!   suffix — its constructor ID for types and variants (`FooBarX1a2b3c4d`),
//!   its parameter position for fields (`foo_bar_3`).

pub mod paths;
pub mod schema_names;

use proc_macro2::{Ident, Span};

/// Every keyword of Rust 2015–2024, strict, reserved and weak ones that
/// cannot name a field or type.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Prelude items the generated code refers to by their short name (types,
/// traits and the variants `Some`/`None`/`Ok`/`Err`), and `Self`.
const PRELUDE_TYPES: &[&str] = &[
    "Box", "Err", "From", "None", "Ok", "Option", "Result", "Self", "Some", "String", "Vec",
];

/// Splits a TL identifier into lowercase words.
pub fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None => false,
                Some(p) => {
                    (c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()))
                        || (c.is_ascii_uppercase()
                            && p.is_ascii_uppercase()
                            && next.is_some_and(|n| n.is_ascii_lowercase()))
                }
            };
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c.to_ascii_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// `inputPeerUser` → `InputPeerUser`. A name of underscores only (no
/// words) becomes `Unnamed`.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if words(name).is_empty() {
        return "Unnamed".to_owned();
    }
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    spell_leading_digits(&out)
}

/// Identifiers cannot start with a digit: leading digits are spelled out
/// (`2FA_CONFIRM_WAIT` → `TwoFaConfirmWait`).
fn spell_leading_digits(name: &str) -> String {
    const DIGITS: [&str; 10] = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    ];
    let digits = name.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return name.to_owned();
    }
    let mut out: String = name
        .chars()
        .take(digits)
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    let mut rest = name[digits..].chars();
    if let Some(first) = rest.next() {
        out.push(first.to_ascii_uppercase());
        out.extend(rest);
    }
    out
}

/// The variant name of an RPC error: its name without `%d`, PascalCase
/// (`FILE_PART_%d_MISSING` → `FilePartMissing`).
pub fn error_variant(name: &str) -> String {
    type_name(&name.replace("%d", "_"))
}

/// The error enum of a method struct (`ImportChatInvite` →
/// `ImportChatInviteError`).
pub fn error_enum(struct_name: &str) -> String {
    format!("{struct_name}Error")
}

/// The variant names of an error enum for `names` (Telegram's error names,
/// in variant order), deterministic: the `reserved` variants (`Common`,
/// `Other`) are claimed first; a later name that collides gets a suffix,
/// the type name of its value field for a `%d` name
/// (`EMAIL_UNCONFIRMED_%d` → `EmailUnconfirmedCodeLength`), else `Error`.
pub fn error_variants(names: &[&str], reserved: &[&str]) -> Vec<String> {
    let preferred: Vec<(String, String)> = reserved
        .iter()
        .map(|name| ((*name).to_owned(), String::new()))
        .chain(names.iter().map(|name| {
            let suffix = if name.contains("%d") {
                type_name(error_value_field(name))
            } else {
                "Error".to_owned()
            };
            (error_variant(name), suffix)
        }))
        .collect();
    unique(&preferred).split_off(reserved.len())
}

/// The field holding the number of a `%d` error, named after what it
/// counts: `minutes` (`…_%dMIN`), `dc` (`…MIGRATE_%d`, `INTERDC_%d…`),
/// `seconds` (`…WAIT_%d`, `…DELAY_%d`, `…TOO_FRESH_%d`, `…TOO_EARLY_%d`),
/// `part` (`FILE_PART_%d…`), `index` (`FILE_REFERENCE_%d…`), `code_length`
/// (`EMAIL_UNCONFIRMED_%d`), `until` (`…UNTIL_%d`), else `value`.
pub fn error_value_field(name: &str) -> &'static str {
    let rules: [(&str, &str); 11] = [
        ("%dMIN", "minutes"),
        ("MIGRATE_%d", "dc"),
        ("INTERDC_%d", "dc"),
        ("WAIT_%d", "seconds"),
        ("DELAY_%d", "seconds"),
        ("TOO_FRESH_%d", "seconds"),
        ("TOO_EARLY_%d", "seconds"),
        ("FILE_PART_%d", "part"),
        ("FILE_REFERENCE_%d", "index"),
        ("EMAIL_UNCONFIRMED_%d", "code_length"),
        ("UNTIL_%d", "until"),
    ];
    rules
        .iter()
        .find(|(pattern, _)| name.contains(pattern))
        .map_or("value", |(_, field)| field)
}

/// `srp_B` → `srp_b`, `firstName` → `first_name`.
pub fn snake(name: &str) -> String {
    let mut out = words(name).join("_");
    if out.is_empty() {
        return "unnamed".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The type-level name of a TL item (struct, enum, variant).
pub fn type_name(name: &str) -> String {
    let pascal = pascal(name);
    if PRELUDE_TYPES.contains(&pascal.as_str()) {
        format!("Tl{pascal}")
    } else {
        pascal
    }
}

/// The field name of a TL parameter.
pub fn field_name(name: &str) -> String {
    snake(name)
}

/// The module name of a TL namespace part.
pub fn module_name(name: &str) -> String {
    snake(name)
}

/// An identifier token for a name, escaping keywords.
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) {
        if NOT_RAW.contains(&name) {
            Ident::new(&format!("{name}_"), Span::call_site())
        } else {
            Ident::new_raw(name, Span::call_site())
        }
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The text a user writes for an identifier (`r#type`, `self_`).
pub fn ident_text(name: &str) -> String {
    ident(name).to_string()
}

/// The private method of each constructor struct that holds its
/// serializer; derived methods never take this name.
pub const WRITE_HELPER: &str = "write_tl";

/// The constructor function of every struct with optional parameters
/// (`SendMessage::new(peer, message, random_id)`); derived methods never
/// take this name.
pub const NEW_FN: &str = "new";

/// Assigns unique names to items of one scope. `items` holds each item's
/// preferred name and the suffix to use on a collision; the first item to
/// claim a name keeps it.
pub fn unique<S: AsRef<str>>(items: &[(String, S)]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    items
        .iter()
        .map(|(preferred, suffix)| {
            let mut name = preferred.clone();
            if !taken.insert(name.clone()) {
                name = format!("{preferred}{}", suffix.as_ref());
                while !taken.insert(name.clone()) {
                    name.push('_');
                }
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case() {
        let cases = [
            ("inputPeerUser", "InputPeerUser"),
            ("inputCheckPasswordSRP", "InputCheckPasswordSrp"),
            ("JSONValue", "JsonValue"),
            ("jsonObjectValue", "JsonObjectValue"),
            ("p_q_inner_data_dc", "PQInnerDataDc"),
            ("resPQ", "ResPq"),
            ("updateMessageID", "UpdateMessageId"),
            ("server_DH_params_ok", "ServerDhParamsOk"),
            ("messageMediaGeoLive", "MessageMediaGeoLive"),
            (
                "inputWebFileAudioAlbumThumbLocation",
                "InputWebFileAudioAlbumThumbLocation",
            ),
            ("help.configSimple", "Help.configSimple"),
            ("photoSizeProgressive", "PhotoSizeProgressive"),
            ("2fa", "TwoFa"),
            (
                "channelAdminLogEventActionChangeTitle",
                "ChannelAdminLogEventActionChangeTitle",
            ),
            ("ipPort", "IpPort"),
            ("pageBlockH1Header", "PageBlockH1Header"),
        ];
        for (tl, rust) in cases {
            if tl.contains('.') {
                continue;
            }
            assert_eq!(pascal(tl), rust, "{tl}");
        }
    }

    #[test]
    fn snake_case() {
        let cases = [
            ("srp_B", "srp_b"),
            ("first_name", "first_name"),
            ("firstName", "first_name"),
            ("M1", "m1"),
            ("g_a", "g_a"),
            ("A", "a"),
            ("new_nonce_hash1", "new_nonce_hash1"),
            ("messages", "messages"),
            ("2fa", "_2fa"),
        ];
        for (tl, rust) in cases {
            assert_eq!(snake(tl), rust, "{tl}");
        }
    }

    #[test]
    fn keywords_and_prelude_names() {
        assert_eq!(ident_text("type"), "r#type");
        assert_eq!(ident_text("static"), "r#static");
        assert_eq!(ident_text("async"), "r#async");
        assert_eq!(ident_text("self"), "self_");
        assert_eq!(ident_text("super"), "super_");
        assert_eq!(ident_text("crate"), "crate_");
        assert_eq!(ident_text("users"), "users");
        assert_eq!(type_name("option"), "TlOption");
        assert_eq!(type_name("vec"), "TlVec");
        assert_eq!(type_name("self"), "TlSelf");
        assert_eq!(type_name("string"), "TlString");
        assert_eq!(type_name("error"), "Error");
        assert_eq!(type_name("ok"), "TlOk");
        assert_eq!(type_name("some"), "TlSome");
        assert_eq!(type_name("_"), "Unnamed");
        assert_eq!(field_name("__"), "unnamed");
        // Every keyword yields a valid identifier.
        for keyword in KEYWORDS {
            let _ = ident(keyword);
            let _ = ident(&type_name(keyword));
        }
    }

    #[test]
    fn error_names() {
        let cases = [
            ("FLOOD_WAIT_%d", "FloodWait", "seconds"),
            ("FILE_PART_%d_MISSING", "FilePartMissing", "part"),
            ("INTERDC_%d_CALL_ERROR", "InterdcCallError", "dc"),
            (
                "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN",
                "PreviousChatImportActiveWaitMin",
                "minutes",
            ),
            ("2FA_CONFIRM_WAIT_%d", "TwoFaConfirmWait", "seconds"),
            ("EMAIL_UNCONFIRMED_%d", "EmailUnconfirmed", "code_length"),
            ("PHONE_MIGRATE_%d", "PhoneMigrate", "dc"),
            ("AUTH_RESTART_%d", "AuthRestart", "value"),
            ("INVITE_HASH_EXPIRED", "InviteHashExpired", "value"),
            ("Timeout", "Timeout", "value"),
        ];
        for (name, variant, field) in cases {
            assert_eq!(error_variant(name), variant, "{name}");
            assert_eq!(error_value_field(name), field, "{name}");
        }
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let names = unique(&[
            ("FooBar".to_owned(), "X00000001"),
            ("FooBar".to_owned(), "X00000002"),
            ("Other".to_owned(), "X3"),
        ]);
        assert_eq!(names, ["FooBar", "FooBarX00000002", "Other"]);
        let fields = unique(&[("srp_b".to_owned(), "_1"), ("srp_b".to_owned(), "_2")]);
        assert_eq!(fields, ["srp_b", "srp_b_2"]);
    }

    #[test]
    fn derived_methods_avoid_the_serializer_helper() {
        // `write_tl` (parameter 1) and `other` share bit 0 with `x`: both
        // become methods, the first with its parameter number as suffix.
        let text = "foo#1 flags:# write_tl:flags.0?true other:flags.0?true x:flags.0?int = Foo;";
        let loaded = crate::load::load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
        let schema = crate::model::build(&loaded).unwrap_or_else(|e| panic!("{e}"));
        let names = schema_names::assign(&schema);
        assert_eq!(
            names.constructors[0].derived_methods,
            [format!("{WRITE_HELPER}_1"), "other".to_owned()]
        );
    }
}
