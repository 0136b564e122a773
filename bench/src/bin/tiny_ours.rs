//! A minimal downstream program of `tl-types` + `tl-methods`, for comparing
//! binary sizes with `tiny_grammers` (same behaviour, same output): builds and
//! serializes `messages.importChatInvite`, then decodes an `Updates` from
//! standard input (or, when standard input is a terminal or empty, from the
//! bytes embedded from `src/tiny_input.rs`) and prints byte counts.
//!
//! Usage: `tiny_ours [INVITE_HASH] < updates.bin`

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use tl_methods::functions::messages::ImportChatInvite;
use tl_types::{enums, Deserializable, Serializable};

#[path = "../tiny_input.rs"]
mod tiny_input;

fn main() -> ExitCode {
    let hash = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "AbCdEf".to_owned());
    let request = ImportChatInvite { hash }.to_bytes();

    let mut input = Vec::new();
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        if let Err(e) = stdin.lock().read_to_end(&mut input) {
            eprintln!("cannot read standard input: {e}");
            return ExitCode::FAILURE;
        }
    }
    let bytes = if input.is_empty() {
        tiny_input::UPDATES
    } else {
        &input[..]
    };
    match enums::Updates::from_bytes(bytes) {
        Ok(updates) => {
            let count = match &updates {
                enums::Updates::Updates(u) => u.updates.len(),
                enums::Updates::UpdatesCombined(u) => u.updates.len(),
                enums::Updates::UpdatesTooLong => 0,
                _ => 1,
            };
            println!(
                "request: {} bytes; updates: {} bytes, {count} updates",
                request.len(),
                bytes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot decode Updates: {e}");
            ExitCode::FAILURE
        }
    }
}
