//! `tl_types::dynamic` and `tl_types::reflect` by example: what `Display`
//! prints, the exact TL-named JSON of small values (`long`, `bytes`,
//! `int128`, `double`, optional and `true` flags), envelopes, vectors of
//! unknown type, and the errors for bad bytes and bad JSON. The whole layer
//! goes through the same paths in `tl_json.rs`, hostile bytes in
//! `smoke_fuzz.rs`.

use tl_methods::functions;
use tl_types::dynamic::{self, Value};
use tl_types::reflect::{self, Ty};
use tl_types::{enums, mtproto, types, DecodeError, Deserializable, Serializable};

fn update_short() -> enums::Updates {
    enums::Updates::from(types::UpdateShort {
        update: enums::Update::from(types::UpdateUserTyping {
            user_id: 42,
            top_msg_id: Some(7),
            action: enums::SendMessageAction::SendMessageTypingAction,
        }),
        date: 1_700_000_000,
    })
}

#[test]
fn display_prints_tl_names_and_fields() {
    let value = dynamic::decode(&update_short().to_bytes()).unwrap();
    assert_eq!(
        value.to_string(),
        "updateShort { update: updateUserTyping { user_id: 42, top_msg_id: 7, \
         action: sendMessageTypingAction }, date: 1700000000 }"
    );
    assert_eq!(
        format!("{value:#}"),
        "updateShort {\n  update: updateUserTyping {\n    user_id: 42,\n    top_msg_id: 7,\n    \
         action: sendMessageTypingAction,\n  },\n  date: 1700000000,\n}"
    );
    let hash = types::FileHash {
        offset: -1,
        limit: 3,
        hash: vec![0xde, 0xad],
    };
    let value = dynamic::decode_as(&hash.to_bytes(), &Ty::Bare(index_of("fileHash"))).unwrap();
    assert_eq!(
        value.to_string(),
        "fileHash { offset: -1, limit: 3, hash: 0xdead }"
    );
    let strings = functions::messages::ImportChatInvite {
        hash: "a\"b\n".to_owned(),
    };
    let value = dynamic::decode(&strings.to_bytes()).unwrap();
    assert_eq!(
        value.to_string(),
        r#"messages.importChatInvite { hash: "a\"b\n" }"#
    );
}

fn index_of(name: &str) -> usize {
    let found = reflect::constructor_by_name(name).unwrap();
    reflect::CONSTRUCTORS
        .iter()
        .position(|c| std::ptr::eq(c, found))
        .unwrap()
}

#[test]
fn reflection_lookups() {
    let ctor = reflect::constructor_by_id(0x78d4_dec1).unwrap();
    assert_eq!(ctor.name, "updateShort");
    assert_eq!(reflect::constructor_by_name("updateShort"), Some(ctor));
    assert_eq!(ctor.boxed_type_name(), "Updates");
    let function = reflect::function_by_name("messages.importChatInvite").unwrap();
    assert_eq!(function.id, 0xde91_436e);
    assert_eq!(reflect::function_by_id(function.id), Some(function));
    assert_eq!(function.returns, "messages.ChatInviteJoinResult");
    assert!(reflect::function_by_name("invokeWithLayer")
        .unwrap()
        .is_generic());
    assert_eq!(
        reflect::boxed_type_by_name("Updates").unwrap().name,
        "Updates"
    );
    assert_eq!(
        reflect::definition_by_id(0xf35c_6d01).map(|d| d.name()),
        Some("rpc_result")
    );
    assert_eq!(tl_types::name_for_id(0x9972_75b5), Some("boolTrue"));
    assert_eq!(tl_types::name_for_id(0x1cb5_c415), Some("vector"));
    assert_eq!(tl_types::name_for_id(0x3072_cfa1), Some("gzip_packed"));
    assert_eq!(reflect::constructor_by_id(0), None);
    assert_eq!(reflect::constructor_by_name("noSuchThing"), None);
    // Every entry is found by its ID and by its name.
    for ctor in reflect::CONSTRUCTORS {
        assert_eq!(reflect::constructor_by_id(ctor.id), Some(ctor));
        assert_eq!(reflect::constructor_by_name(ctor.name), Some(ctor));
        assert_eq!(tl_types::name_for_id(ctor.id), Some(ctor.name));
    }
    for function in reflect::FUNCTIONS {
        assert_eq!(reflect::function_by_id(function.id), Some(function));
        assert_eq!(reflect::function_by_name(function.name), Some(function));
    }
}

#[test]
fn json_forms() {
    let peer = types::InputPeerUser {
        user_id: 1,
        access_hash: -2,
    };
    assert_eq!(
        serde_json::to_string(&peer).unwrap(),
        r#"{"_":"inputPeerUser","user_id":1,"access_hash":-2}"#
    );
    let boxed = enums::InputPeer::from(peer.clone());
    assert_eq!(
        serde_json::to_string(&boxed).unwrap(),
        serde_json::to_string(&peer).unwrap()
    );

    let hash = types::FileHash {
        offset: i64::MIN,
        limit: 3,
        hash: b"foob".to_vec(),
    };
    assert_eq!(
        serde_json::to_string(&hash).unwrap(),
        r#"{"_":"fileHash","offset":-9223372036854775808,"limit":3,"hash":"Zm9vYg=="}"#
    );

    let res_pq = mtproto::types::ResPq {
        nonce: [0x11; 16],
        server_nonce: *b"0123456789abcdef",
        pq: vec![1, 2, 3],
        server_public_key_fingerprints: vec![7],
    };
    assert_eq!(
        serde_json::to_string(&res_pq).unwrap(),
        r#"{"_":"resPQ","nonce":"11111111111111111111111111111111","server_nonce":"30313233343536373839616263646566","pq":"AQID","server_public_key_fingerprints":[7]}"#
    );

    let point = types::GeoPoint {
        long: f64::NAN,
        lat: f64::NEG_INFINITY,
        access_hash: 5,
        accuracy_radius: None,
    };
    let text = serde_json::to_string(&point).unwrap();
    assert_eq!(
        text,
        r#"{"_":"geoPoint","long":"NaN","lat":"-Infinity","access_hash":5,"accuracy_radius":null}"#
    );
    let back: types::GeoPoint = serde_json::from_str(&text).unwrap();
    assert_eq!(back.to_bytes(), point.to_bytes());

    let send =
        functions::messages::SendMessage::new(enums::InputPeer::InputPeerSelf, "hi".to_owned(), 9);
    let json: serde_json::Value = serde_json::to_value(&send).unwrap();
    assert_eq!(json["_"], "messages.sendMessage");
    assert_eq!(json["silent"], false);
    assert_eq!(json["reply_to"], serde_json::Value::Null);
    assert_eq!(json["peer"]["_"], "inputPeerSelf");
    assert_eq!(json["random_id"], 9);
    assert!(
        json.get("flags").is_none(),
        "flags words are derived: {json}"
    );
}

#[test]
fn json_input_is_forgiving_where_it_is_safe() {
    // Parameters in any order after "_", optional ones left out, a long as
    // a string of digits, an unpadded base64.
    let hash: types::FileHash =
        serde_json::from_str(r#"{"_":"fileHash","hash":"Zm9vYg","limit":3,"offset":"-5"}"#)
            .unwrap();
    assert_eq!(hash.offset, -5);
    assert_eq!(hash.hash, b"foob");
    // A bare constructor's "_" may be left out: the type says which it is.
    let peer: types::InputPeerUser =
        serde_json::from_str(r#"{"user_id":1,"access_hash":2}"#).unwrap();
    assert_eq!(peer.access_hash, 2);
    let send: functions::messages::SendMessage = serde_json::from_str(
        r#"{"_":"messages.sendMessage","peer":{"_":"inputPeerSelf"},"message":"hi","random_id":9,"silent":true}"#,
    )
    .unwrap();
    assert!(send.silent);
    assert_eq!(send.reply_to, None);
}

#[test]
fn json_errors_say_what_is_wrong() {
    let error = |text: &str| -> String {
        serde_json::from_str::<enums::InputPeer>(text)
            .unwrap_err()
            .to_string()
    };
    assert!(error(r#"{"_":"inputUserSelf"}"#)
        .contains("`inputUserSelf` is not a constructor of `InputPeer`"));
    assert!(error(r#"{"_":"inputPeerUser","user_id":1}"#)
        .contains("the required parameter `access_hash` is missing"));
    assert!(
        error(r#"{"_":"inputPeerUser","user_id":1,"access_hash":2,"extra":3}"#)
            .contains("has no parameter `extra`")
    );
    assert!(error(r#"{"_":"inputPeerUser","user_id":1,"user_id":1}"#).contains("given twice"));
    assert!(error(r#"{"user_id":1,"access_hash":2}"#).contains("the first key must be \"_\""));
    assert!(
        error(r#"{"_":"inputPeerUser","user_id":"x","access_hash":2}"#)
            .contains("not a 64-bit integer")
    );
    assert!(error(r#"{"_":"nope"}"#).contains("not a constructor"));
    let bytes = serde_json::from_str::<types::FileHash>(
        r#"{"_":"fileHash","offset":1,"limit":3,"hash":"Zm9v!"}"#,
    );
    assert!(bytes.unwrap_err().to_string().contains("not base64"));
    let int128 = serde_json::from_str::<mtproto::types::ResPq>(
        r#"{"_":"resPQ","nonce":"11","server_nonce":"11","pq":"","server_public_key_fingerprints":[]}"#,
    );
    assert!(int128.unwrap_err().to_string().contains("invalid length"));
    // An `int` out of range.
    let limit = serde_json::from_str::<types::FileHash>(
        r#"{"_":"fileHash","offset":1,"limit":3000000000,"hash":""}"#,
    );
    assert!(limit.is_err());
}

#[test]
fn shared_flag_bits_must_be_given_together() {
    // `inputMediaUploadedPhoto`-like sharing: find any definition with two
    // value parameters on one bit, and give only one of them.
    let (def, first, second) = reflect::CONSTRUCTORS
        .iter()
        .find_map(|c| {
            let flagged: Vec<_> = c
                .params
                .iter()
                .filter_map(|p| match p.kind {
                    reflect::ParamKind::Value { ty, flag: Some(f) } if ty != Ty::True => {
                        Some((p.name, f))
                    }
                    _ => None,
                })
                .collect();
            flagged.iter().enumerate().find_map(|(i, (a, fa))| {
                flagged[i + 1..]
                    .iter()
                    .find(|(_, fb)| fb == fa)
                    .map(|(b, _)| (c, *a, *b))
            })
        })
        .expect("the layer has shared flag bits");
    let bytes = tl_tests::random::constructor_bytes(index_of(def.name), 1).unwrap();
    let mut value = dynamic::decode(&bytes).unwrap();
    let Value::Record(record) = &mut value else {
        panic!("not a record")
    };
    // Make the first present (copying a decoded value of its type is not
    // needed: encoding fails before looking at it) and the second absent.
    let present = record.fields.iter().position(|f| f.name == first).unwrap();
    let absent = record.fields.iter().position(|f| f.name == second).unwrap();
    if record.fields[present].value.is_none() {
        record.fields[present].value = record.fields[absent].value.take();
    }
    record.fields[absent].value = None;
    if record.fields[present].value.is_some() {
        let error = dynamic::encode(&value).unwrap_err();
        assert!(
            error.to_string().contains("give all of them or none"),
            "{}: {error}",
            def.name
        );
    }
}

#[test]
fn envelopes_decode_with_their_contents() {
    let update = update_short().to_bytes();
    let mut rpc = Vec::new();
    rpc.extend_from_slice(&0xf35c_6d01_u32.to_le_bytes());
    rpc.extend_from_slice(&77_i64.to_le_bytes());
    rpc.extend_from_slice(&update);
    let value = dynamic::decode(&rpc).unwrap();
    assert_eq!(value.name(), Some("rpc_result"));
    let record = value.as_record().unwrap();
    assert_eq!(record.get("req_msg_id"), Some(&Value::Long(77)));
    assert_eq!(
        record.get("result").and_then(Value::name),
        Some("updateShort")
    );
    assert_eq!(dynamic::encode(&value).unwrap(), rpc);

    let container = mtproto::types::MsgContainer {
        messages: vec![
            mtproto::types::Message {
                msg_id: 1,
                seqno: 2,
                body: tl_types::Object::new(update.clone()).unwrap(),
            },
            mtproto::types::Message {
                msg_id: 3,
                seqno: 4,
                body: tl_types::Object::new(rpc.clone()).unwrap(),
            },
        ],
    };
    let bytes = container.to_bytes();
    let value = dynamic::decode(&bytes).unwrap();
    assert!(value.to_string().starts_with(
        "msg_container { messages: [message { msg_id: 1, seqno: 2, body: updateShort {"
    ));
    assert_eq!(dynamic::encode(&value).unwrap(), bytes);
    let json = serde_json::to_string(&value).unwrap();
    assert!(json.starts_with(r#"{"_":"msg_container","messages":[{"_":"message","msg_id":1,"seqno":2,"body":{"_":"updateShort""#), "{json}");
    let back: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(dynamic::encode(&back).unwrap(), bytes);

    // A container inside a container, and a body longer than the input.
    let mut nested = bytes.clone();
    nested.truncate(8);
    let mut inner = Vec::new();
    inner.extend_from_slice(&1_i64.to_le_bytes());
    inner.extend_from_slice(&2_i32.to_le_bytes());
    inner.extend_from_slice(&(bytes.len() as i32).to_le_bytes());
    inner.extend_from_slice(&bytes);
    let mut outer = 0x73f1_f8dc_u32.to_le_bytes().to_vec();
    outer.extend_from_slice(&1_i32.to_le_bytes());
    outer.extend_from_slice(&inner);
    assert!(matches!(
        dynamic::decode(&outer),
        Err(DecodeError::Malformed { reason, .. }) if reason.contains("inside msg_container")
    ));
    let mut short = outer.clone();
    short.truncate(outer.len() - 4);
    assert!(matches!(
        dynamic::decode(&short),
        Err(DecodeError::Malformed { offset: 20, .. })
    ));
}

#[test]
fn vectors_of_unknown_type() {
    let longs = vec![1_i64, -2, 3];
    let value = dynamic::decode(&longs.to_bytes()).unwrap();
    assert_eq!(
        value,
        Value::Vector(vec![Value::Long(1), Value::Long(-2), Value::Long(3)])
    );
    let ints = vec![5_i32, 6];
    let value = dynamic::decode(&ints.to_bytes()).unwrap();
    assert_eq!(value, Value::Vector(vec![Value::Int(5), Value::Int(6)]));
    let peers = vec![
        enums::InputPeer::InputPeerSelf,
        enums::InputPeer::InputPeerEmpty,
    ];
    let value = dynamic::decode(&peers.to_bytes()).unwrap();
    assert_eq!(value.to_string(), "[inputPeerSelf, inputPeerEmpty]");
    // With the type given, `Vector<int>` of what looks like IDs stays ints.
    let value = dynamic::decode_as(&peers.to_bytes(), &Ty::vector(&Ty::Int)).unwrap();
    assert!(
        matches!(&value, Value::Vector(items) if items[0] == Value::Int(0x7da0_7ec9_u32 as i32))
    );
}

#[test]
fn bad_bytes_are_errors_like_the_typed_decoders() {
    assert!(matches!(
        dynamic::decode(&[1, 2, 3, 4]),
        Err(DecodeError::UnknownConstructor {
            id: 0x0403_0201,
            expected: "Object",
            offset: 0
        })
    ));
    let mut bytes = update_short().to_bytes();
    bytes.extend_from_slice(&[0; 4]);
    assert_eq!(
        dynamic::decode(&bytes).unwrap_err(),
        enums::Updates::from_bytes(&bytes).unwrap_err()
    );
    let bytes = update_short().to_bytes();
    for cut in 0..bytes.len() {
        let typed = enums::Updates::from_bytes(&bytes[..cut]).unwrap_err();
        let dynamic = dynamic::decode(&bytes[..cut]).unwrap_err();
        assert_eq!(typed.offset(), dynamic.offset(), "cut at {cut}");
    }
    // Nesting: `textBold` inside `textBold` … past the reader's limit.
    let mut text = enums::RichText::TextEmpty;
    for _ in 0..100 {
        text = enums::RichText::TextBold(types::TextBold {
            text: Box::new(text),
        });
    }
    let bytes = text.to_bytes();
    let typed = enums::RichText::from_bytes(&bytes).unwrap_err();
    assert!(matches!(typed, DecodeError::TooDeep { .. }));
    assert_eq!(dynamic::decode(&bytes).unwrap_err(), typed);
    // Strings: invalid UTF-8 at the same offset.
    let mut bytes = functions::messages::ImportChatInvite {
        hash: "abc".to_owned(),
    }
    .to_bytes();
    bytes[5] = 0xff;
    assert_eq!(
        dynamic::decode(&bytes).unwrap_err(),
        functions::messages::ImportChatInvite::from_bytes(&bytes).unwrap_err()
    );
}

#[test]
fn bincode_round_trips_typed_values() {
    let value = update_short();
    let binary = bincode::serialize(&value).unwrap();
    let back: enums::Updates = bincode::deserialize(&binary).unwrap();
    assert_eq!(back, value);
    let send =
        functions::messages::SendMessage::new(enums::InputPeer::InputPeerSelf, "hi".to_owned(), 9);
    let back: functions::messages::SendMessage =
        bincode::deserialize(&bincode::serialize(&send).unwrap()).unwrap();
    assert_eq!(back, send);
}
