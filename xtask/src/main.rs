//! Developer commands for this workspace: `cargo xtask <command>`.
//!
//! - `codegen [--check] [--schema-dir DIR] [--out-dir DIR]`: regenerate the
//!   checked-in code of every output of `tl_gen::outputs` (`tl-types`,
//!   `tl-methods`, the test crate's support code, the fixtures) from `schema/`.
//! - `import-errors`: refresh `schema/errors.tsv` and `schema/availability.tsv`.

mod bench_build;
mod check;
mod codegen;
mod doc_coverage;
mod import_errors;
mod npm;
mod reference_runs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Developer commands of the tl workspace")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the checked-in code from the schema.
    Codegen {
        /// Change nothing; fail naming each file that is stale, missing or extra.
        #[arg(long)]
        check: bool,
        /// Read `*.tl` from this directory instead of `schema/` (`api.tl`
        /// goes to the crate roots, any other `NAME.tl` under a `NAME` module).
        #[arg(long, value_name = "DIR")]
        schema_dir: Option<PathBuf>,
        /// Write under this directory instead of the workspace.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Load, validate and generate each schema file without writing; one
    /// summary line per file, diagnostics for failures, non-zero on any.
    CheckSchema {
        /// Schema files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Definitions whose written ID may differ from the computed one.
        #[arg(long, value_name = "FILE")]
        allowlist: Vec<PathBuf>,
        /// Do not verify written constructor IDs.
        #[arg(long)]
        no_verify_ids: bool,
        /// Do not accept Telegram's known ID quirks (`schema/id-allowlist.tsv`).
        #[arg(long)]
        no_known_quirks: bool,
    },
    /// What changed between two schema files, and what breaks Rust users.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Print JSON instead of a report.
        #[arg(long)]
        json: bool,
    },
    /// Generate each schema file into a scratch crate and compile it.
    CompileSchema {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Definitions whose written ID may differ from the computed one.
        #[arg(long, value_name = "FILE")]
        allowlist: Vec<PathBuf>,
        /// Do not accept Telegram's known ID quirks (`schema/id-allowlist.tsv`).
        #[arg(long)]
        no_known_quirks: bool,
    },
    /// Build times, generated lines, .rlib and binary sizes against
    /// grammers-tl-types (see BENCHMARKS.md).
    BenchBuild {
        /// Also compare our `serde` feature with grammers' `impl-serde`.
        #[arg(long)]
        serde: bool,
    },
    /// How much of the schema the descriptions cover, per kind; fails below
    /// the floors in `schema/doc-coverage-floors.tsv`, on stale keys and on
    /// empty description cells in the generated docs.
    DocCoverage,
    /// Rebuild `schema/reference-runs.txt` (hashes of every 8-word run of
    /// Telegram's published descriptions, from the npm package `@mtcute/tl`)
    /// that the originality test checks descriptions against.
    ReferenceRuns {
        /// Change nothing; fail if the committed file differs.
        #[arg(long)]
        check: bool,
        /// The npm package spec to read.
        #[arg(long, default_value = "@mtcute/tl@223.0.0")]
        package: String,
    },
    /// Import error and availability facts from the npm package `@mtcute/tl`.
    ImportErrors {
        /// The npm package spec to import.
        #[arg(long, default_value = "@mtcute/tl@223.0.0")]
        package: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = codegen::workspace_root();
    let result = match cli.command {
        Command::Codegen {
            check,
            schema_dir,
            out_dir,
        } => {
            // The test fixtures are regenerated with the workspace's own code.
            let fixtures = schema_dir.is_none() && out_dir.is_none();
            let schema_dir = schema_dir.unwrap_or_else(|| root.join("schema"));
            let out_dir = out_dir.unwrap_or_else(|| root.clone());
            codegen::run(&schema_dir, &out_dir, check, fixtures)
        }
        Command::CheckSchema {
            files,
            allowlist,
            no_verify_ids,
            no_known_quirks,
        } => check::read_allowlists(&allowlist).and_then(|allowlist| {
            let mut ids = check::id_policy(&allowlist, !no_known_quirks)?;
            ids.verify = !no_verify_ids;
            check::run(&files, &ids)
        }),
        Command::Diff { old, new, json } => check::diff(&old, &new, json),
        Command::CompileSchema {
            files,
            allowlist,
            no_known_quirks,
        } => check::read_allowlists(&allowlist).and_then(|allowlist| {
            check::compile(
                &root,
                &files,
                &check::id_policy(&allowlist, !no_known_quirks)?,
            )
        }),
        Command::BenchBuild { serde } => bench_build::run(&root, serde),
        Command::DocCoverage => doc_coverage::run(&root),
        Command::ReferenceRuns { check, package } => reference_runs::run(&root, &package, check),
        Command::ImportErrors { package } => {
            import_errors::import_errors(&root.join("schema"), &package).map(|summary| {
                println!("{summary}");
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
