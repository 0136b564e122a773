//! What changed between two schemas, and whether it breaks Rust code that
//! uses the generated crates.
//!
//! Classification, from the generated API's point of view:
//! - removing a constructor, method or boxed type breaks users;
//! - adding a constructor to an existing boxed type breaks exhaustive
//!   `match`es on its enum; adding one to a new type does not;
//! - adding a method does not break anything;
//! - adding, removing or retyping a parameter changes the struct's fields,
//!   which breaks struct literals and field access;
//! - a changed return type or boxed type breaks users;
//! - a changed constructor ID or flag bit alone changes only the wire format
//!   (regenerate and it works): not breaking for Rust code.

use std::collections::BTreeMap;

use crate::model::{Definition, DefinitionKind, ParamKind, Schema, TypeRef};

/// One difference between two schemas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `constructor`, `method` or `type`.
    pub item: &'static str,
    /// The TL name.
    pub name: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// What changed, one entry per fact (`ID 0x… → 0x…`).
    pub details: Vec<String>,
    pub breaking: bool,
}

/// The changes from `old` to `new`, sorted by item kind, then name.
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_types: BTreeMap<String, usize> = old
        .boxed_types
        .iter()
        .map(|b| (b.name.to_string(), b.constructors.len()))
        .collect();
    let new_types: BTreeMap<String, usize> = new
        .boxed_types
        .iter()
        .map(|b| (b.name.to_string(), b.constructors.len()))
        .collect();
    for name in old_types.keys().filter(|n| !new_types.contains_key(*n)) {
        changes.push(Change {
            item: "type",
            name: name.clone(),
            kind: "removed",
            details: vec![format!("enum `{name}` is gone")],
            breaking: true,
        });
    }
    for name in new_types.keys().filter(|n| !old_types.contains_key(*n)) {
        changes.push(Change {
            item: "type",
            name: name.clone(),
            kind: "added",
            details: Vec::new(),
            breaking: false,
        });
    }

    for (item, old_defs, new_defs) in [
        ("constructor", &old.constructors, &new.constructors),
        ("method", &old.functions, &new.functions),
    ] {
        let old_by_name: BTreeMap<String, &Definition> =
            old_defs.iter().map(|d| (d.name.to_string(), d)).collect();
        let new_by_name: BTreeMap<String, &Definition> =
            new_defs.iter().map(|d| (d.name.to_string(), d)).collect();
        for (name, def) in &old_by_name {
            if !new_by_name.contains_key(name) {
                changes.push(Change {
                    item,
                    name: name.clone(),
                    kind: "removed",
                    details: vec![format!("`{}` is gone", def.source)],
                    breaking: true,
                });
            }
        }
        for (name, def) in &new_by_name {
            let Some(before) = old_by_name.get(name) else {
                let existing_type = match (&def.kind, &def.result) {
                    (DefinitionKind::Constructor, TypeRef::Boxed(ty)) => {
                        old_types.contains_key(&ty.to_string())
                    }
                    _ => false,
                };
                let mut details = vec![format!("`{}`", def.source)];
                if existing_type {
                    details.push(format!("new variant of existing enum `{}`", def.result));
                }
                changes.push(Change {
                    item,
                    name: name.clone(),
                    kind: "added",
                    details,
                    breaking: existing_type,
                });
                continue;
            };
            if let Some(change) = compare(item, name, before, def) {
                changes.push(change);
            }
        }
    }
    let order = |item: &str| match item {
        "type" => 0,
        "constructor" => 1,
        _ => 2,
    };
    changes.sort_by(|a, b| (order(a.item), &a.name).cmp(&(order(b.item), &b.name)));
    changes
}

/// The parameter list of a definition: name → written type.
fn params(def: &Definition) -> Vec<(String, String, bool)> {
    def.params
        .iter()
        .map(|p| {
            let rust_shape = match &p.kind {
                ParamKind::FlagsWord => "#".to_owned(),
                ParamKind::Value { ty, flag } => {
                    // What the Rust field looks like: the flag bit number does
                    // not change it, being optional does.
                    format!("{}{ty}", if flag.is_some() { "?" } else { "" })
                }
            };
            (p.name.clone(), rust_shape, p.kind == ParamKind::FlagsWord)
        })
        .collect()
}

fn compare(item: &'static str, name: &str, old: &Definition, new: &Definition) -> Option<Change> {
    let mut details = Vec::new();
    let mut breaking = false;
    if old.id != new.id {
        details.push(format!("ID {:#010x} → {:#010x}", old.id, new.id));
    }
    if old.result != new.result {
        let what = if item == "method" {
            "returns"
        } else {
            "belongs to"
        };
        details.push(format!(
            "{what} `{}` instead of `{}`",
            new.result, old.result
        ));
        breaking = true;
    }
    let before_params = details.len();
    let old_params = params(old);
    let new_params = params(new);
    for (param, shape, is_flags) in &old_params {
        match new_params.iter().find(|(n, _, _)| n == param) {
            None => {
                details.push(format!("parameter `{param}` removed"));
                breaking |= !is_flags;
            }
            Some((_, new_shape, _)) if new_shape != shape => {
                details.push(format!("parameter `{param}`: `{shape}` → `{new_shape}`"));
                breaking = true;
            }
            Some(_) => {}
        }
    }
    for (param, shape, is_flags) in &new_params {
        if !old_params.iter().any(|(n, _, _)| n == param) {
            details.push(format!("parameter `{param}:{shape}` added"));
            breaking |= !is_flags;
        }
    }
    // Same parameters, different flag bits or order: a wire change only.
    let written = |d: &Definition| {
        d.params
            .iter()
            .map(|p| format!("{}:{}", p.name, p.written))
            .collect::<Vec<_>>()
    };
    if details.len() == before_params && written(old) != written(new) {
        details.push(format!(
            "parameters `{}` → `{}`",
            written(old).join(" "),
            written(new).join(" ")
        ));
    }
    if details.is_empty() {
        return None;
    }
    Some(Change {
        item,
        name: name.to_owned(),
        kind: "changed",
        details,
        breaking,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(text: &str) -> Schema {
        let loaded = crate::load::load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
        crate::model::build(&loaded).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn classifies_changes() {
        let old = schema(
            "a#1 x:int = A;\nb#2 = A;\nc#3 flags:# y:flags.0?int = C;\ngone#4 = G;\n---functions---\nf#5 = A;\nh#6 = A;",
        );
        let new = schema(
            "a#1 x:long = A;\nb#2 = A;\nb2#7 = A;\nc#8 flags:# y:flags.1?int = C;\nnew#9 = N;\n---functions---\nf#5 = C;\nh#6 = A;\ng#10 = A;",
        );
        let changes = diff(&old, &new);
        let summary: Vec<(String, &str, bool)> = changes
            .iter()
            .map(|c| (format!("{} {}", c.item, c.name), c.kind, c.breaking))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("type G".to_owned(), "removed", true),
                ("type N".to_owned(), "added", false),
                ("constructor a".to_owned(), "changed", true),
                ("constructor b2".to_owned(), "added", true),
                ("constructor c".to_owned(), "changed", false),
                ("constructor gone".to_owned(), "removed", true),
                ("constructor new".to_owned(), "added", false),
                ("method f".to_owned(), "changed", true),
                ("method g".to_owned(), "added", false),
            ]
        );
        let f = changes.iter().find(|c| c.name == "f").unwrap();
        assert_eq!(f.details, ["returns `C` instead of `A`"]);
        let c = changes.iter().find(|c| c.name == "c").unwrap();
        assert_eq!(
            c.details,
            [
                "ID 0x00000003 → 0x00000008",
                "parameters `flags:# y:flags.0?int` → `flags:# y:flags.1?int`"
            ]
        );
    }
}
