//! Rustdoc text for generated items, built from facts: the TL line, the
//! constructor ID, the layer, the item's page on core.telegram.org, field
//! types and flag conditions, return types and constructor lists.

use super::{Context, Side};
use crate::model::{Definition, DefinitionKind, Field, ParamKind, TypeRef};
use crate::names::ident_text;
use crate::names::schema_names::DefinitionNames;

/// The documentation site of Telegram's API.
const CORE: &str = "https://core.telegram.org";

/// A path in an intra-doc link (no leading `::`).
pub fn link_path(path: &str) -> String {
    path.trim_start_matches("::").to_owned()
}

/// `[`Name`](path)`.
pub fn link(label: &str, path: &str) -> String {
    format!("[`{label}`]({})", link_path(path))
}

fn fenced_definition(def: &Definition) -> Vec<String> {
    vec![
        "```text".to_owned(),
        format!("{};", def.source),
        "```".to_owned(),
    ]
}

fn page(kind: &str, def_name: &str) -> String {
    format!("<{CORE}/{kind}/{def_name}>")
}

/// Doc lines for a constructor struct.
pub fn constructor(cx: &Context<'_>, def: &Definition) -> Vec<String> {
    let mut lines = Vec::new();
    let belongs = match &def.result {
        TypeRef::Boxed(name) => link(&name.to_string(), &cx.enum_path_text(name, Side::Types)),
        other => format!("`{other}`"),
    };
    lines.push(format!(
        "Constructor `{}` of {belongs} ({}).",
        def.name,
        cx.layer_text()
    ));
    lines.push(String::new());
    lines.extend(fenced_definition(def));
    lines.push(String::new());
    push_facts(&mut lines, cx, def, "constructor");
    lines
}

/// Doc lines for a method struct.
pub fn function(cx: &Context<'_>, def: &Definition) -> Vec<String> {
    let mut lines = vec![
        format!("Method `{}` ({}).", def.name, cx.layer_text()),
        String::new(),
    ];
    lines.extend(fenced_definition(def));
    lines.push(String::new());
    lines.push(format!("Returns {}.", return_text(cx, &def.result)));
    lines.push(String::new());
    push_facts(&mut lines, cx, def, "method");
    lines
}

fn push_facts(lines: &mut Vec<String>, _cx: &Context<'_>, def: &Definition, kind: &str) {
    let id = format!("`{:#010x}`", def.id);
    lines.push(format!(
        "- {} ID: {id}",
        if def.kind == DefinitionKind::Constructor {
            "Constructor"
        } else {
            "Method constructor"
        }
    ));
    lines.push(format!("- Schema: `{}` line {}", def.file, def.line));
    lines.push(format!("- Telegram's page: {}", page(kind, &def.name.to_string())));
    if !def.comments.is_empty() {
        lines.push(String::new());
        lines.push("Schema comment:".to_owned());
        for comment in &def.comments {
            lines.push(format!("> {comment}"));
        }
    }
}

/// How a method's return type reads in prose, with links.
pub fn return_text(cx: &Context<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Boxed(name) => link(&name.to_string(), &cx.enum_path_text(name, Side::Methods)),
        TypeRef::Bare(name) => link(&name.to_string(), &cx.struct_path_text(name, Side::Methods)),
        TypeRef::Vector { element, .. } => {
            format!("a vector of {} (`{}`)", return_text(cx, element), cx.rust_type_text(ty, Side::Methods))
        }
        TypeRef::Generic(name) => format!("what the wrapped query `{name}` returns (`{name}::Return`)"),
        other => format!("`{other}` (`{}`)", cx.rust_type_text(other, Side::Methods)),
    }
}

/// Doc lines for each field, in field order.
pub fn fields(def: &Definition, names: &DefinitionNames) -> Vec<Vec<String>> {
    def.fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let mut lines = Vec::new();
            match field {
                Field::Required { param, .. } => {
                    lines.push(format!("`{}`", written(def, *param)));
                }
                Field::Bit { param } => {
                    let (word, bit) = flag_place(def, *param);
                    lines.push(format!("`{}`: bit {bit} of `{word}`.", written(def, *param)));
                }
                Field::Optional { param, .. } => {
                    let (word, bit) = flag_place(def, *param);
                    lines.push(format!(
                        "`{}`: present when bit {bit} of `{word}` is set.",
                        written(def, *param)
                    ));
                }
                Field::Group { bit, members } => {
                    let word = &def.params[bit.word].name;
                    let list: Vec<String> = members
                        .iter()
                        .map(|m| format!("`{}`", written(def, m.param)))
                        .collect();
                    lines.push(format!(
                        "{}: these parameters share bit {} of `{word}`, so they are present together or not at all.",
                        list.join(", "),
                        bit.bit
                    ));
                }
            }
            let derived: Vec<String> = def
                .derived_bits
                .iter()
                .zip(&names.derived_methods)
                .filter(|(d, _)| d.field == index)
                .map(|(d, method)| format!("`{}` ([`Self::{}`])", written(def, d.param), ident_text(method)))
                .collect();
            if !derived.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    "Also sets {}, which is therefore not stored.",
                    derived.join(", ")
                ));
            }
            lines
        })
        .collect()
}

/// `name:flags.0?Type` as written in the schema.
pub fn written(def: &Definition, param: usize) -> String {
    let p = &def.params[param];
    format!("{}:{}", p.name, p.written)
}

fn flag_place(def: &Definition, param: usize) -> (String, u32) {
    match &def.params[param].kind {
        ParamKind::Value { flag: Some(bit), .. } => (def.params[bit.word].name.clone(), bit.bit),
        _ => (String::new(), 0),
    }
}
