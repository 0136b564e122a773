//! The check that descriptions are written in the project's own words: no
//! description may share a run of [`RUN_WORDS`] consecutive words with a
//! reference text (Telegram's published descriptions), nor be the whole of
//! one (which catches the short ones, such as "The search query is empty.").
//!
//! The reference is committed only as hashes of its runs
//! (`schema/reference-runs.txt`, built by `cargo xtask reference-runs`), so
//! the repository holds no reference sentence. Words are the ASCII letter
//! and digit runs of the text, lowercased, after HTML tags are dropped;
//! everything else separates words. A run is hashed with 64-bit FNV-1a over
//! its words joined by single spaces.

/// Words per run.
pub const RUN_WORDS: usize = 8;

/// The words of `text`, as compared.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_ascii_alphanumeric() => {
                current.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {}
        }
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The hash of every run of [`RUN_WORDS`] consecutive words of `text`.
pub fn run_hashes(text: &str) -> Vec<u64> {
    words(text)
        .windows(RUN_WORDS)
        .map(|run| fnv1a(run.join(" ").as_bytes()))
        .collect()
}

/// What a text is compared by: the hash of each of its runs and the hash of
/// all its words (when it has any).
pub fn text_hashes(text: &str) -> Vec<u64> {
    let words = words(text);
    let mut out: Vec<u64> = words
        .windows(RUN_WORDS)
        .map(|run| fnv1a(run.join(" ").as_bytes()))
        .collect();
    if !words.is_empty() {
        out.push(fnv1a(words.join(" ").as_bytes()));
    }
    out
}

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Renders a set of run hashes as the committed file: comment lines, then
/// one 16-digit hex hash per line, sorted.
pub fn render_runs(header: &[String], hashes: &std::collections::BTreeSet<u64>) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for hash in hashes {
        out.push_str(&format!("{hash:016x}\n"));
    }
    out
}

/// Reads the committed file back; `None` for a line that is not a hash.
pub fn parse_runs(text: &str) -> Result<std::collections::BTreeSet<u64>, String> {
    crate::tsv::rows("reference-runs.txt", text)
        .map(|row| {
            u64::from_str_radix(row.text, 16)
                .ok()
                .filter(|_| row.text.len() == 16)
                .ok_or_else(|| format!("reference-runs.txt:{}: not a 16-digit hex hash", row.line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_tags_case_and_punctuation() {
        assert_eq!(
            words("The <a href=\"x\">Link</a>, re-used: 2FA_code!"),
            ["the", "link", "re", "used", "2fa", "code"]
        );
    }

    #[test]
    fn a_shared_run_of_eight_words_is_found_and_seven_is_not() {
        let reference: std::collections::BTreeSet<u64> =
            run_hashes("one two three four five six seven eight nine")
                .into_iter()
                .collect();
        let copied = "Prefix: One two THREE four, five six seven eight.";
        assert!(run_hashes(copied).iter().any(|h| reference.contains(h)));
        let seven = "one two three four five six seven";
        assert!(run_hashes(seven).is_empty());
        let reworded = "one two three four five six 7 eight nine";
        assert!(!run_hashes(reworded).iter().any(|h| reference.contains(h)));
    }

    #[test]
    fn a_whole_short_text_is_found() {
        let reference: std::collections::BTreeSet<u64> =
            text_hashes("The query is empty.").into_iter().collect();
        assert!(text_hashes("the QUERY is empty")
            .iter()
            .any(|h| reference.contains(h)));
        assert!(!text_hashes("The query has no text.")
            .iter()
            .any(|h| reference.contains(h)));
    }

    #[test]
    fn the_file_round_trips() {
        let hashes = [1u64, u64::MAX, 0xabc].into_iter().collect();
        let text = render_runs(&["a header".to_owned()], &hashes);
        assert_eq!(parse_runs(&text).unwrap(), hashes);
        assert!(parse_runs("xyz\n").is_err());
    }

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
