//! Reading files out of an npm package: `npm pack` into a temporary
//! directory, `tar` to unpack the named members. Nothing from the package is
//! executed. Both commands must be on `PATH`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

/// The text of `files` (names under the package's `package/` folder) of
/// `package_spec` (e.g. `@mtcute/tl@223.0.0`).
pub fn package_files(
    package_spec: &str,
    files: &[&str],
) -> Result<BTreeMap<String, String>, String> {
    if package_spec.is_empty() || package_spec.starts_with('-') {
        return Err(format!("invalid npm package spec {package_spec:?}"));
    }
    let work = TempDir::new()?;
    let tarball = npm_pack(package_spec, work.path())?;
    let unpacked = work.path().join("unpacked");
    fs::create_dir(&unpacked).map_err(|e| format!("cannot create {}: {e}", unpacked.display()))?;
    let members: Vec<String> = files.iter().map(|f| format!("package/{f}")).collect();
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&unpacked)
        .args(&members))?;
    files
        .iter()
        .map(|name| {
            let path = unpacked.join("package").join(name);
            fs::read_to_string(&path)
                .map(|text| ((*name).to_owned(), text))
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
        })
        .collect()
}

fn npm_pack(package_spec: &str, dir: &Path) -> Result<PathBuf, String> {
    let stdout = run(Command::new("npm")
        .arg("pack")
        .arg("--json")
        .arg("--pack-destination")
        .arg(dir)
        .arg(package_spec)
        .current_dir(dir))?;
    let v: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("cannot read the output of npm pack: {e}"))?;
    let file = v
        .get(0)
        .and_then(|p| p.get("filename"))
        .and_then(Value::as_str)
        .ok_or_else(|| "npm pack did not name the tarball it wrote".to_owned())?;
    // npm names scoped tarballs `scope-name-version.tgz`; keep only the final
    // component in case a version of npm reports a path.
    let file = Path::new(file)
        .file_name()
        .ok_or_else(|| format!("npm pack reported an odd file name {file:?}"))?;
    let path = dir.join(file);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "npm pack reported {} but it is not there",
            path.display()
        ))
    }
}

pub fn run(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("{shown} printed non-UTF-8 output"))
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir, String> {
        let base = std::env::temp_dir();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100u32 {
            let dir = base.join(format!("tl-npm-{}-{nanos}-{attempt}", std::process::id()));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(TempDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create {}: {e}", dir.display())),
            }
        }
        Err(format!(
            "cannot find a free temp dir name in {}",
            base.display()
        ))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
