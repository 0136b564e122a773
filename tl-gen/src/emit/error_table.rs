//! A method's known errors, shared by the method's docs (`docs.rs`) and its
//! error enum (`errors.rs`): the facts, the variants they become, and the
//! one Markdown table both pages show.

use std::collections::BTreeMap;

use super::Context;
use crate::error_facts::{parse_error_template, KnownError};
use crate::model::Definition;
use crate::names::paths::link_name;
use crate::names::{error_value_field, error_variants};

/// One method-specific error variant.
pub struct ErrorVariant {
    pub name: String,
    pub codes: Vec<i32>,
    pub variant: String,
    /// For `%d` names: the text around the number and the field name.
    pub template: Option<(String, String, String)>,
}

impl ErrorVariant {
    /// Whether the variant keeps the received code (the name has several).
    pub fn keeps_code(&self) -> bool {
        self.codes.len() > 1
    }
}

/// The facts known for a method (none for a method the facts don't list).
pub fn known_errors<'a>(cx: &'a Context<'_>, def: &Definition) -> &'a [KnownError] {
    match &cx.config.error_facts {
        Some(facts) => facts.errors(&def.name.to_string()),
        None => &[],
    }
}

/// Whether `name` is one of the errors any method may return.
pub fn is_common(cx: &Context<'_>, name: &str) -> bool {
    cx.config.common_errors.iter().any(|e| e.name == name)
}

/// The method-specific variants of `errors` (common ones excluded), named
/// deterministically: plain names first, so `EMAIL_UNCONFIRMED` keeps
/// `EmailUnconfirmed` and `EMAIL_UNCONFIRMED_%d` becomes
/// `EmailUnconfirmedCodeLength`.
pub fn variants(cx: &Context<'_>, errors: &[KnownError]) -> Vec<ErrorVariant> {
    let mut by_name: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    for error in errors {
        if is_common(cx, &error.name) {
            continue;
        }
        let codes = by_name.entry(error.name.as_str()).or_default();
        if !codes.contains(&error.code) {
            codes.push(error.code);
        }
    }
    let mut list: Vec<(&str, Vec<i32>)> = by_name.into_iter().collect();
    list.sort_by_key(|(name, _)| (name.contains("%d"), *name));
    let names: Vec<&str> = list.iter().map(|(name, _)| *name).collect();
    let variant_names = error_variants(&names, &["Common", "Other"]);
    list.into_iter()
        .zip(variant_names)
        .map(|((name, mut codes), variant)| {
            codes.sort_unstable();
            let template = parse_error_template(name)
                .ok()
                .filter(|t| t.has_placeholder)
                .map(|t| {
                    (
                        t.prefix.to_owned(),
                        t.suffix.to_owned(),
                        error_value_field(name).to_owned(),
                    )
                });
            ErrorVariant {
                name: name.to_owned(),
                codes,
                variant,
                template,
            }
        })
        .collect()
}

/// The description of error `name` for method `def`, if any.
pub fn describe_error<'a>(cx: &'a Context<'_>, def: &Definition, name: &str) -> Option<&'a str> {
    cx.config
        .descriptions
        .as_ref()
        .and_then(|d| d.error(&def.name.to_string(), name))
}

/// The description of `name` for method `def`, escaped for a table cell.
pub fn describe(cx: &Context<'_>, def: &Definition, name: &str) -> String {
    describe_error(cx, def, name)
        .unwrap_or("")
        .replace('|', "\\|")
}

/// The Markdown table of a method's known errors (header and one row per
/// fact): code, name, description and, given the enum's `variants`, the
/// variant each error becomes (linked from the enum's own page).
pub fn table(
    cx: &Context<'_>,
    def: &Definition,
    known: &[KnownError],
    variants: Option<&[ErrorVariant]>,
) -> Vec<String> {
    let mut lines = match variants {
        Some(_) => vec![
            "| Code | Type | Description | Variant |".to_owned(),
            "|------|------|-------------|---------|".to_owned(),
        ],
        None => vec![
            "| Code | Type | Description |".to_owned(),
            "|------|------|-------------|".to_owned(),
        ],
    };
    for error in known {
        let mut row = format!(
            "| {} | `{}` | {} |",
            error.code,
            error.name,
            describe(cx, def, &error.name)
        );
        if let Some(variants) = variants {
            let target = variants
                .iter()
                .find(|v| v.name == error.name)
                .map(|v| format!("[`{0}`](Self::{0})", link_name(&v.variant)))
                .unwrap_or_else(|| "[`Common`](Self::Common)".to_owned());
            row.push_str(&format!(" {target} |"));
        }
        lines.push(row);
    }
    lines
}
