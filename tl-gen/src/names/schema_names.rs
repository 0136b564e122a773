//! The Rust names of everything one schema generates.

use std::collections::BTreeMap;

use super::{field_name, module_name, type_name, unique, NEW_FN, WRITE_HELPER};
use crate::model::{Definition, Field, Schema};

/// Names of one definition's struct, fields and derived methods.
#[derive(Clone, Debug, Default)]
pub struct DefinitionNames {
    pub struct_name: String,
    /// One per `Definition::fields` entry.
    pub fields: Vec<String>,
    /// Group struct names, one per field (empty for non-group fields).
    pub group_structs: Vec<String>,
    /// Member names per field (only for groups).
    pub group_members: Vec<Vec<String>>,
    /// One per `Definition::derived_bits` entry.
    pub derived_methods: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct SchemaNames {
    pub constructors: Vec<DefinitionNames>,
    pub functions: Vec<DefinitionNames>,
    /// Enum name per boxed type.
    pub boxed_types: Vec<String>,
    /// Variant names per boxed type, parallel to `BoxedType::constructors`.
    pub variants: Vec<Vec<String>>,
}

/// The module path (Rust names) of a TL namespace.
pub fn module_path(namespace: &[String]) -> Vec<String> {
    namespace.iter().map(|part| module_name(part)).collect()
}

pub fn assign(schema: &Schema) -> SchemaNames {
    let mut names = SchemaNames {
        constructors: schema.constructors.iter().map(definition_names).collect(),
        functions: schema.functions.iter().map(definition_names).collect(),
        ..SchemaNames::default()
    };

    // Structs (and group structs) share a module per namespace.
    let mut by_module: BTreeMap<Vec<String>, Vec<(usize, Option<usize>)>> = BTreeMap::new();
    for (index, ctor) in schema.constructors.iter().enumerate() {
        let entry = by_module
            .entry(module_path(&ctor.name.namespace))
            .or_default();
        entry.push((index, None));
        for (field, f) in ctor.fields.iter().enumerate() {
            if matches!(f, Field::Group { .. }) {
                entry.push((index, Some(field)));
            }
        }
    }
    for items in by_module.values() {
        let preferred: Vec<(String, String)> = items
            .iter()
            .map(|&(index, field)| {
                let ctor = &names.constructors[index];
                let id = schema.constructors[index].id;
                match field {
                    None => (ctor.struct_name.clone(), format!("X{id:08x}")),
                    Some(field) => (ctor.group_structs[field].clone(), format!("X{id:08x}")),
                }
            })
            .collect();
        for (&(index, field), name) in items.iter().zip(unique(&preferred)) {
            match field {
                None => names.constructors[index].struct_name = name,
                Some(field) => names.constructors[index].group_structs[field] = name,
            }
        }
    }

    let mut functions_by_module: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (index, function) in schema.functions.iter().enumerate() {
        functions_by_module
            .entry(module_path(&function.name.namespace))
            .or_default()
            .push(index);
    }
    for items in functions_by_module.values() {
        let preferred: Vec<(String, String)> = items
            .iter()
            .map(|&i| {
                (
                    names.functions[i].struct_name.clone(),
                    format!("X{:08x}", schema.functions[i].id),
                )
            })
            .collect();
        for (&index, name) in items.iter().zip(unique(&preferred)) {
            names.functions[index].struct_name = name;
        }
    }

    let mut enums_by_module: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (index, boxed) in schema.boxed_types.iter().enumerate() {
        enums_by_module
            .entry(module_path(&boxed.name.namespace))
            .or_default()
            .push(index);
    }
    names.boxed_types = vec![String::new(); schema.boxed_types.len()];
    for items in enums_by_module.values() {
        let preferred: Vec<(String, String)> = items
            .iter()
            .map(|&i| {
                (
                    type_name(&schema.boxed_types[i].name.name),
                    "Boxed".to_owned(),
                )
            })
            .collect();
        for (&index, name) in items.iter().zip(unique(&preferred)) {
            names.boxed_types[index] = name;
        }
    }

    names.variants = schema
        .boxed_types
        .iter()
        .map(|boxed| {
            let preferred: Vec<(String, String)> = boxed
                .constructors
                .iter()
                .map(|&c| {
                    (
                        names.constructors[c].struct_name.clone(),
                        format!("X{:08x}", schema.constructors[c].id),
                    )
                })
                .collect();
            unique(&preferred)
        })
        .collect();
    names
}

fn definition_names(def: &Definition) -> DefinitionNames {
    let struct_name = type_name(&def.name.name);
    let param_field = |param: usize| field_name(&def.params[param].name);
    let mut group_structs = Vec::new();
    let mut group_members = Vec::new();
    let preferred: Vec<(String, String)> = def
        .fields
        .iter()
        .map(|field| {
            let (name, first) = match field {
                Field::Required { param, .. }
                | Field::Bit { param }
                | Field::Optional { param, .. } => (param_field(*param), *param),
                Field::Group { members, .. } => {
                    let parts: Vec<String> = members.iter().map(|m| param_field(m.param)).collect();
                    (parts.join("_and_"), members.first().map_or(0, |m| m.param))
                }
            };
            (name, format!("_{first}"))
        })
        .collect();
    for field in &def.fields {
        match field {
            Field::Group { members, .. } => {
                let members: Vec<String> = members.iter().map(|m| param_field(m.param)).collect();
                let pascal: String = members
                    .iter()
                    .map(|m| type_name(m))
                    .collect::<Vec<_>>()
                    .join("And");
                group_structs.push(format!("{struct_name}{pascal}"));
                group_members.push(members);
            }
            _ => {
                group_structs.push(String::new());
                group_members.push(Vec::new());
            }
        }
    }
    // The private serializer method comes first, so that a derived
    // method named like it gets the suffix instead.
    // The serializer helper and `new` are claimed first.
    let derived: Vec<(String, String)> = [WRITE_HELPER, NEW_FN]
        .into_iter()
        .map(|name| (name.to_owned(), String::new()))
        .chain(
            def.derived_bits
                .iter()
                .map(|d| (param_field(d.param), format!("_{}", d.param))),
        )
        .collect();
    DefinitionNames {
        struct_name,
        fields: unique(&preferred),
        group_structs,
        group_members,
        derived_methods: unique(&derived).into_iter().skip(2).collect(),
    }
}
