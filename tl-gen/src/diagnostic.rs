//! Errors with a place: file, line, column, the source line and a caret,
//! printed the way rustc prints its own.

use std::fmt;

/// A place in a schema file (1-based line and column, length in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Span {
    pub fn new(file: &str, line: usize, column: usize, len: usize) -> Self {
        Span {
            file: file.to_owned(),
            line,
            column,
            len: len.max(1),
        }
    }
}

/// One problem found in a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, e.g. "unknown type `Foo`".
    pub message: String,
    pub span: Span,
    /// The source line the span points into.
    pub source_line: String,
    /// What was expected instead.
    pub expected: String,
}

impl Diagnostic {
    pub fn new(message: String, span: Span, source_line: &str, expected: &str) -> Self {
        Diagnostic {
            message,
            span,
            source_line: source_line.to_owned(),
            expected: expected.to_owned(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line_no = self.span.line.to_string();
        let gutter = " ".repeat(line_no.len());
        writeln!(f, "error: {}", self.message)?;
        writeln!(
            f,
            "{gutter}--> {}:{}:{}",
            self.span.file, self.span.line, self.span.column
        )?;
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line_no} | {}", self.source_line.trim_end())?;
        let pad: String = self
            .source_line
            .chars()
            .take(self.span.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        writeln!(
            f,
            "{gutter} | {pad}{} {}",
            "^".repeat(self.span.len),
            self.expected
        )?;
        Ok(())
    }
}

/// All problems found in one run of the generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn single(diagnostic: Diagnostic) -> Self {
        Error {
            diagnostics: vec![diagnostic],
        }
    }

    /// An error with no position in a schema (e.g. a configuration mistake).
    pub fn plain(file: &str, message: String) -> Self {
        Self::single(Diagnostic::new(message, Span::new(file, 1, 1, 1), "", ""))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        let count = self.diagnostics.len();
        write!(
            f,
            "error: could not generate code: {count} error{}",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic::new(
            "unknown type `Foo`".into(),
            Span::new("api.tl", 12, 10, 3),
            "bar#1 a:Foo = Bar",
            "a type defined in the schema",
        );
        let text = d.to_string();
        let expected = "error: unknown type `Foo`\n  --> api.tl:12:10\n   |\n12 | bar#1 a:Foo = Bar\n   |          ^^^ a type defined in the schema\n";
        assert_eq!(text, expected);
    }
}
