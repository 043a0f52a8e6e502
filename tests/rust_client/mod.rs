//! The `rust` target's output checked by the real toolchain: every valid
//! fixture's crate, `shop` with strings for dates and UUIDs, `edge.kdl`
//! (every kind of default, enums that take the fallback's name, many
//! params, reserved names, long names) and seeded random IRs
//! (`common::random_ir`), in one Cargo workspace with a consumer crate
//! (`consumers/rust/use_shop.rs`): `cargo clippy -D warnings` with and
//! without `--all-features`, `cargo test --doc` (the Tauri transport sketch
//! in `lib.rs` compiles, and no doc string from the IR became a doctest),
//! `cargo doc` with `-D warnings` on the crates of the fixtures with hostile
//! and Markdown docs, the `realworld` consumer's serde round trips of
//! renamed wire names, and `rustfmt --check` (the output is already
//! formatted); each misuse of
//! `consumers/rust/misuse_shop.rs` is exactly one compile error; and the
//! `shop` crate end to end against the live protocol server (`e2e`).

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
    run_ok(&mut cargo_command(dir, args))
}

/// The command [`cargo`] runs, to add to.
pub fn cargo_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// How many random IRs go into the workspace.
const RANDOM_IRS: u64 = 16;

/// Writes the rust target of `source` with `options` as the crate `name`
/// (package `{name}-client`: two members of one workspace cannot share a
/// package name).
pub(crate) fn write_crate(dir: &Path, name: &str, source: &str, options: &str) -> String {
    let api = mizan_generate::compile(source).unwrap_or_else(|d| panic!("{name} does not compile: {d:#?}\n{source}"));
    let files = mizan_generate::testing::emit(&api, "rust", options);
    let manifest = files.iter().find(|f| f.path == "Cargo.toml").unwrap();
    let package = manifest.contents.lines().find_map(|l| l.strip_prefix("name = \"")).unwrap().trim_end_matches('"');
    let krate = package.replace('-', "_");
    let (new_package, new_krate) = (format!("{name}-client"), format!("{}_client", name.replace('-', "_")));
    for f in &files {
        let contents = f
            .contents
            .replace(&format!("name = \"{package}\""), &format!("name = \"{new_package}\""))
            .replace(&format!("{krate}::"), &format!("{new_krate}::"))
            // The part crates of a large API's types.
            .replace(&format!("{package}-types-"), &format!("{new_package}-types-"))
            .replace(&format!("{krate}_types_"), &format!("{new_krate}_types_"));
        let out = dir.join(name).join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, contents).unwrap();
    }
    name.to_owned()
}

/// A consumer crate: `consumers/rust/<file>` as a library named `name`
/// with `dependencies` (TOML lines).
fn write_consumer(dir: &Path, name: &str, file: &str, dependencies: &str) -> String {
    let src = dir.join(name).join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        dir.join(name).join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{dependencies}"
        ),
    )
    .unwrap();
    let consumer = common::root().join("tests/consumers/rust").join(file);
    std::fs::copy(consumer, src.join("lib.rs")).unwrap();
    name.to_owned()
}

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
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
    let shop = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    members.push(write_crate(&dir, "shop-strings", &shop, "chrono = false\nuuid = false"));
    let strings = std::fs::read_to_string(dir.join("shop-strings/src/types.rs")).unwrap();
    assert!(strings.contains("pub sent_at: String") && !strings.contains("chrono"), "{strings}");
    let edge = std::fs::read_to_string(common::root().join("tests/rust_client/edge.kdl")).unwrap();
    members.push(write_crate(&dir, "edge", &edge, ""));
    for seed in 0..RANDOM_IRS {
        members.push(write_crate(&dir, &format!("random{seed}"), &common::random_ir::ir(seed), ""));
    }
    let generated = members.len();
    let shop_client = "shop-client = { path = \"../shop\", features = [\"reqwest\", \"ws\"] }\n";
    members.push(write_consumer(&dir, "shop-consumer", "use_shop.rs", shop_client));
    let realworld_client = "realworld-client = { path = \"../realworld\" }\nserde_json = \"1\"\n";
    members.push(write_consumer(&dir, "realworld-consumer", "use_realworld.rs", realworld_client));
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
    assert_eq!(passed, generated, "{doc}");
    // rustdoc accepts the backends' docs as written (tabs, lazy Markdown
    // continuations, `> [!NOTE]`, fences, HTML-looking text).
    let doc = ["doc", "--no-deps", "-p", "realworld-client", "-p", "hostile-x-client"];
    run_ok(cargo_command(&dir, &doc).env("RUSTDOCFLAGS", "-D warnings"));
    // Renamed wire names (`+1` as `plus_1`) and boxed union variants, both ways.
    let tests = cargo(&dir, &["test", "-p", "realworld-consumer", "--lib"]);
    assert!(tests.contains("test result: ok. 3 passed"), "{tests}");
}

/// Each line of `consumers/rust/misuse_shop.rs` marked `// error` is
/// exactly one compile error, on that line: the file is checked once per
/// marked line (as an example of its own), with the other marked lines
/// left out.
#[test]
fn each_misuse_is_exactly_one_error() {
    let dir = common::root().join("target/tmp/rust-misuse");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let shop = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&shop).unwrap();
    for f in mizan_generate::testing::emit(&api, "rust", "") {
        let out = dir.join("shop").join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, f.contents).unwrap();
    }
    let misuse = std::fs::read_to_string(common::root().join("tests/consumers/rust/misuse_shop.rs")).unwrap();
    let lines: Vec<&str> = misuse.lines().collect();
    let marked: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].ends_with("// error")).collect();
    assert_eq!(marked.len(), 19, "the misuse file changed: update this count");
    let examples = dir.join("consumer/examples");
    std::fs::create_dir_all(&examples).unwrap();
    std::fs::write(dir.join("consumer/src.rs"), "").unwrap();
    for (n, &line) in marked.iter().enumerate() {
        let kept: Vec<&str> =
            (0..lines.len()).map(|i| if i == line || !marked.contains(&i) { lines[i] } else { "" }).collect();
        // Examples are binaries: a `main` that uses the function.
        let text = format!("{}\n\nfn main() {{\n    let _ = misuse;\n}}\n", kept.join("\n"));
        std::fs::write(examples.join(format!("misuse{n}.rs")), text).unwrap();
    }
    std::fs::write(
        dir.join("consumer/Cargo.toml"),
        "[package]\nname = \"misuse\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\npath = \"src.rs\"\n\n[dependencies]\nshop-client = { path = \"../shop\", features = [\"reqwest\", \"ws\"] }\n",
    )
    .unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"shop\", \"consumer\"]\n")
        .unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["check", "--examples", "--keep-going", "--message-format", "short", "-p", "misuse"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the misuses compiled:\n{stderr}");
    for (n, &line) in marked.iter().enumerate() {
        let prefix = format!("examples/misuse{n}.rs:");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(&prefix) && l.contains(": error")).collect();
        let at = format!("{prefix}{}:", line + 1);
        assert!(
            errors.len() == 1 && errors[0].contains(&at),
            "line {} ({}) is not exactly one error there: {errors:#?}\n{stderr}",
            line + 1,
            lines[line].trim()
        );
    }
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

/// The README's Rust quick start: each Rust block is an excerpt of the
/// consumer (`consumers/rust/use_shop.rs`, its first line says so), which
/// the workspace test compiles clippy-clean; its config is the target's.
#[test]
fn the_readme_quick_start_is_the_tested_consumer() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("\n## Quick start: Rust\n").expect("README: the Rust quick start");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap()];
    let consumer = std::fs::read_to_string(common::root().join("tests/consumers/rust/use_shop.rs")).unwrap();
    // Every Rust block of the section (the HTTP client, the channel).
    let blocks: Vec<&str> = section.split("```rust\n").skip(1).collect();
    assert!(blocks.len() >= 2, "README: the Rust blocks of the quick start");
    for body in blocks {
        let (first, excerpt) = body[..body.find("```").unwrap()].split_once('\n').unwrap();
        assert_eq!(first, "// tests/consumers/rust/use_shop.rs", "README: a block that is not the consumer's");
        assert!(consumer.contains(excerpt), "README: this is not in tests/consumers/rust/use_shop.rs:\n{excerpt}");
    }
    for key in ["targets = [\"rust\"]", "[target.rust]", "features = [\"reqwest\"]"] {
        assert!(section.contains(key), "README: the quick start lost `{key}`");
    }
}
