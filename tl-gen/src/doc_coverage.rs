//! How much of a schema the descriptions cover, per kind of item: what
//! `cargo xtask doc-coverage` prints and checks against committed floors.

use std::collections::BTreeSet;

use crate::descriptions::Descriptions;
use crate::error_facts::ErrorFacts;
use crate::model::{Definition, ParamKind, Schema};

/// The kinds, in report order, with the name printed for each.
pub const KINDS: [&str; 6] = [
    "methods",
    "method-params",
    "types",
    "constructors",
    "constructor-params",
    "errors",
];

/// One kind's count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub kind: &'static str,
    pub described: usize,
    pub total: usize,
    /// A few undescribed keys, for the report.
    pub missing: Vec<String>,
}

impl Coverage {
    /// `described / total` in per cent (100 for an empty kind).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.described as f64 * 100.0 / self.total as f64
        }
    }
}

/// How many of each kind `descriptions` describe. Parameters are the ones a
/// user sets (flags words are computed, and documented by a generated
/// sentence); errors are every name the facts list for a method, plus the
/// common errors, each counted once.
pub fn coverage(
    schemas: &[&Schema],
    descriptions: &Descriptions,
    facts: Option<&ErrorFacts>,
    common_errors: &[&str],
) -> Vec<Coverage> {
    let mut counts: Vec<Coverage> = KINDS
        .iter()
        .map(|kind| Coverage {
            kind,
            described: 0,
            total: 0,
            missing: Vec::new(),
        })
        .collect();
    let mut count = |kind: usize, key: String, described: bool| {
        let entry = &mut counts[kind];
        entry.total += 1;
        if described {
            entry.described += 1;
        } else if entry.missing.len() < 10 {
            entry.missing.push(key);
        }
    };
    let mut error_names: BTreeSet<&str> = common_errors.iter().copied().collect();
    for schema in schemas {
        for (defs, kind, param_kind) in [(&schema.functions, 0, 1), (&schema.constructors, 3, 4)] {
            for def in defs.iter() {
                let name = def.name.to_string();
                count(kind, name.clone(), descriptions.definition(&name).is_some());
                for param in value_params(def) {
                    count(
                        param_kind,
                        format!("{name}.{param}"),
                        descriptions.param(&name, param).is_some(),
                    );
                }
            }
        }
        for boxed in &schema.boxed_types {
            let name = boxed.name.to_string();
            count(2, name.clone(), descriptions.boxed_type(&name).is_some());
        }
        if let Some(facts) = facts {
            for def in &schema.functions {
                for error in facts.errors(&def.name.to_string()) {
                    error_names.insert(&error.name);
                }
            }
        }
    }
    for name in error_names {
        count(5, name.to_owned(), descriptions.error_name(name).is_some());
    }
    counts
}

/// The parameters a user sets (not flags words).
fn value_params(def: &Definition) -> impl Iterator<Item = &str> {
    def.params
        .iter()
        .filter(|p| !matches!(p.kind, ParamKind::FlagsWord))
        .map(|p| p.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_kind() {
        let loaded = crate::load::load(
            "s.tl",
            "a#1 flags:# x:flags.0?int y:int = T;\n---functions---\nm.f#2 z:int w:int = T;",
        )
        .unwrap();
        let schema = crate::model::build(&loaded).unwrap();
        let d = Descriptions::parse(
            "d.tsv",
            "method\tm.f\tx\nparam\tm.f.z\tx\ntype\tT\tx\nparam\ta.y\tx\nerror\tFLOOD_WAIT_%d\tx\n",
        )
        .unwrap();
        let got: Vec<(&str, usize, usize)> =
            coverage(&[&schema], &d, None, &["FLOOD_WAIT_%d", "X"])
                .iter()
                .map(|c| (c.kind, c.described, c.total))
                .collect();
        assert_eq!(
            got,
            [
                ("methods", 1, 1),
                ("method-params", 1, 2),
                ("types", 1, 1),
                ("constructors", 0, 1),
                ("constructor-params", 1, 2),
                ("errors", 1, 2),
            ]
        );
    }
}
