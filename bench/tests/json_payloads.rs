//! The benchmark payloads through TL-named JSON (the `serde` feature):
//! typed JSON equals the JSON of the dynamically decoded value, and JSON →
//! typed value gives the same value and the same TL bytes.

use tl_bench::{import_chat_invite, messages_messages, ours_bytes, small_updates, updates_batch};
use tl_types::dynamic;

fn round_trip<T>(name: &str, value: &T)
where
    T: tl_types::Serializable
        + serde::Serialize
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug,
{
    let bytes = ours_bytes(value);
    let json = serde_json::to_string(value).unwrap_or_else(|e| panic!("{name}: {e}"));
    let dynamic = dynamic::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        serde_json::to_string(&dynamic).unwrap_or_else(|e| panic!("{name}: {e}")),
        json,
        "{name}: typed and dynamic JSON differ"
    );
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        &back, value,
        "{name}: another value after the JSON round trip"
    );
    assert_eq!(ours_bytes(&back), bytes, "{name}: other TL bytes");
}

#[test]
fn benchmark_payloads_round_trip_through_json() {
    round_trip("messages", &messages_messages());
    round_trip("updates", &updates_batch());
    round_trip("small updates", &small_updates());
    round_trip("importChatInvite", &import_chat_invite());
}
