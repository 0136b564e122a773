//! Collecting: the loaded definitions with their names (layered definitions
//! renamed), and the name tables that resolution looks names up in, so
//! references resolve in any order.

use std::collections::{BTreeMap, BTreeSet};

use grammers_tl_parser::tl;

use super::ir::QualName;
use crate::load::{LoadedKind, LoadedSchema, RawDefinition, Section};

/// Result types whose constructors are built into the codec rather than
/// generated (`boolTrue`, `boolFalse` → `bool`).
const BUILTIN_RESULT_TYPES: &[&str] = &["Bool", "Vector"];

/// One parsed definition and the name it is generated under.
pub struct Collected<'a> {
    pub raw: &'a RawDefinition,
    pub def: &'a tl::Definition,
    /// The ID written after `#`, if any.
    pub explicit_id: Option<u32>,
    pub name: QualName,
}

/// The names a schema defines.
#[derive(Default)]
pub struct NameTables {
    /// Constructor names (first line defined).
    pub constructors: BTreeMap<QualName, usize>,
    /// Boxed type names.
    pub boxed: BTreeSet<QualName>,
    /// The constructors of each boxed type, in schema order.
    pub boxed_constructors: BTreeMap<QualName, Vec<QualName>>,
}

/// What collecting a loaded schema gives.
pub struct Collection<'a> {
    pub definitions: Vec<Collected<'a>>,
    /// IDs of builtins declared with one (`vector#1cb5c415`), by name.
    pub builtin_ids: Vec<(u32, String)>,
    pub names: NameTables,
}

/// Collects the parsed definitions and the names they define.
pub fn collect(loaded: &LoadedSchema) -> Collection<'_> {
    let mut definitions = Vec::new();
    let mut builtin_ids = Vec::new();
    for def in &loaded.definitions {
        match &def.kind {
            LoadedKind::Builtin { name, id } => {
                if let Some(id) = id {
                    builtin_ids.push((*id, name.clone()));
                }
            }
            LoadedKind::Parsed {
                def: tl_def,
                explicit_id,
            } => definitions.push(Collected {
                raw: &def.raw,
                def: tl_def,
                explicit_id: *explicit_id,
                name: QualName::new(&tl_def.namespace, &tl_def.name),
            }),
        }
    }
    rename_layered(&mut definitions);

    let mut names = NameTables::default();
    for item in &definitions {
        if item.raw.section != Section::Types {
            continue;
        }
        let result = QualName::new(&item.def.ty.namespace, &item.def.ty.name);
        if !is_builtin_result(&result) {
            names.boxed.insert(result.clone());
            names
                .boxed_constructors
                .entry(result)
                .or_default()
                .push(item.name.clone());
        }
        names
            .constructors
            .entry(item.name.clone())
            .or_insert(item.raw.span.line);
    }
    Collection {
        definitions,
        builtin_ids,
        names,
    }
}

/// In a layered schema (`===N===` blocks, as secret-chat schemas are
/// written) a constructor may be defined again in a later layer. The last
/// definition keeps the name; each earlier one is named `<name><layer>`
/// (`decryptedMessage8`), so every wire format stays available.
fn rename_layered(definitions: &mut [Collected<'_>]) {
    let mut last: BTreeMap<(Section, QualName), usize> = BTreeMap::new();
    for (index, item) in definitions.iter().enumerate() {
        last.insert((item.raw.section, item.name.clone()), index);
    }
    for index in 0..definitions.len() {
        let item = &definitions[index];
        let Some(layer) = item.raw.layer_block else {
            continue;
        };
        let newest = last.get(&(item.raw.section, item.name.clone())).copied();
        let later_block = newest
            .map(|at| definitions[at].raw.layer_block.is_some_and(|l| l != layer))
            .unwrap_or(false);
        if newest != Some(index) && later_block {
            let renamed =
                QualName::new(&item.name.namespace, &format!("{}{layer}", item.name.name));
            definitions[index].name = renamed;
        }
    }
}

/// Whether `name` is a result type built into the codec (`Bool`, `Vector`).
pub fn is_builtin_result(name: &QualName) -> bool {
    name.namespace.is_empty() && BUILTIN_RESULT_TYPES.contains(&name.name.as_str())
}
