//! Hand-checked wire bytes: each test writes out the TL encoding of a value
//! byte by byte (IDs little-endian, with comments), checks that encoding
//! the value gives exactly those bytes and that decoding them gives the
//! value back.

use std::fmt::Debug;

use tl_methods::functions;
use tl_tests::{hex, reencode_boxed, reencode_function};
use tl_types::mtproto::{enums as mt_enums, types as mt_types};
use tl_types::{enums, types, DecodeError, Deserializable, Serializable};

/// `value` encodes to `bytes` and `bytes` decode to `value`.
fn check<T: Serializable + Deserializable + PartialEq + Debug>(value: &T, bytes: &[u8]) {
    let encoded = value.to_bytes();
    assert_eq!(hex(&encoded), hex(bytes), "encoding of {value:?}");
    assert_eq!(T::from_bytes(bytes).as_ref(), Ok(value), "decoding");
    assert_eq!(bytes.len() % 4, 0, "TL values are whole words");
}

/// Concatenates pieces of a hand-written encoding.
fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

#[test]
fn message_with_flags_flags2_true_flags_and_a_shared_bit() {
    // message#7600b9d3 flags:# out:flags.1?true … flags2:# offline:flags2.1?true …
    //   id:int … peer_id:Peer … via_business_bot_id:flags2.0?long … date:int
    //   message:string … views:flags.10?int forwards:flags.10?int … = Message;
    let bytes = [
        0xd3, 0xb9, 0x00, 0x76, // message#7600b9d3
        0x02, 0x04, 0x00, 0x00, // flags = 1 << 1 (out) | 1 << 10 (views, forwards)
        0x03, 0x00, 0x00, 0x00, // flags2 = 1 << 0 (via_business_bot_id) | 1 << 1 (offline)
        0x2a, 0x00, 0x00, 0x00, // id = 42
        0x22, 0x17, 0x51, 0x59, // peer_id: peerUser#59511722
        0x09, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   user_id = 777
        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // via_business_bot_id
        0x00, 0xf1, 0x53, 0x65, // date = 1_700_000_000
        0x02, b'h', b'i', 0x00, // message = "hi" (length 2, 1 byte of padding)
        0x64, 0x00, 0x00, 0x00, // views = 100
        0x07, 0x00, 0x00, 0x00, // forwards = 7
    ];
    let message = types::Message {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: true,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id: 42,
        from_id: None,
        from_boosts_applied: None,
        from_rank: None,
        peer_id: enums::Peer::PeerUser(types::PeerUser { user_id: 777 }),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: Some(0x0102_0304_0506_0708),
        guestchat_via_from: None,
        reply_to: None,
        date: 1_700_000_000,
        message: "hi".to_owned(),
        media: None,
        reply_markup: None,
        entities: None,
        views_and_forwards: Some(types::MessageViewsAndForwards {
            views: 100,
            forwards: 7,
        }),
        replies: None,
        edit_date: None,
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    };
    let boxed = enums::Message::Message(Box::new(message.clone()));
    check(&boxed, &bytes);
    // The bare struct is the same without the ID.
    check(&message, &bytes[4..]);
    assert_eq!(reencode_boxed(&bytes), Some(Ok(bytes.to_vec())));

    // Without the shared-bit group, bit 10 is clear and both ints are gone.
    let mut without = message;
    without.views_and_forwards = None;
    let mut expected = bytes[..bytes.len() - 8].to_vec();
    expected[5] = 0x00; // flags = 1 << 1
    check(&without, &expected[4..]);
}

#[test]
fn true_flag_sharing_a_bit_with_a_value() {
    // inputMediaPhoto#e3af4434 flags:# spoiler:flags.1?true live_photo:flags.2?true
    //   id:InputPhoto ttl_seconds:flags.0?int video:flags.2?InputDocument = InputMedia;
    let bytes = [
        0x34, 0x44, 0xaf, 0xe3, // inputMediaPhoto#e3af4434
        0x06, 0x00, 0x00, 0x00, // flags = 1 << 1 (spoiler) | 1 << 2 (live_photo, video)
        0x0d, 0xbf, 0xd7, 0x1c, // id: inputPhotoEmpty#1cd7bf0d
        0xae, 0xea, 0xf0, 0x72, // video: inputDocumentEmpty#72f0eaae
    ];
    let photo = types::InputMediaPhoto {
        spoiler: true,
        id: enums::InputPhoto::InputPhotoEmpty,
        ttl_seconds: None,
        video: Some(enums::InputDocument::InputDocumentEmpty),
    };
    assert!(photo.live_photo(), "live_photo is derived from video");
    check(
        &enums::InputMedia::InputMediaPhoto(Box::new(photo.clone())),
        &bytes,
    );

    // ttl_seconds alone: bit 0, and live_photo is off with video.
    let bytes = [
        0x34, 0x44, 0xaf, 0xe3, // inputMediaPhoto#e3af4434
        0x01, 0x00, 0x00, 0x00, // flags = 1 << 0 (ttl_seconds)
        0x0d, 0xbf, 0xd7, 0x1c, // id: inputPhotoEmpty#1cd7bf0d
        0x3c, 0x00, 0x00, 0x00, // ttl_seconds = 60
    ];
    let photo = types::InputMediaPhoto {
        spoiler: false,
        ttl_seconds: Some(60),
        video: None,
        ..photo
    };
    assert!(!photo.live_photo());
    check(&enums::InputMedia::InputMediaPhoto(Box::new(photo)), &bytes);
}

#[test]
fn strings_around_the_length_prefix_boundary() {
    // inputMediaContact#f8ab7dfb phone_number:string first_name:string
    //   last_name:string vcard:string = InputMedia;
    let e_acute = "é".repeat(127); // 254 bytes of UTF-8 (c3 a9)
    let bytes = cat(&[
        &[0xfb, 0x7d, 0xab, 0xf8], // inputMediaContact#f8ab7dfb
        // phone_number = "": length 0, 3 bytes of padding
        &[0x00, 0x00, 0x00, 0x00],
        // first_name = 253 × 'a': the longest one-byte length
        &[0xfd],
        &[b'a'; 253],
        &[0x00, 0x00], // 1 + 253 = 254 → 2 bytes of padding
        // last_name = 127 × 'é' = 254 bytes: the shortest 0xfe form
        &[0xfe, 0xfe, 0x00, 0x00],
        &[0xc3, 0xa9].repeat(127),
        &[0x00, 0x00], // 4 + 254 = 258 → 2 bytes of padding
        // vcard = 255 × 'c'
        &[0xfe, 0xff, 0x00, 0x00],
        &[b'c'; 255],
        &[0x00], // 4 + 255 = 259 → 1 byte of padding
    ]);
    assert_eq!(bytes.len(), 4 + 4 + 256 + 260 + 260);
    let contact = enums::InputMedia::InputMediaContact(Box::new(types::InputMediaContact {
        phone_number: String::new(),
        first_name: "a".repeat(253),
        last_name: e_acute,
        vcard: "c".repeat(255),
    }));
    check(&contact, &bytes);
    assert_eq!(reencode_boxed(&bytes), Some(Ok(bytes.clone())));

    // textPlain#744694e0 text:string = RichText; with 70 000 bytes.
    let bytes = cat(&[
        &[0xe0, 0x94, 0x46, 0x74], // textPlain#744694e0
        &[0xfe, 0x70, 0x11, 0x01], // 0xfe, length 70 000 = 0x011170 (3 bytes LE)
        &vec![b'x'; 70_000],       // 4 + 70 000 is a multiple of 4: no padding
    ]);
    let text = enums::RichText::TextPlain(types::TextPlain {
        text: "x".repeat(70_000),
    });
    check(&text, &bytes);

    // 70 001 bytes: three bytes of padding.
    let bytes = cat(&[
        &[0xe0, 0x94, 0x46, 0x74], // textPlain#744694e0
        &[0xfe, 0x71, 0x11, 0x01], // length 70 001 = 0x011171
        &vec![b'x'; 70_001],
        &[0x00, 0x00, 0x00], // 4 + 70 001 = 70 005 → 3 bytes of padding
    ]);
    let text = enums::RichText::TextPlain(types::TextPlain {
        text: "x".repeat(70_001),
    });
    check(&text, &bytes);
}

#[test]
fn nested_bare_vectors() {
    // The schema has no `Vector<Vector<…>>`; help.configSimple nests bare
    // vectors of boxed types instead:
    // help.configSimple#5a592a6c date:int expires:int rules:vector<AccessPointRule> = help.ConfigSimple;
    // accessPointRule#4679b65f phone_prefix_rules:bytes dc_id:int ips:vector<IpPort> = AccessPointRule;
    // ipPort#d433ad73 ipv4:int port:int = IpPort;
    // ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort;
    let bytes = cat(&[
        &[0x6c, 0x2a, 0x59, 0x5a], // help.configSimple#5a592a6c
        &[0x01, 0x00, 0x00, 0x00], // date = 1
        &[0x02, 0x00, 0x00, 0x00], // expires = 2
        &[0x02, 0x00, 0x00, 0x00], // rules: bare vector, 2 elements (no vector ID)
        &[0x5f, 0xb6, 0x79, 0x46], //   accessPointRule#4679b65f (boxed elements keep their ID)
        &[0x02, b'+', b'7', 0x00], //     phone_prefix_rules = "+7"
        &[0x02, 0x00, 0x00, 0x00], //     dc_id = 2
        &[0x02, 0x00, 0x00, 0x00], //     ips: bare vector, 2 elements
        &[0x73, 0xad, 0x33, 0xd4], //       ipPort#d433ad73
        &[0x01, 0x00, 0x00, 0x7f], //         ipv4 = 127.0.0.1
        &[0xbb, 0x01, 0x00, 0x00], //         port = 443
        &[0x46, 0x26, 0x98, 0x37], //       ipPortSecret#37982646
        &[0x01, 0x00, 0x00, 0x0a], //         ipv4 = 10.0.0.1
        &[0x50, 0x00, 0x00, 0x00], //         port = 80
        &[0x10],                   //         secret: 16 bytes
        &[0xaa; 16],
        &[0x00, 0x00, 0x00], //               1 + 16 = 17 → 3 bytes of padding
        &[0x5f, 0xb6, 0x79, 0x46], //   accessPointRule#4679b65f
        &[0x00, 0x00, 0x00, 0x00], //     phone_prefix_rules = ""
        &[0x04, 0x00, 0x00, 0x00], //     dc_id = 4
        &[0x00, 0x00, 0x00, 0x00], //     ips: empty bare vector
    ]);
    let config = mt_enums::help::ConfigSimple::ConfigSimple(mt_types::help::ConfigSimple {
        date: 1,
        expires: 2,
        rules: vec![
            mt_enums::AccessPointRule::AccessPointRule(mt_types::AccessPointRule {
                phone_prefix_rules: b"+7".to_vec(),
                dc_id: 2,
                ips: vec![
                    mt_enums::IpPort::IpPort(mt_types::IpPort {
                        ipv4: 0x7f00_0001,
                        port: 443,
                    }),
                    mt_enums::IpPort::IpPortSecret(mt_types::IpPortSecret {
                        ipv4: 0x0a00_0001,
                        port: 80,
                        secret: vec![0xaa; 16],
                    }),
                ],
            }),
            mt_enums::AccessPointRule::AccessPointRule(mt_types::AccessPointRule {
                phone_prefix_rules: Vec::new(),
                dc_id: 4,
                ips: Vec::new(),
            }),
        ],
    });
    check(&config, &bytes);
    assert_eq!(reencode_boxed(&bytes), Some(Ok(bytes.clone())));
}

#[test]
fn bare_vector_of_bare_constructors_in_future_salts() {
    // future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;
    // future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
    let bytes = [
        0x95, 0x08, 0x50, 0xae, // future_salts#ae500895
        0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, // req_msg_id
        0x00, 0xf1, 0x53, 0x65, // now = 1_700_000_000
        0x02, 0x00, 0x00, 0x00, // salts: bare vector (no vector ID), 2 elements
        // future_salt, bare: no constructor ID
        0x00, 0xf1, 0x53, 0x65, //   valid_since = 1_700_000_000
        0x08, 0xf8, 0x53, 0x65, //   valid_until = 1_700_001_800
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // salt = -1
        // future_salt
        0x08, 0xf8, 0x53, 0x65, //   valid_since = 1_700_001_800
        0x10, 0xff, 0x53, 0x65, //   valid_until = 1_700_003_600
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // salt
    ];
    let salts = mt_enums::FutureSalts::FutureSalts(mt_types::FutureSalts {
        req_msg_id: 0x0123_4567_89ab_cdef,
        now: 1_700_000_000,
        salts: vec![
            mt_types::FutureSalt {
                valid_since: 1_700_000_000,
                valid_until: 1_700_001_800,
                salt: -1,
            },
            mt_types::FutureSalt {
                valid_since: 1_700_001_800,
                valid_until: 1_700_003_600,
                salt: 0x1122_3344_5566_7788,
            },
        ],
    });
    check(&salts, &bytes);
    // A count that the remaining 36 bytes cannot hold (3 × 16 > 32).
    let mut bad = bytes;
    bad[16] = 3;
    assert_eq!(
        mt_enums::FutureSalts::from_bytes(&bad),
        Err(DecodeError::VectorTooLong {
            offset: 16,
            count: 3,
            remaining: 32
        })
    );
}

#[test]
fn invoke_with_layer_get_config() {
    // invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
    // help.getConfig#c4f9186b = Config;
    let bytes = [
        0x0d, 0x0d, 0x9b, 0xda, // invokeWithLayer#da9b0d0d
        0xe6, 0x00, 0x00, 0x00, // layer = 230
        0x6b, 0x18, 0xf9, 0xc4, // query: help.getConfig#c4f9186b (methods keep their ID)
    ];
    assert_eq!(tl_types::LAYER, 230);
    let request = functions::InvokeWithLayer {
        layer: tl_types::LAYER,
        query: functions::help::GetConfig,
    };
    check(&request, &bytes);
    assert_eq!(reencode_function(&bytes), Some(Ok(bytes.to_vec())));

    // invokeWithoutUpdates#bf9459b7 {X:Type} query:!X = X; around it.
    let wrapped = cat(&[&[0xb7, 0x59, 0x94, 0xbf], &bytes]);
    check(
        &functions::InvokeWithoutUpdates { query: request },
        &wrapped,
    );
    // A different query ID is reported with the method's name.
    let mut bad = bytes;
    bad[8] = 0x6c;
    assert!(matches!(
        functions::InvokeWithLayer::<functions::help::GetConfig>::from_bytes(&bad),
        Err(DecodeError::UnknownConstructor {
            id: 0xc4f9_186c,
            offset: 8,
            ..
        })
    ));
}

#[test]
fn bool_fields() {
    // messageActionNoForwardsToggle#bf7d6572 prev_value:Bool new_value:Bool = MessageAction;
    let bytes = [
        0x72, 0x65, 0x7d, 0xbf, // messageActionNoForwardsToggle#bf7d6572
        0xb5, 0x75, 0x72, 0x99, // prev_value = boolTrue#997275b5
        0x37, 0x97, 0x79, 0xbc, // new_value = boolFalse#bc799737
    ];
    let action =
        enums::MessageAction::MessageActionNoForwardsToggle(types::MessageActionNoForwardsToggle {
            prev_value: true,
            new_value: false,
        });
    check(&action, &bytes);
    // Anything else where a Bool belongs is an unknown constructor of Bool.
    let mut bad = bytes;
    bad[8..12].copy_from_slice(&[0x39, 0xd3, 0xed, 0x3f]); // true#3fedd339, not a Bool
    assert_eq!(
        enums::MessageAction::from_bytes(&bad),
        Err(DecodeError::UnknownConstructor {
            id: 0x3fed_d339,
            expected: "Bool",
            offset: 8
        })
    );
}

#[test]
fn int128_and_a_boxed_vector_in_res_pq() {
    // resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes
    //   server_public_key_fingerprints:Vector<long> = ResPQ;
    let bytes = [
        0x63, 0x24, 0x16, 0x05, // resPQ#05162463
        // nonce: 16 raw bytes, no length
        0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, //
        0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec, 0xe2, 0xfc, //
        // server_nonce
        0xa5, 0xcf, 0x4d, 0x33, 0xf4, 0xa1, 0x1e, 0xa8, //
        0x77, 0xba, 0x4a, 0xa5, 0x73, 0x90, 0x73, 0x30, //
        // pq: 8 bytes
        0x08, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81, //
        0x00, 0x00, 0x00, // 1 + 8 = 9 → 3 bytes of padding
        0x15, 0xc4, 0xb5, 0x1c, // vector#1cb5c415
        0x01, 0x00, 0x00, 0x00, // 1 element
        0x21, 0x6b, 0xe8, 0x6c, 0x02, 0x2b, 0xb4, 0xc3, // 0xc3b42b026ce86b21
    ];
    let res_pq = mt_enums::ResPq::ResPq(Box::new(mt_types::ResPq {
        nonce: [
            0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, 0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec,
            0xe2, 0xfc,
        ],
        server_nonce: [
            0xa5, 0xcf, 0x4d, 0x33, 0xf4, 0xa1, 0x1e, 0xa8, 0x77, 0xba, 0x4a, 0xa5, 0x73, 0x90,
            0x73, 0x30,
        ],
        pq: vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81],
        server_public_key_fingerprints: vec![0xc3b4_2b02_6ce8_6b21_u64 as i64],
    }));
    check(&res_pq, &bytes);

    // req_pq_multi#be7e8ef1 nonce:int128 = ResPQ;
    let request = cat(&[&[0xf1, 0x8e, 0x7e, 0xbe], &bytes[4..20]]);
    let nonce = match &res_pq {
        mt_enums::ResPq::ResPq(value) => value.nonce,
    };
    check(
        &tl_methods::mtproto::functions::ReqPqMulti { nonce },
        &request,
    );
    assert_eq!(reencode_function(&request), Some(Ok(request.clone())));
}
