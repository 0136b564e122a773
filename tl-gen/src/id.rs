//! Constructor IDs: the CRC32 of a definition's normalised text.
//!
//! The normal form, checked against every explicit ID of layer 230: the
//! `#id` is dropped, whitespace collapsed to single spaces, parameters of
//! the form `name:flags.N?true` removed, a parameter whose type is `bytes`
//! (alone or behind a flag) written as `string` — but `Vector<bytes>` kept —,
//! the braces of `{X:Type}` removed, `<` replaced by a space and `>` removed.

/// The normalised text whose CRC32 is the definition's ID.
pub fn normalise(definition: &str) -> String {
    let text = definition.split_whitespace().collect::<Vec<_>>().join(" ");
    let (left, right) = match text.split_once('=') {
        Some((left, right)) => (left.trim(), right.trim()),
        None => (text.as_str(), ""),
    };
    let mut words = left.split(' ');
    let name = words.next().unwrap_or("");
    let name = name.split('#').next().unwrap_or(name);
    let mut out = String::with_capacity(text.len());
    out.push_str(name);
    for word in words {
        if is_true_flag(word) {
            continue;
        }
        let word = word
            .strip_prefix('{')
            .and_then(|w| w.strip_suffix('}'))
            .unwrap_or(word);
        out.push(' ');
        match word.split_once(':') {
            Some((param, "bytes")) => {
                out.push_str(param);
                out.push_str(":string");
            }
            Some((param, ty)) if ty.ends_with("?bytes") => {
                out.push_str(param);
                out.push(':');
                out.push_str(&ty[..ty.len() - "bytes".len()]);
                out.push_str("string");
            }
            _ => out.push_str(&bare_marker_to_name(word)),
        }
    }
    out.push_str(" = ");
    out.push_str(right);
    out.replace('<', " ").replace('>', "")
}

/// `%Message` (the bare form of a type) is written `message`.
fn bare_marker_to_name(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut lower_next = false;
    for c in word.chars() {
        if c == '%' {
            lower_next = true;
            continue;
        }
        if lower_next {
            out.push(c.to_ascii_lowercase());
            lower_next = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `name:flags.N?true` (any flags field name).
fn is_true_flag(word: &str) -> bool {
    let Some((_, ty)) = word.split_once(':') else {
        return false;
    };
    let Some((flag, "true")) = ty.split_once('?') else {
        return false;
    };
    flag.split_once('.')
        .is_some_and(|(_, bit)| !bit.is_empty() && bit.bytes().all(|b| b.is_ascii_digit()))
}

/// The ID a definition should have.
pub fn compute(definition: &str) -> u32 {
    crc32fast::hash(normalise(definition).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids() {
        let cases = [
            (
                "resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ",
                0x05162463,
            ),
            (
                "inputCheckPasswordSRP#d27ff082 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP",
                0xd27ff082,
            ),
            ("msgs_ack#62d6b459\n   msg_ids:Vector<long>\n = MsgsAck", 0x62d6b459),
            ("msg_container#73f1f8dc messages:vector<%Message> = MessageContainer", 0x73f1f8dc),
            (
                "invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X",
                0xda9b0d0d,
            ),
            (
                "inputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true live_photo:flags.3?true file:InputFile stickers:flags.0?Vector<InputDocument> ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia",
                0x7d8375da,
            ),
            (
                "updateMessagePollVote#7699f014 poll_id:long peer:Peer options:Vector<bytes> positions:Vector<int> qts:int = Update",
                0x7699f014,
            ),
        ];
        for (text, id) in cases {
            assert_eq!(compute(text), id, "{}", normalise(text));
        }
    }

    #[test]
    fn normal_form() {
        assert_eq!(
            normalise(
                "a#1 {X:Type} flags:# t:flags.0?true b:flags.1?bytes v:Vector<bytes> q:!X = X"
            ),
            "a X:Type flags:# b:flags.1?string v:Vector bytes q:!X = X"
        );
    }
}
