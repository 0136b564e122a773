//! `cargo xtask bench-build [--serde]`: what depending on this workspace's
//! `tl-types` + `tl-methods` costs a downstream crate at build time, against
//! grammers-tl-types 0.11.0 (default features, same layer): clean debug and
//! release build times, generated line counts, `.rlib` sizes, and the sizes
//! of two minimal release binaries (`tl-bench`'s `tiny_ours` and
//! `tiny_grammers`). See BENCHMARKS.md.
//!
//! Each side is a throwaway crate under `target/bench-build/` that only
//! depends on the measured crates (ours by path, grammers from crates.io),
//! built with its own fresh `CARGO_TARGET_DIR`, so both are compiled as
//! dependencies, the way a user gets them: same default profiles, no
//! incremental compilation (`CARGO_INCREMENTAL=0`; cargo would otherwise use
//! it for our path dependencies only), dependencies fetched beforehand and
//! the timed builds `--offline`. Two timings per build:
//!
//! - clean: wall time of `cargo build` in an empty target directory, every
//!   dependency included (ours has none without serde; grammers compiles its
//!   generator, `grammers-tl-gen` + `grammers-tl-parser`, and runs it);
//! - crates alone: after `cargo clean -p` of the measured crates only, the
//!   wall time of rebuilding them (for grammers this includes compiling and
//!   running its build script, which is part of that crate).
//!
//! Timings are of one run each: run it on an otherwise idle machine, and run
//! it more than once to see the spread.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The grammers-tl-types version compared against.
const GRAMMERS: &str = "0.11.0";

/// One side of the comparison, as a throwaway crate.
struct Subject {
    /// Directory name under `target/bench-build/`.
    name: String,
    /// Row label of the tables.
    label: String,
    /// `[dependencies]` lines of the throwaway crate.
    dependencies: String,
    /// Packages rebuilt for the "crates alone" timing.
    packages: &'static [&'static str],
    /// Crate names whose `.rlib`s are measured.
    rlibs: &'static [&'static str],
    /// The `tl-bench` program (`bench/src/bin/<tiny>.rs`) built on top as
    /// the throwaway crate's binary `tiny`.
    tiny: &'static str,
}

/// What one subject measured in one profile.
#[derive(Default, Clone, Copy)]
struct Timing {
    clean: f64,
    alone: f64,
    /// Building the tiny downstream binary once the crates are built.
    binary: f64,
}

/// What one subject measured.
struct Measured {
    debug: Timing,
    release: Timing,
    /// `(crate, debug bytes, release bytes)`.
    rlibs: Vec<(String, u64, u64)>,
    /// `(files, lines, bytes)` of the generated code.
    generated: (usize, usize, u64),
}

pub fn run(root: &Path, serde: bool) -> Result<(), String> {
    let started = Instant::now();
    let base = root.join("target").join("bench-build");
    fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    print_machine();

    let mut variants = vec![(false, "default features")];
    if serde {
        match missing_serde_feature(root) {
            None => variants.push((true, "with serde")),
            Some(why) => println!(
                "\nserde comparison skipped: {why} (ours needs a `serde` feature on \
                 tl-types and tl-methods; grammers has `impl-serde`).\n"
            ),
        }
    }

    let mut report = String::new();
    for (serde, title) in variants {
        let ours = ours_subject(root, serde);
        let grammers = grammers_subject(serde);
        let ours_m = measure(root, &base, &ours)?;
        let grammers_m = measure(root, &base, &grammers)?;
        report.push_str(&tables(
            title,
            (&ours.label, &ours_m),
            (&grammers.label, &grammers_m),
        ));
    }
    println!("{report}");
    binary_sizes(root)?;
    println!(
        "(bench-build took {:.0} s; artefacts in {})",
        started.elapsed().as_secs_f64(),
        base.display()
    );
    Ok(())
}

/// Builds `tl-bench`'s `tiny_ours` and `tiny_grammers` in release, checks
/// they print the same, and prints their sizes.
pub fn binary_sizes(root: &Path) -> Result<(), String> {
    let base = root.join("target").join("bench-build");
    fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    print!("{}", binary_sizes_table(root, &base)?);
    Ok(())
}

fn ours_subject(root: &Path, serde: bool) -> Subject {
    let features = if serde {
        ", features = [\"serde\"]"
    } else {
        ""
    };
    let path = |krate: &str| root.join(krate).display().to_string();
    Subject {
        name: format!("ours{}", if serde { "-serde" } else { "" }),
        label: format!(
            "ours (tl-types + tl-methods){}",
            if serde { ", serde" } else { "" }
        ),
        dependencies: format!(
            "tl-types = {{ path = {:?}{features} }}\ntl-methods = {{ path = {:?}{features} }}\n",
            path("tl-types"),
            path("tl-methods"),
        ),
        packages: &["tl-types", "tl-methods"],
        rlibs: &["tl_types", "tl_methods"],
        tiny: "tiny_ours",
    }
}

fn grammers_subject(serde: bool) -> Subject {
    let features = if serde {
        ", features = [\"impl-serde\"]"
    } else {
        ""
    };
    Subject {
        name: format!("grammers{}", if serde { "-serde" } else { "" }),
        label: format!(
            "grammers-tl-types {GRAMMERS}{}",
            if serde { ", impl-serde" } else { "" }
        ),
        dependencies: format!("grammers-tl-types = {{ version = \"={GRAMMERS}\"{features} }}\n"),
        packages: &["grammers-tl-types"],
        rlibs: &["grammers_tl_types"],
        tiny: "tiny_grammers",
    }
}

/// Why the serde comparison cannot run yet, if it cannot.
fn missing_serde_feature(root: &Path) -> Option<String> {
    for krate in ["tl-types", "tl-methods"] {
        let manifest = root.join(krate).join("Cargo.toml");
        let text = match fs::read_to_string(&manifest) {
            Ok(text) => text,
            Err(e) => return Some(format!("{}: {e}", manifest.display())),
        };
        let mut in_features = false;
        let mut found = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                in_features = line == "[features]";
            } else if in_features
                && line
                    .strip_prefix("serde")
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            {
                found = true;
            }
        }
        if !found {
            return Some(format!("{krate} has no `serde` feature yet"));
        }
    }
    None
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// A cargo command with the environment of a plain downstream build.
fn cargo_command(target_dir: &Path) -> Command {
    let mut command = Command::new(cargo());
    command
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never")
        // Set by the `cargo xtask` that runs us; not wanted in a clean build.
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS");
    command
}

/// Runs `command`, its output going to `log`; the log's tail on failure.
fn run_logged(mut command: Command, log: &Path) -> Result<f64, String> {
    let file = fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err));
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if status.success() {
        Ok(seconds)
    } else {
        let text = fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        Err(format!(
            "{command:?} failed ({status}); log {}:\n{}",
            log.display(),
            tail.join("\n")
        ))
    }
}

/// The root of a throwaway crate: nothing but its dependencies.
fn throwaway_lib() -> Result<String, String> {
    let tokens = quote::quote! {
        //! Only here to depend on the crates measured by `cargo xtask bench-build`.
    };
    tl_gen::format::file(
        "src/lib.rs",
        &tokens,
        "cargo xtask bench-build",
        &["bench/"],
    )
    .map_err(|e| e.to_string())
}

/// Writes the throwaway crate of `subject` and returns its manifest.
fn write_crate(root: &Path, base: &Path, subject: &Subject) -> Result<PathBuf, String> {
    let dir = base.join(&subject.name);
    fs::create_dir_all(dir.join("src")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let manifest = dir.join("Cargo.toml");
    let text = format!(
        "# Written by `cargo xtask bench-build`; rewritten on every run.\n\
         [package]\nname = \"bench-build-{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n{}\n[workspace]\n",
        subject.name, subject.dependencies
    );
    fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))?;
    fs::write(dir.join("src/lib.rs"), throwaway_lib()?).map_err(|e| e.to_string())?;
    // The downstream program, with the input it embeds (`#[path]`).
    fs::create_dir_all(dir.join("src/bin")).map_err(|e| e.to_string())?;
    let bench_src = root.join("bench").join("src");
    for (from, to) in [
        (
            bench_src.join("bin").join(format!("{}.rs", subject.tiny)),
            dir.join("src/bin/tiny.rs"),
        ),
        (
            bench_src.join("tiny_input.rs"),
            dir.join("src/tiny_input.rs"),
        ),
    ] {
        fs::copy(&from, &to).map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))?;
    }
    // Start from the workspace's lockfile, so shared dependencies (serde, …)
    // have the versions the workspace uses; cargo drops what is not needed.
    let lock = dir.join("Cargo.lock");
    if let Err(e) = fs::copy(root.join("Cargo.lock"), &lock) {
        eprintln!("note: no workspace Cargo.lock copied ({e})");
    }
    Ok(manifest)
}

fn measure(root: &Path, base: &Path, subject: &Subject) -> Result<Measured, String> {
    let manifest = write_crate(root, base, subject)?;
    let logs = base.join("logs");
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;

    // Untimed: resolve and download everything.
    let fetch_dir = base.join("target-fetch");
    let mut fetch = cargo_command(&fetch_dir);
    fetch.arg("fetch").arg("--manifest-path").arg(&manifest);
    run_logged(fetch, &logs.join(format!("{}-fetch.log", subject.name)))?;

    let mut timings = [Timing::default(); 2];
    let mut target_dirs = Vec::new();
    for (slot, release) in [false, true].into_iter().enumerate() {
        let profile = if release { "release" } else { "debug" };
        let target_dir = base.join(format!("target-{}-{profile}", subject.name));
        if target_dir.exists() {
            fs::remove_dir_all(&target_dir)
                .map_err(|e| format!("cannot empty {}: {e}", target_dir.display()))?;
        }
        let build = |what: &str, target: &[&str]| -> Result<f64, String> {
            let mut command = cargo_command(&target_dir);
            command
                .args(["build", "--offline", "--manifest-path"])
                .arg(&manifest)
                .args(target);
            if release {
                command.arg("--release");
            }
            eprintln!("bench-build: {} {profile}: {what} build…", subject.name);
            run_logged(
                command,
                &logs.join(format!("{}-{profile}-{what}.log", subject.name)),
            )
        };
        let clean = build("clean", &["--lib"])?;

        let mut command = cargo_command(&target_dir);
        command
            .args(["clean", "--offline", "--manifest-path"])
            .arg(&manifest);
        for package in subject.packages {
            command.args(["-p", package]);
        }
        if release {
            command.arg("--release");
        }
        run_logged(
            command,
            &logs.join(format!("{}-{profile}-clean-p.log", subject.name)),
        )?;
        let alone = build("alone", &["--lib"])?;
        let binary = build("binary", &["--bin", "tiny"])?;
        timings[slot] = Timing {
            clean,
            alone,
            binary,
        };
        target_dirs.push(target_dir.join(profile));
    }

    let mut rlibs = Vec::new();
    for krate in subject.rlibs {
        let debug = rlib_size(&target_dirs[0], krate)?;
        let release = rlib_size(&target_dirs[1], krate)?;
        rlibs.push((format!("lib{krate}.rlib"), debug, release));
    }
    let generated = if subject.name.starts_with("ours") {
        let mut total = (0, 0, 0);
        for krate in ["tl-types", "tl-methods"] {
            add(
                &mut total,
                count_rs(&root.join(krate).join("src/generated"))?,
            );
        }
        total
    } else {
        grammers_generated(&target_dirs[0])?
    };
    Ok(Measured {
        debug: timings[0],
        release: timings[1],
        rlibs,
        generated,
    })
}

fn add(total: &mut (usize, usize, u64), more: (usize, usize, u64)) {
    total.0 += more.0;
    total.1 += more.1;
    total.2 += more.2;
}

/// `(files, lines, bytes)` of the `.rs` files under `dir`.
fn count_rs(dir: &Path) -> Result<(usize, usize, u64), String> {
    let mut total = (0, 0, 0);
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            add(&mut total, count_rs(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let lines = text.iter().filter(|&&b| b == b'\n').count();
            add(&mut total, (1, lines, text.len() as u64));
        }
    }
    Ok(total)
}

/// The code grammers' build script generated, in a profile directory.
fn grammers_generated(profile_dir: &Path) -> Result<(usize, usize, u64), String> {
    let build = profile_dir.join("build");
    let entries = fs::read_dir(&build).map_err(|e| format!("{}: {e}", build.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let out = path.join("out");
        if name.starts_with("grammers-tl-types-") && out.is_dir() {
            let counted = count_rs(&out)?;
            if counted.0 > 0 {
                return Ok(counted);
            }
        }
    }
    Err(format!(
        "no generated code of grammers-tl-types under {}",
        build.display()
    ))
}

/// The size of `lib{krate}-*.rlib` in a profile directory.
fn rlib_size(profile_dir: &Path, krate: &str) -> Result<u64, String> {
    let deps = profile_dir.join("deps");
    let prefix = format!("lib{krate}-");
    let entries = fs::read_dir(&deps).map_err(|e| format!("{}: {e}", deps.display()))?;
    let mut newest: Option<(std::time::SystemTime, u64)> = None;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".rlib") {
            let meta = entry.metadata().map_err(|e| e.to_string())?;
            let modified = meta.modified().map_err(|e| e.to_string())?;
            if newest.is_none_or(|(t, _)| modified > t) {
                newest = Some((modified, meta.len()));
            }
        }
    }
    newest
        .map(|(_, size)| size)
        .ok_or_else(|| format!("no {prefix}*.rlib in {}", deps.display()))
}

fn ratio(ours: f64, theirs: f64) -> String {
    if theirs > 0.0 {
        format!("{:.2}", ours / theirs)
    } else {
        "–".to_owned()
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The Markdown tables of one variant (default features, or serde).
fn tables(title: &str, ours: (&str, &Measured), grammers: (&str, &Measured)) -> String {
    let (ol, o) = ours;
    let (gl, g) = grammers;
    let mut s = String::new();
    let _ = writeln!(s, "\n### Build times, {title} (wall seconds, one run)\n");
    let _ = writeln!(
        s,
        "| | clean debug | clean release | crates alone, debug | crates alone, release |"
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | ---: |");
    for (label, m) in [(ol, o), (gl, g)] {
        let _ = writeln!(
            s,
            "| {label} | {:.1} | {:.1} | {:.1} | {:.1} |",
            m.debug.clean, m.release.clean, m.debug.alone, m.release.alone
        );
    }
    let _ = writeln!(
        s,
        "| ratio ours/grammers | {} | {} | {} | {} |",
        ratio(o.debug.clean, g.debug.clean),
        ratio(o.release.clean, g.release.clean),
        ratio(o.debug.alone, g.debug.alone),
        ratio(o.release.alone, g.release.alone)
    );

    let _ = writeln!(
        s,
        "\n### A downstream binary on top, {title} (wall seconds, one run)\n\n\
         The tiny program (one request + decoding `Updates`) built once the crates are: \
         code that is generic or `#[inline]` in the crates (grammers' serializers; ours' \
         serializers and error conversions) is compiled here, for what the program uses.\n"
    );
    let _ = writeln!(
        s,
        "| | binary, debug | binary, release | clean + binary, debug | clean + binary, release |"
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | ---: |");
    let total = |t: Timing| t.clean + t.binary;
    for (label, m) in [(ol, o), (gl, g)] {
        let _ = writeln!(
            s,
            "| {label} | {:.1} | {:.1} | {:.1} | {:.1} |",
            m.debug.binary,
            m.release.binary,
            total(m.debug),
            total(m.release)
        );
    }
    let _ = writeln!(
        s,
        "| ratio ours/grammers | {} | {} | {} | {} |",
        ratio(o.debug.binary, g.debug.binary),
        ratio(o.release.binary, g.release.binary),
        ratio(total(o.debug), total(g.debug)),
        ratio(total(o.release), total(g.release))
    );

    let _ = writeln!(s, "\n### Generated code and `.rlib` sizes, {title}\n");
    let _ = writeln!(
        s,
        "| | generated files | generated lines | generated bytes | .rlib debug | .rlib release |"
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | ---: | ---: |");
    let sum = |m: &Measured| -> (u64, u64) {
        m.rlibs
            .iter()
            .fold((0, 0), |(d, r), (_, dd, rr)| (d + dd, r + rr))
    };
    for (label, m) in [(ol, o), (gl, g)] {
        let (debug, release) = sum(m);
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {} | {} | {} |",
            m.generated.0,
            m.generated.1,
            mib(m.generated.2),
            mib(debug),
            mib(release)
        );
        if m.rlibs.len() > 1 {
            for (name, debug, release) in &m.rlibs {
                let _ = writeln!(
                    s,
                    "| &nbsp;&nbsp;{name} | | | | {} | {} |",
                    mib(*debug),
                    mib(*release)
                );
            }
        }
    }
    let (od, or) = sum(o);
    let (gd, gr) = sum(g);
    let _ = writeln!(
        s,
        "| ratio ours/grammers | | {} | {} | {} | {} |",
        ratio(o.generated.1 as f64, g.generated.1 as f64),
        ratio(o.generated.2 as f64, g.generated.2 as f64),
        ratio(od as f64, gd as f64),
        ratio(or as f64, gr as f64)
    );
    s
}

/// Builds the two tiny binaries (release), runs them, and returns the table.
fn binary_sizes_table(root: &Path, base: &Path) -> Result<String, String> {
    let target_dir = base.join("target-bins");
    let logs = base.join("logs");
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let mut command = cargo_command(&target_dir);
    command
        .args(["build", "--release", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .args(["-p", "tl-bench", "--features", "grammers"])
        .args(["--bin", "tiny_ours", "--bin", "tiny_grammers"]);
    eprintln!("bench-build: tiny binaries (release)…");
    run_logged(command, &logs.join("bins.log"))?;

    let strip = Command::new("strip")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut rows = Vec::new();
    let mut outputs = Vec::new();
    for bin in ["tiny_ours", "tiny_grammers"] {
        let path = target_dir.join("release").join(bin);
        let size = fs::metadata(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        let output = Command::new(&path)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", path.display()))?;
        if !output.status.success() {
            return Err(format!(
                "{bin} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        outputs.push(String::from_utf8_lossy(&output.stdout).trim().to_owned());
        let stripped = if strip {
            let copy = base.join(format!("{bin}.stripped"));
            fs::copy(&path, &copy).map_err(|e| e.to_string())?;
            let ok = Command::new("strip")
                .arg(&copy)
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                fs::metadata(&copy).map(|m| m.len()).ok()
            } else {
                None
            }
        } else {
            None
        };
        rows.push((bin, size, stripped));
    }
    if outputs[0] != outputs[1] {
        return Err(format!(
            "the tiny binaries disagree: tiny_ours printed {:?}, tiny_grammers {:?}",
            outputs[0], outputs[1]
        ));
    }

    let kib = |b: u64| format!("{:.0} KiB", b as f64 / 1024.0);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n### Binary sizes (release, default profile; both print {:?})\n",
        outputs[0]
    );
    let _ = writeln!(s, "| binary | size | stripped |");
    let _ = writeln!(s, "| --- | ---: | ---: |");
    for (bin, size, stripped) in &rows {
        let stripped = stripped.map_or("–".to_owned(), kib);
        let _ = writeln!(s, "| {bin} | {} | {stripped} |", kib(*size));
    }
    let stripped_ratio = match (rows[0].2, rows[1].2) {
        (Some(o), Some(g)) => ratio(o as f64, g as f64),
        _ => "–".to_owned(),
    };
    let _ = writeln!(
        s,
        "| ratio ours/grammers | {} | {stripped_ratio} |",
        ratio(rows[0].1 as f64, rows[1].1 as f64)
    );
    Ok(s)
}

/// The machine and toolchain, for the record.
fn print_machine() {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let version = Command::new(cargo())
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!("machine: {cpu}, {cores} cores; {version}");
    if std::env::var_os("RUSTC_WRAPPER").is_some() {
        println!("warning: RUSTC_WRAPPER is set; a compiler cache makes clean builds meaningless");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(seconds: f64, rlib: u64) -> Measured {
        Measured {
            debug: Timing {
                clean: seconds,
                alone: seconds / 2.0,
                binary: 1.0,
            },
            release: Timing {
                clean: seconds * 2.0,
                alone: seconds,
                binary: 2.0,
            },
            rlibs: vec![("liba.rlib".to_owned(), rlib, rlib / 2)],
            generated: (3, 1_000, 40_000),
        }
    }

    #[test]
    fn the_throwaway_crate_root_is_its_docs() {
        assert_eq!(
            throwaway_lib(),
            Ok(
                "// @generated by `cargo xtask bench-build` from bench/. Do not edit by hand.\n\n\
                //! Only here to depend on the crates measured by `cargo xtask bench-build`.\n"
                    .to_owned()
            )
        );
    }

    #[test]
    fn tables_show_times_and_ratios() {
        let text = tables(
            "default features",
            ("ours", &measured(10.0, 1 << 20)),
            ("grammers", &measured(20.0, 2 << 20)),
        );
        assert!(
            text.contains("| ours | 10.0 | 20.0 | 5.0 | 10.0 |"),
            "{text}"
        );
        assert!(
            text.contains("| ratio ours/grammers | 0.50 | 0.50 | 0.50 | 0.50 |"),
            "{text}"
        );
        assert!(
            text.contains("| ours | 3 | 1000 | 0.0 MiB | 1.0 MiB | 0.5 MiB |"),
            "{text}"
        );
        assert!(
            text.contains("| ours | 1.0 | 2.0 | 11.0 | 22.0 |"),
            "{text}"
        );
        assert!(
            text.contains("| ratio ours/grammers | 1.00 | 1.00 | 0.52 | 0.52 |"),
            "{text}"
        );
    }

    /// A fresh scratch directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-bench-build-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn finds_the_serde_feature_or_says_why_not() {
        let root = scratch("serde");
        let write = |krate: &str, manifest: &str| {
            fs::create_dir_all(root.join(krate)).unwrap();
            fs::write(root.join(krate).join("Cargo.toml"), manifest).unwrap();
        };
        write("tl-types", "[features]\nserde = [\"dep:serde\"]\n");
        write(
            "tl-methods",
            "[features]\nother = []\n[dependencies]\nserde = \"1\"\n",
        );
        let why = missing_serde_feature(&root).unwrap();
        assert_eq!(why, "tl-methods has no `serde` feature yet");
        write("tl-methods", "[features]\nserde  = [\"tl-types/serde\"]\n");
        assert_eq!(missing_serde_feature(&root), None);
        fs::remove_dir_all(root.join("tl-types")).unwrap();
        assert!(missing_serde_feature(&root).unwrap().contains("Cargo.toml"));
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn counts_rust_lines() {
        let dir = scratch("count");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("a.rs"), "fn a() {}\n\n").unwrap();
        fs::write(dir.join("sub/b.rs"), "fn b() {}\n").unwrap();
        fs::write(dir.join("sub/c.txt"), "not rust\n").unwrap();
        assert_eq!(count_rs(&dir).unwrap(), (2, 3, 21));
        let _ = fs::remove_dir_all(&dir);
    }
}
