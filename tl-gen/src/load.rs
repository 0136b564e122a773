//! Stage 1, **load**: split schema text into definitions with their positions.
//!
//! The splitter is our own; each definition is handed to
//! `grammers_tl_parser::tl::Definition::from_str` one at a time. The whole-file
//! function of that crate is deliberately not used: it panics on non-ASCII
//! text, has no positions and drops a definition after an unknown separator.

use std::str::FromStr;

use grammers_tl_parser::errors::{ParamParseError, ParseError};
use grammers_tl_parser::tl;

use crate::diagnostic::{Diagnostic, Span};

/// Which `---section---` a definition stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Types,
    Functions,
}

/// One definition as written in a schema file.
#[derive(Debug)]
pub struct RawDefinition {
    /// The definition text without the closing `;`, exactly as written
    /// (it may span several lines).
    pub text: String,
    /// Where `text` starts.
    pub span: Span,
    /// The `//` comment lines directly above the definition.
    pub comments: Vec<String>,
    pub section: Section,
    /// The layer of the `===N===` block the definition stands in, if any.
    pub layer_block: Option<i32>,
}

/// A definition after parsing.
#[derive(Debug)]
pub struct LoadedDefinition {
    pub raw: RawDefinition,
    pub kind: LoadedKind,
}

#[derive(Debug)]
pub enum LoadedKind {
    /// A built-in the TL language itself defines (`int ? = Int`, `vector …`,
    /// `int128 4*[ int ] = Int128`, …). Its explicit ID is kept when present.
    Builtin { name: String, id: Option<u32> },
    /// An ordinary constructor or function.
    Parsed {
        def: tl::Definition,
        /// The `#id` written in the schema, if any (the parser fills in an
        /// inferred ID otherwise; we compute our own).
        explicit_id: Option<u32>,
    },
}

/// A schema file after loading.
#[derive(Debug)]
pub struct LoadedSchema {
    pub file: String,
    pub layer: Option<i32>,
    pub definitions: Vec<LoadedDefinition>,
}

/// Names the TL language defines itself. Their definitions look like
/// `int ? = Int;` or `vector {t:Type} # [ t ] = Vector t;`: no grammar a
/// constructor line follows, so they are recognised by name.
pub const BUILTIN_NAMES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "vector",
];

/// Loads one schema file. Every problem found is reported; nothing is
/// skipped silently.
pub fn load(file: &str, text: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut definitions = Vec::new();
    let mut layer = None;
    let mut section = Section::Types;
    let mut comments: Vec<String> = Vec::new();
    let mut layer_block: Option<i32> = None;

    // The definition being accumulated: its text and where it started.
    let mut pending = String::new();
    let mut pending_start: Option<Span> = None;

    for (line_index, full_line) in text.split('\n').enumerate() {
        let line_no = line_index + 1;
        let full_line = full_line.strip_suffix('\r').unwrap_or(full_line);
        let (code, comment) = match full_line.find("//") {
            Some(at) => (&full_line[..at], Some(&full_line[at + 2..])),
            None => (full_line, None),
        };
        if let Some(comment) = comment {
            let comment = comment.trim_start_matches('/').trim();
            if let Some(found) = parse_layer_comment(comment) {
                layer = Some(found);
            }
            if pending_start.is_none() && code.trim().is_empty() && !comment.is_empty() {
                comments.push(comment.to_owned());
            }
        }
        if code.trim().is_empty() {
            if comment.is_none() && pending_start.is_none() {
                // A blank line separates comments from what follows.
                comments.clear();
            }
            if pending_start.is_some() {
                pending.push('\n');
            }
            continue;
        }

        // A section separator stands on a line of its own.
        let trimmed = code.trim();
        // `===N===` starts the definitions of layer N (secret-chat schemas).
        if pending_start.is_none() {
            if let Some(found) = parse_layer_marker(trimmed) {
                layer = Some(found);
                layer_block = Some(found);
                comments.clear();
                continue;
            }
        }
        if pending_start.is_none() && trimmed.starts_with("---") {
            let col = column_of(code, trimmed);
            match trimmed {
                "---types---" => section = Section::Types,
                "---functions---" => section = Section::Functions,
                other => errors.push(Diagnostic::new(
                    format!("unknown section separator `{other}`"),
                    Span::new(file, line_no, col, trimmed.chars().count()),
                    trimmed,
                    "expected `---types---` or `---functions---`",
                )),
            }
            comments.clear();
            continue;
        }

        // Split the line at each `;`; a line may end one definition and hold
        // another, or continue the one before.
        let mut rest = code;
        let mut rest_offset = 0usize;
        while !rest.is_empty() {
            let (piece, terminated, consumed) = match rest.find(';') {
                Some(at) => (&rest[..at], true, at + 1),
                None => (rest, false, rest.len()),
            };
            if pending_start.is_none() {
                let lead = piece.len() - piece.trim_start().len();
                if !piece.trim().is_empty() {
                    let col = char_column(code, rest_offset + lead);
                    pending_start = Some(Span::new(file, line_no, col, 1));
                    pending.push_str(piece.trim_start());
                } else if terminated {
                    let col = char_column(code, rest_offset + piece.len());
                    errors.push(Diagnostic::new(
                        "empty definition".to_owned(),
                        Span::new(file, line_no, col, 1),
                        full_line,
                        "a `;` with no definition before it",
                    ));
                }
            } else {
                pending.push_str(piece);
            }
            if terminated {
                if let Some(span) = pending_start.take() {
                    let raw = RawDefinition {
                        text: std::mem::take(&mut pending).trim_end().to_owned(),
                        span,
                        comments: std::mem::take(&mut comments),
                        section,
                        layer_block,
                    };
                    match parse_definition(raw) {
                        Ok(def) => definitions.push(def),
                        Err(diagnostic) => errors.push(diagnostic),
                    }
                }
            }
            rest = &rest[consumed..];
            rest_offset += consumed;
        }
        if pending_start.is_some() {
            pending.push('\n');
        }
    }

    if let Some(span) = pending_start {
        let first_line = pending.lines().next().unwrap_or("").to_owned();
        errors.push(Diagnostic::new(
            "definition is not terminated".to_owned(),
            span,
            &first_line,
            "expected `;` at the end of the definition",
        ));
    }

    if errors.is_empty() {
        Ok(LoadedSchema {
            file: file.to_owned(),
            layer,
            definitions,
        })
    } else {
        Err(errors)
    }
}

/// `===23===` → 23.
fn parse_layer_marker(line: &str) -> Option<i32> {
    let number = line.strip_prefix("===")?.strip_suffix("===")?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// `LAYER 230` → 230.
fn parse_layer_comment(comment: &str) -> Option<i32> {
    let rest = comment.trim().strip_prefix("LAYER")?;
    let rest = rest.trim();
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

fn column_of(line: &str, part: &str) -> usize {
    let offset = line.find(part).unwrap_or(0);
    char_column(line, offset)
}

/// 1-based column (in characters) of a byte offset.
fn char_column(line: &str, byte_offset: usize) -> usize {
    line.get(..byte_offset)
        .map(|before| before.chars().count())
        .unwrap_or(0)
        + 1
}

fn parse_definition(raw: RawDefinition) -> Result<LoadedDefinition, Diagnostic> {
    let text = collapse_whitespace(&raw.text);
    let head = text.split([' ', '=']).next().unwrap_or("");
    let (name, id_text) = match head.split_once('#') {
        Some((name, id)) => (name, Some(id)),
        None => (head, None),
    };
    let explicit_id = match id_text {
        Some(id) => Some(parse_id(id).ok_or_else(|| {
            raw.diagnostic(
                format!("invalid constructor ID `#{id}`"),
                &format!("#{id}"),
                "expected 1 to 8 hexadecimal digits after `#`",
            )
        })?),
        None => None,
    };

    if BUILTIN_NAMES.contains(&name) {
        return Ok(LoadedDefinition {
            kind: LoadedKind::Builtin {
                name: name.to_owned(),
                id: explicit_id,
            },
            raw,
        });
    }

    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || " _.#:?!<>{}=%".contains(*c)))
    {
        return Err(raw.diagnostic(
            format!(
                "unexpected character `{}` in definition",
                bad.escape_debug()
            ),
            &bad.to_string(),
            "TL definitions use ASCII letters, digits and `_.#:?!<>{}=%`",
        ));
    }

    match tl::Definition::from_str(&text) {
        Ok(def) => {
            if let Some(param) = def.params.iter().find(|p| p.name.is_empty()) {
                return Err(raw.diagnostic(
                    "parameter without a name".to_owned(),
                    &param.to_string(),
                    "expected `name:Type`",
                ));
            }
            Ok(LoadedDefinition {
                kind: LoadedKind::Parsed { def, explicit_id },
                raw,
            })
        }
        Err(err) => Err(parse_error(&raw, &text, err)),
    }
}

fn parse_id(id: &str) -> Option<u32> {
    if id.is_empty() || id.len() > 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(id, 16).ok()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a parser error into a diagnostic pointing at the offending word.
fn parse_error(raw: &RawDefinition, text: &str, err: ParseError) -> Diagnostic {
    let (left, right) = match text.split_once('=') {
        Some((l, r)) => (l.trim(), r.trim()),
        None => (text, ""),
    };
    let words: Vec<&str> = left.split_whitespace().collect();
    let first_bad_param = || {
        words
            .iter()
            .skip(1)
            .find(|word| bad_param(word, &words))
            .copied()
            .unwrap_or(left)
    };
    match err {
        ParseError::Empty => raw.diagnostic("empty definition".into(), text, "a definition"),
        ParseError::MissingType => raw.diagnostic(
            "definition without a result type".into(),
            if right.is_empty() { left } else { right },
            "expected `= Type` before `;`",
        ),
        ParseError::MissingName => raw.diagnostic(
            "definition without a valid name".into(),
            words.first().copied().unwrap_or(text),
            "expected `name#id` or `namespace.name#id`",
        ),
        ParseError::InvalidId(_) => raw.diagnostic(
            "invalid constructor ID".into(),
            words.first().copied().unwrap_or(text),
            "expected 1 to 8 hexadecimal digits after `#`",
        ),
        ParseError::InvalidParam(param) => {
            let (message, expected) = match param {
                ParamParseError::Empty => ("empty parameter name or type", "`name:Type`"),
                ParamParseError::InvalidFlag => (
                    "invalid flag condition",
                    "`name:flags.N?Type` with N a bit number",
                ),
                ParamParseError::InvalidGeneric => (
                    "invalid generic argument",
                    "`Vector<Type>` with a closing `>`",
                ),
                ParamParseError::MissingDef => (
                    "parameter refers to a flags field or generic that is not defined before it",
                    "a `flags:#` parameter or `{X:Type}` declared earlier in the definition",
                ),
                ParamParseError::TypeDef { .. } => ("misplaced generic declaration", "`{X:Type}`"),
                ParamParseError::NotImplemented => ("unsupported parameter syntax", "`name:Type`"),
            };
            raw.diagnostic(message.into(), first_bad_param(), expected)
        }
        ParseError::NotImplemented => raw.diagnostic(
            "unsupported definition syntax".into(),
            first_bad_param(),
            "parameters of the form `name:Type`",
        ),
        ParseError::UnknownSeparator => raw.diagnostic(
            "unknown section separator".into(),
            text,
            "`---types---` or `---functions---`",
        ),
    }
}

/// Whether one parameter word would fail on its own; used only to point the
/// caret at the right place after the parser reported an error.
fn bad_param(word: &str, words: &[&str]) -> bool {
    if word.starts_with('{') {
        return !word.ends_with(":Type}");
    }
    let Some((name, ty)) = word.split_once(':') else {
        return true;
    };
    if name.is_empty() || ty.is_empty() {
        return true;
    }
    if let Some((flag, _)) = ty.split_once('?') {
        let Some((field, bit)) = flag.split_once('.') else {
            return true;
        };
        if bit.parse::<usize>().is_err() {
            return true;
        }
        let declared = words.iter().any(|w| *w == format!("{field}:#"));
        if !declared {
            return true;
        }
    }
    if let Some(generic) = ty.strip_prefix('!') {
        let declared = words.iter().any(|w| *w == format!("{{{generic}:Type}}"));
        if !declared {
            return true;
        }
    }
    ty.matches('<').count() != ty.matches('>').count()
}

impl RawDefinition {
    /// A diagnostic pointing at `needle` inside this definition.
    pub fn diagnostic(&self, message: String, needle: &str, expected: &str) -> Diagnostic {
        let (span, line_text) = self.locate(needle);
        Diagnostic::new(message, span, &line_text, expected)
    }

    /// The span and source line of the first occurrence of `needle` in the
    /// definition (its start when not found).
    pub fn locate(&self, needle: &str) -> (Span, String) {
        let lines: Vec<&str> = self.text.split('\n').collect();
        for (index, line) in lines.iter().enumerate() {
            if let Some(at) = (!needle.is_empty())
                .then(|| find_word(line, needle))
                .flatten()
            {
                let line_no = self.span.line + index;
                let base_col = if index == 0 { self.span.column } else { 1 };
                let col = base_col + line[..at].chars().count();
                let prefix = if index == 0 {
                    " ".repeat(self.span.column.saturating_sub(1))
                } else {
                    String::new()
                };
                return (
                    Span::new(&self.span.file, line_no, col, needle.chars().count().max(1)),
                    format!("{prefix}{line}"),
                );
            }
        }
        let first = lines.first().copied().unwrap_or("");
        let prefix = " ".repeat(self.span.column.saturating_sub(1));
        (
            Span::new(&self.span.file, self.span.line, self.span.column, 1),
            format!("{prefix}{first}"),
        )
    }
}

/// Finds `needle` as a whole word (bounded by whitespace or the line ends).
fn find_word(line: &str, needle: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(found) = line[start..].find(needle) {
        let at = start + found;
        let before_ok = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace());
        let after = at + needle.len();
        let after_ok = line[after..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == ';');
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + needle.len().max(1);
        if start >= line.len() {
            break;
        }
    }
    line.find(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed_names(schema: &LoadedSchema) -> Vec<String> {
        schema
            .definitions
            .iter()
            .map(|d| match &d.kind {
                LoadedKind::Builtin { name, .. } => name.clone(),
                LoadedKind::Parsed { def, .. } => def.full_name(),
            })
            .collect()
    }

    #[test]
    fn splits_sections_comments_and_multiline_definitions() {
        let text = "// LAYER 7\nint ? = Int;\n\n// a comment\nfoo#1 a:int = Foo;\nbar#2\n  b:long\n  = Foo; baz#3 = Foo;\n---functions---\nget#4 = Foo;\n";
        let schema = load("t.tl", text).unwrap();
        assert_eq!(schema.layer, Some(7));
        assert_eq!(parsed_names(&schema), ["int", "foo", "bar", "baz", "get"]);
        let foo = &schema.definitions[1];
        assert_eq!(foo.raw.comments, ["a comment"]);
        assert_eq!((foo.raw.span.line, foo.raw.span.column), (5, 1));
        let bar = &schema.definitions[2];
        assert_eq!(bar.raw.span.line, 6);
        assert!(bar.raw.text.contains('\n'));
        let baz = &schema.definitions[3];
        assert_eq!((baz.raw.span.line, baz.raw.span.column), (8, 10));
        assert_eq!(schema.definitions[4].raw.section, Section::Functions);
        assert_eq!(schema.definitions[1].raw.section, Section::Types);
    }

    #[test]
    fn layer_markers_of_secret_chat_schemas() {
        let schema = load("t.tl", "===8===\nfoo#1 = Foo;\n===17===\nbar#2 = Foo;\n").unwrap();
        assert_eq!(schema.definitions.len(), 2);
        assert_eq!(schema.layer, Some(17));
    }

    #[test]
    fn unknown_separator_is_an_error_and_nothing_after_is_dropped() {
        let errors = load("t.tl", "---weird---\nfoo#1 = Foo;\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("---weird---"));
        assert_eq!(errors[0].span.line, 1);
    }

    #[test]
    fn non_ascii_is_a_diagnostic_not_a_panic() {
        let errors = load("t.tl", "// ключ\nfoo#1 a:Int€ = Foo;\nbar#2 = Фу;\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].span.line, 2);
        assert_eq!(errors[1].span.line, 3);
    }

    #[test]
    fn syntax_errors_name_the_line_and_word() {
        let text = "ok#1 = Foo;\nbad#2 a:flags.0?int = Foo;\nnoresult#3 a:int;\nx#zz = Foo;\nunterminated#4 = Foo";
        let errors = load("t.tl", text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.span.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert_eq!(errors[0].span.column, 7);
        assert!(errors[3].message.contains("not terminated"));
    }

    #[test]
    fn explicit_ids_are_kept() {
        let schema = load("t.tl", "foo#0000001f = Foo;\nbar = Foo;").unwrap();
        match &schema.definitions[0].kind {
            LoadedKind::Parsed { explicit_id, .. } => assert_eq!(*explicit_id, Some(0x1f)),
            other => panic!("unexpected {other:?}"),
        }
        match &schema.definitions[1].kind {
            LoadedKind::Parsed { explicit_id, .. } => assert_eq!(*explicit_id, None),
            other => panic!("unexpected {other:?}"),
        }
    }
}
