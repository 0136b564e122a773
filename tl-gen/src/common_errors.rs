//! `common-errors.tsv`: the errors any method may return (`code<TAB>name`
//! per line, in the order of `CommonError`'s variants). Per-method error
//! enums route these names to their `Common` variant, and the methods
//! runtime's `CommonError` is generated from the same list.

use std::collections::BTreeSet;

use crate::diagnostic::Error;
use crate::error_facts::parse_error_template;

/// One error any method may return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommonErrorFact {
    /// The code Telegram documents for it (`420`, `303`, `-503`).
    pub code: i32,
    /// Telegram's name, `%d` where a number stands (`FLOOD_WAIT_%d`).
    pub name: String,
}

const EXPECTED: &str = "`code<TAB>name`";

/// Parses `common-errors.tsv`; `file` names it in diagnostics.
pub fn parse(file: &str, text: &str) -> Result<Vec<CommonErrorFact>, Error> {
    let mut out: Vec<CommonErrorFact> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for row in crate::tsv::rows(file, text) {
        let [code, name] = match row.exactly::<2>(EXPECTED) {
            Ok(columns) => columns,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let parsed = code.parse::<i32>().ok().filter(|c| c.to_string() == code);
        let Some(code_value) = parsed else {
            diagnostics.push(row.error_at(
                code,
                format!("`{code}` is not an error code written canonically"),
                "a decimal i32 such as `420` or `-503`",
            ));
            continue;
        };
        if let Err(reason) = parse_error_template(name) {
            diagnostics.push(row.error_at(name, format!("`{name}`: {reason}"), EXPECTED));
            continue;
        }
        if !seen.insert(name) {
            diagnostics.push(row.error_at(
                name,
                format!("`{name}` is listed twice"),
                "each name once",
            ));
            continue;
        }
        out.push(CommonErrorFact {
            code: code_value,
            name: name.to_owned(),
        });
    }
    if diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(Error { diagnostics })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_in_order() {
        let list = parse("c.tsv", "# c\n420\tFLOOD_WAIT_%d\n-503\tTimeout\n").unwrap();
        let names: Vec<(i32, &str)> = list.iter().map(|e| (e.code, e.name.as_str())).collect();
        assert_eq!(names, [(420, "FLOOD_WAIT_%d"), (-503, "Timeout")]);
    }

    #[test]
    fn every_bad_row_is_reported() {
        let err = parse("c.tsv", "+420\tA\n420\tB_%d_%d\n420\tC\n401\tC\n420\n").unwrap_err();
        let lines: Vec<usize> = err.diagnostics.iter().map(|d| d.span.line).collect();
        assert_eq!(lines, [1, 2, 4, 5], "{err}");
    }
}
