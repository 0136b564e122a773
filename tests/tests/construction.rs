//! Construction: `new(<required parameters>)` builds the same bytes as the
//! full struct literal with every optional parameter unset, for every struct
//! that has `new`; code written with `new` survives a layer that adds
//! optional parameters; `Default` is derived only where it is sound.

#[rustfmt::skip]
#[path = "support/new_checks.rs"]
mod new_checks;

use std::collections::BTreeSet;

use tl_methods::functions::messages::SendMessage;
use tl_tests::random::{constructor_bytes, function_bytes};
use tl_tests::schema::{CONSTRUCTORS, FUNCTIONS};
use tl_types::{enums, types, Serializable};

/// Random values per struct.
const SEEDS: u64 = 3;

#[test]
fn new_equals_the_full_literal_for_every_struct() {
    let mut covered = BTreeSet::new();
    let mut compared = 0;
    let all = (0..CONSTRUCTORS.len())
        .map(|i| {
            (
                CONSTRUCTORS[i].id,
                constructor_bytes as fn(usize, u64) -> Option<Vec<u8>>,
                i,
            )
        })
        .chain((0..FUNCTIONS.len()).map(|i| {
            (
                FUNCTIONS[i].id,
                function_bytes as fn(usize, u64) -> Option<Vec<u8>>,
                i,
            )
        }));
    for (id, bytes_of, index) in all {
        for seed in 0..SEEDS {
            let bytes = bytes_of(index, seed).expect("an index of the tables");
            let Some(result) = new_checks::literal_and_new(&bytes) else {
                break;
            };
            let (literal, built) = result.unwrap_or_else(|e| panic!("{id:#010x} seed {seed}: {e}"));
            assert_eq!(literal, built, "{id:#010x} seed {seed}");
            covered.insert(id);
            compared += 1;
        }
    }
    println!("{compared} values of {} structs compared", covered.len());
    assert_eq!(covered.len(), new_checks::WITH_NEW);
    const { assert!(new_checks::WITH_NEW > 700) };
}

fn peer() -> enums::InputPeer {
    types::InputPeerUser {
        user_id: 777,
        access_hash: -5,
    }
    .into()
}

#[test]
fn send_message_new_is_the_22_field_literal() {
    let built = SendMessage::new(peer(), "hello".to_owned(), 42);
    let literal = SendMessage {
        no_webpage: false,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: peer(),
        reply_to: None,
        message: "hello".to_owned(),
        random_id: 42,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
        rich_message: None,
    };
    assert_eq!(built, literal);
    assert_eq!(built.to_bytes(), literal.to_bytes());
    // Optional parameters are set on the value.
    let mut silent = SendMessage::new(peer(), "hello".to_owned(), 42);
    silent.silent = true;
    assert_ne!(silent.to_bytes(), built.to_bytes());
}

/// The same user code, compiled against a layer and the next one, which
/// added optional parameters to both definitions.
macro_rules! user_code {
    ($layer:path) => {{
        use $layer as layer;
        let request = layer::functions::messages::SendText::new(
            layer::enums::InputPeer::InputPeerSelf,
            "hi".to_owned(),
            7,
        );
        let mut draft = layer::types::Draft::new("draft".to_owned());
        draft.silent = true;
        (request.to_bytes(), draft.to_bytes())
    }};
}

#[test]
fn code_written_with_new_survives_a_layer_that_adds_optional_parameters() {
    let (before_request, before_draft) = user_code!(tl_tests::fixtures::bump_before);
    let (after_request, after_draft) = user_code!(tl_tests::fixtures::bump_after);
    // Same fields on the wire; only the constructor IDs differ.
    assert_eq!(before_request[4..], after_request[4..]);
    assert_eq!(before_draft, after_draft);
}

#[test]
fn default_is_derived_where_every_field_has_an_empty_value() {
    // Only optional parameters, numbers, strings and vectors.
    let settings = types::CodeSettings::default();
    assert_eq!(settings, types::CodeSettings::new());
    let page = tl_methods::functions::contacts::GetBlocked::default();
    assert_eq!(
        (page.offset, page.limit, page.my_stories_from),
        (0, 0, false)
    );
    let chats = tl_methods::functions::messages::GetChats::default();
    assert!(chats.id.is_empty());
}
