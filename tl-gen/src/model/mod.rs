//! Stage 2, **model**: resolve and validate loaded definitions into an IR the
//! emitters can trust.
//!
//! Everything an emitter needs to know is decided here: which type every
//! parameter refers to, how flag bits map to Rust fields (including bits
//! shared by several parameters), which fields need a `Box` to break
//! recursion, and every constructor ID. One pass per file, in the order
//! [`build_with`] runs them:
//!
//! | pass | file |
//! | --- | --- |
//! | the IR types | `ir.rs` |
//! | collecting names, renaming layered definitions | `collect.rs` |
//! | constructor IDs and the allowlist policy | `ids.rs` (the CRC32 rule: `crate::id`) |
//! | resolving each definition | `resolve.rs` |
//! | the Rust field model | `fields.rs` |
//! | recursion (`Box`) | `recursion.rs` |
//! | layout (large variants boxed) | `layout.rs` |

mod collect;
mod fields;
mod ids;
mod ir;
mod layout;
mod recursion;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use ids::{IdCheck, IdException, IdPolicy};
pub use ir::*;
pub use layout::LARGE_VARIANT_BYTES;

use crate::diagnostic::Error;
use crate::load::{LoadedSchema, RawDefinition, Section};
use collect::{collect, is_builtin_result};
use resolve::Resolver;

/// Builds the model of one loaded schema without checking IDs.
pub fn build(loaded: &LoadedSchema) -> Result<Schema, Error> {
    build_with(loaded, &IdPolicy::default())
}

/// Builds the model of one loaded schema, reporting every problem found.
pub fn build_with(loaded: &LoadedSchema, ids: &IdPolicy) -> Result<Schema, Error> {
    let collection = collect(loaded);
    let mut builtin_ids = collection.builtin_ids;
    let mut id_check = IdCheck::new(ids);
    let mut diagnostics = Vec::new();
    let mut constructors = Vec::new();
    let mut functions = Vec::new();
    let mut seen_names: BTreeMap<(Section, QualName), &RawDefinition> = BTreeMap::new();
    let mut seen_ids: BTreeMap<u32, (&RawDefinition, String)> = BTreeMap::new();

    for item in &collection.definitions {
        let (raw, name) = (item.raw, &item.name);
        let resolver = Resolver {
            raw,
            names: &collection.names,
        };
        if let Err(d) = resolver.check_identifier(name) {
            diagnostics.push(d);
            continue;
        }
        if let Some(previous) = seen_names.get(&(raw.section, name.clone())) {
            diagnostics.push(raw.diagnostic(
                format!(
                    "`{name}` is defined twice (first at {}:{})",
                    previous.span.file, previous.span.line
                ),
                raw.text.split([' ', '#']).next().unwrap_or(""),
                "each name once per section",
            ));
            continue;
        }
        seen_names.insert((raw.section, name.clone()), raw);

        let (id, mismatch) = id_check.id(raw, name, item.explicit_id);
        diagnostics.extend(mismatch);
        if let Some((previous, previous_name)) = seen_ids.get(&id) {
            diagnostics.push(raw.diagnostic(
                format!(
                    "ID {id:#010x} of `{name}` is already used by `{previous_name}` ({}:{})",
                    previous.span.file, previous.span.line
                ),
                raw.text.split(' ').next().unwrap_or(""),
                "a unique constructor ID",
            ));
            continue;
        }
        seen_ids.insert(id, (raw, name.to_string()));

        let result_name = QualName::new(&item.def.ty.namespace, &item.def.ty.name);
        if raw.section == Section::Types && is_builtin_result(&result_name) {
            builtin_ids.push((id, name.to_string()));
            continue;
        }

        match resolver.definition(item.def, raw.section, id, name.clone()) {
            Ok(model) => match raw.section {
                Section::Types => constructors.push(model),
                Section::Functions => functions.push(model),
            },
            Err(mut errors) => diagnostics.append(&mut errors),
        }
    }
    diagnostics.extend(id_check.unneeded(&loaded.file));
    if !diagnostics.is_empty() {
        return Err(Error { diagnostics });
    }

    // Boxed types, in order of first appearance.
    let mut boxed_types: Vec<BoxedType> = Vec::new();
    let mut boxed_index: BTreeMap<QualName, usize> = BTreeMap::new();
    for (index, ctor) in constructors.iter().enumerate() {
        let TypeRef::Boxed(type_name) = &ctor.result else {
            continue;
        };
        let at = *boxed_index.entry(type_name.clone()).or_insert_with(|| {
            boxed_types.push(BoxedType {
                name: type_name.clone(),
                constructors: Vec::new(),
            });
            boxed_types.len() - 1
        });
        boxed_types[at].constructors.push(index);
    }
    let constructor_index = constructors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    builtin_ids.sort();

    let mut schema = Schema {
        file: loaded.file.clone(),
        layer: loaded.layer,
        constructors,
        functions,
        boxed_types,
        builtin_ids,
        constructor_index,
        boxed_index,
    };
    recursion::mark_recursion(&mut schema);
    layout::mark_large_variants(&mut schema);
    Ok(schema)
}
