//! Constructor IDs: the allowlist policy for written IDs that do not
//! follow the CRC32 rule (`crate::id` computes the rule).

use std::collections::BTreeSet;

use super::ir::QualName;
use crate::diagnostic::{Diagnostic, Error, Span};
use crate::id;
use crate::load::RawDefinition;

/// How explicit constructor IDs are checked against the CRC32 rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdPolicy {
    /// Report an explicit ID that differs from the computed one.
    pub verify: bool,
    /// Definitions (full TL name and written ID) known to differ, each with
    /// the reason.
    pub allowlist: Vec<IdException>,
    /// Also report allowlist entries for definitions whose ID matches (an
    /// entry that is no longer needed). Off for an allowlist shared by
    /// several schemas.
    pub reject_unneeded: bool,
    /// Known quirks of published schemas (Telegram's own, for instance):
    /// accepted like `allowlist` entries, but never reported as unneeded,
    /// since most schemas do not contain them.
    pub known: Vec<IdException>,
}

/// A definition whose written ID is known not to follow the CRC32 rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdException {
    pub name: String,
    pub id: u32,
    pub reason: String,
}

impl IdPolicy {
    /// Parses an allowlist file: `name<TAB>id (hex)<TAB>reason` per line,
    /// `#` comments and blank lines ignored.
    pub fn parse_allowlist(file: &str, text: &str) -> Result<Vec<IdException>, Error> {
        let mut out = Vec::new();
        let mut diagnostics = Vec::new();
        const EXPECTED: &str = "`name<TAB>hex id<TAB>reason`";
        for row in crate::tsv::rows(file, text) {
            let [name, id, reason] = match row.split::<3>(EXPECTED) {
                Ok(columns) => columns,
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            };
            let Ok(id) = u32::from_str_radix(id.trim_start_matches("0x"), 16) else {
                diagnostics.push(row.error_at(
                    id,
                    format!("`{id}` is not a hex constructor ID"),
                    EXPECTED,
                ));
                continue;
            };
            if reason.trim().is_empty() {
                diagnostics.push(row.error_at(reason, "the reason is empty".to_owned(), EXPECTED));
                continue;
            }
            out.push(IdException {
                name: name.to_owned(),
                id,
                reason: reason.trim().to_owned(),
            });
        }
        if diagnostics.is_empty() {
            Ok(out)
        } else {
            Err(Error { diagnostics })
        }
    }
}

/// Checks the IDs of one schema's definitions against an [`IdPolicy`],
/// remembering what it saw to report unneeded allowlist entries at the end.
pub struct IdCheck<'a> {
    policy: &'a IdPolicy,
    /// Allowlist entries that excused a mismatch.
    used: BTreeSet<usize>,
    /// Definitions whose written ID matches the computed one.
    verified: BTreeSet<(String, u32)>,
}

impl<'a> IdCheck<'a> {
    pub fn new(policy: &'a IdPolicy) -> Self {
        IdCheck {
            policy,
            used: BTreeSet::new(),
            verified: BTreeSet::new(),
        }
    }

    /// The ID of a definition (written, or else computed), with a
    /// diagnostic when the policy verifies IDs and the written one differs
    /// without an allowlist entry.
    pub fn id(
        &mut self,
        raw: &RawDefinition,
        name: &QualName,
        explicit: Option<u32>,
    ) -> (u32, Option<Diagnostic>) {
        let computed = id::compute(&raw.text);
        let id = explicit.unwrap_or(computed);
        if !self.policy.verify {
            return (id, None);
        }
        let full = name.to_string();
        if id == computed {
            self.verified.insert((full, id));
            return (id, None);
        }
        let excused = |list: &[IdException]| list.iter().position(|e| e.name == full && e.id == id);
        if let Some(at) = excused(&self.policy.allowlist) {
            self.used.insert(at);
            return (id, None);
        }
        if excused(&self.policy.known).is_some() {
            return (id, None);
        }
        let diagnostic = raw.diagnostic(
            format!(
                "constructor ID {id:#010x} of `{name}` does not match its definition (CRC32 {computed:#010x} of `{}`)",
                id::normalise(&raw.text)
            ),
            raw.text.split(' ').next().unwrap_or(""),
            &format!("`#{computed:08x}`, or an allowlist entry with the reason"),
        );
        (id, Some(diagnostic))
    }

    /// Allowlist entries that excused nothing although their definition is
    /// in the schema with a matching ID (when the policy rejects those).
    pub fn unneeded(&self, file: &str) -> Vec<Diagnostic> {
        if !(self.policy.verify && self.policy.reject_unneeded) {
            return Vec::new();
        }
        self.policy
            .allowlist
            .iter()
            .enumerate()
            .filter(|(index, e)| {
                self.verified.contains(&(e.name.clone(), e.id)) && !self.used.contains(index)
            })
            .map(|(_, e)| {
                Diagnostic::new(
                    format!(
                        "allowlisted ID {:#010x} of `{}` is not needed: the written ID matches its definition",
                        e.id, e.name
                    ),
                    Span::new(file, 1, 1, 1),
                    "",
                    "remove the allowlist entry or correct it",
                )
            })
            .collect()
    }
}
