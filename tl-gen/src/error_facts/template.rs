//! Error names as templates: the text around the one `%d` a name may have.

use std::fmt;

use super::PLACEHOLDER;

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
