//! Per-method error enums: conversion from `RpcError`, the accessors, and
//! edge cases (names with `%d` anywhere, names that start with a digit, one
//! name with two codes, hostile strings).

use proptest::prelude::*;
use tl_methods::errors::messages::ImportChatInviteError;
use tl_methods::{CommonError, RpcError};
use tl_tests::fixtures::error_names::errors::upload::SaveFilePartError as Fixture;

fn rpc(code: i32, message: &str) -> RpcError {
    RpcError::new(code, message)
}

#[test]
fn import_chat_invite_examples() {
    // Named by the method's facts: the name decides, whatever the code.
    assert_eq!(
        ImportChatInviteError::from(rpc(400, "INVITE_HASH_EXPIRED")),
        ImportChatInviteError::InviteHashExpired
    );
    // A common error goes to `Common`.
    assert_eq!(
        ImportChatInviteError::from(rpc(420, "FLOOD_WAIT_17")),
        ImportChatInviteError::Common(CommonError::FloodWait {
            code: 420,
            seconds: 17
        })
    );
    let flood = ImportChatInviteError::from(rpc(420, "FLOOD_WAIT_17"));
    assert_eq!(
        (flood.code(), flood.name(), flood.value()),
        (420, "FLOOD_WAIT_%d", Some(17))
    );
    assert_eq!(flood.to_string(), "420 FLOOD_WAIT_17");
    // Anything unknown is kept as received.
    assert_eq!(
        ImportChatInviteError::from(rpc(400, "SOMETHING_NEW")),
        ImportChatInviteError::Other(rpc(400, "SOMETHING_NEW"))
    );
    // Common errors the method's own list names still go to `Common`.
    assert!(matches!(
        ImportChatInviteError::from(rpc(401, "SESSION_PASSWORD_NEEDED")),
        ImportChatInviteError::Common(CommonError::SessionPasswordNeeded { code: 401 })
    ));
    // An unknown 500 error is an internal error.
    assert!(matches!(
        ImportChatInviteError::from(rpc(500, "WORKER_BUSY_TOO_LONG_RETRY")),
        ImportChatInviteError::Common(CommonError::Internal { .. })
    ));
}

#[test]
fn rpc_error_from_the_mtproto_constructor() {
    let wire = tl_types::mtproto::types::RpcError {
        error_code: 420,
        error_message: "FLOOD_WAIT_3".to_owned(),
    };
    let err = RpcError::from(wire.clone());
    assert_eq!(err, rpc(420, "FLOOD_WAIT_3"));
    let boxed = tl_types::mtproto::enums::RpcError::RpcError(wire);
    assert_eq!(RpcError::from(boxed).to_string(), "420 FLOOD_WAIT_3");
}

/// (code, message) → the expected variant, code(), name(), value().
#[test]
fn template_edge_cases() {
    let cases: Vec<(i32, &str, Fixture, &str, Option<u32>)> = vec![
        (
            400,
            "EMAIL_UNCONFIRMED",
            Fixture::EmailUnconfirmed,
            "EMAIL_UNCONFIRMED",
            None,
        ),
        (
            400,
            "EMAIL_UNCONFIRMED_6",
            Fixture::EmailUnconfirmedCodeLength { code_length: 6 },
            "EMAIL_UNCONFIRMED_%d",
            Some(6),
        ),
        (
            400,
            "FILE_PART_3_MISSING",
            Fixture::FilePartMissing { part: 3 },
            "FILE_PART_%d_MISSING",
            Some(3),
        ),
        (
            420,
            "2FA_CONFIRM_WAIT_5",
            Fixture::TwoFaConfirmWait { seconds: 5 },
            "2FA_CONFIRM_WAIT_%d",
            Some(5),
        ),
        (
            420,
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN",
            Fixture::PreviousChatImportActiveWaitMin { minutes: 5 },
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN",
            Some(5),
        ),
        (
            500,
            "INTERDC_2_CALL_ERROR",
            Fixture::InterdcCallError { dc: 2 },
            "INTERDC_%d_CALL_ERROR",
            Some(2),
        ),
        // One name with two codes keeps the code it arrived with.
        (
            400,
            "SOME_LIMIT",
            Fixture::SomeLimit { code: 400 },
            "SOME_LIMIT",
            None,
        ),
        (
            403,
            "SOME_LIMIT",
            Fixture::SomeLimit { code: 403 },
            "SOME_LIMIT",
            None,
        ),
    ];
    for (code, message, expected, name, value) in cases {
        let err = Fixture::from(rpc(code, message));
        assert_eq!(err, expected, "{code} {message}");
        assert_eq!(err.code(), code, "{message}");
        assert_eq!(err.name(), name, "{message}");
        assert_eq!(err.value(), value, "{message}");
        assert_eq!(err.to_string(), format!("{code} {message}"));
    }
}

#[test]
fn malformed_messages_are_other() {
    let long = "A".repeat(1 << 20);
    let long_digits = format!("FILE_PART_{}_MISSING", "9".repeat(1 << 20));
    let cases = [
        "",
        "email_unconfirmed",
        "FILE_PART__MISSING",
        "FILE_PART_%d_MISSING",
        "FILE_PART_-1_MISSING",
        "FILE_PART_4294967296_MISSING",
        "FILE_PART_007_MISSING",
        "FILE_PART_٣_MISSING",
        "2FA_CONFIRM_WAIT_",
        "2FA_CONFIRM_WAIT_5 ",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN",
        "EMAIL_UNCONFIRMED_",
        "FLOOD_WAIT_x",
        "ÜNICODE_ERROR",
        long.as_str(),
        long_digits.as_str(),
    ];
    for message in cases {
        let err = Fixture::from(rpc(400, message));
        assert_eq!(err, Fixture::Other(rpc(400, message)), "{:.60}", message);
        assert_eq!((err.code(), err.name(), err.value()), (400, message, None));
    }
    // The largest number that fits.
    assert_eq!(
        Fixture::from(rpc(400, "FILE_PART_4294967295_MISSING")),
        Fixture::FilePartMissing { part: u32::MAX }
    );
}

#[test]
fn display_and_source() {
    use std::error::Error as _;
    let other = ImportChatInviteError::from(rpc(400, "SOMETHING_NEW"));
    assert_eq!(other.to_string(), "400 SOMETHING_NEW");
    assert!(other.source().is_some());
    let known = ImportChatInviteError::from(rpc(406, "INVITE_HASH_EXPIRED"));
    assert_eq!(known.to_string(), "406 INVITE_HASH_EXPIRED");
    assert!(known.source().is_none());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    /// Any code and message yields a variant without panicking, and the
    /// accessors give back a message that is either the input or, for a
    /// templated error, the input rebuilt from its number.
    #[test]
    fn any_error_string_is_classified(code in any::<i32>(), message in "\\PC{0,40}|[A-Z0-9_%]{0,40}|FILE_PART_[0-9]{0,12}_MISSING|FLOOD_WAIT_[0-9]{0,12}") {
        let err = Fixture::from(rpc(code, &message));
        let shown = err.to_string();
        let (shown_code, shown_message) = shown.split_once(' ').unwrap();
        prop_assert_eq!(shown_message, message.as_str());
        // Variants with one documented code report that code; all others
        // keep the code received.
        let documented = matches!(
            err,
            Fixture::EmailUnconfirmed
                | Fixture::TwoFaConfirmWait { .. }
                | Fixture::EmailUnconfirmedCodeLength { .. }
                | Fixture::FilePartMissing { .. }
                | Fixture::InterdcCallError { .. }
                | Fixture::PreviousChatImportActiveWaitMin { .. }
        );
        if !documented {
            prop_assert_eq!(shown_code.parse::<i32>().unwrap(), code);
        }
        let import = ImportChatInviteError::from(rpc(code, &message));
        let _ = (import.code(), import.name(), import.value(), import.to_string());
    }
}
