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

mod parse;
mod template;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{is_identifier, Leading};
pub use parse::{parse_error_facts, FactsError, FactsErrorKind, FactsFile};
pub use template::{parse_error_template, ErrorTemplate, TemplateError};

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

/// Whether `name` is a dotted TL name: identifiers (`[A-Za-z_][A-Za-z0-9_]*`)
/// joined by single dots, e.g. `invokeWithLayer` or `messages.sendMessage`.
pub fn is_valid_method_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('.')
            .all(|part| is_identifier(part, Leading::LetterOrUnderscore))
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
