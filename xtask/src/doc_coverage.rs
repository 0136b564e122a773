//! `cargo xtask doc-coverage`: how many methods, parameters, boxed types,
//! constructors and errors the descriptions cover (one `KIND DESCRIBED/TOTAL`
//! line per kind), checked against the floors in
//! `schema/doc-coverage-floors.tsv`; also fails on stale description keys
//! and on empty description cells in the generated docs.

use std::fs;
use std::path::Path;

use tl_gen::doc_coverage::{coverage, KINDS};

pub const FLOORS: &str = "schema/doc-coverage-floors.tsv";

/// The floors: kind → minimum per cent.
fn floors(root: &Path) -> Result<Vec<(String, f64)>, String> {
    let path = root.join(FLOORS);
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for row in tl_gen::tsv::rows(FLOORS, &text) {
        let [kind, floor] = row
            .exactly::<2>("`kind<TAB>minimum per cent`")
            .map_err(|d| d.to_string())?;
        if !KINDS.contains(&kind) {
            return Err(row
                .error_at(kind, format!("unknown kind `{kind}`"), &KINDS.join(", "))
                .to_string());
        }
        let value: f64 = floor
            .parse()
            .ok()
            .filter(|v: &f64| (0.0..=100.0).contains(v))
            .ok_or_else(|| {
                row.error_at(floor, format!("`{floor}` is not a per cent"), "0 to 100")
                    .to_string()
            })?;
        out.push((kind.to_owned(), value));
    }
    Ok(out)
}

/// Table rows with an empty cell in the generated docs of both crates.
fn empty_cells(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for dir in ["tl-types/src/generated", "tl-methods/src/generated"] {
        let mut pending = vec![root.join(dir)];
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                let entries = fs::read_dir(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                for entry in entries {
                    pending.push(entry.map_err(|e| e.to_string())?.path());
                }
                continue;
            }
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for (index, line) in text.lines().enumerate() {
                let doc = line.trim_start();
                if doc.starts_with("/// |") && doc.contains("|  |") {
                    let shown = path.strip_prefix(root).unwrap_or(&path).display();
                    found.push(format!("{shown}:{}: {doc}", index + 1));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

pub fn run(root: &Path) -> Result<(), String> {
    let config = crate::codegen::config(&root.join("schema"))?;
    let models = tl_gen::build_models(&config).map_err(|e| e.to_string())?;
    let schemas: Vec<&tl_gen::model::Schema> = models.iter().collect();
    let empty = tl_gen::descriptions::Descriptions::default();
    let descriptions = config.descriptions.as_ref().unwrap_or(&empty);
    let common: Vec<&str> = config
        .common_errors
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    let counts = coverage(&schemas, descriptions, config.error_facts.as_ref(), &common);
    let floors = floors(root)?;
    let mut failures = Vec::new();
    for count in &counts {
        let floor = floors
            .iter()
            .find(|(kind, _)| kind == count.kind)
            .map(|(_, floor)| *floor);
        let verdict = match floor {
            Some(floor) if count.percent() + 1e-9 < floor => {
                failures.push(format!(
                    "{} at {:.1} % is below its floor of {floor} % (undescribed, e.g.: {})",
                    count.kind,
                    count.percent(),
                    count.missing.join(", ")
                ));
                format!("below the floor of {floor} %")
            }
            Some(floor) => format!("floor {floor} %"),
            None => {
                failures.push(format!("{} has no floor in {FLOORS}", count.kind));
                "no floor".to_owned()
            }
        };
        println!(
            "{} {}/{} ({:.1} %, {verdict})",
            count.kind,
            count.described,
            count.total,
            count.percent()
        );
    }
    let stale = descriptions.stale(&schemas, config.error_facts.as_ref(), &common);
    for diagnostic in &stale {
        eprintln!("{diagnostic}");
    }
    if !stale.is_empty() {
        failures.push(format!("{} stale description keys", stale.len()));
    }
    let cells = empty_cells(root)?;
    println!(
        "empty description cells in the generated docs: {}",
        cells.len()
    );
    for cell in cells.iter().take(20) {
        eprintln!("{cell}");
    }
    if !cells.is_empty() {
        failures.push(format!("{} empty description cells", cells.len()));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
