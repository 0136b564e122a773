//! Facts about the RPC errors each TL method may return and about who may call
//! it, read from `schema/errors.tsv` and `schema/availability.tsv`.
//!
//! This module does no I/O: callers hand it the text of both files. It owns the
//! file format in both directions ([`parse_error_facts`] and the `render_*`
//! methods of [`ErrorFacts`]), so the importer and the generator cannot drift
//! apart. The format is described in `schema/README.md`; in short:
//!
//! * Lines are separated by `\n` (a trailing `\r` is tolerated). Empty lines and
//!   lines whose first character is `#` are ignored.
//! * `errors.tsv` rows are `method<TAB>code<TAB>name`, one per
//!   (method, code, name) fact. A method may list the same name under two codes.
//! * `availability.tsv` rows are `method<TAB>users|bots|both`, one per method.
//!   A method without a row has unknown availability (`None`).
//! * Rows are strictly sorted: by method (byte order), then code (numeric
//!   order), then name (byte order). A repeated row is an error, and so is a
//!   row out of order, so every accepted file has exactly one spelling.
//! * A code is a decimal `i32` in canonical form (`-503`, `420`; no `+`, no
//!   leading zeros). A method is a dotted TL name (`messages.sendMessage`).
//! * A name is printable ASCII without leading or trailing spaces. `%d`
//!   stands for a decimal number; a name has at most one `%d` and no other `%`.
//!   A name with two placeholders is rejected, because a message such as
//!   `A_12_3_B` could not be split back into two numbers unambiguously.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The placeholder that stands for a decimal number inside an error name.
pub const PLACEHOLDER: &str = "%d";

/// Who may call a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Availability {
    /// Only user accounts may call the method.
    Users,
    /// Only bot accounts may call the method.
    Bots,
    /// Both user and bot accounts may call the method.
    Both,
}

impl Availability {
    /// The word used in `availability.tsv`: `users`, `bots` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Users => "users",
            Availability::Bots => "bots",
            Availability::Both => "both",
        }
    }

    /// Parses the word used in `availability.tsv`. Case-sensitive.
    pub fn from_word(word: &str) -> Option<Availability> {
        match word {
            "users" => Some(Availability::Users),
            "bots" => Some(Availability::Bots),
            "both" => Some(Availability::Both),
            _ => None,
        }
    }

    /// Whether a user account may call the method.
    pub fn users_allowed(self) -> bool {
        matches!(self, Availability::Users | Availability::Both)
    }

    /// Whether a bot account may call the method.
    pub fn bots_allowed(self) -> bool {
        matches!(self, Availability::Bots | Availability::Both)
    }
}

impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error a method is known to return.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KnownError {
    /// Telegram's RPC error code, e.g. `400`, `420` or `-503`.
    pub code: i32,
    /// The error message, with `%d` where a number goes, e.g. `FLOOD_WAIT_%d`.
    pub name: String,
}

impl KnownError {
    /// Splits [`KnownError::name`] around its placeholder.
    ///
    /// Errors read by [`parse_error_facts`] always succeed here; a value built
    /// by hand may not.
    pub fn template(&self) -> Result<ErrorTemplate<'_>, TemplateError> {
        parse_error_template(&self.name)
    }
}

/// Everything known about one method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MethodFacts {
    /// The errors the method may return, sorted by code then name, without
    /// repeats. The same name may appear under two codes.
    pub errors: Vec<KnownError>,
    /// Who may call the method; `None` when the data does not say.
    pub availability: Option<Availability>,
}

/// The contents of `errors.tsv` and `availability.tsv`, keyed by full TL method
/// name (e.g. `messages.importChatInvite`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorFacts {
    /// Methods that have at least one error row or an availability row.
    pub methods: BTreeMap<String, MethodFacts>,
}

impl ErrorFacts {
    /// An empty set of facts.
    pub fn new() -> ErrorFacts {
        ErrorFacts::default()
    }

    /// The facts about `method`, if any.
    pub fn get(&self, method: &str) -> Option<&MethodFacts> {
        self.methods.get(method)
    }

    /// The errors `method` may return; empty when none are known.
    pub fn errors(&self, method: &str) -> &[KnownError] {
        self.methods
            .get(method)
            .map_or(&[], |m| m.errors.as_slice())
    }

    /// Who may call `method`; `None` when unknown.
    pub fn availability(&self, method: &str) -> Option<Availability> {
        self.methods.get(method).and_then(|m| m.availability)
    }

    /// Adds one error fact, keeping the method's list sorted and free of
    /// repeats. Returns `Ok(false)` when the fact was already present.
    pub fn insert_error(
        &mut self,
        method: &str,
        code: i32,
        name: &str,
    ) -> Result<bool, InsertError> {
        if !is_valid_method_name(method) {
            return Err(InsertError::MethodName(method.to_owned()));
        }
        parse_error_template(name).map_err(InsertError::Name)?;
        let entry = self.methods.entry(method.to_owned()).or_default();
        let item = KnownError {
            code,
            name: name.to_owned(),
        };
        match entry.errors.binary_search(&item) {
            Ok(_) => Ok(false),
            Err(at) => {
                entry.errors.insert(at, item);
                Ok(true)
            }
        }
    }

    /// Records who may call `method`, replacing any earlier value.
    pub fn set_availability(
        &mut self,
        method: &str,
        availability: Availability,
    ) -> Result<(), InsertError> {
        if !is_valid_method_name(method) {
            return Err(InsertError::MethodName(method.to_owned()));
        }
        self.methods
            .entry(method.to_owned())
            .or_default()
            .availability = Some(availability);
        Ok(())
    }

    /// Number of methods with at least one error.
    pub fn methods_with_errors(&self) -> usize {
        self.methods
            .values()
            .filter(|m| !m.errors.is_empty())
            .count()
    }

    /// Number of (method, code, name) rows.
    pub fn error_rows(&self) -> usize {
        self.methods.values().map(|m| m.errors.len()).sum()
    }

    /// Number of distinct error names over all methods.
    pub fn distinct_error_names(&self) -> usize {
        self.methods
            .values()
            .flat_map(|m| m.errors.iter().map(|e| e.name.as_str()))
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Number of methods with a known availability.
    pub fn availability_rows(&self) -> usize {
        self.methods
            .values()
            .filter(|m| m.availability.is_some())
            .count()
    }

    /// Writes the canonical text of `errors.tsv`. `source` is a one-line note on
    /// where the facts came from; control characters in it become spaces.
    pub fn render_errors_tsv(&self, source: &str) -> String {
        let mut out = String::new();
        out.push_str("# method\tcode\tname\n");
        out.push_str(
            "# One row per error a TL method may return: Telegram's RPC error code and the \
             error message, where %d stands for a decimal number. Sorted by method, code \
             (numerically), name. Facts only; see schema/README.md.\n",
        );
        push_source_line(&mut out, source);
        for (method, facts) in &self.methods {
            let mut rows: Vec<&KnownError> = facts.errors.iter().collect();
            rows.sort();
            rows.dedup();
            for e in rows {
                out.push_str(method);
                out.push('\t');
                out.push_str(&e.code.to_string());
                out.push('\t');
                out.push_str(&e.name);
                out.push('\n');
            }
        }
        out
    }

    /// Writes the canonical text of `availability.tsv`. `source` is as for
    /// [`ErrorFacts::render_errors_tsv`].
    pub fn render_availability_tsv(&self, source: &str) -> String {
        let mut out = String::new();
        out.push_str("# method\tavailability\n");
        out.push_str(
            "# Who may call a TL method: users, bots or both. A method without a row is \
             unknown. Sorted by method. Facts only; see schema/README.md.\n",
        );
        push_source_line(&mut out, source);
        for (method, facts) in &self.methods {
            if let Some(a) = facts.availability {
                out.push_str(method);
                out.push('\t');
                out.push_str(a.as_str());
                out.push('\n');
            }
        }
        out
    }
}

fn push_source_line(out: &mut String, source: &str) {
    let source = source.trim();
    if source.is_empty() {
        return;
    }
    out.push_str("# Source: ");
    out.extend(source.chars().map(|c| if c.is_control() { ' ' } else { c }));
    out.push('\n');
}

/// Why [`ErrorFacts::insert_error`] or [`ErrorFacts::set_availability`]
/// refused a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertError {
    /// The method is not a dotted TL name.
    MethodName(String),
    /// The error name is not a valid template.
    Name(TemplateError),
}

impl fmt::Display for InsertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InsertError::MethodName(m) => write!(f, "invalid TL method name {m:?}"),
            InsertError::Name(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for InsertError {}

/// An error name split around its `%d` placeholder.
///
/// For `FILE_PART_%d_MISSING` the prefix is `FILE_PART_` and the suffix is
/// `_MISSING`. For a name without a placeholder, such as `PEER_ID_INVALID`,
/// the prefix is the whole name and the suffix is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorTemplate<'a> {
    /// Text before the placeholder (the whole name when there is none).
    pub prefix: &'a str,
    /// Text after the placeholder (empty when there is none).
    pub suffix: &'a str,
    /// Whether the name contains `%d`.
    pub has_placeholder: bool,
}

impl fmt::Display for ErrorTemplate<'_> {
    /// Writes the name back, `%d` included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix)?;
        if self.has_placeholder {
            f.write_str(PLACEHOLDER)?;
        }
        f.write_str(self.suffix)
    }
}

/// Why a string is not a valid error name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// The name has no text besides an optional placeholder.
    NoFixedText,
    /// The name has more than one `%d`.
    TooManyPlaceholders,
    /// A `%` that does not start `%d`, at this byte offset.
    StrayPercent(usize),
    /// A character outside printable ASCII (tab, newline, non-ASCII...).
    BadChar(char),
    /// The name starts or ends with a space.
    SurroundingSpace,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::NoFixedText => f.write_str("error name has no fixed text"),
            TemplateError::TooManyPlaceholders => {
                f.write_str("error name has more than one %d placeholder")
            }
            TemplateError::StrayPercent(at) => {
                write!(f, "error name has a '%' not followed by 'd' at byte {at}")
            }
            TemplateError::BadChar(c) => {
                write!(f, "error name has character {c:?} outside printable ASCII")
            }
            TemplateError::SurroundingSpace => {
                f.write_str("error name starts or ends with a space")
            }
        }
    }
}

impl std::error::Error for TemplateError {}

/// Splits an error name around its `%d` placeholder, checking that it is a
/// valid name (see the module docs). Two placeholders are an error.
pub fn parse_error_template(name: &str) -> Result<ErrorTemplate<'_>, TemplateError> {
    if let Some(c) = name.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(TemplateError::BadChar(c));
    }
    if name.starts_with(' ') || name.ends_with(' ') {
        return Err(TemplateError::SurroundingSpace);
    }
    let mut placeholder_at = None;
    for (at, _) in name.match_indices('%') {
        if !name[at..].starts_with(PLACEHOLDER) {
            return Err(TemplateError::StrayPercent(at));
        }
        if placeholder_at.is_some() {
            return Err(TemplateError::TooManyPlaceholders);
        }
        placeholder_at = Some(at);
    }
    let template = match placeholder_at {
        Some(at) => ErrorTemplate {
            prefix: &name[..at],
            suffix: &name[at + PLACEHOLDER.len()..],
            has_placeholder: true,
        },
        None => ErrorTemplate {
            prefix: name,
            suffix: "",
            has_placeholder: false,
        },
    };
    if template.prefix.is_empty() && template.suffix.is_empty() {
        return Err(TemplateError::NoFixedText);
    }
    Ok(template)
}

/// Whether `name` is a dotted TL name: identifiers (`[A-Za-z_][A-Za-z0-9_]*`)
/// joined by single dots, e.g. `invokeWithLayer` or `messages.sendMessage`.
pub fn is_valid_method_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut bytes = part.bytes();
            matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
                && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const ERRORS: &str = "# method\tcode\tname\n\
        # comment\n\
        \n\
        auth.sendCode\t400\tPHONE_NUMBER_INVALID\n\
        auth.sendCode\t406\tPHONE_NUMBER_INVALID\n\
        auth.sendCode\t500\tAUTH_RESTART_%d\n\
        invokeWithLayer\t-503\tTimeout\n\
        messages.sendMessage\t420\tSLOWMODE_WAIT_%d\n";

    const AVAILABILITY: &str = "# method\tavailability\r\n\
        auth.sendCode\tusers\r\n\
        messages.sendMessage\tboth\r\n\
        messages.setBotCallbackAnswer\tbots\r\n";

    fn errors_err(text: &str) -> FactsError {
        match parse_error_facts(text, "") {
            Ok(f) => panic!("accepted {text:?}: {f:?}"),
            Err(e) => e,
        }
    }

    fn availability_err(text: &str) -> FactsError {
        match parse_error_facts("", text) {
            Ok(f) => panic!("accepted {text:?}: {f:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_both_files() {
        let facts = parse_error_facts(ERRORS, AVAILABILITY).unwrap();
        assert_eq!(facts.methods.len(), 4);
        assert_eq!(
            facts.errors("auth.sendCode"),
            &[
                KnownError {
                    code: 400,
                    name: "PHONE_NUMBER_INVALID".into()
                },
                KnownError {
                    code: 406,
                    name: "PHONE_NUMBER_INVALID".into()
                },
                KnownError {
                    code: 500,
                    name: "AUTH_RESTART_%d".into()
                },
            ]
        );
        assert_eq!(
            facts.availability("auth.sendCode"),
            Some(Availability::Users)
        );
        assert_eq!(facts.availability("invokeWithLayer"), None);
        assert_eq!(
            facts.availability("messages.setBotCallbackAnswer"),
            Some(Availability::Bots)
        );
        assert!(facts.errors("messages.setBotCallbackAnswer").is_empty());
        assert!(facts.errors("no.suchMethod").is_empty());
        assert_eq!(facts.errors("invokeWithLayer")[0].code, -503);
        assert_eq!(facts.methods_with_errors(), 3);
        assert_eq!(facts.error_rows(), 5);
        assert_eq!(facts.distinct_error_names(), 4);
        assert_eq!(facts.availability_rows(), 3);
    }

    #[test]
    fn empty_files_are_empty_facts() {
        assert_eq!(parse_error_facts("", "").unwrap(), ErrorFacts::new());
        assert_eq!(
            parse_error_facts("# only\n", "\n\n").unwrap(),
            ErrorFacts::new()
        );
    }

    #[test]
    fn render_round_trips() {
        let facts = parse_error_facts(ERRORS, AVAILABILITY).unwrap();
        let e = facts.render_errors_tsv("test data\twith a tab");
        let a = facts.render_availability_tsv("test data");
        assert!(e.starts_with("# method\tcode\tname\n"));
        assert!(e.contains("# Source: test data with a tab\n"));
        let again = parse_error_facts(&e, &a).unwrap();
        assert_eq!(again, facts);
        assert_eq!(again.render_errors_tsv("test data\twith a tab"), e);
    }

    #[test]
    fn insert_keeps_order_and_dedups() {
        let mut facts = ErrorFacts::new();
        assert_eq!(facts.insert_error("a.b", 420, "FLOOD_WAIT_%d"), Ok(true));
        assert_eq!(facts.insert_error("a.b", 400, "Z"), Ok(true));
        assert_eq!(facts.insert_error("a.b", 400, "A"), Ok(true));
        assert_eq!(facts.insert_error("a.b", 400, "A"), Ok(false));
        let names: Vec<_> = facts
            .errors("a.b")
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["A", "Z", "FLOOD_WAIT_%d"]);
        assert!(matches!(
            facts.insert_error("a b", 400, "A"),
            Err(InsertError::MethodName(_))
        ));
        assert!(matches!(
            facts.insert_error("a.b", 400, "A_%d_%d"),
            Err(InsertError::Name(TemplateError::TooManyPlaceholders))
        ));
        assert!(facts.set_availability("", Availability::Both).is_err());
        facts.set_availability("c.d", Availability::Both).unwrap();
        let text = facts.render_errors_tsv("");
        let avail = facts.render_availability_tsv("");
        assert_eq!(parse_error_facts(&text, &avail).unwrap(), facts);
    }

    #[test]
    fn column_count() {
        let e = errors_err("# h\na.b\t400\n");
        assert_eq!(e.file, FactsFile::Errors);
        assert_eq!(e.line, 2);
        assert_eq!(
            e.kind,
            FactsErrorKind::ColumnCount {
                expected: 3,
                found: 2
            }
        );
        let e = errors_err("a.b\t400\tX\textra\n");
        assert_eq!(
            e.kind,
            FactsErrorKind::ColumnCount {
                expected: 3,
                found: 4
            }
        );
        let e = availability_err("a.b\tboth\tx\n");
        assert_eq!(e.file, FactsFile::Availability);
        assert_eq!(
            e.kind,
            FactsErrorKind::ColumnCount {
                expected: 2,
                found: 3
            }
        );
        // Spaces are not separators.
        let e = availability_err("a.b both\n");
        assert_eq!(
            e.kind,
            FactsErrorKind::ColumnCount {
                expected: 2,
                found: 1
            }
        );
    }

    #[test]
    fn bad_codes() {
        for code in ["", "x", "4OO", "1.5", "99999999999", " 400"] {
            let e = errors_err(&format!("a.b\t{code}\tX\n"));
            assert_eq!(e.kind, FactsErrorKind::BadCode(code.into()), "{code:?}");
            assert_eq!(e.line, 1);
        }
        for code in ["+400", "0400", "-0"] {
            let e = errors_err(&format!("a.b\t{code}\tX\n"));
            assert_eq!(
                e.kind,
                FactsErrorKind::NonCanonicalCode(code.into()),
                "{code:?}"
            );
        }
        assert!(parse_error_facts("a.b\t-2147483648\tX\na.b\t0\tX\n", "").is_ok());
    }

    #[test]
    fn bad_methods_and_names() {
        for method in ["", "a..b", ".a", "a.", "1a", "a-b", "a b"] {
            let e = errors_err(&format!("{method}\t400\tX\n"));
            assert_eq!(
                e.kind,
                FactsErrorKind::BadMethod(method.into()),
                "{method:?}"
            );
        }
        let e = errors_err("a.b\t400\tA_%d_%d\n");
        assert_eq!(
            e.kind,
            FactsErrorKind::BadName {
                name: "A_%d_%d".into(),
                reason: TemplateError::TooManyPlaceholders
            }
        );
        let e = errors_err("a.b\t400\t\n");
        assert!(matches!(
            e.kind,
            FactsErrorKind::BadName {
                reason: TemplateError::NoFixedText,
                ..
            }
        ));
        let e = errors_err("a.b\t400\t%s\n");
        assert!(matches!(
            e.kind,
            FactsErrorKind::BadName {
                reason: TemplateError::StrayPercent(0),
                ..
            }
        ));
        let e = availability_err("a.b\tBoth\n");
        assert_eq!(e.kind, FactsErrorKind::UnknownAvailability("Both".into()));
    }

    #[test]
    fn duplicates_and_order() {
        let e = errors_err("a.b\t400\tX\na.b\t400\tX\n");
        assert_eq!((e.line, e.kind), (2, FactsErrorKind::DuplicateRow));
        let e = errors_err("a.b\t400\tX\na.b\t400\tY\na.b\t400\tX\n");
        assert_eq!((e.line, e.kind), (3, FactsErrorKind::DuplicateRow));
        let e = errors_err("a.b\t400\tY\na.b\t400\tX\n");
        assert_eq!((e.line, e.kind), (2, FactsErrorKind::OutOfOrder));
        // Codes sort numerically: -503 before 400, 403 after 400.
        assert!(parse_error_facts("a.b\t-503\tZ\na.b\t400\tZ\na.b\t403\tA\n", "").is_ok());
        let e = errors_err("a.b\t403\tA\na.b\t400\tZ\n");
        assert_eq!(e.kind, FactsErrorKind::OutOfOrder);
        let e = errors_err("b.c\t400\tA\na.b\t400\tA\n");
        assert_eq!(e.kind, FactsErrorKind::OutOfOrder);
        let e = availability_err("a.b\tboth\na.b\tusers\n");
        assert_eq!((e.line, e.kind), (2, FactsErrorKind::DuplicateRow));
        let e = availability_err("b.c\tboth\na.b\tusers\n");
        assert_eq!(e.kind, FactsErrorKind::OutOfOrder);
    }

    #[test]
    fn error_display_names_file_and_line() {
        let e = availability_err("\n\na.b\tmaybe\n");
        assert_eq!(
            e.to_string(),
            "availability.tsv:3: unknown availability \"maybe\" (expected users, bots or both)"
        );
        let e = errors_err("a.b\t4x\tX");
        assert!(e.to_string().starts_with("errors.tsv:1: "), "{e}");
    }

    #[test]
    fn templates() {
        let t = parse_error_template("FLOOD_WAIT_%d").unwrap();
        assert_eq!(
            (t.prefix, t.suffix, t.has_placeholder),
            ("FLOOD_WAIT_", "", true)
        );
        let t = parse_error_template("FILE_PART_%d_MISSING").unwrap();
        assert_eq!(
            (t.prefix, t.suffix, t.has_placeholder),
            ("FILE_PART_", "_MISSING", true)
        );
        let t = parse_error_template("2FA_CONFIRM_WAIT_%d").unwrap();
        assert_eq!(t.prefix, "2FA_CONFIRM_WAIT_");
        let t = parse_error_template("PEER_ID_INVALID").unwrap();
        assert_eq!(
            (t.prefix, t.suffix, t.has_placeholder),
            ("PEER_ID_INVALID", "", false)
        );
        let t = parse_error_template("%dX").unwrap();
        assert_eq!((t.prefix, t.suffix), ("", "X"));
        assert_eq!(t.to_string(), "%dX");
        let t = parse_error_template("Invalid msgs_ack query").unwrap();
        assert!(!t.has_placeholder);

        assert_eq!(parse_error_template(""), Err(TemplateError::NoFixedText));
        assert_eq!(parse_error_template("%d"), Err(TemplateError::NoFixedText));
        assert_eq!(
            parse_error_template("A_%d_%d"),
            Err(TemplateError::TooManyPlaceholders)
        );
        assert_eq!(
            parse_error_template("%d%d"),
            Err(TemplateError::TooManyPlaceholders)
        );
        assert_eq!(
            parse_error_template("A%"),
            Err(TemplateError::StrayPercent(1))
        );
        assert_eq!(
            parse_error_template("A%%d"),
            Err(TemplateError::StrayPercent(1))
        );
        assert_eq!(
            parse_error_template("A\tB"),
            Err(TemplateError::BadChar('\t'))
        );
        assert_eq!(parse_error_template("É"), Err(TemplateError::BadChar('É')));
        assert_eq!(
            parse_error_template(" A"),
            Err(TemplateError::SurroundingSpace)
        );
        for name in [
            "FLOOD_WAIT_%d",
            "FILE_PART_%d_MISSING",
            "X",
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN",
        ] {
            assert_eq!(parse_error_template(name).unwrap().to_string(), name);
        }
    }

    #[test]
    fn method_names() {
        for ok in ["invokeWithLayer", "messages.sendMessage", "_a.b_1", "a.b.c"] {
            assert!(is_valid_method_name(ok), "{ok}");
        }
        for bad in ["", ".", "a.", ".a", "a..b", "1a", "a.1b", "a-b", "é"] {
            assert!(!is_valid_method_name(bad), "{bad}");
        }
    }

    #[test]
    fn availability_words() {
        for a in [Availability::Users, Availability::Bots, Availability::Both] {
            assert_eq!(Availability::from_word(a.as_str()), Some(a));
            assert_eq!(a.to_string(), a.as_str());
        }
        assert!(Availability::Both.users_allowed() && Availability::Both.bots_allowed());
        assert!(!Availability::Users.bots_allowed() && !Availability::Bots.users_allowed());
        assert_eq!(Availability::from_word(""), None);
    }

    #[test]
    fn odd_input_never_panics() {
        let samples = [
            "\t\t\t",
            "\t",
            "\r",
            "\r\n",
            "#",
            "a.b\t\t",
            "a.b\t400\t%",
            "a.b\t400\t%d%",
            "a.b\t400\té%d",
            "\u{0}",
            "a.b\t-\tX",
            "a.b\t400\tX\r\r",
        ];
        for s in samples {
            let _ = parse_error_facts(s, s);
            let _ = parse_error_template(s);
        }
    }
}
