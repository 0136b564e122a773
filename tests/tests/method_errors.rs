//! Every known error of every method (schema/errors.tsv) converts into the
//! method's error enum and reproduces its code, name and number.

#[rustfmt::skip]
#[path = "support/error_dispatch.rs"]
mod error_dispatch;

use std::fs;
use std::path::Path;

use tl_methods::RpcError;

#[test]
fn every_known_error_of_every_method_round_trips() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let facts = tl_gen::error_facts::parse_error_facts(
        &fs::read_to_string(schema.join("errors.tsv")).unwrap(),
        &fs::read_to_string(schema.join("availability.tsv")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    let mut methods = 0;
    for (method, method_facts) in &facts.methods {
        if method_facts.errors.is_empty() {
            continue;
        }
        methods += 1;
        for error in &method_facts.errors {
            let (message, value) = match error.name.split_once("%d") {
                Some((before, after)) => (format!("{before}17{after}"), Some(17)),
                None => (error.name.clone(), None),
            };
            let got = error_dispatch::classify(method, RpcError::new(error.code, message.clone()))
                .unwrap_or_else(|| panic!("{method} is not a generated method"));
            let context = format!("{method}: {} {}", error.code, error.name);
            assert!(!got.other, "{context}: fell through to Other");
            assert_eq!(got.code, error.code, "{context}");
            assert_eq!(got.name, error.name, "{context}");
            assert_eq!(got.value, value, "{context}");
            assert_eq!(
                got.display,
                format!("{} {message}", error.code),
                "{context}"
            );
            checked += 1;
        }
    }
    println!("{checked} errors of {methods} methods checked");
    assert_eq!(checked, facts.error_rows());
}

#[test]
fn every_method_has_an_error_enum() {
    for method in error_dispatch::METHODS {
        let unknown =
            error_dispatch::classify(method, RpcError::new(400, "SOMETHING_NEW")).unwrap();
        assert!(unknown.other, "{method}");
        assert_eq!(
            (unknown.code, unknown.name.as_str()),
            (400, "SOMETHING_NEW")
        );
        let flood = error_dispatch::classify(method, RpcError::new(420, "FLOOD_WAIT_3")).unwrap();
        assert!(flood.common && flood.value == Some(3), "{method}");
    }
    assert!(error_dispatch::METHODS.len() > 850);
}

/// The generator's list of common error names and `CommonError` agree.
#[test]
fn common_error_names_match_the_runtime() {
    for name in tl_gen::COMMON_ERROR_NAMES {
        let message = name.replace("%d", "5");
        let common = tl_methods::CommonError::from_rpc(&RpcError::new(400, message.clone()))
            .unwrap_or_else(|| panic!("CommonError does not recognise {name}"));
        assert_eq!(common.name(), *name);
    }
    // And the other way: every named CommonError is in the generator's list.
    let samples = [
        "FLOOD_WAIT_1",
        "FLOOD_PREMIUM_WAIT_1",
        "FROZEN_METHOD_INVALID",
        "PHONE_MIGRATE_1",
        "NETWORK_MIGRATE_1",
        "USER_MIGRATE_1",
        "FILE_MIGRATE_1",
        "STATS_MIGRATE_1",
        "AUTH_KEY_UNREGISTERED",
        "AUTH_KEY_INVALID",
        "AUTH_KEY_PERM_EMPTY",
        "SESSION_REVOKED",
        "SESSION_EXPIRED",
        "USER_DEACTIVATED",
        "USER_DEACTIVATED_BAN",
        "SESSION_PASSWORD_NEEDED",
        "ACTIVE_USER_REQUIRED",
        "AUTH_KEY_DUPLICATED",
        "Timeout",
        "Timedout",
    ];
    for message in samples {
        let common = tl_methods::CommonError::from_rpc_named(&RpcError::new(400, message)).unwrap();
        assert!(
            tl_gen::COMMON_ERROR_NAMES.contains(&common.name()),
            "{message}"
        );
    }
    assert_eq!(samples.len(), tl_gen::COMMON_ERROR_NAMES.len());
}
