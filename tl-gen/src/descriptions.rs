//! Descriptions that the generator puts into rustdoc, in the project's own
//! words.
//!
//! The format is line based and tab separated (read by [`crate::tsv`]), one
//! description per line, keyed by TL name so that a layer bump is a small
//! diff and a user can bring their own documentation:
//!
//! ```text
//! # comment lines and blank lines are ignored
//! method<TAB>messages.importChatInvite<TAB>Joins a chat through its invite link.
//! param<TAB>messages.importChatInvite.hash<TAB>The hash part of the invite link.
//! error<TAB>INVITE_HASH_EXPIRED<TAB>The invite link has expired.
//! error<TAB>messages.importChatInvite:INVITE_HASH_EXPIRED<TAB>A text for this method only.
//! constructor<TAB>updatesTooLong<TAB>Too many updates; fetch the difference.
//! type<TAB>Updates<TAB>Updates sent by the server.
//! ```
//!
//! Kinds: `method`, `constructor` and `type` take a full TL name; `param`
//! takes `<definition>.<parameter>` (for a constructor or a method); `error`
//! takes an error name (`%d` kept), optionally prefixed by `<method>:` to
//! describe it for one method only. The text is Markdown, kept on one line.
//!
//! Descriptions may be split over several files ([`Descriptions::parse_files`]);
//! a key described twice, in one file or two, is an error naming both places.
//! [`Descriptions::stale`] lists the keys that name nothing in the schemas
//! (left over after a layer bump).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Error, Span};
use crate::error_facts::ErrorFacts;
use crate::model::{DefinitionKind, Schema};

/// What a description is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Method,
    Constructor,
    Type,
    Param,
    Error,
}

impl Kind {
    /// The word in the first column.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Method => "method",
            Kind::Constructor => "constructor",
            Kind::Type => "type",
            Kind::Param => "param",
            Kind::Error => "error",
        }
    }

    fn from_word(word: &str) -> Option<Kind> {
        [
            Kind::Method,
            Kind::Constructor,
            Kind::Type,
            Kind::Param,
            Kind::Error,
        ]
        .into_iter()
        .find(|k| k.word() == word)
    }
}

/// One description and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub file: String,
    pub line: usize,
}

/// Descriptions by kind and key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Descriptions {
    entries: BTreeMap<(Kind, String), Entry>,
}

const EXPECTED: &str = "`kind<TAB>key<TAB>text`";

impl Descriptions {
    /// Parses one descriptions file; `file` names it in diagnostics.
    pub fn parse(file: &str, text: &str) -> Result<Descriptions, Error> {
        Descriptions::parse_files(&[(file, text)])
    }

    /// Parses several files into one set, reporting every problem of every
    /// file.
    pub fn parse_files(files: &[(&str, &str)]) -> Result<Descriptions, Error> {
        let mut out = Descriptions::default();
        let mut diagnostics = Vec::new();
        for (file, text) in files {
            for row in crate::tsv::rows(file, text) {
                if let Err(d) = out.add_row(&row) {
                    diagnostics.push(d);
                }
            }
        }
        if diagnostics.is_empty() {
            Ok(out)
        } else {
            Err(Error { diagnostics })
        }
    }

    fn add_row(&mut self, row: &crate::tsv::Row<'_>) -> Result<(), Diagnostic> {
        let [kind_word, key, text] = row.split::<3>(EXPECTED)?;
        let Some(kind) = Kind::from_word(kind_word) else {
            return Err(row.error_at(
                kind_word,
                format!("unknown kind `{kind_word}`"),
                "method, constructor, type, param or error",
            ));
        };
        let text = text.trim();
        if key.is_empty() || text.is_empty() {
            return Err(row.error(
                "empty key or text".to_owned(),
                1,
                row.text.chars().count(),
                EXPECTED,
            ));
        }
        if kind == Kind::Param && !key.contains('.') {
            return Err(row.error_at(
                key,
                format!("`{key}`: expected `definition.parameter`"),
                "`definition.parameter`",
            ));
        }
        let entry = Entry {
            text: text.to_owned(),
            file: row.file.to_owned(),
            line: row.line,
        };
        if let Some(first) = self.entries.get(&(kind, key.to_owned())) {
            return Err(row.error_at(
                key,
                format!(
                    "`{key}` is described twice (first at {}:{})",
                    first.file, first.line
                ),
                "one description per key",
            ));
        }
        self.entries.insert((kind, key.to_owned()), entry);
        Ok(())
    }

    fn text(&self, kind: Kind, key: &str) -> Option<&str> {
        self.entries
            .get(&(kind, key.to_owned()))
            .map(|e| e.text.as_str())
    }

    /// The description of a constructor or method.
    pub fn definition(&self, name: &str) -> Option<&str> {
        self.text(Kind::Method, name)
            .or_else(|| self.text(Kind::Constructor, name))
    }

    /// The description of a boxed type.
    pub fn boxed_type(&self, name: &str) -> Option<&str> {
        self.text(Kind::Type, name)
    }

    /// The description of a parameter of a constructor or method.
    pub fn param(&self, definition: &str, param: &str) -> Option<&str> {
        self.text(Kind::Param, &format!("{definition}.{param}"))
    }

    /// The description of an error for a method (its own text first).
    pub fn error(&self, method: &str, name: &str) -> Option<&str> {
        self.text(Kind::Error, &format!("{method}:{name}"))
            .or_else(|| self.text(Kind::Error, name))
    }

    /// The description of an error name for any method.
    pub fn error_name(&self, name: &str) -> Option<&str> {
        self.text(Kind::Error, name)
    }

    /// Every description: kind, key, entry.
    pub fn iter(&self) -> impl Iterator<Item = (Kind, &str, &Entry)> {
        self.entries
            .iter()
            .map(|((kind, key), entry)| (*kind, key.as_str(), entry))
    }

    /// Descriptions whose key names nothing in `schemas` (a method,
    /// constructor, boxed type or parameter that no longer exists), or an
    /// error name neither `facts` nor `common_errors` know, each pointing at
    /// its line.
    pub fn stale(
        &self,
        schemas: &[&Schema],
        facts: Option<&ErrorFacts>,
        common_errors: &[&str],
    ) -> Vec<Diagnostic> {
        let mut methods = BTreeSet::new();
        let mut constructors = BTreeSet::new();
        let mut boxed = BTreeSet::new();
        let mut params = BTreeSet::new();
        for schema in schemas {
            for def in schema.constructors.iter().chain(&schema.functions) {
                let name = def.name.to_string();
                for param in &def.params {
                    params.insert(format!("{name}.{}", param.name));
                }
                match def.kind {
                    DefinitionKind::Constructor => constructors.insert(name),
                    DefinitionKind::Function => methods.insert(name),
                };
            }
            boxed.extend(schema.boxed_types.iter().map(|b| b.name.to_string()));
        }
        let mut error_names: BTreeSet<String> =
            common_errors.iter().map(|n| (*n).to_owned()).collect();
        let mut method_errors = BTreeSet::new();
        if let Some(facts) = facts {
            for method in &methods {
                for error in facts.errors(method) {
                    error_names.insert(error.name.clone());
                    method_errors.insert(format!("{method}:{}", error.name));
                }
            }
        }
        let mut stale: Vec<(Kind, &str, &Entry)> = self
            .iter()
            .filter(|(kind, key, _)| match kind {
                Kind::Method => !methods.contains(*key),
                Kind::Constructor => !constructors.contains(*key),
                Kind::Type => !boxed.contains(*key),
                Kind::Param => !params.contains(*key),
                Kind::Error if key.contains(':') => !method_errors.contains(*key),
                Kind::Error => !error_names.contains(*key),
            })
            .collect();
        stale.sort_by_key(|(_, _, entry)| (&entry.file, entry.line));
        stale
            .into_iter()
            .map(|(kind, key, entry)| {
                Diagnostic::new(
                    format!(
                        "stale description: {} `{key}` is not in the schema",
                        kind.word()
                    ),
                    Span::new(&entry.file, entry.line, kind.word().len() + 2, key.len()),
                    &format!("{}\t{key}\t…", kind.word()),
                    "remove the line, or rename its key",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        let text = "# c\n\nmethod\tm.a\tDoes A\nparam\tm.a.hash\t`hash` text\nerror\tX_%d\tWaits\nerror\tm.a:X_%d\tWaits here\ntype\tT\tA type\nconstructor\tc\tA ctor\n";
        let d = Descriptions::parse("d.tsv", text).unwrap();
        assert_eq!(d.definition("m.a"), Some("Does A"));
        assert_eq!(d.param("m.a", "hash"), Some("`hash` text"));
        assert_eq!(d.error("m.a", "X_%d"), Some("Waits here"));
        assert_eq!(d.error("m.b", "X_%d"), Some("Waits"));
        assert_eq!(d.boxed_type("T"), Some("A type"));
        assert_eq!(d.definition("c"), Some("A ctor"));
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("method\tonly-two", 1, "expected 3"),
            ("\n\nwhat\tx\ty", 3, "unknown kind"),
            ("param\tnodot\tx", 1, "definition.parameter"),
            ("type\tT\ta\ntype\tT\tb", 2, "twice (first at d.tsv:1)"),
        ];
        for (text, line, message) in cases {
            let err = Descriptions::parse("d.tsv", text).unwrap_err();
            let d = &err.diagnostics[0];
            assert_eq!(d.span.line, line, "{text:?}");
            assert!(d.message.contains(message), "{err}");
        }
    }

    #[test]
    fn every_problem_of_every_file_is_reported() {
        let err = Descriptions::parse_files(&[
            ("a.tsv", "type\tT\tone\nbogus\tx\ty"),
            ("b.tsv", "type\tT\ttwo"),
        ])
        .unwrap_err();
        let found: Vec<(&str, usize)> = err
            .diagnostics
            .iter()
            .map(|d| (d.span.file.as_str(), d.span.line))
            .collect();
        assert_eq!(found, [("a.tsv", 2), ("b.tsv", 1)]);
        assert!(err.diagnostics[1].message.contains("first at a.tsv:1"));
    }

    #[test]
    fn stale_keys_are_reported() {
        let loaded =
            crate::load::load("s.tl", "a#1 x:int = T;\n---functions---\nm.f#2 y:int = T;").unwrap();
        let schema = crate::model::build(&loaded).unwrap();
        let text = "type\tT\tok\ntype\tGone\tx\nconstructor\ta\tok\nmethod\tm.f\tok\nmethod\tm.g\tx\nparam\tm.f.y\tok\nparam\tm.f.z\tx\nerror\tFLOOD_WAIT_%d\tok\nerror\tNOPE\tx\n";
        let d = Descriptions::parse("d.tsv", text).unwrap();
        let stale: Vec<usize> = d
            .stale(&[&schema], None, &["FLOOD_WAIT_%d"])
            .iter()
            .map(|d| d.span.line)
            .collect();
        assert_eq!(stale, [2, 5, 7, 9]);
    }
}
