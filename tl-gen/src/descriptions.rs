//! Optional descriptions that the generator puts into rustdoc.
//!
//! The format is line based and tab separated, one description per line,
//! so a user can bring their own documentation and diffs stay small:
//!
//! ```text
//! # comment lines and blank lines are ignored
//! method<TAB>messages.importChatInvite<TAB>Import a chat invite and join a private chat/supergroup/channel
//! param<TAB>messages.importChatInvite.hash<TAB>`hash` from `t.me/joinchat/hash`
//! error<TAB>INVITE_HASH_EXPIRED<TAB>The invite link has expired
//! error<TAB>messages.importChatInvite:INVITE_HASH_EXPIRED<TAB>A text for this method only
//! constructor<TAB>updatesTooLong<TAB>Too many updates; fetch the difference
//! type<TAB>Updates<TAB>Updates sent by the server
//! ```
//!
//! Kinds: `method`, `constructor` and `type` take a full TL name; `param`
//! takes `<definition>.<parameter>` (for a constructor or a method); `error`
//! takes an error name (`%d` kept), optionally prefixed by `<method>:` to
//! describe it for one method only. The text is Markdown, kept on one line.

use std::collections::BTreeMap;
use std::fmt;

/// Descriptions by kind and key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Descriptions {
    pub definitions: BTreeMap<String, String>,
    pub types: BTreeMap<String, String>,
    pub params: BTreeMap<(String, String), String>,
    pub errors: BTreeMap<String, String>,
    pub method_errors: BTreeMap<(String, String), String>,
}

/// A malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescriptionsError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DescriptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DescriptionsError {}

impl Descriptions {
    /// Parses a descriptions file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Descriptions, DescriptionsError> {
        let mut out = Descriptions::default();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let error = |message: String| DescriptionsError {
                file: file.to_owned(),
                line: line_no,
                message,
            };
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut columns = line.splitn(3, '\t');
            let (Some(kind), Some(key), Some(text)) =
                (columns.next(), columns.next(), columns.next())
            else {
                return Err(error("expected `kind<TAB>key<TAB>text`".to_owned()));
            };
            let text = text.trim();
            if key.is_empty() || text.is_empty() {
                return Err(error("empty key or text".to_owned()));
            }
            let duplicate = match kind {
                "method" | "constructor" => out
                    .definitions
                    .insert(key.to_owned(), text.to_owned())
                    .is_some(),
                "type" => out.types.insert(key.to_owned(), text.to_owned()).is_some(),
                "param" => {
                    let Some((definition, param)) = key.rsplit_once('.') else {
                        return Err(error(format!("`{key}`: expected `definition.parameter`")));
                    };
                    out.params
                        .insert((definition.to_owned(), param.to_owned()), text.to_owned())
                        .is_some()
                }
                "error" => match key.split_once(':') {
                    Some((method, name)) => out
                        .method_errors
                        .insert((method.to_owned(), name.to_owned()), text.to_owned())
                        .is_some(),
                    None => out.errors.insert(key.to_owned(), text.to_owned()).is_some(),
                },
                other => {
                    return Err(error(format!(
                        "unknown kind `{other}`: expected method, constructor, type, param or error"
                    )))
                }
            };
            if duplicate {
                return Err(error(format!("`{key}` is described twice")));
            }
        }
        Ok(out)
    }

    /// The description of a constructor or method.
    pub fn definition(&self, name: &str) -> Option<&str> {
        self.definitions.get(name).map(String::as_str)
    }

    /// The description of a boxed type.
    pub fn boxed_type(&self, name: &str) -> Option<&str> {
        self.types.get(name).map(String::as_str)
    }

    /// The description of a parameter of a constructor or method.
    pub fn param(&self, definition: &str, param: &str) -> Option<&str> {
        self.params
            .get(&(definition.to_owned(), param.to_owned()))
            .map(String::as_str)
    }

    /// The description of an error for a method (its own text first).
    pub fn error(&self, method: &str, name: &str) -> Option<&str> {
        self.method_errors
            .get(&(method.to_owned(), name.to_owned()))
            .or_else(|| self.errors.get(name))
            .map(String::as_str)
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
            ("method\tonly-two", 1, "expected"),
            ("\n\nwhat\tx\ty", 3, "unknown kind"),
            ("param\tnodot\tx", 1, "definition.parameter"),
            ("type\tT\ta\ntype\tT\tb", 2, "twice"),
        ];
        for (text, line, message) in cases {
            let err = Descriptions::parse("d.tsv", text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}");
            assert!(err.message.contains(message), "{err}");
        }
    }
}
