//! A downstream crate that names every path of the public API (DESIGN.md,
//! "Public API") exactly as written there, so that a path that stops
//! resolving, or a signature that changes, fails the build of this crate.
//!
//! TL-JSON / dynamic values are part of the design but not built yet; their
//! paths are added here as they land.

#![forbid(unsafe_code)]

use std::error::Error;
use std::fmt::Display;

// tl-types
pub use tl_types::enums::messages::ChatInviteJoinResult;
pub use tl_types::enums::Updates;
pub use tl_types::mtproto::types::{GzipPacked, Message, MsgContainer, RpcResult};
pub use tl_types::types::messages::ChatInviteJoinResultOk;
pub use tl_types::types::UpdatesTooLong;
pub use tl_types::Object;
pub use tl_types::{name_for_id, DecodeError, Deserializable, Identifiable, Reader, Serializable};
pub use tl_types::{types, LAYER};

// tl-methods
pub use tl_methods::errors::messages::ImportChatInviteError;
pub use tl_methods::errors::CommonError;
pub use tl_methods::functions::messages::ImportChatInvite;
pub use tl_methods::{RemoteCall, ResponseError, RpcError};

/// The signatures the design promises, checked by the compiler.
pub fn signatures() {
    let _: i32 = LAYER;
    let _: fn(u32) -> Option<&'static str> = name_for_id;
    let _: u32 = <UpdatesTooLong as Identifiable>::CONSTRUCTOR_ID;

    fn serializable<T: Serializable>(value: &T) -> Vec<u8> {
        let mut out = Vec::new();
        value.serialize(&mut out);
        assert_eq!(out, value.to_bytes());
        out
    }
    fn deserializable<T: Deserializable>(bytes: &[u8]) -> Result<T, DecodeError> {
        let mut reader = Reader::new(bytes);
        let _ = T::deserialize(&mut reader);
        T::from_bytes(bytes)
    }
    fn remote_call<R: RemoteCall>(request: &R) -> Vec<u8>
    where
        R::Error: From<RpcError> + Error,
    {
        serializable(request)
    }
    fn error_enum<E: From<RpcError> + Error + Display>(
        code: fn(&E) -> i32,
        name: fn(&E) -> &str,
        value: fn(&E) -> Option<u32>,
    ) -> (i32, String, Option<u32>) {
        let err = E::from(RpcError::new(420, "FLOOD_WAIT_17"));
        (code(&err), name(&err).to_owned(), value(&err))
    }

    let request = ImportChatInvite {
        hash: "AbCdEf".to_owned(),
    };
    let _ = remote_call(&request);
    let _: Result<<ImportChatInvite as RemoteCall>::Return, _> =
        deserializable::<ChatInviteJoinResult>(&[]);
    let _ = deserializable::<Updates>(&[]);
    let (code, name, value) = error_enum::<ImportChatInviteError>(
        ImportChatInviteError::code,
        ImportChatInviteError::name,
        ImportChatInviteError::value,
    );
    assert_eq!(
        (code, name.as_str(), value),
        (420, "FLOOD_WAIT_%d", Some(17))
    );
    let rpc = RpcError {
        code: 400,
        message: "INVITE_HASH_EXPIRED".to_owned(),
    };
    assert!(matches!(
        ImportChatInviteError::from(rpc),
        ImportChatInviteError::InviteHashExpired
    ));
    assert!(matches!(
        ImportChatInviteError::from(RpcError::new(420, "FLOOD_WAIT_3")),
        ImportChatInviteError::Common(CommonError::FloodWait { seconds: 3, .. })
    ));
    assert!(matches!(
        ImportChatInviteError::from(RpcError::new(400, "SOMETHING_NEW")),
        ImportChatInviteError::Other(_)
    ));
    let _: &dyn Error = &CommonError::Internal {
        message: String::new(),
    };
    receive_path();
}

/// The receive path: envelopes, [`Object`] and `decode_response`.
pub fn receive_path() {
    let object: Object = Object::new(vec![0x7e, 0xaf, 0x17, 0xe3]).unwrap();
    let _: &[u8] = object.as_bytes();
    let _: u32 = object.constructor_id();
    let _: Result<Updates, DecodeError> = object.decode::<Updates>();
    let result = RpcResult {
        req_msg_id: 1,
        result: object.clone(),
    };
    let _: (i64, &Object) = (result.req_msg_id, &result.result);
    let container = MsgContainer {
        messages: vec![Message {
            msg_id: 2,
            seqno: 1,
            body: object,
        }],
    };
    let _: (i64, i32, &Object) = (
        container.messages[0].msg_id,
        container.messages[0].seqno,
        &container.messages[0].body,
    );
    let packed = GzipPacked {
        packed_data: Vec::new(),
    };
    let _: &Vec<u8> = &packed.packed_data;
    let _ = (
        RpcResult::from_bytes(&[]),
        MsgContainer::from_bytes(&[]),
        GzipPacked::from_bytes(&[]),
    );
    let decoded: Result<ChatInviteJoinResult, ResponseError<ImportChatInviteError>> =
        ImportChatInvite::decode_response(result.result.as_bytes());
    match decoded {
        Ok(_) => {}
        Err(ResponseError::Rpc(err)) => {
            let _: &dyn Error = &ResponseError::<ImportChatInviteError>::Rpc(err);
        }
        Err(ResponseError::Decode(err)) => {
            let _: DecodeError = err;
        }
    }
}

/// TL-JSON and dynamic values: `tl_types::dynamic::decode`, `Value:
/// Display`, and with `serde` the TL-named (de)serialization of every
/// generated value and `Value: Serialize`.
pub fn dynamic_values(bytes: &[u8]) -> Result<String, DecodeError> {
    fn serialize<T: serde::Serialize>(_: &T) {}
    fn deserialize<T: serde::de::DeserializeOwned>() {}
    let value: tl_types::dynamic::Value = tl_types::dynamic::decode(bytes)?;
    let _: &dyn Display = &value;
    serialize(&value);
    serialize(&Updates::UpdatesTooLong);
    serialize(&UpdatesTooLong {});
    serialize(&ImportChatInvite {
        hash: String::new(),
    });
    deserialize::<Updates>();
    deserialize::<UpdatesTooLong>();
    deserialize::<ChatInviteJoinResultOk>();
    deserialize::<ImportChatInvite>();
    Ok(value.to_string())
}

/// `From<types::X>` for each variant's struct.
pub fn enums_from_structs(
    value: UpdatesTooLong,
    ok: ChatInviteJoinResultOk,
) -> (Updates, ChatInviteJoinResult) {
    (value.into(), ok.into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_public_api_behaves_as_documented() {
        super::signatures();
        let (updates, result) = super::enums_from_structs(
            super::UpdatesTooLong {},
            super::ChatInviteJoinResultOk {
                updates: super::Updates::UpdatesTooLong,
            },
        );
        assert_eq!(updates, super::Updates::UpdatesTooLong);
        assert!(matches!(
            result,
            super::ChatInviteJoinResult::ChatInviteJoinResultOk(_)
        ));
    }

    #[test]
    fn tl_json_and_dynamic_values() {
        use tl_types::Serializable;
        let bytes = super::Updates::UpdatesTooLong.to_bytes();
        assert_eq!(
            super::dynamic_values(&bytes).as_deref(),
            Ok("updatesTooLong")
        );
        let ok = super::ChatInviteJoinResultOk {
            updates: super::Updates::UpdatesTooLong,
        };
        let json = serde_json::to_string(&super::ChatInviteJoinResult::from(ok)).unwrap();
        assert_eq!(
            json,
            r#"{"_":"messages.chatInviteJoinResultOk","updates":{"_":"updatesTooLong"}}"#
        );
        let value =
            tl_types::dynamic::decode(&super::ImportChatInvite { hash: "h".into() }.to_bytes())
                .unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"_":"messages.importChatInvite","hash":"h"}"#
        );
    }
}
