//! The receive path: hand-built wire vectors of the MTProto envelopes
//! (`rpc_result`, `msg_container`/`message`, `gzip_packed`), their
//! rejections (with offsets and reasons), and `RemoteCall::decode_response`
//! for every known error of every method (schema/errors.tsv) through an
//! `rpc_error`, plain and inside `gzip_packed`, plus success values.

#[rustfmt::skip]
#[path = "support/response_dispatch.rs"]
mod response_dispatch;

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use response_dispatch::Response;
use tl_methods::functions::messages::ImportChatInvite;
use tl_methods::mtproto::functions::Ping;
use tl_methods::{RemoteCall, ResponseError};
use tl_tests::hex;
use tl_types::envelope::{gunzip, unpacked_with_limit, MAX_UNPACKED};
use tl_types::mtproto::types::{GzipPacked, Message, MsgContainer, Pong, RpcResult};
use tl_types::{
    enums, name_for_id, DecodeError, Deserializable, Identifiable, Object, Serializable,
};

/// Concatenates pieces of a hand-written encoding.
fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// `data` compressed by flate2's gzip encoder.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// The boxed `gzip_packed` of `data`.
fn packed(data: &[u8]) -> Vec<u8> {
    GzipPacked {
        packed_data: gzip(data),
    }
    .to_bytes()
}

/// A boxed mtproto `rpc_error`.
fn rpc_error(code: i32, message: &str) -> Vec<u8> {
    let mut out = Vec::new();
    tl_types::mtproto::types::RpcError {
        error_code: code,
        error_message: message.to_owned(),
    }
    .serialize_boxed(0x2144ca19, &mut out);
    out
}

const UPDATES_TOO_LONG: [u8; 4] = 0xe317af7e_u32.to_le_bytes();

fn malformed(err: DecodeError) -> (usize, &'static str) {
    match err {
        DecodeError::Malformed { offset, reason } => (offset, reason),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

// ------------------------------------------------------------ wire vectors

#[test]
fn rpc_result_wire_vector() {
    let bytes = cat(&[
        &[0x01, 0x6d, 0x5c, 0xf3],                         // rpc_result#f35c6d01
        &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], // req_msg_id:long 0x0102030405060708
        &UPDATES_TOO_LONG,                                 // result:Object = updatesTooLong
    ]);
    let value = RpcResult::from_bytes(&bytes).unwrap();
    assert_eq!(value.req_msg_id, 0x0102_0304_0506_0708);
    assert_eq!(value.result.constructor_id(), 0xe317af7e);
    assert_eq!(value.result.as_bytes(), UPDATES_TOO_LONG);
    assert_eq!(
        value.result.decode::<enums::Updates>(),
        Ok(enums::Updates::UpdatesTooLong)
    );
    assert_eq!(hex(&value.to_bytes()), hex(&bytes));
    assert_eq!(RpcResult::CONSTRUCTOR_ID, 0xf35c6d01);
    assert_eq!(name_for_id(0xf35c6d01), Some("rpc_result"));
    // `decode` rejects trailing bytes.
    let long = Object::new(cat(&[&UPDATES_TOO_LONG, &[0; 4]])).unwrap();
    assert_eq!(
        long.decode::<enums::Updates>(),
        Err(DecodeError::TrailingBytes {
            offset: 4,
            remaining: 4
        })
    );
}

#[test]
fn msg_container_wire_vector() {
    let pong = cat(&[
        &[0xc5, 0x73, 0x77, 0x34], // pong#347773c5
        &1_i64.to_le_bytes(),      // msg_id
        &2_i64.to_le_bytes(),      // ping_id
    ]);
    let bytes = cat(&[
        &[0xdc, 0xf8, 0xf1, 0x73],          // msg_container#73f1f8dc
        &[0x02, 0, 0, 0],                   // messages: bare vector, count 2
        &[0x01, 0x10, 0, 0, 0, 0, 0, 0x60], // msg_id:long 0x6000000000001001
        &[0x03, 0, 0, 0],                   // seqno:int 3
        &[0x14, 0, 0, 0],                   // bytes:int 20
        &pong,                              // body
        &[0x05, 0x10, 0, 0, 0, 0, 0, 0x60], // msg_id:long 0x6000000000001005
        &[0x04, 0, 0, 0],                   // seqno:int 4
        &[0x04, 0, 0, 0],                   // bytes:int 4
        &UPDATES_TOO_LONG,                  // body
    ]);
    let value = MsgContainer::from_bytes(&bytes).unwrap();
    let expected = MsgContainer {
        messages: vec![
            Message {
                msg_id: 0x6000_0000_0000_1001,
                seqno: 3,
                body: Object::new(pong.clone()).unwrap(),
            },
            Message {
                msg_id: 0x6000_0000_0000_1005,
                seqno: 4,
                body: Object::new(UPDATES_TOO_LONG.to_vec()).unwrap(),
            },
        ],
    };
    assert_eq!(value, expected);
    assert_eq!(hex(&expected.to_bytes()), hex(&bytes));
    assert_eq!(
        value.messages[0]
            .body
            .decode::<tl_types::mtproto::enums::Pong>(),
        Ok(tl_types::mtproto::enums::Pong::Pong(Pong {
            msg_id: 1,
            ping_id: 2
        }))
    );
    assert_eq!(MsgContainer::CONSTRUCTOR_ID, 0x73f1f8dc);
    assert_eq!(name_for_id(0x73f1f8dc), Some("msg_container"));
}

#[test]
fn gzip_packed_wire_vector() {
    let data = gzip(&UPDATES_TOO_LONG);
    assert!(data.len() < 254);
    let padding = vec![0u8; (4 - (1 + data.len()) % 4) % 4];
    let bytes = cat(&[
        &[0xa1, 0xcf, 0x72, 0x30], // gzip_packed#3072cfa1
        &[data.len() as u8],       // packed_data:bytes, short length prefix
        &data,                     // the gzip stream
        &padding,                  // zero padding to a multiple of 4
    ]);
    assert_eq!(bytes.len() % 4, 0);
    let value = GzipPacked::from_bytes(&bytes).unwrap();
    assert_eq!(value.packed_data, data);
    assert_eq!(hex(&value.to_bytes()), hex(&bytes));
    assert_eq!(value.unpack().unwrap(), UPDATES_TOO_LONG);
    assert_eq!(GzipPacked::CONSTRUCTOR_ID, 0x3072cfa1);
    assert_eq!(name_for_id(0x3072cfa1), Some("gzip_packed"));
    // An Object holding it decodes through the gzip layer.
    let object = Object::new(bytes).unwrap();
    assert_eq!(
        object.decode_unpacked::<enums::Updates>(),
        Ok(enums::Updates::UpdatesTooLong)
    );
    assert_eq!(object.decode::<GzipPacked>(), Ok(value));
}

// --------------------------------------------------------------- rejections

#[test]
fn wrong_ids_and_short_input_are_errors_with_offsets() {
    assert!(matches!(
        RpcResult::from_bytes(&UPDATES_TOO_LONG),
        Err(DecodeError::UnknownConstructor {
            id: 0xe317af7e,
            offset: 0,
            ..
        })
    ));
    assert!(matches!(
        MsgContainer::from_bytes(&UPDATES_TOO_LONG),
        Err(DecodeError::UnknownConstructor { offset: 0, .. })
    ));
    assert!(matches!(
        GzipPacked::from_bytes(&UPDATES_TOO_LONG),
        Err(DecodeError::UnknownConstructor { offset: 0, .. })
    ));
    // rpc_result with no room for the result's constructor ID.
    let short = cat(&[&0xf35c6d01_u32.to_le_bytes(), &7_i64.to_le_bytes(), &[1, 2]]);
    assert_eq!(
        RpcResult::from_bytes(&short),
        Err(DecodeError::UnexpectedEnd {
            offset: 12,
            needed: 2
        })
    );
    assert_eq!(
        Object::new(vec![1, 2, 3]),
        Err(DecodeError::UnexpectedEnd {
            offset: 0,
            needed: 1
        })
    );
    for len in 0..4 {
        assert!(RpcResult::from_bytes(&[0x01, 0x6d, 0x5c, 0xf3][..len]).is_err());
    }
    // A container claiming more messages than the input can hold.
    let many = cat(&[&0x73f1f8dc_u32.to_le_bytes(), &1_000_000_i32.to_le_bytes()]);
    assert!(matches!(
        MsgContainer::from_bytes(&many),
        Err(DecodeError::VectorTooLong { offset: 4, .. })
    ));
}

fn container_with(len: i32, body: &[u8]) -> Vec<u8> {
    cat(&[
        &0x73f1f8dc_u32.to_le_bytes(),
        &1_i32.to_le_bytes(),
        &9_i64.to_le_bytes(),
        &1_i32.to_le_bytes(),
        &len.to_le_bytes(),
        body,
    ])
}

#[test]
fn message_lengths_are_checked() {
    let body = cat(&[&UPDATES_TOO_LONG, &UPDATES_TOO_LONG]);
    assert!(MsgContainer::from_bytes(&container_with(8, &body)).is_ok());
    for len in [-4, 0, 6] {
        let err = MsgContainer::from_bytes(&container_with(len, &body)).unwrap_err();
        assert_eq!(
            malformed(err),
            (20, "message length is not a positive multiple of 4"),
            "{len}"
        );
    }
    assert_eq!(
        MsgContainer::from_bytes(&container_with(12, &body)),
        Err(DecodeError::UnexpectedEnd {
            offset: 24,
            needed: 4
        })
    );
    assert_eq!(
        MsgContainer::from_bytes(&container_with(4, &body)),
        Err(DecodeError::TrailingBytes {
            offset: 28,
            remaining: 4
        })
    );
}

#[test]
fn nested_envelopes_are_rejected() {
    let inner = MsgContainer::default().to_bytes();
    let err = MsgContainer::from_bytes(&container_with(8, &inner)).unwrap_err();
    assert_eq!(malformed(err), (24, "msg_container inside msg_container"));

    let twice = packed(&packed(&UPDATES_TOO_LONG));
    let err = Ping::decode_response(&twice).unwrap_err();
    assert!(
        matches!(
            &err,
            ResponseError::Decode(DecodeError::Malformed {
                reason: "gzip_packed inside gzip_packed",
                offset: 4
            })
        ),
        "{err:?}"
    );
    let err = GzipPacked::from_bytes(&twice)
        .unwrap()
        .unpack()
        .unwrap_err();
    assert_eq!(malformed(err).1, "gzip_packed inside gzip_packed");
}

#[test]
fn bad_gzip_is_an_error_with_a_reason() {
    let data = gzip(&[7u8; 1000]);
    // Every truncation.
    for end in 0..data.len() {
        let err = gunzip(&data[..end], MAX_UNPACKED).unwrap_err();
        let (offset, reason) = malformed(err);
        assert_eq!(offset, 0);
        assert!(
            reason == "truncated gzip stream" || reason == "corrupt gzip stream",
            "{end}: {reason}"
        );
    }
    assert_eq!(
        malformed(gunzip(&data[..data.len() / 2], MAX_UNPACKED).unwrap_err()).1,
        "truncated gzip stream"
    );
    // A bad header, bad deflate data, a bad CRC.
    for at in [0, 3, 10, data.len() - 6] {
        let mut bad = data.clone();
        bad[at] ^= 0xff;
        let err = gunzip(&bad, MAX_UNPACKED).unwrap_err();
        assert!(
            matches!(err, DecodeError::Malformed { offset: 0, .. }),
            "{at}: {err}"
        );
    }
    // Bytes after the stream.
    let trailing = cat(&[&data, &[0]]);
    assert_eq!(
        malformed(gunzip(&trailing, MAX_UNPACKED).unwrap_err()).1,
        "data after the end of the gzip stream"
    );
    // The limit: exactly enough is fine, one byte less is not.
    assert_eq!(gunzip(&data, 1000).unwrap(), vec![7u8; 1000]);
    assert_eq!(
        gunzip(&data, 999),
        Err(DecodeError::UnpackedTooLarge {
            offset: 0,
            limit: 999
        })
    );
    let boxed = packed(&UPDATES_TOO_LONG.repeat(64));
    assert_eq!(
        unpacked_with_limit(&boxed, 100),
        Err(DecodeError::UnpackedTooLarge {
            offset: 4,
            limit: 100
        })
    );
    assert_eq!(
        GzipPacked::from_bytes(&boxed)
            .unwrap()
            .unpack_with_limit(256)
            .map(|v| v.len()),
        Ok(256)
    );
    // Empty content is not a boxed value.
    let empty = GzipPacked {
        packed_data: gzip(&[]),
    };
    assert_eq!(
        malformed(empty.unpack().unwrap_err()).1,
        "gzip_packed content shorter than a constructor ID"
    );
    // Displayed with offset and reason.
    let err = Ping::decode_response(&packed(&[1, 2])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the response could not be decoded: gzip_packed content shorter than a constructor ID at byte 4"
    );
    assert!(std::error::Error::source(&err).is_some());
}

// ----------------------------------------------------------- decode_response

#[test]
fn decode_response_values_plain_and_packed() {
    let pong = Pong {
        msg_id: 5,
        ping_id: 6,
    };
    let mut body = Vec::new();
    pong.serialize_boxed(Pong::CONSTRUCTOR_ID, &mut body);
    let expected = tl_types::mtproto::enums::Pong::Pong(pong);
    assert_eq!(Ping::decode_response(&body), Ok(expected.clone()));
    assert_eq!(Ping::decode_response(&packed(&body)), Ok(expected));

    let ok = cat(&[&0x445663a7_u32.to_le_bytes(), &UPDATES_TOO_LONG]);
    for body in [ok.clone(), packed(&ok)] {
        let value = ImportChatInvite::decode_response(&body).unwrap();
        assert!(matches!(
            value,
            enums::messages::ChatInviteJoinResult::ChatInviteJoinResultOk(_)
        ));
    }
    // Through an rpc_result, as a client receives it.
    let answer = RpcResult {
        req_msg_id: 77,
        result: Object::new(packed(&ok)).unwrap(),
    }
    .to_bytes();
    let rpc_result = RpcResult::from_bytes(&answer).unwrap();
    assert!(ImportChatInvite::decode_response(rpc_result.result.as_bytes()).is_ok());

    // Trailing bytes and the wrong type are decode errors.
    let trailing = cat(&[&ok, &[0; 4]]);
    assert_eq!(
        ImportChatInvite::decode_response(&trailing),
        Err(ResponseError::Decode(DecodeError::TrailingBytes {
            offset: 8,
            remaining: 4
        }))
    );
    assert!(matches!(
        Ping::decode_response(&UPDATES_TOO_LONG),
        Err(ResponseError::Decode(DecodeError::UnknownConstructor {
            offset: 0,
            ..
        }))
    ));
    // A vector and a Bool.
    for (method, body, value) in [
        (
            "account.updateStatus",
            0x997275b5_u32.to_le_bytes().to_vec(),
            "true",
        ),
        (
            "contacts.getContactIDs",
            cat(&[
                &0x1cb5c415_u32.to_le_bytes(),
                &1_i32.to_le_bytes(),
                &42_i32.to_le_bytes(),
            ]),
            "[42]",
        ),
    ] {
        for body in [body.clone(), packed(&body)] {
            let got = response_dispatch::decode_response(method, &body).unwrap();
            let Response::Value(text) = got else {
                panic!("{method}: {got:?}")
            };
            assert_eq!(text, value, "{method}");
        }
    }
}

#[test]
fn every_known_error_of_every_method_through_decode_response() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let facts = tl_gen::error_facts::parse_error_facts(
        &fs::read_to_string(schema.join("errors.tsv")).unwrap(),
        &fs::read_to_string(schema.join("availability.tsv")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for (method, method_facts) in &facts.methods {
        for error in &method_facts.errors {
            let (message, value) = match error.name.split_once("%d") {
                Some((before, after)) => (format!("{before}17{after}"), Some(17)),
                None => (error.name.clone(), None),
            };
            let plain = rpc_error(error.code, &message);
            for body in [packed(&plain), plain] {
                let got = response_dispatch::decode_response(method, &body)
                    .unwrap_or_else(|| panic!("{method} is not a generated method"));
                let context = format!("{method}: {} {}", error.code, error.name);
                let Response::Rpc {
                    code,
                    name,
                    value: got_value,
                    other,
                    ..
                } = got
                else {
                    panic!("{context}: {got:?}")
                };
                assert!(!other, "{context}: fell through to Other");
                assert_eq!(
                    (code, name.as_str(), got_value),
                    (error.code, error.name.as_str(), value),
                    "{context}"
                );
            }
            checked += 1;
        }
    }
    println!("{checked} errors checked, each plain and inside gzip_packed");
    assert_eq!(checked, facts.error_rows());
}

#[test]
fn every_method_decodes_common_and_unknown_errors_and_rejects_junk() {
    let flood = rpc_error(420, "FLOOD_WAIT_3");
    let unknown = packed(&rpc_error(400, "SOMETHING_NEW"));
    for method in response_dispatch::METHODS {
        let got = response_dispatch::decode_response(method, &flood).unwrap();
        assert!(
            matches!(
                &got,
                Response::Rpc {
                    code: 420,
                    common: true,
                    value: Some(3),
                    ..
                }
            ),
            "{method}: {got:?}"
        );
        let got = response_dispatch::decode_response(method, &unknown).unwrap();
        assert!(
            matches!(&got, Response::Rpc { other: true, .. }),
            "{method}: {got:?}"
        );
        for junk in [&[][..], &[1, 2], &UPDATES_TOO_LONG[..3]] {
            let got = response_dispatch::decode_response(method, junk).unwrap();
            assert!(
                matches!(
                    got,
                    Response::Decode(DecodeError::UnexpectedEnd { offset: 0, .. })
                ),
                "{method}: {got:?}"
            );
        }
    }
    assert!(response_dispatch::METHODS.len() > 850);
}

// ------------------------------------------------------------- Python gzip

#[test]
fn python_gzip_decodes_like_flate2() {
    let mut value = Vec::new();
    for i in 0..200_i32 {
        value.extend_from_slice(&i.to_le_bytes());
    }
    let body = cat(&[
        &0x1cb5c415_u32.to_le_bytes(),
        &200_i32.to_le_bytes(),
        &value,
    ]);
    let script =
        "import gzip, sys; sys.stdout.buffer.write(gzip.compress(bytes.fromhex(sys.argv[1])))";
    let hex_body: String = body.iter().map(|b| format!("{b:02x}")).collect();
    let output = match std::process::Command::new("python3")
        .args(["-c", script, &hex_body])
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            println!("skipped: python3 is not available ({err})");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_python = output.stdout;
    assert_eq!(&from_python[..2], &[0x1f, 0x8b], "a gzip stream");
    assert_eq!(gunzip(&from_python, MAX_UNPACKED).unwrap(), body);
    let python_packed = GzipPacked {
        packed_data: from_python,
    }
    .to_bytes();
    let ours = response_dispatch::decode_response("contacts.getContactIDs", &packed(&body));
    let theirs = response_dispatch::decode_response("contacts.getContactIDs", &python_packed);
    assert!(matches!(ours, Some(Response::Value(_))), "{ours:?}");
    assert_eq!(ours, theirs);
    println!(
        "python3's gzip: {} bytes, decoded like flate2's",
        python_packed.len()
    );
}
