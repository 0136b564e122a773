//! TL-named JSON (serde, driven by `tl_types::reflect`) and dynamic values
//! (`tl_types::dynamic`) over the whole layer: for random canonical bytes of
//! every constructor and every method,
//!
//! - the typed value's JSON starts with `{"_":"<TL name>"` and equals the
//!   JSON of the dynamically decoded value;
//! - JSON → typed value gives the same value and the same bytes;
//! - JSON → dynamic value → `dynamic::encode` gives the same bytes, and so
//!   does `dynamic::encode` of the decoded value;
//! - a non-self-describing format (bincode) round-trips the typed value;
//! - `Display` of the dynamic value starts with the TL name.

use tl_tests::random::{constructor_bytes, function_bytes};
use tl_tests::schema::{CONSTRUCTORS, FUNCTIONS};
use tl_tests::{hex, visit_boxed, visit_function, Codec, Visit};
use tl_types::dynamic::{self, Value};

/// Seeds per constructor / method.
const SEEDS: u64 = 3;

/// All the checks of the module documentation for one value's bytes.
struct JsonChecks {
    name: &'static str,
}

impl Visit for JsonChecks {
    type Output = Result<(), String>;

    fn visit<T: Codec>(self, bytes: &[u8]) -> Self::Output {
        let typed = T::from_bytes(bytes).map_err(|e| format!("typed decode: {e}"))?;
        let text = serde_json::to_string(&typed).map_err(|e| format!("typed to JSON: {e}"))?;
        let lead = format!("{{\"_\":\"{}\"", self.name);
        if !text.starts_with(&lead) {
            return Err(format!("JSON does not start with {lead}: {text}"));
        }

        let value = dynamic::decode(bytes).map_err(|e| format!("dynamic decode: {e}"))?;
        let dynamic_text =
            serde_json::to_string(&value).map_err(|e| format!("dynamic to JSON: {e}"))?;
        if dynamic_text != text {
            return Err(format!(
                "typed and dynamic JSON differ:\n{text}\n{dynamic_text}"
            ));
        }
        let encoded = dynamic::encode(&value).map_err(|e| format!("dynamic encode: {e}"))?;
        if encoded != bytes {
            return Err(format!(
                "dynamic encode gives other bytes: {}",
                hex(&encoded)
            ));
        }
        if !value.to_string().starts_with(self.name) {
            return Err(format!("Display does not start with the name: {value}"));
        }

        let back: T = serde_json::from_str(&text).map_err(|e| format!("JSON to typed: {e}"))?;
        if back.to_bytes() != bytes {
            return Err(format!(
                "JSON → typed gives other bytes: {}",
                hex(&back.to_bytes())
            ));
        }
        let back_value: Value =
            serde_json::from_str(&text).map_err(|e| format!("JSON to dynamic: {e}"))?;
        let back_bytes =
            dynamic::encode(&back_value).map_err(|e| format!("dynamic encode of JSON: {e}"))?;
        if back_bytes != bytes {
            return Err(format!(
                "JSON → dynamic gives other bytes: {}",
                hex(&back_bytes)
            ));
        }

        let binary = bincode::serialize(&typed).map_err(|e| format!("typed to bincode: {e}"))?;
        let from_binary: T =
            bincode::deserialize(&binary).map_err(|e| format!("bincode to typed: {e}"))?;
        if from_binary.to_bytes() != bytes {
            return Err("bincode → typed gives other bytes".to_owned());
        }
        Ok(())
    }
}

fn report(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} values failed:\n{}",
        failures.len(),
        failures[..failures.len().min(8)]
            .iter()
            .map(|f| f.chars().take(400).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_constructor_as_json_and_dynamic() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (index, ctor) in CONSTRUCTORS.iter().enumerate() {
        for seed in 0..SEEDS {
            let bytes = constructor_bytes(index, seed).expect("a constructor of the table");
            let result = visit_boxed(&bytes, JsonChecks { name: ctor.name });
            match result {
                Some(Ok(())) => checked += 1,
                Some(Err(e)) => failures.push(format!("{} (seed {seed}): {e}", ctor.name)),
                None => failures.push(format!("{}: no type", ctor.name)),
            }
        }
    }
    report(&failures);
    assert_eq!(checked, CONSTRUCTORS.len() * SEEDS as usize);
}

#[test]
fn every_method_as_json_and_dynamic() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (index, function) in FUNCTIONS.iter().enumerate() {
        for seed in 0..SEEDS {
            let bytes = function_bytes(index, seed).expect("a method of the table");
            match visit_function(
                &bytes,
                JsonChecks {
                    name: function.name,
                },
            ) {
                Some(Ok(())) => checked += 1,
                Some(Err(e)) => failures.push(format!("{} (seed {seed}): {e}", function.name)),
                None => failures.push(format!("{}: no method struct", function.name)),
            }
        }
    }
    report(&failures);
    assert_eq!(checked, FUNCTIONS.len() * SEEDS as usize);
}
