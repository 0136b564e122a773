//! Rustdoc text for generated items, built from facts: the TL line, the
//! constructor ID, the layer, the item's page on core.telegram.org, field
//! types and flag conditions, return types and constructor lists.

use super::{Context, Side};
use crate::model::{Definition, DefinitionKind, Field, ParamKind, TypeRef};
use crate::names::ident_text;
use crate::names::paths;
use crate::names::schema_names::DefinitionNames;

/// The documentation site of Telegram's API.
const CORE: &str = "https://core.telegram.org";

/// `[`Name`](path)`.
pub fn link(label: &str, path: &syn::Path) -> String {
    format!("[`{label}`]({})", paths::link(path))
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
    if let Some(text) = description(cx, def) {
        lines.push(text.to_owned());
        lines.push(String::new());
    }
    let belongs = match &def.result {
        TypeRef::Boxed(name) => link(&name.to_string(), &cx.enum_path(name, Side::Types)),
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

fn description<'a>(cx: &'a Context<'_>, def: &Definition) -> Option<&'a str> {
    cx.config
        .descriptions
        .as_ref()?
        .definition(&def.name.to_string())
}

/// Doc lines for a method struct, in the sections of Telegram's method
/// pages: description, definition, parameters, return type, bots, example,
/// errors.
pub fn function(cx: &Context<'_>, def: &Definition, names: &DefinitionNames) -> Vec<String> {
    let tl_name = def.name.to_string();
    // The description leads: it is the summary an IDE or an index shows.
    let mut lines = Vec::new();
    if let Some(text) = description(cx, def) {
        lines.push(text.to_owned());
        lines.push(String::new());
    }
    lines.push(format!("Method `{tl_name}` ({}).", cx.layer_text()));
    lines.push(String::new());
    lines.extend(fenced_definition(def));
    lines.push(String::new());

    lines.push("# Parameters".to_owned());
    lines.push(String::new());
    let values: Vec<usize> = (0..def.params.len())
        .filter(|&i| matches!(def.params[i].kind, ParamKind::Value { .. }))
        .collect();
    let flags_words: Vec<String> = def
        .params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::FlagsWord))
        .map(|p| format!("`{}`", p.name))
        .collect();
    if values.is_empty() {
        lines.push("None.".to_owned());
    } else {
        lines.push("| Name | TL type | Description | Required |".to_owned());
        lines.push("|------|---------|-------------|----------|".to_owned());
        for &index in &values {
            let param = &def.params[index];
            let (ty, required) = match &param.kind {
                ParamKind::Value {
                    ty,
                    flag: Some(bit),
                } => (
                    ty.to_string(),
                    format!("No (bit {} of `{}`)", bit.bit, def.params[bit.word].name),
                ),
                ParamKind::Value { ty, flag: None } => (ty.to_string(), "Yes".to_owned()),
                ParamKind::FlagsWord => continue,
            };
            let text = cx
                .config
                .descriptions
                .as_ref()
                .and_then(|d| d.param(&tl_name, &param.name))
                .unwrap_or("");
            lines.push(format!(
                "| `{}` | `{}` | {} | {required} |",
                param.name,
                ty.replace('|', "\\|"),
                text.replace('|', "\\|")
            ));
        }
    }
    if !flags_words.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "{} {}: the bit of each optional parameter is set from the fields when the request is serialized, so {} not a field.",
            flags_words.join(", "),
            if flags_words.len() == 1 { "is the flags word" } else { "are the flags words" },
            if flags_words.len() == 1 { "it is" } else { "they are" },
        ));
    }
    lines.push(String::new());

    lines.push("# Returns".to_owned());
    lines.push(String::new());
    lines.push(format!("{}.", capitalise(&return_text(cx, &def.result))));
    lines.push(String::new());

    lines.push("# Bots".to_owned());
    lines.push(String::new());
    let availability = cx
        .config
        .error_facts
        .as_ref()
        .and_then(|facts| facts.availability(&tl_name));
    lines.push(match availability {
        Some(a) if a.bots_allowed() && a.users_allowed() => {
            "Bots can use this method: **yes** (users can too).".to_owned()
        }
        Some(a) if a.bots_allowed() => "Bots can use this method: **yes** (bots only).".to_owned(),
        Some(_) => "Bots can use this method: **no** (users only).".to_owned(),
        None => "Bots can use this method: **unknown** (no data for this method).".to_owned(),
    });
    lines.push(String::new());

    lines.push("# Example".to_owned());
    lines.push(String::new());
    lines.extend(example(cx, def, names));
    lines.push(String::new());

    lines.push("# Errors".to_owned());
    lines.push(String::new());
    let enum_name = crate::names::error_enum(&names.struct_name);
    let enum_path = cx.error_path(&def.name.namespace, &enum_name);
    lines.push(format!(
        "A failed call gives {} (via `From<RpcError>`).",
        link(&enum_name, &enum_path)
    ));
    lines.push(String::new());
    let known = super::error_table::known_errors(cx, def);
    if known.is_empty() {
        lines.push("No errors specific to this method are known.".to_owned());
    } else {
        lines.extend(super::error_table::table(cx, def, known, None));
    }
    lines.push(String::new());
    push_facts(&mut lines, cx, def, "method");
    lines
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A short, not compiled, example that builds the request.
fn example(cx: &Context<'_>, def: &Definition, names: &DefinitionNames) -> Vec<String> {
    let path = cx.function_path(&def.name.namespace, &names.struct_name);
    let path = match path.segments.first() {
        Some(first) if first.ident == "crate" => paths::with_first(&path, &cx.config.methods_crate),
        _ => path,
    };
    let path = paths::link(&path);
    let struct_name = ident_text(&names.struct_name);
    let mut lines = vec![
        "```ignore".to_owned(),
        format!("use {path};"),
        String::new(),
    ];
    let required = |param: usize| {
        def.value_type(param)
            .map(|ty| example_value(cx, ty))
            .unwrap_or_else(|| "todo!()".to_owned())
    };
    if def.fields.is_empty() {
        lines.push(format!("let request = {struct_name} {{}};"));
    } else if super::construct::has_new(def) {
        // The required parameters only; optional ones are set on the value.
        lines.push(format!("let request = {struct_name}::new("));
        for field in &def.fields {
            if let Field::Required { param, .. } = field {
                lines.push(format!("    {},", required(*param)));
            }
        }
        lines.push(");".to_owned());
    } else {
        lines.push(format!("let request = {struct_name} {{"));
        for (index, field) in def.fields.iter().enumerate() {
            let value = match field {
                Field::Required { param, .. } => required(*param),
                Field::Bit { .. } => "false".to_owned(),
                Field::Optional { .. } | Field::Group { .. } => "None".to_owned(),
            };
            lines.push(format!(
                "    {}: {value},",
                ident_text(&names.fields[index])
            ));
        }
        lines.push("};".to_owned());
    }
    lines.push("// Send `request`; the server's rpc_result holds the answer:".to_owned());
    lines.push(format!(
        "// let value = {struct_name}::decode_response(rpc_result.result.as_bytes())?;"
    ));
    lines.push("```".to_owned());
    lines
}

fn example_value(cx: &Context<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Int | TypeRef::Long => "0".to_owned(),
        TypeRef::Double => "0.0".to_owned(),
        TypeRef::String => "String::new()".to_owned(),
        TypeRef::Bytes | TypeRef::Vector { .. } => "Vec::new()".to_owned(),
        TypeRef::Int128 => "[0; 16]".to_owned(),
        TypeRef::Int256 => "[0; 32]".to_owned(),
        TypeRef::Bool | TypeRef::True => "false".to_owned(),
        TypeRef::Boxed(name) => {
            let path = cx.enum_path(name, Side::Methods);
            // A constructor without parameters makes a complete example.
            let simple = cx.schema.boxed_type(name).and_then(|boxed| {
                boxed
                    .constructors
                    .iter()
                    .position(|&c| cx.schema.constructors[c].fields.is_empty())
            });
            let index = cx.schema.boxed_position(name);
            match (simple, index) {
                (Some(at), Some(index)) => {
                    paths::link(&paths::child(&path, &cx.names.variants[index][at]))
                }
                _ => format!("todo!(\"a {}\")", paths::link(&path)),
            }
        }
        TypeRef::Bare(name) => format!(
            "todo!(\"a {}\")",
            paths::link(&cx.struct_path(name, Side::Methods))
        ),
        TypeRef::Generic(_) => "inner_request".to_owned(),
    }
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
    lines.push(format!(
        "- Telegram's page: {}",
        page(kind, &def.name.to_string())
    ));
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
        TypeRef::Boxed(name) => link(&name.to_string(), &cx.enum_path(name, Side::Methods)),
        TypeRef::Bare(name) => link(&name.to_string(), &cx.struct_path(name, Side::Methods)),
        TypeRef::Vector { element, .. } => {
            format!(
                "a vector of {} (`{}`)",
                return_text(cx, element),
                cx.rust_type_text(ty, Side::Methods)
            )
        }
        TypeRef::Generic(name) => {
            format!("what the wrapped query `{name}` returns (`{name}::Return`)")
        }
        other => format!("`{other}` (`{}`)", cx.rust_type_text(other, Side::Methods)),
    }
}

/// Doc lines for each field, in field order.
pub fn fields(cx: &Context<'_>, def: &Definition, names: &DefinitionNames) -> Vec<Vec<String>> {
    let tl_name = def.name.to_string();
    let described = |param: usize| {
        cx.config
            .descriptions
            .as_ref()
            .and_then(|d| d.param(&tl_name, &def.params[param].name))
    };
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
            let params: Vec<usize> = match field {
                Field::Required { param, .. } | Field::Bit { param } | Field::Optional { param, .. } => {
                    vec![*param]
                }
                Field::Group { members, .. } => members.iter().map(|m| m.param).collect(),
            };
            if let (false, [param]) = (matches!(field, Field::Group { .. }), params.as_slice()) {
                // One parameter: its description leads (an IDE's hover).
                if let Some(text) = described(*param) {
                    lines.insert(0, String::new());
                    lines.insert(0, text.to_owned());
                }
            } else {
                for param in params {
                    if let Some(text) = described(param) {
                        lines.push(String::new());
                        lines.push(format!("`{}`: {text}", def.params[param].name));
                    }
                }
            }
            let derived: Vec<String> = def
                .derived_bits
                .iter()
                .zip(&names.derived_methods)
                .filter(|(d, _)| d.field == index)
                .map(|(d, method)| format!("`{}` ([`Self::{}`])", written(def, d.param), paths::link_name(method)))
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
        ParamKind::Value {
            flag: Some(bit), ..
        } => (def.params[bit.word].name.clone(), bit.bit),
        _ => (String::new(), 0),
    }
}
