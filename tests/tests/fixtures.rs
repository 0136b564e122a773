//! Every fixture's generated code, compiled into `tl_tests::fixtures` and
//! exercised: values round-trip through the codec, and a few encodings are
//! checked byte by byte.

use std::fmt::Debug;

use tl_methods::RemoteCall;
use tl_tests::fixtures::*;
use tl_types::{Deserializable, Identifiable, Serializable};

/// Encodes, decodes and encodes again; returns the bytes.
fn roundtrip<T: Serializable + Deserializable + PartialEq + Debug>(value: &T) -> Vec<u8> {
    let bytes = value.to_bytes();
    let decoded = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    assert_eq!(&decoded, value);
    assert_eq!(decoded.to_bytes(), bytes);
    bytes
}

fn words(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

#[test]
fn seed() {
    use seed::{enums, functions, types};
    let request = functions::messages::ImportChatInvite {
        hash: "AbCd".into(),
    };
    let bytes = roundtrip(&request);
    assert_eq!(
        bytes,
        [
            &0x6c50051c_u32.to_le_bytes()[..],
            &[4, b'A', b'b', b'C', b'd', 0, 0, 0]
        ]
        .concat()
    );
    let updates = enums::Updates::Updates(Box::new(types::Updates {
        updates: vec![enums::Update::UpdateConfig, enums::Update::UpdatePtsChanged],
        users: vec![enums::User::UserEmpty(types::UserEmpty { id: 7 })],
        chats: vec![enums::Chat::ChatEmpty(types::ChatEmpty { id: -1 })],
        date: 1_700_000_000,
        seq: 3,
    }));
    roundtrip(&updates);
    let short = enums::Updates::UpdateShort(types::UpdateShort {
        update: enums::Update::UpdateConfig,
        date: 1,
    });
    roundtrip(&short);
    assert!(
        std::any::TypeId::of::<<functions::messages::ImportChatInvite as RemoteCall>::Return>()
            == std::any::TypeId::of::<enums::Updates>()
    );
    // Every one of the seed's twelve errors is reachable.
    use seed::errors::messages::ImportChatInviteError as E;
    use tl_methods::{CommonError, RpcError};
    let expected = [
        (400, "CHANNEL_INVALID", E::ChannelInvalid),
        (400, "CHANNEL_PRIVATE", E::ChannelPrivate),
        (400, "CHANNELS_TOO_MUCH", E::ChannelsTooMuch),
        (400, "INVITE_HASH_EMPTY", E::InviteHashEmpty),
        (400, "INVITE_HASH_EXPIRED", E::InviteHashExpired),
        (400, "INVITE_HASH_INVALID", E::InviteHashInvalid),
        (400, "MSG_ID_INVALID", E::MsgIdInvalid),
        (400, "PEER_ID_INVALID", E::PeerIdInvalid),
        (400, "USER_ALREADY_PARTICIPANT", E::UserAlreadyParticipant),
        (400, "USERS_TOO_MUCH", E::UsersTooMuch),
        (
            406,
            "AUTH_KEY_DUPLICATED",
            E::Common(CommonError::AuthKeyDuplicated { code: 406 }),
        ),
        (
            401,
            "SESSION_PASSWORD_NEEDED",
            E::Common(CommonError::SessionPasswordNeeded { code: 401 }),
        ),
    ];
    for (code, name, variant) in expected {
        let err = E::from(RpcError::new(code, name));
        assert_eq!(err, variant);
        assert_eq!((err.code(), err.name(), err.value()), (code, name, None));
    }
}

#[test]
fn flags_and_flags2() {
    use flags::types::Settings;
    let none = Settings {
        small: None,
        name: None,
        big: None,
        tags: None,
    };
    assert_eq!(roundtrip(&none), words(&[0, 0]));
    let all = Settings {
        small: Some(5),
        name: Some("n".into()),
        big: Some(9),
        tags: Some(vec!["t".into()]),
    };
    let bytes = roundtrip(&all);
    // flags = bit 0 | bit 31, then small, name; flags2 = bit 0 | bit 5, then big, tags.
    let mut expected = words(&[1 | 1 << 31, 5]);
    expected.extend([1, b'n', 0, 0]);
    expected.extend(words(&[1 | 1 << 5, 9, 0, 0x1cb5c415, 1]));
    expected.extend([1, b't', 0, 0]);
    assert_eq!(bytes, expected);
}

#[test]
fn true_flags() {
    use true_flags::{functions::SetOptions, types::Options};
    let value = Options {
        silent: true,
        noforwards: true,
        id: 3,
    };
    assert_eq!(roundtrip(&value), words(&[1 | 1 << 5, 3]));
    assert_eq!(
        roundtrip(&Options {
            silent: false,
            noforwards: true,
            id: 3
        }),
        words(&[1 << 5, 3])
    );
    let request = SetOptions {
        silent: true,
        id: 1,
    };
    assert_eq!(
        roundtrip(&request),
        words(&[SetOptions::CONSTRUCTOR_ID, 1, 1])
    );
}

#[test]
fn shared_bits() {
    use shared_bits::types::{
        Password, PasswordCurrentAlgoAndSrpBAndSrpId, PasswordViewsAndForwards,
    };
    let with = Password {
        current_algo_and_srp_b_and_srp_id: Some(PasswordCurrentAlgoAndSrpBAndSrpId {
            current_algo: 1,
            srp_b: vec![2],
            srp_id: 3,
        }),
        hint: None,
        views_and_forwards: Some(PasswordViewsAndForwards {
            views: 4,
            forwards: 5,
        }),
    };
    assert!(with.has_password());
    let bytes = roundtrip(&with);
    let mut expected = words(&[1 << 2 | 1 << 4, 1]);
    expected.extend([1, 2, 0, 0]);
    expected.extend(words(&[3, 0, 4, 5]));
    assert_eq!(bytes, expected);
    let without = Password {
        current_algo_and_srp_b_and_srp_id: None,
        hint: Some("h".into()),
        views_and_forwards: None,
    };
    assert!(!without.has_password());
    roundtrip(&without);
    // A bit that says "present" must bring every parameter of the group.
    assert!(Password::from_bytes(&words(&[1 << 4, 4])).is_err());
    let request = shared_bits::functions::Check {
        peer_and_msg_id: Some(shared_bits::functions::CheckPeerAndMsgId { peer: 1, msg_id: 2 }),
    };
    roundtrip(&request);
}

#[test]
fn generics() {
    use generics::functions::{GetConfig, InvokeWithLayer};
    let request = InvokeWithLayer {
        layer: 230,
        query: GetConfig,
    };
    let bytes = roundtrip(&request);
    assert_eq!(bytes, words(&[0xda9b0d0d, 230, GetConfig::CONSTRUCTOR_ID]));
    fn returns<R: RemoteCall>(_: &R) -> std::any::TypeId
    where
        R::Return: 'static,
    {
        std::any::TypeId::of::<R::Return>()
    }
    assert_eq!(
        returns(&request),
        std::any::TypeId::of::<generics::enums::Config>()
    );
}

#[test]
fn recursive() {
    use recursive::{enums::RichText, enums::TreeNode as Tree, types};
    let text = RichText::TextBold(types::TextBold {
        text: Box::new(RichText::TextConcat(types::TextConcat {
            texts: vec![RichText::TextPlain(types::TextPlain { text: "a".into() })],
        })),
    });
    roundtrip(&text);
    let tree = Tree::TreeNode(types::TreeNode {
        value: 1,
        left: Some(Box::new(Tree::TreeNode(types::TreeNode {
            value: 2,
            left: None,
            right: None,
        }))),
        right: None,
    });
    roundtrip(&tree);
    roundtrip(&types::Page { title: text });
}

#[test]
fn nested_vectors() {
    use nested_vectors::{functions::GetMatrices, types::Matrix};
    let value = Matrix {
        rows: vec![vec![1, 2], vec![]],
        cells: vec![vec!["x".into()]],
        blobs: vec![vec![0xff; 300]],
    };
    roundtrip(&value);
    let empty = Matrix {
        rows: vec![],
        cells: vec![],
        blobs: vec![],
    };
    assert_eq!(
        roundtrip(&empty),
        words(&[0x1cb5c415, 0, 0x1cb5c415, 0, 0x1cb5c415, 0])
    );
    roundtrip(&GetMatrices { ids: vec![1, -1] });
}

#[test]
fn bare_and_boxed() {
    use bare_boxed::{enums, types};
    let salt = types::Salt {
        valid_since: 1,
        value: 2,
    };
    let value = types::Salts {
        bare: vec![salt.clone()],
        boxed: vec![enums::Salt::Salt(salt.clone())],
        one: salt.clone(),
        marked: salt.clone(),
        any: salt.clone().into(),
    };
    let bytes = roundtrip(&value);
    let id = types::Salt::CONSTRUCTOR_ID;
    // bare vector: count only, bare elements; boxed vector: ID, count, boxed elements.
    let expected = words(&[
        1, 1, 2, 0, 0x1cb5c415, 1, id, 1, 2, 0, 1, 2, 0, 1, 2, 0, id, 1, 2, 0,
    ]);
    assert_eq!(bytes, expected);
}

#[test]
fn namespaces_two_deep() {
    use namespaces::{enums, functions, types};
    let item = enums::a::b::Item::Item(types::a::b::Item { x: 1 });
    let root = types::Root {
        top: enums::a::Top::Top(types::a::Top { item }),
    };
    roundtrip(&root);
    roundtrip(&functions::a::b::GetItem { x: 2 });
    roundtrip(&functions::a::GetTop);
}

#[test]
fn keywords() {
    use keywords::{enums, functions, types};
    let value = types::r#type::Match {
        r#type: 1,
        r#fn: "f".into(),
        self_: 2,
        r#async: true,
    };
    roundtrip(&value);
    roundtrip(&types::TlOption { value: 1 });
    roundtrip(&types::Crate { super_: 1 });
    roundtrip(&functions::r#type::Loop { r#in: 3 });
    let _: enums::r#type::Match = value.into();
}

#[test]
fn name_collisions() {
    use name_collisions::{enums, types};
    let first = enums::Thing::FooBar(types::FooBar { a: 1 });
    let second = enums::Thing::FooBarX2c0f8c3f(types::FooBarX2c0f8c3f { b: 2 });
    assert_ne!(first.constructor_id(), second.constructor_id());
    roundtrip(&first);
    roundtrip(&second);
    roundtrip(&types::Pair {
        srp_b: 1,
        srp_b_1: 2,
    });
}

#[test]
fn error_names_method() {
    use error_names::functions::upload::SaveFilePart;
    roundtrip(&SaveFilePart { file_id: 9 });
    let ok = error_names::enums::TlOk::TlOk;
    roundtrip(&ok);
}
