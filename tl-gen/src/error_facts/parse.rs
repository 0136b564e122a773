//! Reading `errors.tsv` and `availability.tsv` (through the shared
//! side-file reader) into [`ErrorFacts`], with a typed error per problem.

use std::fmt;

use super::{
    is_valid_method_name, parse_error_template, Availability, ErrorFacts, KnownError, TemplateError,
};

/// Which of the two files a [`FactsError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsFile {
    /// `errors.tsv`.
    Errors,
    /// `availability.tsv`.
    Availability,
}

impl FactsFile {
    /// The file's usual name.
    pub fn file_name(self) -> &'static str {
        match self {
            FactsFile::Errors => "errors.tsv",
            FactsFile::Availability => "availability.tsv",
        }
    }
}

impl fmt::Display for FactsFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// What was wrong with a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactsErrorKind {
    /// The row does not have the expected number of tab-separated columns.
    ColumnCount { expected: usize, found: usize },
    /// The method column is not a dotted TL name.
    BadMethod(String),
    /// The code column is not a decimal `i32`.
    BadCode(String),
    /// The code is a number but not in canonical form (`+5`, `007`, `-0`).
    NonCanonicalCode(String),
    /// The name column is not a valid error name.
    BadName { name: String, reason: TemplateError },
    /// The availability column is not `users`, `bots` or `both`.
    UnknownAvailability(String),
    /// The same row (or, in `availability.tsv`, the same method) appears twice.
    DuplicateRow,
    /// The row sorts before the previous row.
    OutOfOrder,
}

/// An error in `errors.tsv` or `availability.tsv`, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsError {
    /// The file the line is in.
    pub file: FactsFile,
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub kind: FactsErrorKind,
}

impl fmt::Display for FactsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        match &self.kind {
            FactsErrorKind::ColumnCount { expected, found } => write!(
                f,
                "expected {expected} tab-separated columns, found {found}"
            ),
            FactsErrorKind::BadMethod(m) => write!(f, "invalid TL method name {m:?}"),
            FactsErrorKind::BadCode(c) => write!(f, "error code {c:?} is not a 32-bit integer"),
            FactsErrorKind::NonCanonicalCode(c) => write!(
                f,
                "error code {c:?} is not written canonically (no '+', no leading zeros)"
            ),
            FactsErrorKind::BadName { name, reason } => write!(f, "{name:?}: {reason}"),
            FactsErrorKind::UnknownAvailability(w) => write!(
                f,
                "unknown availability {w:?} (expected users, bots or both)"
            ),
            FactsErrorKind::DuplicateRow => f.write_str("duplicate row"),
            FactsErrorKind::OutOfOrder => {
                f.write_str("row out of order (rows must be sorted by method, code, name)")
            }
        }
    }
}

impl std::error::Error for FactsError {}

/// Parses the text of `errors.tsv` and `availability.tsv`.
pub fn parse_error_facts(
    errors_tsv: &str,
    availability_tsv: &str,
) -> Result<ErrorFacts, FactsError> {
    let mut facts = ErrorFacts::new();
    parse_errors(errors_tsv, &mut facts)?;
    parse_availability(availability_tsv, &mut facts)?;
    Ok(facts)
}

/// Yields (1-based line number, columns) for every data line (the shared
/// side-file reader, [`crate::tsv`]).
fn data_lines(file: FactsFile, text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    crate::tsv::rows(file.file_name(), text).map(|row| (row.line, row.columns()))
}

fn check_columns(
    file: FactsFile,
    line: usize,
    cols: &[&str],
    expected: usize,
) -> Result<(), FactsError> {
    if cols.len() == expected {
        Ok(())
    } else {
        Err(FactsError {
            file,
            line,
            kind: FactsErrorKind::ColumnCount {
                expected,
                found: cols.len(),
            },
        })
    }
}

fn check_method(file: FactsFile, line: usize, method: &str) -> Result<(), FactsError> {
    if is_valid_method_name(method) {
        Ok(())
    } else {
        Err(FactsError {
            file,
            line,
            kind: FactsErrorKind::BadMethod(method.to_owned()),
        })
    }
}

fn parse_code(line: usize, text: &str) -> Result<i32, FactsError> {
    let err = |kind| FactsError {
        file: FactsFile::Errors,
        line,
        kind,
    };
    let code: i32 = text
        .parse()
        .map_err(|_| err(FactsErrorKind::BadCode(text.to_owned())))?;
    if code.to_string() != text {
        return Err(err(FactsErrorKind::NonCanonicalCode(text.to_owned())));
    }
    Ok(code)
}

fn parse_errors(text: &str, facts: &mut ErrorFacts) -> Result<(), FactsError> {
    const FILE: FactsFile = FactsFile::Errors;
    let mut previous: Option<(String, i32, String)> = None;
    for (line, cols) in data_lines(FILE, text) {
        check_columns(FILE, line, &cols, 3)?;
        let (method, code_text, name) = (cols[0], cols[1], cols[2]);
        check_method(FILE, line, method)?;
        let code = parse_code(line, code_text)?;
        if let Err(reason) = parse_error_template(name) {
            return Err(FactsError {
                file: FILE,
                line,
                kind: FactsErrorKind::BadName {
                    name: name.to_owned(),
                    reason,
                },
            });
        }
        let key = (method, code, name);
        if let Some(prev) = &previous {
            let prev = (prev.0.as_str(), prev.1, prev.2.as_str());
            if key <= prev {
                let seen = facts
                    .errors(method)
                    .iter()
                    .any(|e| e.code == code && e.name == name);
                let kind = if seen {
                    FactsErrorKind::DuplicateRow
                } else {
                    FactsErrorKind::OutOfOrder
                };
                return Err(FactsError {
                    file: FILE,
                    line,
                    kind,
                });
            }
        }
        // Rows arrive sorted, so pushing keeps each method's list sorted.
        facts
            .methods
            .entry(method.to_owned())
            .or_default()
            .errors
            .push(KnownError {
                code,
                name: name.to_owned(),
            });
        previous = Some((method.to_owned(), code, name.to_owned()));
    }
    Ok(())
}

fn parse_availability(text: &str, facts: &mut ErrorFacts) -> Result<(), FactsError> {
    const FILE: FactsFile = FactsFile::Availability;
    let mut previous: Option<String> = None;
    for (line, cols) in data_lines(FILE, text) {
        check_columns(FILE, line, &cols, 2)?;
        let (method, word) = (cols[0], cols[1]);
        check_method(FILE, line, method)?;
        let availability = Availability::from_word(word).ok_or_else(|| FactsError {
            file: FILE,
            line,
            kind: FactsErrorKind::UnknownAvailability(word.to_owned()),
        })?;
        if let Some(prev) = &previous {
            if method <= prev.as_str() {
                let kind = if facts.availability(method).is_some() {
                    FactsErrorKind::DuplicateRow
                } else {
                    FactsErrorKind::OutOfOrder
                };
                return Err(FactsError {
                    file: FILE,
                    line,
                    kind,
                });
            }
        }
        facts
            .methods
            .entry(method.to_owned())
            .or_default()
            .availability = Some(availability);
        previous = Some(method.to_owned());
    }
    Ok(())
}
