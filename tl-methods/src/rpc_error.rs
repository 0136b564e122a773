//! Errors that Telegram returns instead of a method's result.
//!
//! Every failed call yields an `rpc_error` with a numeric code and a message
//! such as `FLOOD_WAIT_17`. [`RpcError`] keeps both exactly as received.
//! [`CommonError`] recognises the messages that any method may produce (flood
//! waits, data-centre migrations, authorisation problems, internal errors);
//! errors tied to a particular method are described by that method's own error
//! type.
//!
//! Many messages carry a number, written in Telegram's documentation as `%d`:
//! `FLOOD_WAIT_%d` arrives as `FLOOD_WAIT_17`. Such a message is recognised
//! only if the number is written the way Rust writes a `u32` (1 to 10 ASCII
//! digits, no sign, no leading zero unless the number is `0`, at most
//! `4294967295`), so that the message can always be rebuilt from the parsed
//! value. Names are compared exactly: case and surrounding text matter.

use std::fmt;

/// An error returned by Telegram for a call, exactly as received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RpcError {
    /// The error code, e.g. `400`, `420` or `-503`.
    pub code: i32,
    /// The error message, e.g. `FLOOD_WAIT_17`.
    pub message: String,
}

impl RpcError {
    /// Creates an error from its code and message.
    pub fn new(code: i32, message: impl Into<String>) -> RpcError {
        RpcError {
            code,
            message: message.into(),
        }
    }

    /// The [`CommonError`] this error is, if any.
    pub fn common(&self) -> Option<CommonError> {
        CommonError::from_rpc(self)
    }
}

impl fmt::Display for RpcError {
    /// Writes the code and the message, e.g. `420 FLOOD_WAIT_17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.message)
    }
}

impl std::error::Error for RpcError {}

impl From<tl_types::mtproto::types::RpcError> for RpcError {
    /// Takes the mtproto `rpc_error` constructor as received.
    fn from(err: tl_types::mtproto::types::RpcError) -> RpcError {
        RpcError {
            code: err.error_code,
            message: err.error_message,
        }
    }
}

impl From<tl_types::mtproto::enums::RpcError> for RpcError {
    /// Takes the boxed mtproto `RpcError` as received.
    fn from(err: tl_types::mtproto::enums::RpcError) -> RpcError {
        match err {
            tl_types::mtproto::enums::RpcError::RpcError(err) => err.into(),
        }
    }
}

/// Writes `code NAME` with the number put in place of `%d` (`420
/// FLOOD_WAIT_17`); shared by the generated error enums' `Display`.
#[doc(hidden)]
pub fn write_error(
    f: &mut fmt::Formatter<'_>,
    code: i32,
    name: &str,
    value: Option<u32>,
) -> fmt::Result {
    match (value, name.split_once("%d")) {
        (Some(value), Some((before, after))) => write!(f, "{code} {before}{value}{after}"),
        _ => write!(f, "{code} {name}"),
    }
}

/// Matches a whole `message` against an error name containing one `%d`,
/// given as the text before (`prefix`) and after (`suffix`) the placeholder.
///
/// Returns the number standing for `%d`, which must be 1 to 10 ASCII digits
/// without a leading zero (except `0` itself) and fit in a `u32`. Any other
/// input, however long or odd, gives `None`. Names without a placeholder are
/// matched with `==` instead.
#[doc(hidden)]
pub fn match_template(prefix: &str, suffix: &str, message: &str) -> Option<u32> {
    let digits = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if bytes.len() > 1 && bytes.first() == Some(&b'0') {
        return None;
    }
    digits.parse().ok()
}

/// An error that any method may return, recognised from an [`RpcError`].
///
/// Recognition goes by message only: the code Telegram documents for each
/// message is stable, so a message arriving with another code is still
/// recognised, and that code is kept in the `code` field so that
/// [`CommonError::code`] and [`Display`](fmt::Display) reproduce the input.
/// The one exception is [`CommonError::Internal`], which is recognised by its
/// code, 500, because its messages vary.
///
/// `SLOWMODE_WAIT_%d` is not listed here: only methods that post into a chat
/// can meet a slow-mode limit, so it belongs to those methods' own errors.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommonError {
    /// `420 FLOOD_WAIT_%d`: too many requests; wait `seconds` before retrying.
    FloodWait { code: i32, seconds: u32 },
    /// `420 FLOOD_PREMIUM_WAIT_%d`: a transfer rate limit that Premium
    /// accounts do not have; wait `seconds` before retrying.
    FloodPremiumWait { code: i32, seconds: u32 },
    /// `420 FROZEN_METHOD_INVALID`: the account is frozen and may not do this.
    FrozenMethodInvalid { code: i32 },
    /// `303 PHONE_MIGRATE_%d`: this phone number belongs to data centre `dc`;
    /// repeat the call there.
    PhoneMigrate { code: i32, dc: u32 },
    /// `303 NETWORK_MIGRATE_%d`: the request should go to data centre `dc`,
    /// chosen from the client's network location.
    NetworkMigrate { code: i32, dc: u32 },
    /// `303 USER_MIGRATE_%d`: the account lives in data centre `dc`; use it
    /// for all further calls.
    UserMigrate { code: i32, dc: u32 },
    /// `303 FILE_MIGRATE_%d`: the file is stored in data centre `dc`; fetch or
    /// upload it there.
    FileMigrate { code: i32, dc: u32 },
    /// `303 STATS_MIGRATE_%d`: these statistics are served by data centre `dc`.
    StatsMigrate { code: i32, dc: u32 },
    /// `401 AUTH_KEY_UNREGISTERED`: the session key is not logged in to any
    /// account (yet, or any more).
    AuthKeyUnregistered { code: i32 },
    /// `401 AUTH_KEY_INVALID`: the server does not accept this session key.
    AuthKeyInvalid { code: i32 },
    /// `401 AUTH_KEY_PERM_EMPTY`: a temporary key is in use but has not been
    /// bound to a permanent key.
    AuthKeyPermEmpty { code: i32 },
    /// `401 SESSION_REVOKED`: the session was logged out, by the user or from
    /// another device.
    SessionRevoked { code: i32 },
    /// `401 SESSION_EXPIRED`: the session is too old and has to log in again.
    SessionExpired { code: i32 },
    /// `401 USER_DEACTIVATED`: the account was deleted or deactivated.
    UserDeactivated { code: i32 },
    /// `401 USER_DEACTIVATED_BAN`: the account was banned.
    UserDeactivatedBan { code: i32 },
    /// `401 SESSION_PASSWORD_NEEDED`: two-step verification is on; the cloud
    /// password has to be checked to finish logging in.
    SessionPasswordNeeded { code: i32 },
    /// `401 ACTIVE_USER_REQUIRED`: only a logged-in, active account may make
    /// this call.
    ActiveUserRequired { code: i32 },
    /// `406 AUTH_KEY_DUPLICATED`: the same session key was used from two
    /// connections at once; the server dropped it, so create a new one.
    AuthKeyDuplicated { code: i32 },
    /// `-503 Timeout`: the server gave up waiting for an internal answer; the
    /// call may or may not have taken effect.
    Timeout { code: i32 },
    /// `-503 Timedout`: another spelling of [`CommonError::Timeout`] that
    /// Telegram also sends.
    Timedout { code: i32 },
    /// Any other error with code 500: a server-side failure. The message is
    /// kept as received; retrying later usually helps.
    Internal { message: String },
}

/// Messages with a number: text before and after `%d`.
const TEMPLATED: &[(&str, &str)] = &[
    ("FLOOD_WAIT_", ""),
    ("FLOOD_PREMIUM_WAIT_", ""),
    ("PHONE_MIGRATE_", ""),
    ("NETWORK_MIGRATE_", ""),
    ("USER_MIGRATE_", ""),
    ("FILE_MIGRATE_", ""),
    ("STATS_MIGRATE_", ""),
];

impl CommonError {
    /// Recognises `err` as a common error, or returns `None` (see the type's
    /// documentation for the rules).
    pub fn from_rpc(err: &RpcError) -> Option<CommonError> {
        CommonError::from_rpc_named(err).or_else(|| CommonError::from_rpc_internal(err))
    }

    /// Recognises a common error by its name only (not the catch-all for
    /// code 500). Per-method error types try this first, then the method's
    /// own errors, then [`CommonError::from_rpc_internal`].
    #[doc(hidden)]
    pub fn from_rpc_named(err: &RpcError) -> Option<CommonError> {
        let code = err.code;
        let message = err.message.as_str();
        let exact = match message {
            "FROZEN_METHOD_INVALID" => Some(CommonError::FrozenMethodInvalid { code }),
            "AUTH_KEY_UNREGISTERED" => Some(CommonError::AuthKeyUnregistered { code }),
            "AUTH_KEY_INVALID" => Some(CommonError::AuthKeyInvalid { code }),
            "AUTH_KEY_PERM_EMPTY" => Some(CommonError::AuthKeyPermEmpty { code }),
            "SESSION_REVOKED" => Some(CommonError::SessionRevoked { code }),
            "SESSION_EXPIRED" => Some(CommonError::SessionExpired { code }),
            "USER_DEACTIVATED" => Some(CommonError::UserDeactivated { code }),
            "USER_DEACTIVATED_BAN" => Some(CommonError::UserDeactivatedBan { code }),
            "SESSION_PASSWORD_NEEDED" => Some(CommonError::SessionPasswordNeeded { code }),
            "ACTIVE_USER_REQUIRED" => Some(CommonError::ActiveUserRequired { code }),
            "AUTH_KEY_DUPLICATED" => Some(CommonError::AuthKeyDuplicated { code }),
            "Timeout" => Some(CommonError::Timeout { code }),
            "Timedout" => Some(CommonError::Timedout { code }),
            _ => None,
        };
        if exact.is_some() {
            return exact;
        }
        let number = |prefix| match_template(prefix, "", message);
        if let Some(seconds) = number("FLOOD_WAIT_") {
            return Some(CommonError::FloodWait { code, seconds });
        }
        if let Some(seconds) = number("FLOOD_PREMIUM_WAIT_") {
            return Some(CommonError::FloodPremiumWait { code, seconds });
        }
        if let Some(dc) = number("PHONE_MIGRATE_") {
            return Some(CommonError::PhoneMigrate { code, dc });
        }
        if let Some(dc) = number("NETWORK_MIGRATE_") {
            return Some(CommonError::NetworkMigrate { code, dc });
        }
        if let Some(dc) = number("USER_MIGRATE_") {
            return Some(CommonError::UserMigrate { code, dc });
        }
        if let Some(dc) = number("FILE_MIGRATE_") {
            return Some(CommonError::FileMigrate { code, dc });
        }
        if let Some(dc) = number("STATS_MIGRATE_") {
            return Some(CommonError::StatsMigrate { code, dc });
        }
        None
    }

    /// The catch-all for internal server errors: any code-500 error.
    #[doc(hidden)]
    pub fn from_rpc_internal(err: &RpcError) -> Option<CommonError> {
        (err.code == 500).then(|| CommonError::Internal {
            message: err.message.clone(),
        })
    }

    /// The code as received (for [`CommonError::Internal`], 500).
    pub fn code(&self) -> i32 {
        match self {
            CommonError::FloodWait { code, .. }
            | CommonError::FloodPremiumWait { code, .. }
            | CommonError::FrozenMethodInvalid { code }
            | CommonError::PhoneMigrate { code, .. }
            | CommonError::NetworkMigrate { code, .. }
            | CommonError::UserMigrate { code, .. }
            | CommonError::FileMigrate { code, .. }
            | CommonError::StatsMigrate { code, .. }
            | CommonError::AuthKeyUnregistered { code }
            | CommonError::AuthKeyInvalid { code }
            | CommonError::AuthKeyPermEmpty { code }
            | CommonError::SessionRevoked { code }
            | CommonError::SessionExpired { code }
            | CommonError::UserDeactivated { code }
            | CommonError::UserDeactivatedBan { code }
            | CommonError::SessionPasswordNeeded { code }
            | CommonError::ActiveUserRequired { code }
            | CommonError::AuthKeyDuplicated { code }
            | CommonError::Timeout { code }
            | CommonError::Timedout { code } => *code,
            CommonError::Internal { .. } => 500,
        }
    }

    /// The code Telegram documents for this error, e.g. 420 for
    /// [`CommonError::FloodWait`]. Usually equal to [`CommonError::code`].
    pub fn expected_code(&self) -> i32 {
        match self {
            CommonError::FloodWait { .. }
            | CommonError::FloodPremiumWait { .. }
            | CommonError::FrozenMethodInvalid { .. } => 420,
            CommonError::PhoneMigrate { .. }
            | CommonError::NetworkMigrate { .. }
            | CommonError::UserMigrate { .. }
            | CommonError::FileMigrate { .. }
            | CommonError::StatsMigrate { .. } => 303,
            CommonError::AuthKeyUnregistered { .. }
            | CommonError::AuthKeyInvalid { .. }
            | CommonError::AuthKeyPermEmpty { .. }
            | CommonError::SessionRevoked { .. }
            | CommonError::SessionExpired { .. }
            | CommonError::UserDeactivated { .. }
            | CommonError::UserDeactivatedBan { .. }
            | CommonError::SessionPasswordNeeded { .. }
            | CommonError::ActiveUserRequired { .. } => 401,
            CommonError::AuthKeyDuplicated { .. } => 406,
            CommonError::Timeout { .. } | CommonError::Timedout { .. } => -503,
            CommonError::Internal { .. } => 500,
        }
    }

    /// Telegram's name for the error, with `%d` where the number goes, e.g.
    /// `FLOOD_WAIT_%d`. For [`CommonError::Internal`], the message as received.
    pub fn name(&self) -> &str {
        match self {
            CommonError::FloodWait { .. } => "FLOOD_WAIT_%d",
            CommonError::FloodPremiumWait { .. } => "FLOOD_PREMIUM_WAIT_%d",
            CommonError::FrozenMethodInvalid { .. } => "FROZEN_METHOD_INVALID",
            CommonError::PhoneMigrate { .. } => "PHONE_MIGRATE_%d",
            CommonError::NetworkMigrate { .. } => "NETWORK_MIGRATE_%d",
            CommonError::UserMigrate { .. } => "USER_MIGRATE_%d",
            CommonError::FileMigrate { .. } => "FILE_MIGRATE_%d",
            CommonError::StatsMigrate { .. } => "STATS_MIGRATE_%d",
            CommonError::AuthKeyUnregistered { .. } => "AUTH_KEY_UNREGISTERED",
            CommonError::AuthKeyInvalid { .. } => "AUTH_KEY_INVALID",
            CommonError::AuthKeyPermEmpty { .. } => "AUTH_KEY_PERM_EMPTY",
            CommonError::SessionRevoked { .. } => "SESSION_REVOKED",
            CommonError::SessionExpired { .. } => "SESSION_EXPIRED",
            CommonError::UserDeactivated { .. } => "USER_DEACTIVATED",
            CommonError::UserDeactivatedBan { .. } => "USER_DEACTIVATED_BAN",
            CommonError::SessionPasswordNeeded { .. } => "SESSION_PASSWORD_NEEDED",
            CommonError::ActiveUserRequired { .. } => "ACTIVE_USER_REQUIRED",
            CommonError::AuthKeyDuplicated { .. } => "AUTH_KEY_DUPLICATED",
            CommonError::Timeout { .. } => "Timeout",
            CommonError::Timedout { .. } => "Timedout",
            CommonError::Internal { message } => message,
        }
    }

    /// The number that stands for `%d` in [`CommonError::name`]: seconds to
    /// wait, or a data-centre id. `None` for names without a number.
    pub fn value(&self) -> Option<u32> {
        match self {
            CommonError::FloodWait { seconds, .. }
            | CommonError::FloodPremiumWait { seconds, .. } => Some(*seconds),
            CommonError::PhoneMigrate { dc, .. }
            | CommonError::NetworkMigrate { dc, .. }
            | CommonError::UserMigrate { dc, .. }
            | CommonError::FileMigrate { dc, .. }
            | CommonError::StatsMigrate { dc, .. } => Some(*dc),
            _ => None,
        }
    }

    /// The message as Telegram sends it, e.g. `FLOOD_WAIT_17`.
    pub fn message(&self) -> String {
        self.to_rpc().message
    }

    /// Rebuilds the [`RpcError`] this error was recognised from.
    pub fn to_rpc(&self) -> RpcError {
        let message = match self
            .value()
            .and_then(|v| split_template(self.name()).map(|t| (v, t)))
        {
            Some((value, (prefix, suffix))) => format!("{prefix}{value}{suffix}"),
            None => self.name().to_owned(),
        };
        RpcError {
            code: self.code(),
            message,
        }
    }
}

/// Splits a name at its `%d`, for names listed in [`TEMPLATED`].
fn split_template(name: &str) -> Option<(&str, &str)> {
    TEMPLATED
        .iter()
        .find(|(prefix, suffix)| {
            name.strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix("%d"))
                == Some(suffix)
        })
        .copied()
}

impl fmt::Display for CommonError {
    /// Writes the code and the message, e.g. `420 FLOOD_WAIT_17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self
            .value()
            .and_then(|v| split_template(self.name()).map(|t| (v, t)))
        {
            Some((value, (prefix, suffix))) => {
                write!(f, "{} {prefix}{value}{suffix}", self.code())
            }
            None => write!(f, "{} {}", self.code(), self.name()),
        }
    }
}

impl std::error::Error for CommonError {}

impl From<CommonError> for RpcError {
    fn from(err: CommonError) -> RpcError {
        err.to_rpc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tl_rng::Rng;

    /// Every message without a number that `from_rpc` knows, with the code
    /// Telegram documents for it.
    const EXACT: &[(&str, i32)] = &[
        ("FROZEN_METHOD_INVALID", 420),
        ("AUTH_KEY_UNREGISTERED", 401),
        ("AUTH_KEY_INVALID", 401),
        ("AUTH_KEY_PERM_EMPTY", 401),
        ("SESSION_REVOKED", 401),
        ("SESSION_EXPIRED", 401),
        ("USER_DEACTIVATED", 401),
        ("USER_DEACTIVATED_BAN", 401),
        ("SESSION_PASSWORD_NEEDED", 401),
        ("ACTIVE_USER_REQUIRED", 401),
        ("AUTH_KEY_DUPLICATED", 406),
        ("Timeout", -503),
        ("Timedout", -503),
    ];

    fn rpc(code: i32, message: &str) -> RpcError {
        RpcError::new(code, message)
    }

    fn common(code: i32, message: &str) -> Option<CommonError> {
        CommonError::from_rpc(&rpc(code, message))
    }

    fn assert_round_trips(input: &RpcError, err: &CommonError) {
        assert_eq!(&err.to_rpc(), input, "{err:?}");
        assert_eq!(RpcError::from(err.clone()), *input);
        assert_eq!(err.code(), input.code);
        assert_eq!(err.message(), input.message);
        assert_eq!(err.to_string(), input.to_string());
        match err.value() {
            Some(v) => assert_eq!(err.name().replacen("%d", &v.to_string(), 1), input.message),
            None => assert_eq!(err.name(), input.message),
        }
    }

    #[test]
    fn display() {
        assert_eq!(rpc(420, "FLOOD_WAIT_17").to_string(), "420 FLOOD_WAIT_17");
        assert_eq!(rpc(-503, "Timeout").to_string(), "-503 Timeout");
        let e = common(420, "FLOOD_WAIT_17").unwrap();
        assert_eq!(e.to_string(), "420 FLOOD_WAIT_17");
        assert_eq!(
            common(303, "FILE_MIGRATE_4").unwrap().to_string(),
            "303 FILE_MIGRATE_4"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert_eq!(boxed.to_string(), "420 FLOOD_WAIT_17");
    }

    #[test]
    fn match_template_cases() {
        assert_eq!(match_template("FLOOD_WAIT_", "", "FLOOD_WAIT_17"), Some(17));
        assert_eq!(match_template("FLOOD_WAIT_", "", "FLOOD_WAIT_0"), Some(0));
        assert_eq!(
            match_template("FLOOD_WAIT_", "", "FLOOD_WAIT_4294967295"),
            Some(u32::MAX)
        );
        assert_eq!(
            match_template("FILE_PART_", "_MISSING", "FILE_PART_3_MISSING"),
            Some(3)
        );
        assert_eq!(match_template("", "X", "12X"), Some(12));
        assert_eq!(
            match_template("2FA_CONFIRM_WAIT_", "", "2FA_CONFIRM_WAIT_600"),
            Some(600)
        );
        for bad in [
            "FLOOD_WAIT_",
            "FLOOD_WAIT_007",
            "FLOOD_WAIT_00",
            "FLOOD_WAIT_4294967296",
            "FLOOD_WAIT_99999999999",
            "FLOOD_WAIT_-1",
            "FLOOD_WAIT_+1",
            "FLOOD_WAIT_1 ",
            " FLOOD_WAIT_1",
            "FLOOD_WAIT_1.5",
            "FLOOD_WAIT_\u{0661}",
            "FLOOD_WAIT_１",
            "flood_wait_1",
            "FLOOD_WAIT_%d",
            "FLOOD_WAIT",
            "",
            "é",
        ] {
            assert_eq!(match_template("FLOOD_WAIT_", "", bad), None, "{bad:?}");
        }
        assert_eq!(
            match_template("FILE_PART_", "_MISSING", "FILE_PART__MISSING"),
            None
        );
        assert_eq!(
            match_template("FILE_PART_", "_MISSING", "FILE_PART_MISSING"),
            None
        );
        assert_eq!(match_template("AB", "BA", "ABA"), None);
        assert_eq!(match_template("", "", ""), None);
        assert_eq!(match_template("", "", "5"), Some(5));
        // Multi-byte characters around the number do not break slicing.
        assert_eq!(match_template("é", "ß", "é42ß"), Some(42));
        assert_eq!(match_template("é", "ß", "éß"), None);
    }

    #[test]
    fn huge_inputs() {
        let digits = "9".repeat(1 << 20);
        let message = format!("FLOOD_WAIT_{digits}");
        assert_eq!(match_template("FLOOD_WAIT_", "", &message), None);
        assert_eq!(common(420, &message), None);
        let junk = "é".repeat(1 << 19);
        assert_eq!(match_template(&junk, "", &junk), None);
        assert_eq!(common(400, &junk), None);
        let internal = common(500, &junk).unwrap();
        assert_round_trips(&rpc(500, &junk), &internal);
    }

    #[test]
    fn recognises_common_errors() {
        assert_eq!(
            common(420, "FLOOD_WAIT_17"),
            Some(CommonError::FloodWait {
                code: 420,
                seconds: 17
            })
        );
        assert_eq!(
            common(420, "FLOOD_PREMIUM_WAIT_5"),
            Some(CommonError::FloodPremiumWait {
                code: 420,
                seconds: 5
            })
        );
        assert_eq!(
            common(303, "USER_MIGRATE_2"),
            Some(CommonError::UserMigrate { code: 303, dc: 2 })
        );
        assert_eq!(
            common(401, "SESSION_PASSWORD_NEEDED"),
            Some(CommonError::SessionPasswordNeeded { code: 401 })
        );
        assert_eq!(
            common(-503, "Timeout"),
            Some(CommonError::Timeout { code: -503 })
        );
        assert_eq!(
            common(500, "Timeout"),
            Some(CommonError::Timeout { code: 500 })
        );
        assert_eq!(
            common(500, "AUTH_RESTART"),
            Some(CommonError::Internal {
                message: "AUTH_RESTART".into()
            })
        );
        assert_eq!(
            common(500, ""),
            Some(CommonError::Internal {
                message: String::new()
            })
        );
        // Name decides; an unusual code is kept.
        let odd = common(400, "FLOOD_WAIT_3").unwrap();
        assert_eq!((odd.code(), odd.expected_code()), (400, 420));
        assert_eq!(odd.to_string(), "400 FLOOD_WAIT_3");
        // Not common.
        assert_eq!(common(420, "SLOWMODE_WAIT_10"), None);
        assert_eq!(common(400, "PEER_ID_INVALID"), None);
        assert_eq!(common(420, "FLOOD_WAIT_007"), None);
        assert_eq!(common(401, "auth_key_unregistered"), None);
        assert_eq!(common(-500, "Invalid msgs_ack query"), None);
        assert_eq!(
            rpc(420, "FLOOD_WAIT_1").common(),
            common(420, "FLOOD_WAIT_1")
        );
    }

    #[test]
    fn names_values_and_codes_agree() {
        let mut names = Vec::new();
        for (name, code) in EXACT {
            let e = common(*code, name).unwrap();
            assert_eq!(e.name(), *name);
            assert_eq!(e.value(), None);
            assert_eq!(e.expected_code(), *code);
            assert_round_trips(&rpc(*code, name), &e);
            names.push(e.name().to_owned());
        }
        for (prefix, suffix) in TEMPLATED {
            let message = format!("{prefix}123{suffix}");
            let e = common(1, &message).unwrap();
            assert_eq!(e.name(), format!("{prefix}%d{suffix}"));
            assert_eq!(e.value(), Some(123));
            assert!(matches!(e.expected_code(), 420 | 303));
            names.push(e.name().to_owned());
        }
        names.sort();
        let len = names.len();
        names.dedup();
        assert_eq!(names.len(), len, "two variants share a name");
    }

    #[test]
    fn generated_messages_round_trip() {
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        let special = [0u32, 1, 9, 10, 99, 100, u32::MAX - 1, u32::MAX];
        for i in 0..20_000 {
            let (prefix, suffix) = *rng.pick(TEMPLATED);
            let value = if i % 4 == 0 {
                *rng.pick(&special)
            } else {
                (rng.next_u64() >> (rng.below(32) + 32)) as u32
            };
            let code = *rng.pick(&[420, 303, 400, 500, -503, i32::MIN, i32::MAX]);
            let input = rpc(code, &format!("{prefix}{value}{suffix}"));
            let e = CommonError::from_rpc(&input).unwrap();
            assert_eq!(e.value(), Some(value));
            assert_round_trips(&input, &e);
        }
    }

    #[test]
    fn random_strings_never_panic_and_round_trip() {
        let pieces = [
            "FLOOD_WAIT_",
            "FLOOD_PREMIUM_WAIT_",
            "PHONE_MIGRATE_",
            "FILE_MIGRATE_",
            "_MIGRATE_",
            "STATS_",
            "AUTH_KEY_UNREGISTERED",
            "SESSION_REVOKED",
            "Timeout",
            "Timedout",
            "0",
            "1",
            "7",
            "00",
            "42",
            "4294967295",
            "4294967296",
            "99999999999",
            "",
            " ",
            "_",
            "-",
            "+",
            "%d",
            "%",
            "é",
            "ß",
            "\u{0}",
            "\u{10FFFF}",
            "\u{0661}",
            "flood_wait_",
            "\n",
        ];
        let codes = [
            420,
            303,
            401,
            406,
            500,
            -503,
            -500,
            400,
            0,
            i32::MIN,
            i32::MAX,
        ];
        let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
        let mut recognised = 0;
        for _ in 0..50_000 {
            let mut message = String::new();
            for _ in 0..rng.below(5) {
                let piece = pieces[rng.below(pieces.len())];
                message.push_str(piece);
            }
            let input = rpc(*rng.pick(&codes), &message);
            if let Some(e) = CommonError::from_rpc(&input) {
                recognised += 1;
                assert_round_trips(&input, &e);
            }
            let prefix = *rng.pick(&pieces);
            let suffix = *rng.pick(&pieces);
            if let Some(v) = match_template(prefix, suffix, &message) {
                assert_eq!(format!("{prefix}{v}{suffix}"), message);
            }
        }
        assert!(recognised > 1000, "only {recognised} recognised");
    }
}
