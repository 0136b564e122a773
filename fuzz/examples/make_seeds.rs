//! Writes the seed corpora of the fuzz targets into `fuzz/corpus/<target>/`
//! (or the directory given as the first argument):
//!
//! * `decode_updates`, `decode_messages`: random valid `Updates` /
//!   `messages.Messages` encodings, canonical and non-canonical;
//! * `decode_dynamic`: the seeds of `decode_any_boxed` and `decode_envelopes`;
//! * `decode_any_boxed`: a few of each boxed type of `schema/api.tl` and
//!   `schema/mtproto.tl`;
//! * `decode_any_function`: two of each method (`tl_tests::random`);
//! * `load_schema`: windows of consecutive lines of the schemas (and of
//!   `../shared/corpus/telegram/*.tl` when present).
//!
//! Every typed seed is checked against `tl_types` first: a canonical seed
//! must come back byte for byte, a noisy one as its canonical twin.
//!
//! `cargo run --release --example make_seeds` (from `fuzz/`, no fuzz flags).

use std::fs;
use std::path::{Path, PathBuf};

use tl_fuzz::gen::{self, Generator, Rng};
use tl_types::enums::messages::Messages;
use tl_types::enums::Updates;
use tl_types::{Deserializable, Serializable};

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("fuzz/ has a parent");
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("corpus"));

    let api_text = fs::read_to_string(root.join("schema/api.tl")).expect("schema/api.tl");
    let mtproto_text =
        fs::read_to_string(root.join("schema/mtproto.tl")).expect("schema/mtproto.tl");
    let api = gen::model("schema/api.tl", &api_text);
    let mtproto = gen::model("schema/mtproto.tl", &mtproto_text);

    typed::<Updates>(&api, "Updates", &out.join("decode_updates"), 1);
    typed::<Messages>(&api, "messages.Messages", &out.join("decode_messages"), 2);

    let dir = out.join("decode_envelopes");
    fs::create_dir_all(&dir).expect("create corpus dir");
    let seeds = tl_fuzz::envelopes::seeds();
    for (i, bytes) in seeds.iter().enumerate() {
        write(&dir, &format!("envelope-{i}"), bytes);
    }
    println!("decode_envelopes: {} seeds", seeds.len());

    let dir = out.join("decode_any_boxed");
    fs::create_dir_all(&dir).expect("create corpus dir");
    let mut count = 0;
    for (schema, seed) in [(&api, 3u64), (&mtproto, 4)] {
        let mut g = Generator::new(schema, seed);
        g.max_depth = 5;
        for name in g.boxed_types() {
            for i in 0..3 {
                if let Some(enc) = g.boxed(&name) {
                    let bytes = if i == 2 { enc.noisy } else { enc.canonical };
                    if bytes.len() <= 4096 {
                        write(&dir, &format!("{name}-{i}"), &bytes);
                        count += 1;
                    }
                }
            }
        }
    }
    println!("decode_any_boxed: {count} seeds");

    // The dynamic decoder reads all of these: the boxed values and the
    // envelopes.
    let dynamic = out.join("decode_dynamic");
    fs::create_dir_all(&dynamic).expect("create corpus dir");
    let mut count = 0;
    for from in ["decode_any_boxed", "decode_envelopes"] {
        for entry in fs::read_dir(out.join(from)).expect("the corpus just written") {
            let path = entry.expect("a corpus entry").path();
            let bytes = fs::read(&path).expect("a corpus file");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("seed");
            write(&dynamic, name, &bytes);
            count += 1;
        }
    }
    println!("decode_dynamic: {count} seeds");

    // Methods come from the test crate's own table-driven generator.
    let dir = out.join("decode_any_function");
    fs::create_dir_all(&dir).expect("create corpus dir");
    let (mut count, mut bad) = (0, 0);
    for (index, function) in tl_tests::schema::FUNCTIONS.iter().enumerate() {
        for seed in 0..2u64 {
            let Some(bytes) = tl_tests::random::function_bytes(index, seed) else {
                continue;
            };
            if tl_tests::reencode_function(&bytes) != Some(Ok(bytes.clone())) {
                bad += 1;
                eprintln!("method {} seed {seed} does not round-trip", function.name);
            }
            if bytes.len() <= 4096 {
                write(&dir, &format!("{}-{seed}", function.name), &bytes);
                count += 1;
            }
        }
    }
    println!("decode_any_function: {count} seeds, {bad} not round-tripping");

    let dir = out.join("load_schema");
    fs::create_dir_all(&dir).expect("create corpus dir");
    let mut texts = vec![
        ("api".to_owned(), api_text),
        ("mtproto".to_owned(), mtproto_text),
    ];
    let shared = root.join("../shared/corpus/telegram");
    if let Ok(entries) = fs::read_dir(&shared) {
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tl"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = fs::read_to_string(&path) {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                texts.push((stem.into_owned(), text));
            }
        }
    }
    let mut rng = Rng::new(5);
    let mut count = 0;
    for (name, text) in &texts {
        let lines: Vec<&str> = text.lines().collect();
        for i in 0..12 {
            let len = 1 + rng.below(12);
            let start = rng.below(lines.len().saturating_sub(len).max(1));
            let window = lines[start..(start + len).min(lines.len())].join("\n");
            let window = if i % 4 == 3 {
                gen::mutate_schema(&mut rng, &window)
            } else {
                window
            };
            write(&dir, &format!("{name}-{i}"), window.as_bytes());
            count += 1;
        }
    }
    // A whole small schema, and a few hand-written oddities.
    write(&dir, "mtproto-whole", texts[1].1.as_bytes());
    for (i, text) in [
        "---functions---\n{X:Type} invokeWithLayer#da9b0d0d layer:int query:!X = X;\n",
        "foo#1 flags:# a:flags.0?int b:flags.0?true c:flags.1?Vector<Foo> = Foo;\n",
        "bar#2 flags:# flags2:# x:flags2.31?long = Bar;\nbaz x:%Bar = Baz;\n",
        "// LAYER 230\nkey#3 ключ:int = Ключ;\n",
        "int ? = Int;\nvector {t:Type} # [ t ] = Vector t;\n",
    ]
    .iter()
    .enumerate()
    {
        write(&dir, &format!("handmade-{i}"), text.as_bytes());
        count += 1;
    }
    println!("load_schema: {} seeds", count + 1);
}

/// Seeds for one typed target, each checked against `tl_types`.
fn typed<T>(schema: &tl_gen::model::Schema, name: &str, dir: &Path, seed: u64)
where
    T: Deserializable + Serializable,
{
    fs::create_dir_all(dir).expect("create corpus dir");
    let mut g = Generator::new(schema, seed);
    let ty = gen::qual(name);
    let (mut written, mut bad) = (0, 0);
    for i in 0..200 {
        g.max_depth = 3 + i % 6;
        let Some(enc) = g.boxed(&ty) else { continue };
        for (kind, bytes) in [("c", &enc.canonical), ("n", &enc.noisy)] {
            let back = T::from_bytes(bytes).map(|v| v.to_bytes());
            if back.as_ref() != Ok(&enc.canonical) {
                bad += 1;
                eprintln!(
                    "{name} seed {i}{kind} does not round-trip: {:?}\n  {}",
                    back.as_ref().err(),
                    tl_fuzz::check::hex(bytes)
                );
            }
            if bytes.len() <= 8192 && (kind == "c" || bytes != &enc.canonical) {
                write(dir, &format!("{i}{kind}"), bytes);
                written += 1;
            }
        }
    }
    println!("{name}: {written} seeds, {bad} not round-tripping");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    fs::write(dir.join(name), bytes).expect("write seed");
}
