//! `import_errors`: turns the error data shipped in the npm package `@mtcute/tl`
//! into the committed fact files `schema/errors.tsv` and
//! `schema/availability.tsv`. The format is owned by
//! `tl_gen::error_facts`; the import rules are described in `schema/README.md`.
//!
//! The package is fetched with `npm pack` and unpacked with `tar`, so both must
//! be on `PATH`. Only the package's JSON files are read; nothing is executed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::Path;

use serde_json::Value;
use tl_gen::error_facts::{parse_error_facts, Availability, ErrorFacts};

/// File names inside the npm package (under its `package/` folder).
const API_SCHEMA: &str = "api-schema.json";
const RAW_ERRORS: &str = "raw-errors.json";
const PACKAGE_JSON: &str = "package.json";

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// `name@version` of the package the facts came from.
    pub package: String,
    /// Methods with at least one error row.
    pub methods_with_errors: usize,
    /// Rows in `errors.tsv`.
    pub error_rows: usize,
    /// Distinct error names in `errors.tsv`.
    pub distinct_error_names: usize,
    /// Rows in `availability.tsv`.
    pub availability_rows: usize,
    /// Rows in `availability.tsv` saying `users`.
    pub availability_users: usize,
    /// Rows in `availability.tsv` saying `bots`.
    pub availability_bots: usize,
    /// Rows in `availability.tsv` saying `both`.
    pub availability_both: usize,
    /// Details of how the two sources were merged.
    pub stats: MergeStats,
}

/// How the two JSON sources were combined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeStats {
    /// Rows whose per-method code in `api-schema.json` differs from the code
    /// `raw-errors.json` gives the same name; the per-method code was kept.
    pub codes_from_api_schema_differing: usize,
    /// Rows known only from `raw-errors.json` `throws`, coded from its
    /// `errors` table.
    pub rows_from_raw_errors_only: usize,
    /// Method names in the data that `api.tl` does not declare as functions
    /// (older or newer layer, MTProto service calls); their facts were dropped.
    pub methods_not_in_schema: BTreeSet<String>,
    /// Functions of `api.tl` that the data says nothing about.
    pub schema_methods_without_data: usize,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "imported error facts from {}", self.package)?;
        writeln!(f, "  methods with errors:   {}", self.methods_with_errors)?;
        writeln!(f, "  error rows:            {}", self.error_rows)?;
        writeln!(f, "  distinct error names:  {}", self.distinct_error_names)?;
        writeln!(
            f,
            "  availability rows:     {} (users {}, bots {}, both {})",
            self.availability_rows,
            self.availability_users,
            self.availability_bots,
            self.availability_both
        )?;
        writeln!(
            f,
            "  rows coded from api-schema.json where raw-errors.json disagrees: {}",
            self.stats.codes_from_api_schema_differing
        )?;
        writeln!(
            f,
            "  rows only in raw-errors.json: {}",
            self.stats.rows_from_raw_errors_only
        )?;
        writeln!(
            f,
            "  data methods not in api.tl (dropped): {}",
            self.stats.methods_not_in_schema.len()
        )?;
        write!(
            f,
            "  api.tl functions without any data: {}",
            self.stats.schema_methods_without_data
        )
    }
}

/// Fetches `package_spec` (e.g. `@mtcute/tl@223.0.0`) with `npm pack`, reads
/// its error data and writes `errors.tsv` and `availability.tsv` into
/// `schema_dir`, keeping only methods that `schema_dir/api.tl` declares.
pub fn import_errors(schema_dir: &Path, package_spec: &str) -> Result<ImportSummary, String> {
    if package_spec.is_empty() || package_spec.starts_with('-') {
        return Err(format!("invalid npm package spec {package_spec:?}"));
    }
    let api_tl_path = schema_dir.join("api.tl");
    let api_tl = fs::read_to_string(&api_tl_path)
        .map_err(|e| format!("cannot read {}: {e}", api_tl_path.display()))?;

    let files = crate::npm::package_files(package_spec, &[PACKAGE_JSON, API_SCHEMA, RAW_ERRORS])?;
    let read = |name: &str| {
        files
            .get(name)
            .cloned()
            .ok_or_else(|| format!("{package_spec} has no {name}"))
    };
    let package_json = read(PACKAGE_JSON)?;
    let api_schema = read(API_SCHEMA)?;
    let raw_errors = read(RAW_ERRORS)?;

    let (package, license) = package_identity(&package_json)?;
    let layer = parse_json(API_SCHEMA, &api_schema)?
        .get("l")
        .and_then(Value::as_i64)
        .map_or_else(String::new, |l| format!(", TL layer {l}"));
    let (facts, stats) = build_facts(&api_schema, &raw_errors, &api_tl)?;

    let source = format!(
        "npm {package} ({license}{layer}); imported by xtask import_errors, do not edit by hand"
    );
    let errors_tsv = facts.render_errors_tsv(&source);
    let availability_tsv = facts.render_availability_tsv(&source);
    // The written text must read back as exactly what was built.
    match parse_error_facts(&errors_tsv, &availability_tsv) {
        Ok(again) if again == facts => {}
        Ok(_) => return Err("rendered facts do not read back identically".to_owned()),
        Err(e) => return Err(format!("rendered facts do not parse: {e}")),
    }
    write_file(&schema_dir.join("errors.tsv"), &errors_tsv)?;
    write_file(&schema_dir.join("availability.tsv"), &availability_tsv)?;

    Ok(summarize(package, &facts, stats))
}

fn summarize(package: String, facts: &ErrorFacts, stats: MergeStats) -> ImportSummary {
    let count = |a: Availability| {
        facts
            .methods
            .values()
            .filter(|m| m.availability == Some(a))
            .count()
    };
    ImportSummary {
        package,
        methods_with_errors: facts.methods_with_errors(),
        error_rows: facts.error_rows(),
        distinct_error_names: facts.distinct_error_names(),
        availability_rows: facts.availability_rows(),
        availability_users: count(Availability::Users),
        availability_bots: count(Availability::Bots),
        availability_both: count(Availability::Both),
        stats,
    }
}

/// Merges the two JSON files into facts about the functions of `api_tl`.
///
/// * Errors: every `{code, name}` in a method's `throws` in `api-schema.json`,
///   plus every name in `raw-errors.json` `throws[method]` that the former
///   does not list for that method, coded from `raw-errors.json` `errors`.
///   Where both list a name for a method, the per-method code wins.
/// * Availability: `botOnly` → bots, `userOnly` → users; a method in neither
///   list but present in `raw-errors.json` `throws` → both (that snapshot
///   knew the method and did not restrict it); anything else is unknown.
pub fn build_facts(
    api_schema_json: &str,
    raw_errors_json: &str,
    api_tl: &str,
) -> Result<(ErrorFacts, MergeStats), String> {
    let schema_functions = tl_function_names(api_tl);
    if schema_functions.is_empty() {
        return Err("api.tl declares no functions".to_owned());
    }
    let api = parse_json(API_SCHEMA, api_schema_json)?;
    let raw = parse_json(RAW_ERRORS, raw_errors_json)?;

    let api_throws = api_schema_throws(&api)?;
    let raw_codes = raw_error_codes(&raw)?;
    let raw_throws = raw_throws(&raw)?;
    let user_only = name_set(&raw, "userOnly")?;
    let bot_only = name_set(&raw, "botOnly")?;

    let mut facts = ErrorFacts::new();
    let mut stats = MergeStats::default();
    let mut seen = BTreeSet::new();
    let mut keep = |method: &str, stats: &mut MergeStats| {
        seen.insert(method.to_owned());
        if schema_functions.contains(method) {
            true
        } else {
            stats.methods_not_in_schema.insert(method.to_owned());
            false
        }
    };

    for (method, errors) in &api_throws {
        if !keep(method, &mut stats) {
            continue;
        }
        for (code, name) in errors {
            if raw_codes.get(name).is_some_and(|raw| raw != code) {
                stats.codes_from_api_schema_differing += 1;
            }
            insert(&mut facts, method, *code, name)?;
        }
    }
    for (method, names) in &raw_throws {
        if !keep(method, &mut stats) {
            continue;
        }
        let listed: BTreeSet<&str> = api_throws
            .get(method)
            .map(|errs| errs.iter().map(|(_, n)| n.as_str()).collect())
            .unwrap_or_default();
        for name in names {
            if listed.contains(name.as_str()) {
                continue;
            }
            let code = raw_codes.get(name).ok_or_else(|| {
                format!(
                    "{RAW_ERRORS}: throws[{method:?}] names {name:?}, which errors does not define"
                )
            })?;
            if insert(&mut facts, method, *code, name)? {
                stats.rows_from_raw_errors_only += 1;
            }
        }
    }

    if let Some(both) = user_only.intersection(&bot_only).next() {
        return Err(format!(
            "{RAW_ERRORS}: {both:?} is in both userOnly and botOnly"
        ));
    }
    let restricted = user_only
        .iter()
        .map(|m| (m, Availability::Users))
        .chain(bot_only.iter().map(|m| (m, Availability::Bots)));
    for (method, availability) in restricted {
        if keep(method, &mut stats) {
            set_availability(&mut facts, method, availability)?;
        }
    }
    for method in raw_throws.keys() {
        if schema_functions.contains(method.as_str())
            && !user_only.contains(method)
            && !bot_only.contains(method)
        {
            set_availability(&mut facts, method, Availability::Both)?;
        }
    }
    for method in api_schema_methods(&api)? {
        keep(&method, &mut stats);
    }

    stats.schema_methods_without_data = schema_functions
        .iter()
        .filter(|m| !seen.contains(m.as_str()))
        .count();
    Ok((facts, stats))
}

fn insert(facts: &mut ErrorFacts, method: &str, code: i32, name: &str) -> Result<bool, String> {
    facts
        .insert_error(method, code, name)
        .map_err(|e| format!("cannot record {method} {code} {name:?}: {e}"))
}

fn set_availability(facts: &mut ErrorFacts, method: &str, a: Availability) -> Result<(), String> {
    facts
        .set_availability(method, a)
        .map_err(|e| format!("cannot record availability of {method:?}: {e}"))
}

/// Names of the functions declared in a `.tl` file: the identifier before `#`
/// on each declaration line between `---functions---` and `---types---`.
pub fn tl_function_names(tl: &str) -> BTreeSet<String> {
    let mut in_functions = false;
    let mut names = BTreeSet::new();
    for line in tl.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        match line {
            "---functions---" => in_functions = true,
            "---types---" => in_functions = false,
            _ if in_functions => {
                let name = line
                    .split(|c: char| c == '#' || c.is_whitespace())
                    .next()
                    .unwrap_or("");
                if tl_gen::error_facts::is_valid_method_name(name) {
                    names.insert(name.to_owned());
                }
            }
            _ => {}
        }
    }
    names
}

fn parse_json(file: &str, text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("{file}: invalid JSON: {e}"))
}

fn package_identity(package_json: &str) -> Result<(String, String), String> {
    let v = parse_json(PACKAGE_JSON, package_json)?;
    let field = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{PACKAGE_JSON}: missing string field {k:?}"))
    };
    let license = v
        .get("license")
        .and_then(Value::as_str)
        .unwrap_or("license unknown");
    Ok((
        format!("{}@{}", field("name")?, field("version")?),
        license.to_owned(),
    ))
}

fn object<'a>(
    file: &str,
    v: &'a Value,
    what: &str,
) -> Result<&'a serde_json::Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{file}: {what} is not a JSON object"))
}

fn code_of(file: &str, v: &Value, what: &str) -> Result<i32, String> {
    v.as_i64()
        .and_then(|c| i32::try_from(c).ok())
        .ok_or_else(|| format!("{file}: {what} has no 32-bit integer code"))
}

/// `api-schema.json`: `{ "l": layer, "e": [entry...], "u": {...} }`, where a
/// method entry is `{ "kind": "method", "name", "throws": [{code, name, ...}] }`.
fn api_entries(api: &Value) -> Result<&Vec<Value>, String> {
    api.get("e")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{API_SCHEMA}: missing array \"e\""))
}

fn api_schema_methods(api: &Value) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for entry in api_entries(api)? {
        if entry.get("kind").and_then(Value::as_str) == Some("method") {
            if let Some(name) = entry.get("name").and_then(Value::as_str) {
                out.push(name.to_owned());
            }
        }
    }
    Ok(out)
}

type MethodErrors = BTreeMap<String, Vec<(i32, String)>>;

fn api_schema_throws(api: &Value) -> Result<MethodErrors, String> {
    let mut out = MethodErrors::new();
    for entry in api_entries(api)? {
        if entry.get("kind").and_then(Value::as_str) != Some("method") {
            continue;
        }
        let method = entry
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{API_SCHEMA}: a method entry has no name"))?;
        let Some(throws) = entry.get("throws") else {
            continue;
        };
        let throws = throws
            .as_array()
            .ok_or_else(|| format!("{API_SCHEMA}: throws of {method:?} is not an array"))?;
        let list = out.entry(method.to_owned()).or_default();
        for t in throws {
            let what = format!("an error of {method:?}");
            let name = t
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{API_SCHEMA}: {what} has no name"))?;
            let code = code_of(API_SCHEMA, t.get("code").unwrap_or(&Value::Null), &what)?;
            list.push((code, name.to_owned()));
        }
    }
    Ok(out)
}

/// `raw-errors.json` `errors`: `{ NAME: { code, name, description? } }`.
fn raw_error_codes(raw: &Value) -> Result<BTreeMap<String, i32>, String> {
    let errors = object(
        RAW_ERRORS,
        raw.get("errors").unwrap_or(&Value::Null),
        "errors",
    )?;
    let mut out = BTreeMap::new();
    for (name, v) in errors {
        let what = format!("errors[{name:?}]");
        out.insert(
            name.clone(),
            code_of(RAW_ERRORS, v.get("code").unwrap_or(&Value::Null), &what)?,
        );
    }
    Ok(out)
}

/// `raw-errors.json` `throws`: `{ method: [NAME...] }`.
fn raw_throws(raw: &Value) -> Result<BTreeMap<String, Vec<String>>, String> {
    let throws = object(
        RAW_ERRORS,
        raw.get("throws").unwrap_or(&Value::Null),
        "throws",
    )?;
    let mut out = BTreeMap::new();
    for (method, names) in throws {
        let names = names
            .as_array()
            .ok_or_else(|| format!("{RAW_ERRORS}: throws[{method:?}] is not an array"))?
            .iter()
            .map(|n| {
                n.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{RAW_ERRORS}: throws[{method:?}] holds a non-string"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(method.clone(), names);
    }
    Ok(out)
}

/// `raw-errors.json` `userOnly` / `botOnly`: `{ method: 1 }`.
fn name_set(raw: &Value, key: &str) -> Result<BTreeSet<String>, String> {
    Ok(
        object(RAW_ERRORS, raw.get(key).unwrap_or(&Value::Null), key)?
            .keys()
            .cloned()
            .collect(),
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let tmp = path.with_extension("tsv.tmp");
    fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const API_TL: &str = "\
// LAYER 1
boolTrue#997275b5 = Bool;
---functions---
invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
auth.sendCode#a677244f phone_number:string = auth.SentCode;
messages.sendMessage#1 peer:InputPeer = Updates; // a comment
messages.setBotCallbackAnswer#2 = Bool;
help.getConfig#3 = Config;
help.newThing#4 = Bool;
---types---
notAFunction#5 = X;
";

    const API_SCHEMA_JSON: &str = r#"{"l": 1, "e": [
        {"kind": "class", "name": "error", "throws": [{"code": 1, "name": "NOPE"}]},
        {"kind": "method", "name": "auth.sendCode", "throws": [
            {"code": 406, "name": "PHONE_NUMBER_INVALID", "comment": "x"},
            {"code": 500, "name": "AUTH_RESTART_%d"}]},
        {"kind": "method", "name": "messages.sendMessage", "throws": [
            {"code": 420, "name": "SLOWMODE_WAIT_%d"}]},
        {"kind": "method", "name": "messages.setBotCallbackAnswer"},
        {"kind": "method", "name": "help.getConfig"},
        {"kind": "method", "name": "channels.gone", "throws": [{"code": 400, "name": "X"}]}
    ], "u": {}}"#;

    const RAW_JSON: &str = r#"{
        "base": {"BAD_REQUEST": 400},
        "errors": {
            "PHONE_NUMBER_INVALID": {"code": 400, "name": "PHONE_NUMBER_INVALID"},
            "PHONE_NUMBER_BANNED": {"code": 400, "name": "PHONE_NUMBER_BANNED", "description": "d"},
            "SLOWMODE_WAIT_%d": {"code": 420, "name": "SLOWMODE_WAIT_%d", "_paramNames": ["seconds"]},
            "Invalid msgs_ack query": {"code": -500, "name": "Invalid msgs_ack query"}
        },
        "throws": {
            "auth.sendCode": ["PHONE_NUMBER_INVALID", "PHONE_NUMBER_BANNED"],
            "messages.sendMessage": ["SLOWMODE_WAIT_%d"],
            "msgs_ack": ["Invalid msgs_ack query"]
        },
        "userOnly": {"auth.sendCode": 1, "msgs_ack": 1},
        "botOnly": {"messages.setBotCallbackAnswer": 1}
    }"#;

    #[test]
    fn merges_sources() {
        let (facts, stats) = build_facts(API_SCHEMA_JSON, RAW_JSON, API_TL).unwrap();
        let rows: Vec<(i32, &str)> = facts
            .errors("auth.sendCode")
            .iter()
            .map(|e| (e.code, e.name.as_str()))
            .collect();
        // The per-method code (406) wins over raw-errors' 400; the raw-only
        // name is added with its raw code.
        assert_eq!(
            rows,
            [
                (400, "PHONE_NUMBER_BANNED"),
                (406, "PHONE_NUMBER_INVALID"),
                (500, "AUTH_RESTART_%d")
            ]
        );
        assert_eq!(stats.codes_from_api_schema_differing, 1);
        assert_eq!(stats.rows_from_raw_errors_only, 1);
        assert_eq!(
            stats.methods_not_in_schema.iter().collect::<Vec<_>>(),
            ["channels.gone", "msgs_ack"]
        );
        // invokeWithLayer and help.newThing appear nowhere in the data.
        assert_eq!(stats.schema_methods_without_data, 2);

        assert_eq!(
            facts.availability("auth.sendCode"),
            Some(Availability::Users)
        );
        assert_eq!(
            facts.availability("messages.setBotCallbackAnswer"),
            Some(Availability::Bots)
        );
        assert_eq!(
            facts.availability("messages.sendMessage"),
            Some(Availability::Both)
        );
        // Known to api-schema.json but not to raw-errors.json: unknown.
        assert_eq!(facts.availability("help.getConfig"), None);
        assert_eq!(facts.get("msgs_ack"), None);
        assert_eq!(facts.get("notAFunction"), None);

        let summary = summarize("p@1".into(), &facts, stats);
        assert_eq!(summary.methods_with_errors, 2);
        assert_eq!(summary.error_rows, 4);
        assert_eq!(summary.distinct_error_names, 4);
        assert_eq!(
            (
                summary.availability_users,
                summary.availability_bots,
                summary.availability_both
            ),
            (1, 1, 1)
        );
        assert!(summary.to_string().contains("error rows:            4"));
    }

    #[test]
    fn rejects_malformed_data() {
        let bad_code = API_SCHEMA_JSON.replace("\"code\": 406", "\"code\": \"406\"");
        assert!(build_facts(&bad_code, RAW_JSON, API_TL).is_err());
        let huge = API_SCHEMA_JSON.replace("\"code\": 406", "\"code\": 99999999999");
        assert!(build_facts(&huge, RAW_JSON, API_TL).is_err());
        let two = API_SCHEMA_JSON.replace("AUTH_RESTART_%d", "A_%d_%d");
        assert!(build_facts(&two, RAW_JSON, API_TL)
            .unwrap_err()
            .contains("more than one"));
        let undefined = RAW_JSON.replace("\"PHONE_NUMBER_BANNED\"]", "\"NOT_DEFINED\"]");
        assert!(build_facts(API_SCHEMA_JSON, &undefined, API_TL).is_err());
        let both = RAW_JSON.replace("\"botOnly\": {", "\"botOnly\": {\"auth.sendCode\": 1, ");
        assert!(build_facts(API_SCHEMA_JSON, &both, API_TL).is_err());
        assert!(build_facts("{", RAW_JSON, API_TL).is_err());
        assert!(build_facts("{}", RAW_JSON, API_TL).is_err());
        assert!(build_facts(API_SCHEMA_JSON, "[]", API_TL).is_err());
        assert!(build_facts(API_SCHEMA_JSON, RAW_JSON, "").is_err());
    }

    #[test]
    fn reads_function_names() {
        let names = tl_function_names(API_TL);
        assert!(names.contains("invokeWithLayer"));
        assert!(names.contains("messages.sendMessage"));
        assert!(!names.contains("boolTrue"));
        assert!(!names.contains("notAFunction"));
        assert_eq!(names.len(), 6);
    }

    #[test]
    fn rejects_option_like_spec() {
        assert!(import_errors(Path::new("/nonexistent"), "--help").is_err());
        assert!(import_errors(Path::new("/nonexistent"), "").is_err());
    }
}
