//! The one reader of the schema's side files (`errors.tsv`,
//! `availability.tsv`, `id-allowlist.tsv`, `common-errors.tsv`,
//! `descriptions/*.tsv`): UTF-8 lines, `\n` (a trailing `\r` is ignored),
//! blank lines and lines starting with `#` skipped, columns separated by
//! one tab. Problems are [`Diagnostic`]s pointing at the line and column.

use crate::diagnostic::{Diagnostic, Span};

/// One data line of a side file.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// The file's name as given to [`rows`], for diagnostics.
    pub file: &'a str,
    /// 1-based line number.
    pub line: usize,
    /// The whole line, without its line ending.
    pub text: &'a str,
}

/// The data lines of `text`.
pub fn rows<'a>(file: &'a str, text: &'a str) -> impl Iterator<Item = Row<'a>> {
    text.split('\n').enumerate().filter_map(move |(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        (!line.trim().is_empty() && !line.starts_with('#')).then_some(Row {
            file,
            line: i + 1,
            text: line,
        })
    })
}

impl<'a> Row<'a> {
    /// Every tab-separated column.
    pub fn columns(&self) -> Vec<&'a str> {
        self.text.split('\t').collect()
    }

    /// Exactly `N` columns, or a diagnostic naming them (`expected`, e.g.
    /// `` `method<TAB>code<TAB>name` ``).
    pub fn exactly<const N: usize>(&self, expected: &str) -> Result<[&'a str; N], Diagnostic> {
        self.take(self.columns(), expected)
    }

    /// `N` columns, the last one taking the rest of the line (tabs included).
    pub fn split<const N: usize>(&self, expected: &str) -> Result<[&'a str; N], Diagnostic> {
        self.take(self.text.splitn(N, '\t').collect(), expected)
    }

    /// `columns` as an array of `N`, or a diagnostic for the whole line.
    fn take<const N: usize>(
        &self,
        columns: Vec<&'a str>,
        expected: &str,
    ) -> Result<[&'a str; N], Diagnostic> {
        let found = columns.len();
        columns.try_into().map_err(|_| {
            self.error(
                format!("expected {N} tab-separated columns, found {found}"),
                1,
                self.text.chars().count(),
                expected,
            )
        })
    }

    /// The 1-based column (in characters) where `part`, a slice of this
    /// row's text, starts; 1 if it is not one.
    pub fn column_of(&self, part: &str) -> usize {
        let start = part.as_ptr() as usize;
        let base = self.text.as_ptr() as usize;
        if start >= base && start + part.len() <= base + self.text.len() {
            self.text[..start - base].chars().count() + 1
        } else {
            1
        }
    }

    /// A diagnostic at `column` (1-based, in characters) spanning `len`.
    pub fn error(&self, message: String, column: usize, len: usize, expected: &str) -> Diagnostic {
        Diagnostic::new(
            message,
            Span::new(self.file, self.line, column, len),
            self.text,
            expected,
        )
    }

    /// A diagnostic underlining `part`, a column of this row.
    pub fn error_at(&self, part: &str, message: String, expected: &str) -> Diagnostic {
        self.error(
            message,
            self.column_of(part),
            part.chars().count(),
            expected,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_blank_lines_and_strips_cr() {
        let text = "# header\n\na\tb\r\n   \n#x\tc\nc\td";
        let rows: Vec<(usize, &str)> = rows("f.tsv", text).map(|r| (r.line, r.text)).collect();
        assert_eq!(rows, [(3, "a\tb"), (6, "c\td")]);
    }

    #[test]
    fn column_counts_are_checked() {
        let row = rows("f.tsv", "a\tb\tc").next().unwrap();
        assert_eq!(row.exactly::<3>("x").unwrap(), ["a", "b", "c"]);
        let err = row.exactly::<2>("`a<TAB>b`").unwrap_err();
        assert_eq!(err.message, "expected 2 tab-separated columns, found 3");
        assert_eq!((err.span.file.as_str(), err.span.line), ("f.tsv", 1));
        assert_eq!(row.split::<2>("x").unwrap(), ["a", "b\tc"]);
        assert!(row.split::<4>("x").is_err());
    }

    #[test]
    fn errors_point_at_their_column() {
        let row = rows("f.tsv", "name\tbad").next().unwrap();
        let [_, bad] = row.exactly::<2>("x").unwrap();
        let err = row.error_at(bad, "bad value".to_owned(), "a good one");
        assert_eq!((err.span.column, err.span.len), (6, 3));
    }
}
