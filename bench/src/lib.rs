//! Inputs for the codec benchmarks of `tl-types`/`tl-methods` against
//! grammers-tl-types 0.11.0 (same layer, 230); see `BENCHMARKS.md`.
//!
//! Every input is built deterministically, field by field, with this
//! workspace's types, so both codecs are fed the same bytes:
//!
//! - [`messages_messages`]: a `messages.messages` with [`MESSAGES`] messages
//!   (text with entities on all of them, a photo on every second one, an
//!   inline keyboard on every fourth, replies, forwards, channel views), plus
//!   [`USERS`] users and [`CHATS`] chats (half basic groups, half channels);
//! - [`updates_batch`]: an `updates` with [`UPDATES`] mixed updates (new,
//!   edited and deleted messages in private chats, groups and channels, read
//!   history, user status, typing, pinned messages, …) with their users and
//!   chats;
//! - [`import_chat_invite`]: the small request `messages.importChatInvite`.
//!
//! The module `peer` (with the `grammers` feature, and in this crate's tests)
//! decodes the bytes with grammers-tl-types and re-encodes them, to check that
//! both codecs agree byte for byte before anything is timed.

pub mod tiny_input;

use tl_methods::functions::messages::ImportChatInvite;
use tl_types::{enums, types, Serializable};

/// Messages in [`messages_messages`].
pub const MESSAGES: usize = 100;
/// Users in [`messages_messages`].
pub const USERS: usize = 50;
/// Chats in [`messages_messages`] (the first half basic groups, the rest channels).
pub const CHATS: usize = 20;
/// Updates in [`updates_batch`].
pub const UPDATES: usize = 50;
/// The `hash` of [`import_chat_invite`].
pub const INVITE_HASH: &str = "AAAAAEHbEkejzxUjAUCqGw";

/// The seed of every input: change it and every benchmark input changes.
const SEED: u64 = 0x7e1e_67a3_2300_0001;
/// First date used (2023-11-14).
const DATE: i32 = 1_700_000_000;

/// The inputs' generator: the workspace's SplitMix64 (`tl_rng`), one
/// stream per input, so the inputs are the same on every machine and in
/// every run (`src/tiny_input.rs` pins the bytes of one of them).
struct Rng(tl_rng::Rng);

impl Rng {
    fn new(stream: u64) -> Self {
        Rng(tl_rng::Rng::from_state(
            SEED ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        ))
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0.below_u64(n)
    }

    /// An `int` in `lo..hi`.
    fn int(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo) as u64) as i32
    }

    fn long(&mut self) -> i64 {
        self.0.next_u64() as i64
    }

    /// `n` random bytes, one draw each.
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.0.byte()).collect()
    }

    /// `lo` to `hi - 1` random bytes.
    fn bytes_upto(&mut self, lo: usize, hi: usize) -> Vec<u8> {
        let n = lo + self.below((hi - lo) as u64) as usize;
        self.bytes(n)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.0.one_in(one_in)
    }
}

fn user_id(i: usize) -> i64 {
    // Above 2^32 like today's user IDs.
    6_000_000_000 + i as i64 * 7_919
}

fn chat_id(i: usize) -> i64 {
    4_000_000 + i as i64 * 31
}

fn channel_id(i: usize) -> i64 {
    1_900_000_000 + i as i64 * 101
}

/// Chat `i` of [`CHATS`]: a basic group for the first half, a channel after.
fn chat_peer(i: usize) -> enums::Peer {
    let i = i % CHATS;
    if i < CHATS / 2 {
        enums::Peer::from(types::PeerChat {
            chat_id: chat_id(i),
        })
    } else {
        enums::Peer::from(types::PeerChannel {
            channel_id: channel_id(i),
        })
    }
}

fn user_peer(i: usize) -> enums::Peer {
    enums::Peer::from(types::PeerUser {
        user_id: user_id(i % USERS),
    })
}

const WORDS: &[&str] = &[
    "the",
    "release",
    "is",
    "out",
    "see",
    "changelog",
    "привет",
    "мир",
    "layer",
    "230",
    "🙂",
    "schema",
    "日本語",
    "codec",
    "https://example.org/notes",
    "@someone",
    "#news",
    "tomorrow",
    "at",
    "10:00",
    "café",
    "benchmarks",
];

/// A message text of 4 to 39 words and its entities (offsets and lengths in
/// UTF-16 code units, as Telegram counts them).
fn text(rng: &mut Rng) -> (String, Vec<enums::MessageEntity>) {
    let words = 4 + rng.below(36) as usize;
    let mut message = String::new();
    let mut entities = Vec::new();
    let mut offset = 0i32;
    for n in 0..words {
        if n > 0 {
            message.push(' ');
            offset += 1;
        }
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        let length = word.encode_utf16().count() as i32;
        message.push_str(word);
        if rng.chance(5) || n == 0 {
            let entity = match rng.below(8) {
                0 => enums::MessageEntity::from(types::MessageEntityBold { offset, length }),
                1 => enums::MessageEntity::from(types::MessageEntityItalic { offset, length }),
                2 => enums::MessageEntity::from(types::MessageEntityUrl { offset, length }),
                3 => enums::MessageEntity::from(types::MessageEntityTextUrl {
                    offset,
                    length,
                    url: format!("https://example.com/article/{}", rng.below(100_000)),
                }),
                4 => enums::MessageEntity::from(types::MessageEntityMentionName {
                    offset,
                    length,
                    user_id: user_id(rng.below(USERS as u64) as usize),
                }),
                5 => enums::MessageEntity::from(types::MessageEntityCode { offset, length }),
                6 => enums::MessageEntity::from(types::MessageEntityPre {
                    offset,
                    length,
                    language: "rust".to_owned(),
                }),
                _ => enums::MessageEntity::from(types::MessageEntityCustomEmoji {
                    offset,
                    length,
                    document_id: rng.long(),
                }),
            };
            entities.push(entity);
        }
        offset += length;
    }
    (message, entities)
}

/// A photo with the three sizes a client usually receives: a stripped
/// thumbnail, a medium size and a progressive large size.
fn photo(rng: &mut Rng, date: i32) -> enums::Photo {
    let (w, h) = (1280, 720 + rng.int(0, 560));
    enums::Photo::from(types::Photo {
        has_stickers: rng.chance(10),
        id: rng.long(),
        access_hash: rng.long(),
        file_reference: rng.bytes(29),
        date,
        sizes: vec![
            enums::PhotoSize::from(types::PhotoStrippedSize {
                r#type: "i".to_owned(),
                bytes: rng.bytes_upto(120, 200),
            }),
            enums::PhotoSize::from(types::PhotoSize {
                r#type: "m".to_owned(),
                w: 320,
                h: h * 320 / w,
                size: rng.int(8_000, 30_000),
            }),
            enums::PhotoSize::from(types::PhotoSizeProgressive {
                r#type: "y".to_owned(),
                w,
                h,
                sizes: vec![
                    rng.int(5_000, 10_000),
                    rng.int(20_000, 40_000),
                    rng.int(60_000, 90_000),
                    rng.int(100_000, 150_000),
                    rng.int(160_000, 250_000),
                ],
            }),
        ],
        video_sizes: None,
        dc_id: rng.int(1, 6),
    })
}

fn button(text: &str, r#type: enums::InlineButtonType) -> enums::KeyboardInlineButton {
    enums::KeyboardInlineButton::from(types::KeyboardInlineButton {
        style: None,
        text: text.to_owned(),
        r#type,
    })
}

/// An inline keyboard: a URL and a callback button, then a callback row.
fn reply_markup(rng: &mut Rng) -> enums::ReplyMarkup {
    let row =
        |buttons| enums::KeyboardInlineButtonRow::from(types::KeyboardInlineButtonRow { buttons });
    enums::ReplyMarkup::from(types::ReplyInlineMarkup {
        force_reply: false,
        rows: vec![
            row(vec![
                button(
                    "Open",
                    enums::InlineButtonType::from(types::InlineButtonTypeUrl {
                        url: format!("https://example.com/p/{}", rng.below(1_000_000)),
                    }),
                ),
                button(
                    "👍 Like",
                    enums::InlineButtonType::from(types::InlineButtonTypeCallback {
                        requires_password: false,
                        data: rng.bytes(16),
                    }),
                ),
            ]),
            row(vec![button(
                "Next page »",
                enums::InlineButtonType::from(types::InlineButtonTypeCallback {
                    requires_password: false,
                    data: b"page:2".to_vec(),
                }),
            )]),
        ],
    })
}

/// Message `id` in `peer_id` at `date`; what it carries depends on `i`:
/// entities always, a photo on even `i`, an inline keyboard when `i % 4 == 1`,
/// a reply when `i % 5 == 2`, a forward header when `i % 10 == 7`, views and
/// forwards in channels.
fn message(rng: &mut Rng, i: usize, id: i32, peer_id: enums::Peer, date: i32) -> enums::Message {
    let in_channel = matches!(peer_id, enums::Peer::PeerChannel(_));
    let (message, entities) = text(rng);
    let edited = rng.chance(6);
    enums::Message::from(types::Message {
        out: rng.chance(3),
        mentioned: rng.chance(7),
        media_unread: false,
        silent: rng.chance(9),
        post: in_channel && i % 3 == 0,
        from_scheduled: false,
        legacy: false,
        edit_hide: edited && rng.chance(2),
        pinned: i % 25 == 0,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: Some(user_peer(rng.below(USERS as u64) as usize)),
        from_boosts_applied: None,
        from_rank: None,
        peer_id,
        saved_peer_id: None,
        fwd_from: (i % 10 == 7).then(|| {
            enums::MessageFwdHeader::from(types::MessageFwdHeader {
                imported: false,
                saved_out: false,
                from_id: Some(user_peer(i + 3)),
                from_name: None,
                date: date - 86_400,
                channel_post: None,
                post_author: None,
                saved_from_peer_and_saved_from_msg_id: None,
                saved_from_id: None,
                saved_from_name: None,
                saved_date: None,
                psa_type: None,
            })
        }),
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: (i % 5 == 2).then(|| {
            enums::MessageReplyHeader::from(types::MessageReplyHeader {
                reply_to_scheduled: false,
                forum_topic: false,
                quote: false,
                reply_to_ephemeral: false,
                reply_to_msg_id: Some(id - 1 - rng.int(0, 5)),
                reply_to_peer_id: None,
                reply_from: None,
                reply_media: None,
                reply_to_top_id: None,
                quote_text: None,
                quote_entities: None,
                quote_offset: None,
                todo_item_id: None,
                poll_option: None,
            })
        }),
        date,
        message,
        media: (i % 2 == 0).then(|| {
            enums::MessageMedia::from(types::MessageMediaPhoto {
                spoiler: false,
                photo: Some(photo(rng, date)),
                ttl_seconds: None,
                video: None,
            })
        }),
        reply_markup: (i % 4 == 1).then(|| reply_markup(rng)),
        entities: Some(entities),
        views_and_forwards: in_channel.then(|| types::MessageViewsAndForwards {
            views: rng.int(100, 50_000),
            forwards: rng.int(0, 300),
        }),
        replies: None,
        edit_date: edited.then_some(date + rng.int(10, 3_600)),
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
    })
}

fn username(name: String) -> enums::Username {
    enums::Username::from(types::Username {
        editable: true,
        active: true,
        deletable: false,
        expired: false,
        username: name,
    })
}

const FIRST_NAMES: &[&str] = &["Alice", "Bob", "Дмитрий", "Zoë", "José", "美咲", "Omar"];
const LAST_NAMES: &[&str] = &["Smith", "Иванова", "Müller", "", "O'Brien", "田中"];

/// User `i`: every tenth one is a bot; most have a photo, a status and a
/// username; some a phone number.
fn user(rng: &mut Rng, i: usize) -> enums::User {
    let bot = i % 10 == 9;
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[i % LAST_NAMES.len()];
    let status = match rng.below(4) {
        0 => enums::UserStatus::from(types::UserStatusOnline {
            expires: DATE + rng.int(0, 300),
        }),
        1 => enums::UserStatus::from(types::UserStatusOffline {
            was_online: DATE - rng.int(0, 86_400),
        }),
        2 => enums::UserStatus::from(types::UserStatusRecently { by_me: false }),
        _ => enums::UserStatus::from(types::UserStatusLastWeek { by_me: false }),
    };
    enums::User::from(types::User {
        self_: i == 0,
        contact: i % 3 == 0,
        mutual_contact: i % 6 == 0,
        deleted: false,
        bot_chat_history: false,
        bot_nochats: bot && i % 20 == 19,
        verified: i % 17 == 0,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: i % 4 == 0,
        fake: false,
        bot_attach_menu: false,
        premium: i % 5 == 0,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: i % 2 == 1,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id: user_id(i),
        access_hash: Some(rng.long()),
        first_name: Some(first.to_owned()),
        last_name: (!last.is_empty()).then(|| last.to_owned()),
        username: (i % 3 != 2).then(|| format!("{}_{i}", first.to_lowercase())),
        phone: (i % 3 == 0 && !bot).then(|| format!("4479{:08}", rng.below(100_000_000))),
        photo: (i % 5 != 4).then(|| {
            enums::UserProfilePhoto::from(types::UserProfilePhoto {
                has_video: i % 11 == 0,
                personal: false,
                photo_id: rng.long(),
                stripped_thumb: Some(rng.bytes_upto(30, 70)),
                dc_id: rng.int(1, 6),
            })
        }),
        status: (!bot).then_some(status),
        bot_info_version: bot.then(|| rng.int(1, 40)),
        restriction_reason: None,
        bot_inline_placeholder: (bot && i % 20 == 9).then(|| "Search…".to_owned()),
        lang_code: (i % 4 == 1).then(|| "en".to_owned()),
        emoji_status: (i % 7 == 3).then(|| {
            enums::EmojiStatus::from(types::EmojiStatus {
                document_id: rng.long(),
                until: None,
            })
        }),
        usernames: None,
        stories_max_id: None,
        color: (i % 2 == 0).then(|| {
            enums::PeerColor::from(types::PeerColor {
                color: Some(rng.int(0, 7)),
                background_emoji_id: None,
            })
        }),
        profile_color: None,
        bot_active_users: bot.then(|| rng.int(10, 100_000)),
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

fn chat_photo(rng: &mut Rng) -> enums::ChatPhoto {
    enums::ChatPhoto::from(types::ChatPhoto {
        has_video: false,
        photo_id: rng.long(),
        stripped_thumb: Some(rng.bytes_upto(30, 70)),
        dc_id: rng.int(1, 6),
    })
}

fn banned_rights() -> enums::ChatBannedRights {
    enums::ChatBannedRights::from(types::ChatBannedRights {
        view_messages: false,
        send_messages: false,
        send_media: false,
        send_stickers: false,
        send_gifs: false,
        send_games: true,
        send_inline: true,
        embed_links: false,
        send_polls: true,
        change_info: true,
        invite_users: false,
        pin_messages: true,
        manage_topics: true,
        send_photos: false,
        send_videos: false,
        send_roundvideos: false,
        send_audios: false,
        send_voices: false,
        send_docs: false,
        send_plain: false,
        edit_rank: true,
        send_reactions: false,
        manage_linked_peers: true,
        until_date: i32::MAX,
    })
}

/// Chat `i`: a basic group for the first half of [`CHATS`], a channel
/// (broadcast or supergroup) after.
fn chat(rng: &mut Rng, i: usize) -> enums::Chat {
    if i < CHATS / 2 {
        enums::Chat::from(types::Chat {
            creator: i == 0,
            left: false,
            deactivated: false,
            call_active: false,
            call_not_empty: false,
            noforwards: false,
            id: chat_id(i),
            title: format!("Group {i}: weekend plans 🏕"),
            photo: chat_photo(rng),
            participants_count: rng.int(3, 200),
            date: DATE - rng.int(0, 30_000_000),
            version: rng.int(1, 50),
            migrated_to: None,
            admin_rights: None,
            default_banned_rights: Some(banned_rights()),
        })
    } else {
        let broadcast = i % 2 == 0;
        enums::Chat::from(types::Channel {
            creator: false,
            left: false,
            broadcast,
            verified: i % 5 == 0,
            megagroup: !broadcast,
            signatures: broadcast && i % 4 == 0,
            min: false,
            scam: false,
            has_link: i % 3 == 0,
            has_geo: false,
            slowmode_enabled: !broadcast && i % 3 == 1,
            call_active: false,
            call_not_empty: false,
            fake: false,
            gigagroup: false,
            noforwards: false,
            join_to_send: !broadcast,
            join_request: false,
            forum: !broadcast && i % 4 == 1,
            stories_hidden: false,
            stories_hidden_min: false,
            stories_unavailable: true,
            signature_profiles: false,
            autotranslation: false,
            broadcast_messages_allowed: false,
            monoforum: false,
            forum_tabs: false,
            id: channel_id(i),
            access_hash: Some(rng.long()),
            title: format!("Channel {i} — release notes"),
            username: (i % 3 != 0).then(|| format!("channel_{i}")),
            photo: chat_photo(rng),
            date: DATE - rng.int(0, 30_000_000),
            restriction_reason: None,
            admin_rights: None,
            banned_rights: None,
            default_banned_rights: (!broadcast).then(banned_rights),
            participants_count: Some(rng.int(100, 2_000_000)),
            usernames: (i % 5 == 1).then(|| {
                vec![
                    username(format!("channel_{i}")),
                    username(format!("channel_{i}_alt")),
                ]
            }),
            stories_max_id: None,
            color: Some(enums::PeerColor::from(types::PeerColor {
                color: Some(rng.int(0, 7)),
                background_emoji_id: (i % 3 == 2).then(|| rng.long()),
            })),
            profile_color: None,
            emoji_status: None,
            level: (i % 4 == 0).then(|| rng.int(1, 30)),
            subscription_until_date: None,
            bot_verification_icon: None,
            send_paid_messages_stars: None,
            linked_monoforum_id: None,
            linked_community_id: None,
        })
    }
}

/// `messages.messages` with [`MESSAGES`] messages, [`USERS`] users and
/// [`CHATS`] chats, as a boxed `messages.Messages`.
pub fn messages_messages() -> enums::messages::Messages {
    let mut rng = Rng::new(1);
    let messages = (0..MESSAGES)
        .map(|i| {
            // Newest first, as the server sends them; a third in private
            // chats, the rest spread over the groups and channels.
            let peer = if i % 3 == 0 {
                user_peer(i)
            } else {
                chat_peer(i)
            };
            let id = 200_000 - i as i32 * 3;
            let date = DATE - i as i32 * 97;
            message(&mut rng, i, id, peer, date)
        })
        .collect();
    let users = (0..USERS).map(|i| user(&mut rng, i)).collect();
    let chats = (0..CHATS).map(|i| chat(&mut rng, i)).collect();
    enums::messages::Messages::from(types::messages::Messages {
        messages,
        topics: Vec::new(),
        chats,
        users,
    })
}

fn message_ids(rng: &mut Rng) -> Vec<i32> {
    let n = 1 + rng.below(8) as usize;
    let start = rng.int(1_000, 100_000);
    (0..n).map(|k| start + k as i32 * 2).collect()
}

/// An `updates` with [`UPDATES`] mixed updates, the 10 users and 6 chats they
/// mention, a date and a seq, as a boxed `Updates`.
pub fn updates_batch() -> enums::Updates {
    let mut rng = Rng::new(2);
    let mut pts = 50_000;
    let mut next_pts = |count: i32| {
        pts += count;
        pts
    };
    let updates = (0..UPDATES)
        .map(|i| {
            let date = DATE + i as i32 * 3;
            let id = 300_000 + i as i32;
            // Private chats with users 0..10, groups 0..3, channels 10..13.
            let private = user_peer(i % 10);
            let group = chat_peer(i % 3);
            let channel = chat_peer(CHATS / 2 + i % 3);
            match i % 14 {
                0 | 7 => enums::Update::from(types::UpdateNewMessage {
                    message: message(&mut rng, i, id, private, date),
                    pts: next_pts(1),
                    pts_count: 1,
                }),
                1 => enums::Update::from(types::UpdateNewMessage {
                    message: message(&mut rng, i, id, group, date),
                    pts: next_pts(1),
                    pts_count: 1,
                }),
                2 => enums::Update::from(types::UpdateEditMessage {
                    message: message(&mut rng, i + 1, id - 40, group, date),
                    pts: next_pts(1),
                    pts_count: 1,
                }),
                3 => {
                    let messages = message_ids(&mut rng);
                    let count = messages.len() as i32;
                    enums::Update::from(types::UpdateDeleteMessages {
                        messages,
                        pts: next_pts(count),
                        pts_count: count,
                    })
                }
                4 => enums::Update::from(types::UpdateReadHistoryInbox {
                    folder_id: (i % 2 == 0).then_some(1),
                    peer: private,
                    top_msg_id: None,
                    max_id: id - 1,
                    still_unread_count: rng.int(0, 20),
                    pts: next_pts(1),
                    pts_count: 1,
                }),
                5 => enums::Update::from(types::UpdateReadHistoryOutbox {
                    peer: group,
                    max_id: id - 2,
                    pts: next_pts(1),
                    pts_count: 1,
                }),
                6 => enums::Update::from(types::UpdateUserStatus {
                    user_id: user_id(i % 10),
                    status: if i % 2 == 0 {
                        enums::UserStatus::from(types::UserStatusOnline {
                            expires: date + 300,
                        })
                    } else {
                        enums::UserStatus::from(types::UserStatusOffline { was_online: date })
                    },
                }),
                8 => enums::Update::from(types::UpdateNewChannelMessage {
                    message: message(&mut rng, i, id, channel, date),
                    pts: rng.int(1_000, 9_000),
                    pts_count: 1,
                }),
                9 => enums::Update::from(types::UpdateEditChannelMessage {
                    message: message(&mut rng, i + 1, id - 7, channel, date),
                    pts: rng.int(1_000, 9_000),
                    pts_count: 1,
                }),
                10 => {
                    let messages = message_ids(&mut rng);
                    let count = messages.len() as i32;
                    enums::Update::from(types::UpdateDeleteChannelMessages {
                        channel_id: channel_id(CHATS / 2 + i % 3),
                        messages,
                        pts: rng.int(1_000, 9_000),
                        pts_count: count,
                    })
                }
                11 => enums::Update::from(types::UpdateReadChannelInbox {
                    folder_id: None,
                    channel_id: channel_id(CHATS / 2 + i % 3),
                    max_id: id - 3,
                    still_unread_count: rng.int(0, 500),
                    pts: rng.int(1_000, 9_000),
                }),
                12 => enums::Update::from(types::UpdateUserTyping {
                    user_id: user_id(i % 10),
                    top_msg_id: None,
                    action: enums::SendMessageAction::SendMessageTypingAction,
                }),
                _ => {
                    if i % 2 == 0 {
                        enums::Update::from(types::UpdatePinnedMessages {
                            pinned: true,
                            peer: group,
                            messages: vec![id - 10],
                            pts: next_pts(1),
                            pts_count: 1,
                        })
                    } else {
                        enums::Update::from(types::UpdateChannelMessageViews {
                            channel_id: channel_id(CHATS / 2 + i % 3),
                            id: id - 5,
                            views: rng.int(100, 100_000),
                        })
                    }
                }
            }
        })
        .collect();
    let users = (0..10).map(|i| user(&mut rng, i)).collect();
    let chats = (0..3)
        .chain(CHATS / 2..CHATS / 2 + 3)
        .map(|i| chat(&mut rng, i))
        .collect();
    enums::Updates::from(types::Updates {
        updates,
        users,
        chats,
        date: DATE + UPDATES as i32 * 3,
        seq: 4_242,
    })
}

/// The request `messages.importChatInvite` with [`INVITE_HASH`].
pub fn import_chat_invite() -> ImportChatInvite {
    ImportChatInvite {
        hash: INVITE_HASH.to_owned(),
    }
}

/// The small `updates` embedded in the `tiny_*` binaries
/// ([`tiny_input::UPDATES`]): the first four updates of [`updates_batch`]
/// with one user and no chats.
pub fn small_updates() -> enums::Updates {
    let enums::Updates::Updates(mut batch) = updates_batch() else {
        unreachable!("updates_batch is an updates");
    };
    batch.updates.truncate(4);
    batch.users.truncate(1);
    batch.chats.clear();
    enums::Updates::Updates(batch)
}

/// The encoding of `value` by this workspace's codec.
pub fn ours_bytes<T: Serializable>(value: &T) -> Vec<u8> {
    value.to_bytes()
}

/// The first offset at which `a` and `b` differ (the shorter length when one
/// is a prefix of the other), or `None` when they are equal.
pub fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    if a == b {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len())),
    )
}

/// The inputs, decoded and re-encoded by grammers-tl-types.
#[cfg(any(test, feature = "grammers"))]
pub mod peer {
    use grammers_tl_types as gr;

    /// Decodes `bytes` with grammers-tl-types as `T` and re-encodes the
    /// value; an error says where the bytes and the re-encoding differ.
    pub fn roundtrip<T>(bytes: &[u8]) -> Result<T, String>
    where
        T: gr::Deserializable + gr::Serializable,
    {
        let value = T::from_bytes(bytes).map_err(|e| format!("grammers cannot decode: {e:?}"))?;
        let again = value.to_bytes();
        match super::first_difference(bytes, &again) {
            None => Ok(value),
            Some(at) => Err(format!(
                "grammers re-encodes {} bytes as {} bytes, first difference at offset {at}: \
                 ours {:02x?}, grammers {:02x?}",
                bytes.len(),
                again.len(),
                &bytes[at..(at + 16).min(bytes.len())],
                &again[at..(at + 16).min(again.len())],
            )),
        }
    }

    /// [`super::messages_messages`] as grammers' value.
    pub fn messages_messages(bytes: &[u8]) -> Result<gr::enums::messages::Messages, String> {
        roundtrip(bytes)
    }

    /// [`super::updates_batch`] as grammers' value.
    pub fn updates_batch(bytes: &[u8]) -> Result<gr::enums::Updates, String> {
        roundtrip(bytes)
    }

    /// [`super::import_chat_invite`] built with grammers' type; an error when
    /// its encoding differs from `ours`.
    pub fn import_chat_invite(
        ours: &[u8],
    ) -> Result<gr::functions::messages::ImportChatInvite, String> {
        use gr::Serializable;
        let request = gr::functions::messages::ImportChatInvite {
            hash: super::INVITE_HASH.to_owned(),
        };
        let theirs = request.to_bytes();
        match super::first_difference(ours, &theirs) {
            None => Ok(request),
            Some(at) => Err(format!(
                "importChatInvite: ours {ours:02x?}, grammers {theirs:02x?} (offset {at})"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tl_types::Deserializable;

    #[test]
    fn inputs_have_the_promised_shape() {
        let enums::messages::Messages::Messages(m) = messages_messages() else {
            panic!("not messages.messages");
        };
        assert_eq!(
            (m.messages.len(), m.users.len(), m.chats.len()),
            (MESSAGES, USERS, CHATS)
        );
        let enums::Updates::Updates(u) = updates_batch() else {
            panic!("not updates");
        };
        assert_eq!(u.updates.len(), UPDATES);
    }

    #[test]
    fn inputs_are_deterministic_and_decode_to_themselves() {
        let messages = messages_messages();
        let bytes = ours_bytes(&messages);
        assert_eq!(bytes, ours_bytes(&messages_messages()));
        assert_eq!(
            enums::messages::Messages::from_bytes(&bytes).unwrap(),
            messages
        );
        let updates = updates_batch();
        let bytes = ours_bytes(&updates);
        assert_eq!(bytes, ours_bytes(&updates_batch()));
        assert_eq!(enums::Updates::from_bytes(&bytes).unwrap(), updates);
    }

    #[test]
    fn tiny_input_is_small_updates() {
        let bytes = ours_bytes(&small_updates());
        if std::env::var_os("TL_BENCH_PRINT_TINY_INPUT").is_some() {
            println!("{bytes:?}");
        }
        assert!(
            tiny_input::UPDATES == bytes,
            "src/tiny_input.rs is stale: regenerate it (see its header)"
        );
    }

    #[test]
    fn grammers_reencodes_the_same_bytes() {
        peer::messages_messages(&ours_bytes(&messages_messages())).unwrap();
        peer::updates_batch(&ours_bytes(&updates_batch())).unwrap();
        peer::import_chat_invite(&ours_bytes(&import_chat_invite())).unwrap();
    }
}
