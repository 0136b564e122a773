//! The receive path on arbitrary bytes: `rpc_result`, `msg_container`,
//! `gzip_packed` and `RemoteCall::decode_response` never panic, inflate to
//! at most the limit, and what they accept encodes back (exactly for
//! `rpc_result` and `msg_container`, whose encodings are canonical; to an
//! equal value for `gzip_packed`). Shared by the `decode_envelopes` target
//! and `tests/tests/smoke_fuzz.rs`.

use tl_methods::RemoteCall;
use tl_types::envelope::unpacked_with_limit;
use tl_types::mtproto::types::{GzipPacked, MsgContainer, RpcResult};
use tl_types::{Deserializable, Object, Serializable};

/// The unpacked-size limit used here (small, so that inputs stay quick).
pub const LIMIT: usize = 1 << 20;

/// What the checks accepted, for the smoke test's counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Accepted {
    pub rpc_result: bool,
    pub container: bool,
    pub gzip: bool,
    pub unpacked: bool,
    pub response_value: bool,
    pub response_error: bool,
}

/// Runs every check on `data`; panics on a broken property.
pub fn check_envelopes(data: &[u8]) -> Accepted {
    let mut accepted = Accepted::default();
    if let Ok(result) = RpcResult::from_bytes(data) {
        assert_eq!(result.to_bytes(), data, "rpc_result re-encodes exactly");
        body(&result.result, &mut accepted);
        accepted.rpc_result = true;
    }
    if let Ok(container) = MsgContainer::from_bytes(data) {
        assert_eq!(
            container.to_bytes(),
            data,
            "msg_container re-encodes exactly"
        );
        for message in &container.messages {
            assert_ne!(message.body.constructor_id(), MsgContainer::ID);
            body(&message.body, &mut accepted);
        }
        accepted.container = true;
    }
    if let Ok(packed) = GzipPacked::from_bytes(data) {
        assert_eq!(
            GzipPacked::from_bytes(&packed.to_bytes()).as_ref(),
            Ok(&packed)
        );
        if let Ok(unpacked) = packed.unpack_with_limit(LIMIT) {
            assert!(unpacked.len() <= LIMIT && unpacked.len() >= 4);
            assert_ne!(unpacked.get(..4), Some(&GzipPacked::ID.to_le_bytes()[..]));
        }
        accepted.gzip = true;
    }
    if let Ok(unpacked) = unpacked_with_limit(data, LIMIT) {
        assert!(unpacked.len() <= LIMIT.max(data.len()));
        accepted.unpacked = true;
    }
    response(data, &mut accepted);
    accepted
}

fn body(object: &Object, accepted: &mut Accepted) {
    let _ = object.unpacked();
    response(object.as_bytes(), accepted);
}

/// `decode_response` of a few methods with different return types.
fn response(data: &[u8], accepted: &mut Accepted) {
    use tl_methods::functions::{contacts, messages};
    use tl_methods::mtproto::functions::Ping;
    use tl_methods::ResponseError;
    fn note<T, E>(result: Result<T, ResponseError<E>>, accepted: &mut Accepted) {
        match result {
            Ok(_) => accepted.response_value = true,
            Err(ResponseError::Rpc(_)) => accepted.response_error = true,
            Err(ResponseError::Decode(err)) => {
                let _ = err.to_string();
            }
        }
    }
    note(Ping::decode_response(data), accepted);
    note(messages::ImportChatInvite::decode_response(data), accepted);
    note(contacts::GetContactIDs::decode_response(data), accepted);
}

trait Id {
    const ID: u32;
}
impl<T: tl_types::Identifiable> Id for T {
    const ID: u32 = T::CONSTRUCTOR_ID;
}

/// `updatesTooLong` compressed by gzip (mtime 0).
const GZIP_UPDATES_TOO_LONG: [u8; 24] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x5b, 0x2f, 0xfe, 0x18, 0x00,
    0xba, 0x25, 0x00, 0x44, 0x04, 0x00, 0x00, 0x00,
];
/// `rpc_error 420 "FLOOD_WAIT_3"` compressed by gzip (mtime 0).
const GZIP_FLOOD_WAIT: [u8; 44] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x93, 0x3c, 0xe5, 0xa2, 0xb8, 0x84,
    0x91, 0x81, 0x81, 0xc7, 0xcd, 0xc7, 0xdf, 0xdf, 0x25, 0x3e, 0xdc, 0xd1, 0x33, 0x24, 0xde, 0x98,
    0x81, 0x81, 0x01, 0x00, 0x42, 0x60, 0xb2, 0x25, 0x18, 0x00, 0x00, 0x00,
];

/// Seed inputs: each envelope around values, errors and compressed data.
pub fn seeds() -> Vec<Vec<u8>> {
    let object = |bytes: Vec<u8>| Object::new(bytes).unwrap_or_else(|e| panic!("seed: {e}"));
    let updates_too_long = 0xe317_af7e_u32.to_le_bytes().to_vec();
    let mut flood = 0x2144_ca19_u32.to_le_bytes().to_vec();
    flood.extend_from_slice(&420_i32.to_le_bytes());
    tl_types::write_string(&mut flood, "FLOOD_WAIT_3");
    let mut pong = 0x3477_73c5_u32.to_le_bytes().to_vec();
    pong.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
    let mut ids = 0x1cb5_c415_u32.to_le_bytes().to_vec();
    ids.extend_from_slice(&[2, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0]);
    let packed_updates = GzipPacked {
        packed_data: GZIP_UPDATES_TOO_LONG.to_vec(),
    }
    .to_bytes();
    let packed_flood = GzipPacked {
        packed_data: GZIP_FLOOD_WAIT.to_vec(),
    }
    .to_bytes();
    let bodies = [
        updates_too_long,
        flood,
        pong,
        ids,
        packed_updates,
        packed_flood,
    ];
    let mut seeds: Vec<Vec<u8>> = bodies.to_vec();
    for (i, body) in bodies.iter().enumerate() {
        seeds.push(
            RpcResult {
                req_msg_id: i as i64 + 1,
                result: object(body.clone()),
            }
            .to_bytes(),
        );
    }
    let messages = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| tl_types::mtproto::types::Message {
            msg_id: 0x6000_0000_0000_0000 + 4 * i as i64,
            seqno: i as i32,
            body: object(
                RpcResult {
                    req_msg_id: i as i64,
                    result: object(body.clone()),
                }
                .to_bytes(),
            ),
        })
        .collect();
    seeds.push(MsgContainer { messages }.to_bytes());
    seeds
}
