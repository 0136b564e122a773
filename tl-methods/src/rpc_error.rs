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

pub use crate::errors::CommonError;

impl CommonError {
    /// Recognises `err` as a common error, or returns `None` (see the type's
    /// documentation for the rules).
    pub fn from_rpc(err: &RpcError) -> Option<CommonError> {
        CommonError::from_rpc_named(err).or_else(|| CommonError::from_rpc_internal(err))
    }

    /// The catch-all for internal server errors: any code-500 error.
    #[doc(hidden)]
    pub fn from_rpc_internal(err: &RpcError) -> Option<CommonError> {
        (err.code == 500).then(|| CommonError::Internal {
            message: err.message.clone(),
        })
    }

    /// The message as Telegram sends it, e.g. `FLOOD_WAIT_17`.
    pub fn message(&self) -> String {
        self.to_rpc().message
    }

    /// Rebuilds the [`RpcError`] this error was recognised from.
    pub fn to_rpc(&self) -> RpcError {
        let message = match (self.value(), self.name().split_once("%d")) {
            (Some(value), Some((before, after))) => format!("{before}{value}{after}"),
            _ => self.name().to_owned(),
        };
        RpcError {
            code: self.code(),
            message,
        }
    }
}

impl fmt::Display for CommonError {
    /// Writes the code and the message, e.g. `420 FLOOD_WAIT_17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_error(f, self.code(), self.name(), self.value())
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

    /// Every message with a number that `from_rpc` knows: text before and
    /// after `%d`.
    const TEMPLATED: &[(&str, &str)] = &[
        ("FLOOD_WAIT_", ""),
        ("FLOOD_PREMIUM_WAIT_", ""),
        ("PHONE_MIGRATE_", ""),
        ("NETWORK_MIGRATE_", ""),
        ("USER_MIGRATE_", ""),
        ("FILE_MIGRATE_", ""),
        ("STATS_MIGRATE_", ""),
    ];

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
