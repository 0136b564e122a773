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

/// `CommonError` (generated from schema/common-errors.tsv) recognises every
/// name of the list with its documented code, and rebuilds each message.
#[test]
fn common_errors_match_their_list() {
    let list = tl_gen::common_errors::parse(
        "common-errors.tsv",
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/common-errors.tsv"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(list.len(), 20);
    for fact in &list {
        let message = fact.name.replace("%d", "5");
        let common =
            tl_methods::errors::CommonError::from_rpc(&RpcError::new(fact.code, message.clone()))
                .unwrap_or_else(|| panic!("CommonError does not recognise {}", fact.name));
        assert_eq!(common.name(), fact.name);
        assert_eq!(common.expected_code(), fact.code, "{}", fact.name);
        assert_eq!(common.code(), fact.code, "{}", fact.name);
        assert_eq!(common.value(), fact.name.contains("%d").then_some(5));
        assert_eq!(common.to_rpc(), RpcError::new(fact.code, message));
        // A method that lists it still routes it to `Common`.
        let routed =
            error_dispatch::classify("messages.importChatInvite", common.to_rpc()).unwrap();
        assert!(routed.common, "{}", fact.name);
    }
}
