//! Item paths: every path the generated code and its docs use is built
//! here, as a [`syn::Path`] of identifiers, and printed from its segments;
//! nothing else joins paths from strings.
//!
//! A generated item sits at `root::<prefix modules>::<tree>::<namespace
//! modules>::<Name>`: the root is a configured path as seen from the code
//! that refers to it (`crate`, `::tl_types`), the prefix is the schema's
//! module (`mtproto`), the tree is `types`, `enums`, `functions` or
//! `errors`.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Ident, Path, PathSegment};

use super::ident;
use super::schema_names::module_path;

/// One of the four generated module trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tree {
    Types,
    Enums,
    Functions,
    Errors,
}

impl Tree {
    /// The module name.
    pub fn module(self) -> &'static str {
        match self {
            Tree::Types => "types",
            Tree::Enums => "enums",
            Tree::Functions => "functions",
            Tree::Errors => "errors",
        }
    }
}

/// A configured path (`crate`, `::tl_types`, `crate::fixtures::x`): `crate`,
/// `self` and `super` stay keywords, `r#x` is a raw identifier, any other
/// segment goes through [`ident`].
pub fn parse(text: &str) -> Path {
    let mut path = Path {
        leading_colon: text.starts_with("::").then(Default::default),
        segments: Punctuated::new(),
    };
    for part in text.split("::").filter(|p| !p.is_empty()) {
        let segment = if matches!(part, "crate" | "self" | "super") {
            Ident::new(part, Span::call_site())
        } else if let Some(raw) = part.strip_prefix("r#") {
            Ident::new_raw(raw, Span::call_site())
        } else {
            ident(part)
        };
        path.segments.push(PathSegment::from(segment));
    }
    path
}

/// `path::name`, with `name` made an identifier by [`ident`].
pub fn child(path: &Path, name: &str) -> Path {
    let mut out = path.clone();
    out.segments.push(PathSegment::from(ident(name)));
    out
}

/// `root::<module of each prefix part>`: a schema's generated root.
pub fn schema_root(root: &Path, prefix: &[String]) -> Path {
    prefix
        .iter()
        .fold(root.clone(), |path, part| child(&path, part))
}

/// `root::tree::<namespace modules>::name`.
pub fn item(root: &Path, tree: Tree, namespace: &[String], name: &str) -> Path {
    let mut path = child(root, tree.module());
    for module in module_path(namespace) {
        path = child(&path, &module);
    }
    child(&path, name)
}

/// The path as a user writes it: `::tl_types::enums::Updates`,
/// `crate::types::r#type::X`.
pub fn text(path: &Path) -> String {
    let mut out = String::new();
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
    }
    out
}

/// The path as an intra-doc link target: no leading `::`, raw identifiers
/// by their plain name (rustdoc resolves `r#type` that way).
pub fn link(path: &Path) -> String {
    let mut out = String::new();
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        let name = segment.ident.to_string();
        out.push_str(name.strip_prefix("r#").unwrap_or(&name));
    }
    out
}

/// A single identifier as an intra-doc link segment (`r#type` → `type`).
pub fn link_name(name: &str) -> String {
    let text = ident(name).to_string();
    text.strip_prefix("r#")
        .map_or_else(|| text.clone(), str::to_owned)
}

/// `path` with its first segment replaced (`crate::functions::X` as
/// `tl_methods::functions::X`, for examples written from a user's crate).
pub fn with_first(path: &Path, first: &str) -> Path {
    let mut out = parse(first);
    out.segments.extend(path.segments.iter().skip(1).cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_paths_parse_and_print() {
        for text in [
            "crate",
            "::tl_types",
            "crate::fixtures::keywords",
            "super::x",
        ] {
            assert_eq!(super::text(&parse(text)), text);
        }
    }

    #[test]
    fn items_escape_keywords_and_namespaces() {
        let root = schema_root(&parse("crate"), &["mtproto".to_owned()]);
        let path = item(&root, Tree::Types, &["type".to_owned()], "Self");
        assert_eq!(text(&path), "crate::mtproto::types::r#type::Self_");
        assert_eq!(link(&path), "crate::mtproto::types::type::Self_");
        assert_eq!(
            text(&with_first(&path, "tl_types")),
            "tl_types::mtproto::types::r#type::Self_"
        );
        assert_eq!(
            quote::quote!(#path).to_string(),
            "crate :: mtproto :: types :: r#type :: Self_"
        );
    }
}
