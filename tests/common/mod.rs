//! Helpers shared by the integration tests: paths, fixtures, toolchains.
#![allow(dead_code)]

pub mod large_ir;
pub mod random_ir;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built `mizan-generate` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mizan-generate"))
}

/// Every `.kdl` file of `fixtures/<kind>/`, sorted, as (stem, path).
pub fn fixtures(kind: &str) -> Vec<(String, PathBuf)> {
    let dir = root().join("fixtures").join(kind);
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "kdl"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// insta settings that store snapshots under `snapshots/<dir>/`.
pub fn snapshot_settings(dir: &str) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots").join(dir));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// A binary installed by `scripts/test.sh` into `tests/js/node_modules`.
/// Panics (never skips) when it is missing: a skipped toolchain check proves
/// nothing.
/// A copy of the folder `from` at `to` (created), recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

pub fn node_bin(name: &str) -> PathBuf {
    let p = root().join("tests/js/node_modules/.bin").join(name);
    assert!(p.exists(), "{} is missing: run `bash scripts/test.sh`, which installs the pinned toolchains", p.display());
    p
}

/// The Python of the virtualenv `scripts/test.sh` creates in `.venv`.
pub fn python() -> PathBuf {
    let p = root().join(".venv/bin/python");
    assert!(p.exists(), "{} is missing: run `bash scripts/test.sh`, which creates it", p.display());
    p
}

/// Runs a command, panicking with its output when it fails.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("spawning {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed ({}):\n{stdout}\n{stderr}", out.status);
    stdout
}

/// Checks the summary `node --test` printed (TAP `# pass N` or the spec
/// reporter's `ℹ pass N`): exactly `expected` tests ran and passed, none
/// failed, was skipped or cancelled — an empty or filtered run is a failure,
/// not a pass.
pub fn assert_node_tests(out: &str, expected: usize) {
    let count = |key: &str| {
        out.lines().rev().find_map(|l| {
            let rest = l.trim().strip_prefix("# ").or_else(|| l.trim().strip_prefix("ℹ "))?;
            rest.strip_prefix(key)?.trim().parse::<usize>().ok()
        })
    };
    let summary = ["tests", "pass", "fail", "skipped", "cancelled", "todo"].map(|k| count(&format!("{k} ")));
    assert_eq!(
        summary,
        [Some(expected), Some(expected), Some(0), Some(0), Some(0), Some(0)],
        "expected {expected} tests, all passing ([tests, pass, fail, skipped, cancelled, todo]):\n{out}"
    );
}

/// The Chromium the browser tests drive: `MIZAN_CHROMIUM` when set (an
/// existing Chromium or Chrome), else Debian's, which scripts/test.sh
/// installs. Fails with what to do when it is not there.
pub fn chromium() -> PathBuf {
    let path = std::env::var_os("MIZAN_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.is_file(),
        "{} is missing: run `bash scripts/test.sh` (it installs Debian's chromium), or set MIZAN_CHROMIUM to a Chromium binary",
        path.display()
    );
    path
}

/// A fresh temporary folder under `target/tmp`, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let p = root().join("target/tmp").join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
