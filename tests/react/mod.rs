//! The React target: `tsc --strict` (JSX, `@types/react`) over every valid
//! fixture's output beside its stage1 output, with hand-written consumers
//! whose `@ts-expect-error` lines must stay errors; `prettier --check`; and
//! the shop app in headless Chromium against the live protocol server
//! (`e2e`).

mod e2e;

use crate::common::{self, TempDir, copy_tree, node_bin};
use crate::outputs::write_all;
use crate::typescript::{copy_consumers, prettier_check, tsc, write_tsconfig};
use std::path::Path;
use std::process::Command;

/// Each valid fixture's stage1 and react outputs under `dir/gen/<fixture>/`,
/// the consumers beside them, and a tsconfig that type-checks it all.
fn check_project(dir: &Path) {
    let gen_dir = dir.join("gen");
    let stage1 = TempDir::new("react-stage1-out");
    let react = TempDir::new("react-out");
    let fixtures = write_all(stage1.path(), "stage1", "");
    write_all(react.path(), "react", "");
    assert!(fixtures.contains(&"shop".to_owned()));
    for name in &fixtures {
        copy_tree(&stage1.path().join(name), &gen_dir.join(name).join("stage1"));
        copy_tree(&react.path().join(name), &gen_dir.join(name).join("react"));
    }
    copy_consumers("react", dir);
    // `react` and `@types/react` resolve from the pinned toolchain.
    std::os::unix::fs::symlink(common::root().join("tests/js/node_modules"), dir.join("node_modules")).unwrap();
    write_tsconfig(dir, ",\n    \"jsx\": \"react-jsx\"");
}

#[test]
fn react_compiles_under_strict_tsc() {
    let tmp = TempDir::new("tsc-react");
    check_project(tmp.path());
    tsc(tmp.path());
}

#[test]
fn react_is_prettier_formatted() {
    let tmp = TempDir::new("prettier-react");
    write_all(tmp.path(), "react", "");
    prettier_check(tmp.path());
}

#[test]
fn react_misuse_lines_are_real_errors() {
    // Without the @ts-expect-error markers, each misuse in the consumers must
    // be exactly one error: proves the type-check above can fail.
    let tmp = TempDir::new("tsc-react-misuse");
    check_project(tmp.path());
    let mut expected = 0;
    for entry in std::fs::read_dir(common::root().join("tests/consumers/react")).unwrap() {
        let path = tmp.path().join(entry.unwrap().file_name());
        let text = std::fs::read_to_string(&path).unwrap();
        expected += text.matches("@ts-expect-error").count();
        std::fs::write(&path, text.replace("@ts-expect-error", "(expected error)")).unwrap();
    }
    assert!(expected >= 8, "the consumers lost their misuse lines");
    let out = Command::new(node_bin("tsc")).arg("-p").arg(tmp.path().join("tsconfig.json")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "misuse compiled");
    assert_eq!(stdout.matches("error TS").count(), expected, "each misuse is exactly one error:\n{stdout}");
}

/// The README's quick start: its `mizan.toml` through the real binary, then
/// its page compiled with `tsc --strict` against what that wrote.
#[test]
fn the_readme_quick_start_compiles() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Quick start: a React page").expect("the quick start section")..];
    let block = |lang: &str| -> String {
        let start = section.find(&format!("```{lang}\n")).unwrap_or_else(|| panic!("no {lang} block")) + lang.len() + 4;
        section[start..start + section[start..].find("```").unwrap()].to_owned()
    };
    let tmp = TempDir::new("readme-quick-start");
    std::fs::write(tmp.path().join("mizan.toml"), block("toml")).unwrap();
    std::fs::copy(common::root().join("fixtures/valid/shop.kdl"), tmp.path().join("shop.kdl")).unwrap();
    common::run_ok(common::bin().current_dir(tmp.path()));
    std::fs::write(tmp.path().join("src/main.tsx"), block("tsx")).unwrap();
    std::fs::write(tmp.path().join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    std::os::unix::fs::symlink(common::root().join("tests/js/node_modules"), tmp.path().join("node_modules")).unwrap();
    write_tsconfig(tmp.path(), ",\n    \"jsx\": \"react-jsx\"");
    tsc(tmp.path());
}

/// The README's React options section: each code block is an excerpt of
/// the e2e app (`tests/js/apps/react/main.tsx`, its first line says so),
/// which `e2e` drives in headless Chromium; and the hooks it names exist.
#[test]
fn the_readme_options_excerpts_are_the_tested_app() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("\n### Query options, suspense, optimistic updates").expect("README: the options section");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap()];
    let app = std::fs::read_to_string(common::root().join("tests/js/apps/react/main.tsx")).unwrap();
    let mut blocks = 0;
    let mut rest = section;
    while let Some(open) = rest.find("```tsx\n") {
        let body = &rest[open + 7..];
        let end = body.find("```").unwrap();
        let (first, excerpt) = body[..end].split_once('\n').unwrap();
        assert_eq!(first, "// tests/js/apps/react/main.tsx", "README: a block that is not the app's");
        assert!(app.contains(excerpt), "README: this is not in tests/js/apps/react/main.tsx:\n{excerpt}");
        blocks += 1;
        rest = &body[end + 3..];
    }
    assert_eq!(blocks, 4, "README: options, suspense, optimistic update and query hook blocks");
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap();
    let react: String = mizan_generate::testing::emit(&api, "react", "").into_iter().map(|f| f.contents).collect();
    for name in ["useUserProfileSuspense", "useContactValidateQuerySuspense", "defaultQueryOptions", "keepPreviousData"]
    {
        assert!(section.contains(name) && react.contains(name), "README or output lost `{name}`");
    }
}
