//! The `rust` target's output checked by the real toolchain: every valid
//! fixture's crate (plus `shop` with the chrono/uuid options) in one Cargo
//! workspace, with `cargo clippy -D warnings` with and without the
//! `reqwest` feature, `cargo test --doc` (the Tauri transport sketch in
//! `lib.rs` compiles, and no doc string from the IR became a doctest) and
//! `rustfmt --check` (the output is already formatted); and the `shop`
//! crate end to end against the live protocol server (`e2e`).

mod e2e;

use crate::common::{self, run_ok};
use crate::outputs::write_all;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One target dir for every cargo run over generated crates, so reqwest
/// and friends compile once and reruns are incremental.
pub fn shared_target_dir() -> PathBuf {
    common::root().join("target/rust-check-target")
}

/// `cargo <args>` with the shared target dir, run in `dir`.
pub fn cargo(dir: &Path, args: &[&str]) -> String {
    run_ok(
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", shared_target_dir())
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
    )
}

/// Writes `shop` with chrono and uuid types as its own crate.
fn write_shop_with_options(dir: &Path) -> String {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    let name = "shop-chrono-uuid";
    for f in mizan_generate::testing::emit(&api, "rust", "chrono = true\nuuid = true") {
        // Two members of one workspace cannot share a package name.
        let contents = f
            .contents
            .replace("name = \"shop-client\"", "name = \"shop-client-chrono-uuid\"")
            .replace("shop_client::", "shop_client_chrono_uuid::");
        let out = dir.join(name).join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, contents).unwrap();
    }
    assert!(std::fs::read_to_string(dir.join(name).join("src/types.rs")).unwrap().contains("chrono::DateTime"));
    name.to_owned()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn output_compiles_is_clippy_clean_and_rustfmt_formatted() {
    // A fixed folder (not a TempDir) so the workspace's Cargo.lock and
    // fingerprints survive between runs.
    let dir = common::root().join("target/tmp/rust-check");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        }
    }
    let mut members = write_all(&dir, "rust", "");
    assert!(members.contains(&"shop".to_owned()));
    members.push(write_shop_with_options(&dir));
    let list = members.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", ");
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{list}]\n")).unwrap();
    // Default rustfmt settings, not the repository's rustfmt.toml above.
    std::fs::write(dir.join("rustfmt.toml"), "").unwrap();

    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    files.sort();
    run_ok(Command::new("rustfmt").args(["--check", "--edition", "2021"]).args(&files).current_dir(&dir));

    cargo(&dir, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    cargo(&dir, &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"]);
    let doc = cargo(&dir, &["test", "--workspace", "--doc", "--all-features"]);
    // One doctest per crate: the Tauri sketch. Doc strings from the IR
    // (hostile.kdl has code fences) must not add any.
    let passed: usize = doc
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .map(|l| l.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(passed, members.len(), "{doc}");
}

#[test]
fn rustfmt_check_can_fail() {
    // The formatting check above is only worth something if rustfmt
    // rejects what it would reformat.
    let tmp = common::TempDir::new("rustfmt-negative");
    std::fs::write(tmp.path().join("rustfmt.toml"), "").unwrap();
    let file = tmp.path().join("bad.rs");
    std::fs::write(&file, "pub fn f( ) -> i64 {1}\n").unwrap();
    let out = Command::new("rustfmt").args(["--check", "--edition", "2021"]).arg(&file).output().unwrap();
    assert!(!out.status.success());
}
