//! The `vue` and `svelte` targets checked by their own toolchains (pinned
//! in `tests/js`): `vue-tsc --noEmit` and `svelte-check` over every valid
//! fixture's output (with stage1 beside it) and the hand-written consumer
//! components in `tests/consumers/{vue,svelte,svelte-runes}`, whose
//! `@ts-expect-error` lines must be real errors; `prettier --check` on the
//! output; and the DOM tests of `tests/js/apps/{vue,svelte}` (vitest with
//! happy-dom) against the live protocol server (`runtime`).

mod runtime;

use crate::common::{self, TempDir, node_bin};
use crate::outputs::write_all;
use crate::typescript::{prettier_check, write_tsconfig};

use std::path::Path;
use std::process::{Command, Output};

/// A binding flavor: its target, options, output folder and consumer folder.
pub struct Flavor {
    pub target: &'static str,
    /// The body of its `[target.<name>]` table.
    pub options: &'static str,
    /// `vue`, `svelte` or `svelte-runes`: the output folder beside
    /// `stage1`, and the folder of its consumers.
    pub folder: &'static str,
}

pub fn vue() -> Flavor {
    Flavor { target: "vue", options: "", folder: "vue" }
}

/// Svelte's stores flavor, or with `runes` its runes flavor.
pub fn svelte(runes: bool) -> Flavor {
    if runes {
        Flavor { target: "svelte", options: "flavor = \"runes\"", folder: "svelte-runes" }
    } else {
        Flavor { target: "svelte", options: "", folder: "svelte" }
    }
}

/// Writes `<fixture>/stage1/` and `<fixture>/<folder>/` under `dir` for
/// every valid fixture (the bindings import `../stage1`).
pub fn write_with_stage1(dir: &Path, flavor: &Flavor) -> Vec<String> {
    let mut names = Vec::new();
    for (name, path) in common::fixtures("valid") {
        let source = std::fs::read_to_string(&path).unwrap();
        let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("{name} does not compile: {d:#?}"));
        for (target, options, folder) in [("stage1", "", "stage1"), (flavor.target, flavor.options, flavor.folder)] {
            for f in mizan_generate::testing::emit(&api, target, options) {
                let out = dir.join(&name).join(folder).join(&f.path);
                std::fs::create_dir_all(out.parent().unwrap()).unwrap();
                std::fs::write(&out, &f.contents).unwrap();
            }
        }
        names.push(name);
    }
    names
}

/// A check project: generated code under `gen/`, the consumers at the
/// root, a strict tsconfig that also includes `.vue`/`.svelte` files, and
/// `node_modules` linked to the pinned toolchain so `vue`/`svelte` resolve.
fn project(flavor: &Flavor, strip_expect_error: bool) -> TempDir {
    let tmp = TempDir::new(&format!("check-{}", flavor.folder));
    let fixtures = write_with_stage1(&tmp.path().join("gen"), flavor);
    assert!(fixtures.contains(&"shop".to_owned()));
    let consumers = common::root().join("tests/consumers").join(flavor.folder);
    for entry in std::fs::read_dir(&consumers).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if strip_expect_error {
            text = text.replace("// @ts-expect-error", "// (expected error)");
        }
        std::fs::write(tmp.path().join(path.file_name().unwrap()), text).unwrap();
    }
    write_tsconfig(tmp.path(), "");
    let config = tmp.path().join("tsconfig.json");
    let text = std::fs::read_to_string(&config).unwrap();
    let component = if flavor.target == "vue" { "**/*.vue" } else { "**/*.svelte" };
    std::fs::write(&config, text.replace("\"**/*.tsx\"]", &format!("\"**/*.tsx\", \"{component}\"]"))).unwrap();
    link_node_modules(tmp.path());
    tmp
}

pub(crate) fn link_node_modules(dir: &Path) {
    let modules = common::root().join("tests/js/node_modules");
    assert!(modules.is_dir(), "{} is missing: run `bash scripts/test.sh`", modules.display());
    #[cfg(unix)]
    std::os::unix::fs::symlink(&modules, dir.join("node_modules")).unwrap();
}

/// Runs the flavor's checker on a project; its output and success.
pub(crate) fn check(flavor: &Flavor, dir: &Path) -> (bool, String) {
    let out: Output = if flavor.target == "vue" {
        Command::new(node_bin("vue-tsc")).args(["--noEmit", "-p"]).arg(dir.join("tsconfig.json")).output()
    } else {
        Command::new(node_bin("svelte-check"))
            .arg("--workspace")
            .arg(dir)
            .arg("--tsconfig")
            .arg(dir.join("tsconfig.json"))
            .args(["--output", "machine", "--fail-on-warnings"])
            .output()
    }
    .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// The output and the consumers type-check; without their
/// `@ts-expect-error` markers, each misuse is exactly one error.
fn type_checks(flavor: Flavor) {
    let clean = project(&flavor, false);
    let (ok, text) = check(&flavor, clean.path());
    assert!(ok, "{} does not type-check:\n{text}", flavor.folder);
    drop(clean);

    let misuse = project(&flavor, true);
    let (ok, text) = check(&flavor, misuse.path());
    assert!(!ok, "{}: the misuse type-checked:\n{text}", flavor.folder);
    let expected: usize = std::fs::read_dir(common::root().join("tests/consumers").join(flavor.folder))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().matches("// @ts-expect-error").count())
        .sum();
    let errors = if flavor.target == "vue" {
        text.matches("error TS").count()
    } else {
        text.lines().filter(|l| l.split_whitespace().nth(1) == Some("ERROR")).count()
    };
    assert_eq!(errors, expected, "{}: each misuse is exactly one error:\n{text}", flavor.folder);
}

#[test]
fn vue_type_checks_with_vue_tsc() {
    type_checks(vue());
}

#[test]
fn svelte_stores_pass_svelte_check() {
    type_checks(svelte(false));
}

#[test]
fn svelte_runes_pass_svelte_check() {
    type_checks(svelte(true));
}

#[test]
fn vue_and_svelte_are_prettier_formatted() {
    // Only the bindings: stage1 has its own prettier test.
    let tmp = TempDir::new("prettier-vue-svelte");
    for flavor in [vue(), svelte(false), svelte(true)] {
        write_all(&tmp.path().join(flavor.folder), flavor.target, flavor.options);
    }
    prettier_check(tmp.path());
}

/// The README's quick start `section`: its `mizan.toml` through the real
/// binary, then its other code blocks (each naming its file on its first
/// line: `// src/main.ts`, `<!-- src/Profile.vue -->`) written where they
/// say, type-checked by the flavor's checker against what that wrote.
fn readme_quick_start(section: &str, flavor: &Flavor) {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find(&format!("\n## {section}\n")).unwrap_or_else(|| panic!("README: no {section:?}"));
    let body = &readme[start + section.len() + 5..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let tmp = TempDir::new(&format!("readme-{}", flavor.folder));
    let mut files = 0;
    for block in body.split("```").skip(1).step_by(2) {
        let (_lang, code) = block.split_once('\n').unwrap();
        if let Some(toml) = code.strip_prefix("# mizan.toml\n") {
            std::fs::write(tmp.path().join("mizan.toml"), toml).unwrap();
            continue;
        }
        let first = code.lines().next().unwrap();
        let name = first.trim_start_matches("//").trim_start_matches("<!--").trim_end_matches("-->").trim();
        let path = tmp.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, code).unwrap();
        files += 1;
    }
    assert!(files >= 1 && tmp.path().join("mizan.toml").is_file(), "README, {section}: no config or no file");
    std::fs::copy(common::root().join("fixtures/valid/shop.kdl"), tmp.path().join("shop.kdl")).unwrap();
    common::run_ok(common::bin().current_dir(tmp.path()));
    write_tsconfig(tmp.path(), "");
    let config = tmp.path().join("tsconfig.json");
    let text = std::fs::read_to_string(&config).unwrap();
    let component = if flavor.target == "vue" { "**/*.vue" } else { "**/*.svelte" };
    std::fs::write(&config, text.replace("\"**/*.tsx\"]", &format!("\"**/*.tsx\", \"{component}\"]"))).unwrap();
    std::fs::write(tmp.path().join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    link_node_modules(tmp.path());
    let (ok, text) = check(flavor, tmp.path());
    assert!(ok, "README, {section}: does not type-check:\n{text}");
}

#[test]
fn the_readme_vue_quick_start_type_checks() {
    readme_quick_start("Quick start: Vue", &vue());
}

#[test]
fn the_readme_svelte_quick_start_type_checks() {
    readme_quick_start("Quick start: Svelte", &svelte(true));
}
